// Runs one Checks-panel job (a verify, a culprit bisection or a lint) on the
// thread pool with its own JobControl, and reports progress and the end on
// the GUI thread. The work writes its result into state it owns itself.
#pragma once

#include "base/jobcontrol.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class VerifyJob : public QObject
{
    Q_OBJECT

public:
    using Work = std::function<void(JobControl &)>;

    explicit VerifyJob(QObject *parent = nullptr);
    // Cancels a job still running and waits for it, so its work never outlives the panel.
    ~VerifyJob() override;

    // Starts `work` on the global pool; does nothing when a job is running.
    bool start(Work work);
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }

Q_SIGNALS:
    // Throttled by JobControl (~100 ms); `total` is 0 when unknown.
    void progress(quint64 done, quint64 total, const QString &current);
    // The work returned; `cancelled` when cancel() was called first.
    void finished(bool cancelled);

private:
    std::shared_ptr<JobControl> m_control;
    QFutureWatcher<void> m_watcher;
    bool m_running = false;
};
