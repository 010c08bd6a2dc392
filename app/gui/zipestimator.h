// The zipped size of the current selection for the budget gauge: wraps
// core's ZipSizePredictor, whose exact pass (every file deflated once) runs
// on a worker thread; until it ends, predictions are approximate.
#pragma once

#include "bitset.h"
#include "layer.h"

#include <QFutureWatcher>
#include <QObject>

#include <cstdint>
#include <memory>
#include <optional>

class ZipSizePredictor;
class JobControl;

class ZipEstimator : public QObject
{
    Q_OBJECT

public:
    // What predict() answers.
    struct Estimate {
        std::uint64_t bytes = 0; // the zip's size, header bytes included
        bool exact = false;      // false while the exact pass is still running
    };

    // Starts the exact pass at `level` for `layer` (which it keeps alive while working).
    ZipEstimator(std::shared_ptr<Layer> layer, int level, QObject *parent = nullptr);
    // Cancels the pass; the worker lets go of the layer when it notices.
    ~ZipEstimator() override;

    // The zip Exporter would write for `pruned` under `prefix`; nullopt when the prefix is invalid.
    [[nodiscard]] std::optional<Estimate> predict(const Bitset &pruned, const QString &prefix) const;
    [[nodiscard]] bool isComputing() const { return m_watcher.isRunning(); }

Q_SIGNALS:
    // The exact pass finished: predictions are exact from now on.
    void exactReady();

private:
    std::shared_ptr<Layer> m_layer;
    std::shared_ptr<ZipSizePredictor> m_predictor;
    std::shared_ptr<JobControl> m_control;
    QFutureWatcher<bool> m_watcher;
};
