#include "gui/shell/scanjob.h"

#include <QPointer>
#include <QtConcurrent>

#include <spdlog/spdlog.h>

ScanJob::ScanJob(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path))
{
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, &ScanJob::onFinished);
}

ScanJob::~ScanJob()
{
    if (m_watcher.isRunning()) {
        m_control->cancel();
        m_watcher.waitForFinished();
    }
}

void ScanJob::start()
{
    QPointer<ScanJob> self(this);
    // Called on the worker thread; the queued call lands on the GUI thread,
    // and is dropped if this job is gone by then.
    m_control = std::make_shared<JobControl>([self](const JobProgress &p) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, files = p.items, bytes = p.bytes, current = p.current] {
                if (self)
                    Q_EMIT self->progress(files, bytes, QString::fromUtf8(current));
            },
            Qt::QueuedConnection);
    });
    spdlog::info("scanning {}", m_path.toStdString());
    m_watcher.setFuture(QtConcurrent::run([path = m_path, control = m_control] {
        Result r;
        auto layer = std::make_shared<Layer>(Layer::open(path, &r.error, control.get()));
        if (layer->tree)
            r.layer = std::move(layer);
        return r;
    }));
}

void ScanJob::cancel()
{
    if (m_control)
        m_control->cancel();
}

void ScanJob::onFinished()
{
    Result r = m_watcher.result();
    const bool cancelled = m_control && m_control->cancelled();
    if (cancelled) {
        spdlog::info("scan of {} cancelled", m_path.toStdString());
        Q_EMIT finished(nullptr, tr("Scan cancelled."), true);
        return;
    }
    if (!r.layer) {
        spdlog::warn("scan failed: {}", r.error.toStdString());
        Q_EMIT finished(nullptr, r.error, false);
        return;
    }
    spdlog::info("scanned {}: {} files, {} bytes", m_path.toStdString(), r.layer->tree->fileCount(),
                 r.layer->tree->totalBytes(0));
    Q_EMIT finished(std::move(r.layer), QString(), false);
}
