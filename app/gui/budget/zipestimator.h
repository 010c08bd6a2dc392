// The zipped size of the current selection for the budget gauge: wraps
// core's ZipSizePredictor, whose exact pass (every file deflated once, and the
// strip rule's matches stripped as export strips them) runs on a worker
// thread, taking unchanged files' sizes from the persistent cache; until it
// ends, predictions are approximate.
#pragma once

#include "base/bitset.h"
#include "scan/layer.h"
#include "tree/filetree.h"
#include "tree/nodecategory.h"

#include <QFutureWatcher>
#include <QObject>

#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>

class JobControl;
class SizeLedger;
class ZipSizePredictor;

class ZipEstimator : public QObject
{
    Q_OBJECT

public:
    // What predict() answers.
    struct Estimate {
        std::uint64_t bytes = 0; // the zip's size, header bytes included
        bool exact = false;      // false while the exact pass is still running
    };
    // What stripping saves per file (size before minus size after).
    using Savings = std::unordered_map<FileTree::Index, std::uint64_t>;

    // Estimates for `layer` (which it keeps alive while working); the exact
    // pass at `level` starts with start(). `stripMatches` (the strip rule's
    // matches) are stripped in the pass whether or not the rule is on, so
    // turning it on later needs no new pass. `categories` are the tree's
    // (NodeClassifier::classifyAll), for the estimate before that pass; read
    // here only, not kept.
    ZipEstimator(std::shared_ptr<Layer> layer, int level, Bitset stripMatches,
                 const std::vector<NodeCategory> &categories, QObject *parent = nullptr);
    // Starts the exact pass in the background (once; later calls do nothing).
    void start();
    // Cancels the pass; the worker lets go of the layer when it notices.
    ~ZipEstimator() override;

    // The zip Exporter would write for `ledger`'s selection (its pruned set,
    // and stripped copies where its strip rule is on) under `prefix`; nullopt
    // when the prefix is invalid.
    [[nodiscard]] std::optional<Estimate> predict(const SizeLedger &ledger, const QString &prefix) const;
    [[nodiscard]] bool isComputing() const { return m_watcher.isRunning(); }
    // What stripping saved on the strip rule's matches, once the pass has
    // ended (for SizeLedger::setTransformSavings); nullopt before, or when
    // there was nothing to strip.
    [[nodiscard]] const std::optional<Savings> &stripSavings() const { return *m_savings; }

Q_SIGNALS:
    // The exact pass finished: predictions are exact from now on.
    void exactReady();

private:
    std::shared_ptr<Layer> m_layer;
    std::shared_ptr<ZipSizePredictor> m_predictor;
    std::shared_ptr<JobControl> m_control;
    std::shared_ptr<std::optional<Savings>> m_savings; // written by the worker, read after it ends
    Bitset m_stripMatches;
    int m_level;
    bool m_started = false;
    QFutureWatcher<bool> m_watcher;
};
