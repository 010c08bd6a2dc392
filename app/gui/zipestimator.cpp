#include "zipestimator.h"

#include "exportplan.h"
#include "zipsizepredictor.h"

#include <QThread>
#include <QtConcurrent>

#include <spdlog/spdlog.h>

ZipEstimator::ZipEstimator(std::shared_ptr<Layer> layer, int level, QObject *parent)
    : QObject(parent)
    , m_layer(std::move(layer))
    , m_predictor(std::make_shared<ZipSizePredictor>(*m_layer->tree, m_layer->zipEntries))
    , m_control(std::make_shared<JobControl>())
{
    connect(&m_watcher, &QFutureWatcher<bool>::finished, this, [this] {
        if (m_watcher.result())
            Q_EMIT exactReady();
    });
    // Leave a core to the GUI thread.
    const int threads = std::max(1, QThread::idealThreadCount() - 1);
    m_watcher.setFuture(QtConcurrent::run(
        [layer = m_layer, predictor = m_predictor, control = m_control, level, threads] {
            QString error;
            const bool ok = predictor->compute(level, control.get(), threads, &error);
            if (!ok && !control->cancelled())
                spdlog::warn("zip size prediction stays approximate: {}", error.toStdString());
            return ok;
        }));
}

ZipEstimator::~ZipEstimator()
{
    m_control->cancel();
}

std::optional<ZipEstimator::Estimate> ZipEstimator::predict(const Bitset &pruned, const QString &prefix) const
{
    const std::optional<QByteArray> normalized = ExportPlan::normalizePrefix(prefix, nullptr);
    if (!normalized)
        return std::nullopt;
    const ZipSizePredictor::Prediction p = m_predictor->predict(pruned, *normalized);
    return Estimate{p.bytes, p.exact};
}
