#include "gui/checks/verifyjob.h"

#include <QMetaObject>
#include <QtConcurrent>

#include <utility>

VerifyJob::VerifyJob(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, [this] {
        m_running = false;
        const bool cancelled = m_control && m_control->cancelled();
        if (m_done)
            std::exchange(m_done, nullptr)(cancelled);
        Q_EMIT finished(cancelled);
    });
}

VerifyJob::~VerifyJob()
{
    if (m_running) {
        m_control->cancel();
        m_watcher.disconnect(this);
        m_watcher.waitForFinished();
    }
}

bool VerifyJob::start(const QString &what, Work work, Done done)
{
    if (m_running)
        return false;
    // The progress callback runs on a worker; the destructor waits for the
    // work, and a queued call to a deleted object is dropped, so `this` is safe.
    m_control = std::make_shared<JobControl>([this](const JobProgress &p) {
        QMetaObject::invokeMethod(
            this, [this, p] { Q_EMIT progress(p.items, p.totalItems, QString::fromUtf8(p.current)); },
            Qt::QueuedConnection);
    });
    m_running = true;
    m_done = std::move(done);
    std::shared_ptr<JobControl> control = m_control;
    m_watcher.setFuture(QtConcurrent::run([work = std::move(work), control] { work(*control); }));
    Q_EMIT started(what);
    return true;
}

void VerifyJob::cancel()
{
    if (m_running && m_control)
        m_control->cancel();
}
