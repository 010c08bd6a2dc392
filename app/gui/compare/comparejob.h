// Compares the open layer, under its current selection, with another layer
// (a zip or a folder): ScanJob scans the other one, then a worker reads both
// sides' distributions and runs LayerDiff on copies of the tree and the
// selection, so the user may go on editing, or close the layer, meanwhile.
#pragma once

#include "base/bitset.h"
#include "scan/layer.h"
#include "select/layerdiff.h"
#include "select/targets.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

class LayerDocument;
class ScanJob;

class CompareJob : public QObject
{
    Q_OBJECT

public:
    // A: the layer at `otherPath`, every file of it; B: `document` as its
    // selection keeps it now. Distributions are read for `target`.
    CompareJob(const LayerDocument &document, const Target &target, QString otherPath, QObject *parent = nullptr);
    // Cancels and waits for the worker (the comparison ends on its own; its result is dropped).
    ~CompareJob() override;

    void start();
    void cancel();
    [[nodiscard]] const QString &otherPath() const { return m_otherPath; }
    [[nodiscard]] bool isRunning() const { return m_running; }

Q_SIGNALS:
    // What is going on, for a status line ("Scanning … 1,204 files, 38 MB").
    void progress(const QString &text);
    // Exactly once. `diff` is null when the other layer could not be read
    // (`error` names the path and the reason) or the job was cancelled.
    void finished(std::shared_ptr<const LayerDiff> diff, const QString &error, bool cancelled);

private:
    void scanned(std::shared_ptr<Layer> other, const QString &error, bool cancelled);
    void compared();
    void finish(std::shared_ptr<const LayerDiff> diff, const QString &error, bool cancelled);

    // The open layer as it was when the job was made.
    std::shared_ptr<const FileTree> m_tree;
    std::shared_ptr<const std::vector<ZipEntryRef>> m_zipEntries;
    std::shared_ptr<const Bitset> m_pruned;
    Target m_target;
    QString m_otherPath;
    ScanJob *m_scan = nullptr;
    QFutureWatcher<std::shared_ptr<const LayerDiff>> m_watcher;
    bool m_cancelled = false;
    bool m_running = false;
};
