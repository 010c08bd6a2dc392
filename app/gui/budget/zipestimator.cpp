#include "gui/budget/zipestimator.h"

#include "export/compressedsizecache.h"
#include "export/exportplan.h"
#include "export/zipsizepredictor.h"

#include <QThread>
#include <QtConcurrent>

#include <spdlog/spdlog.h>

ZipEstimator::ZipEstimator(std::shared_ptr<Layer> layer, int level, Bitset stripMatches,
                           const std::vector<NodeCategory> &categories, QObject *parent)
    : QObject(parent)
    , m_layer(std::move(layer))
    , m_predictor(std::make_shared<ZipSizePredictor>(*m_layer->tree, m_layer->zipEntries, &categories))
    , m_control(std::make_shared<JobControl>())
    , m_savings(std::make_shared<std::optional<Savings>>())
    , m_stripMatches(std::move(stripMatches))
    , m_level(level)
{
    connect(&m_watcher, &QFutureWatcher<bool>::finished, this, [this] {
        if (m_watcher.result())
            Q_EMIT exactReady();
    });
}

void ZipEstimator::start()
{
    if (m_started)
        return;
    m_started = true;
    // Leave a core to the GUI thread.
    const int threads = std::max(1, QThread::idealThreadCount() - 1);
    m_watcher.setFuture(
        QtConcurrent::run([layer = m_layer, predictor = m_predictor, control = m_control, savings = m_savings,
                           strip = std::move(m_stripMatches), level = m_level, threads] {
            // The ledger lives on the GUI thread: the savings go back through
            // stripSavings() rather than into it from here.
            // Sizes of files deflated on an earlier opening come from the
            // cache: a layer opened again is exact almost at once. Its first
            // load (up to 64 MB of sizes) is the worker's, not the window's.
            predictor->setCache(&CompressedSizeCache::standard());
            QString error;
            if (!predictor->compute(level, control.get(), threads, &error)) {
                if (!control->cancelled())
                    spdlog::warn("zip size prediction stays approximate: {}", error.toStdString());
                return false;
            }
            if (const QString warning = predictor->cacheWarning(); !warning.isEmpty())
                spdlog::warn("{}", warning.toStdString());
            // Without the stripped sizes, selections with strip on stay approximate; the rest are exact.
            if (strip.any()) {
                *savings = predictor->measureStrip(strip, level, control.get(), threads, &error);
                if (!savings->has_value() && !control->cancelled())
                    spdlog::warn("zip size with strip stays approximate: {}", error.toStdString());
            }
            return !control->cancelled();
        }));
}

ZipEstimator::~ZipEstimator()
{
    m_control->cancel();
}

std::optional<ZipEstimator::Estimate> ZipEstimator::predict(const SizeLedger &ledger, const QString &prefix) const
{
    const std::optional<QByteArray> normalized = ExportPlan::normalizePrefix(prefix, nullptr);
    if (!normalized)
        return std::nullopt;
    const ZipSizePredictor::Prediction p = m_predictor->predict(ledger, *normalized);
    return Estimate{p.bytes, p.exact};
}
