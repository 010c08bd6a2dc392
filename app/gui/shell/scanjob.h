// Scans a folder or zip with Layer::open on a worker thread (QtConcurrent),
// forwarding JobControl progress to the GUI thread and honouring Cancel.
#pragma once

#include "scan/layer.h"

#include <QFutureWatcher>
#include <QObject>

#include <memory>

class ScanJob : public QObject
{
    Q_OBJECT

public:
    explicit ScanJob(QString path, QObject *parent = nullptr);
    // Cancels a running scan and waits for the worker to notice (it checks every entry).
    ~ScanJob() override;

    void start();
    void cancel();
    [[nodiscard]] const QString &path() const { return m_path; }
    [[nodiscard]] bool isRunning() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    // About every 100 ms while scanning.
    void progress(quint64 files, quint64 bytes, const QString &current);
    // Exactly once. `layer` is null when the scan failed (`error` says why) or was cancelled.
    void finished(std::shared_ptr<Layer> layer, const QString &error, bool cancelled);

private:
    // What the worker hands back.
    struct Result {
        std::shared_ptr<Layer> layer;
        QString error;
    };
    void onFinished();

    QString m_path;
    std::shared_ptr<JobControl> m_control;
    QFutureWatcher<Result> m_watcher;
};
