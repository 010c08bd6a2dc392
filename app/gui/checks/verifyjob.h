// Runs one Checks-panel job (a verify, a culprit bisection or a lint) on the
// thread pool with its own JobControl, and reports the start, progress and the
// end on the GUI thread. The work writes its result into state it owns itself;
// the tab that started it reads that state in its `done` callback.
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
    using Done = std::function<void(bool cancelled)>;

    explicit VerifyJob(QObject *parent = nullptr);
    // Cancels a job still running and waits for it, so its work never outlives the panel.
    ~VerifyJob() override;

    // Starts `work` on the global pool, `what` naming it for the status line;
    // `done` runs on the GUI thread when it returns, before finished().
    // Does nothing (false) when a job is running.
    bool start(const QString &what, Work work, Done done);
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_running; }

Q_SIGNALS:
    // A job began; `what` says what it does.
    void started(const QString &what);
    // Throttled by JobControl (~100 ms); `total` is 0 when unknown.
    void progress(quint64 done, quint64 total, const QString &current);
    // The work returned; `cancelled` when cancel() was called first.
    void finished(bool cancelled);

private:
    std::shared_ptr<JobControl> m_control;
    QFutureWatcher<void> m_watcher;
    Done m_done;
    bool m_running = false;
};
