#include "base/processrunner.h"

#include <QElapsedTimer>
#include <QProcess>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace {

constexpr int kStartMs = 30000;
constexpr int kPollMs = 25; // how often cancel, the timeout and the limit are looked at
constexpr int kReapAfterKillMs = 5000;

// In the child, between fork and exec: a session of its own, so that its
// process group holds whatever it starts; and killed if the thread that
// started it dies with LayerSlim (a Ctrl-C no longer reaches it through the
// terminal's process group).
void ownSession()
{
    ::setsid();
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
}

// Stops the child's whole session: SIGTERM first when there is a grace
// period, then SIGKILL for whatever is left.
void stopSession(QProcess &p, int graceMs)
{
    const auto group = pid_t(p.processId());
    if (graceMs > 0) {
        ::kill(-group, SIGTERM);
        if (p.waitForFinished(graceMs))
            return; // reaped: its id is free for reuse, so nothing more goes to it
    }
    ::kill(-group, SIGKILL);
    p.waitForFinished(kReapAfterKillMs);
}

// ProcessResult::error for how `result` ended.
QString whyNot(const ProcessResult &result, const ProcessRequest &request, const QString &processError)
{
    switch (result.end) {
    case ProcessResult::End::Exited:
        return result.exitCode == 0 ? QString() : QStringLiteral("exited with status %1").arg(result.exitCode);
    case ProcessResult::End::Crashed:
    case ProcessResult::End::FailedToStart:
        return processError;
    case ProcessResult::End::TimedOut:
        return QStringLiteral("timed out after %1 s").arg(request.timeoutMs / 1000.0);
    case ProcessResult::End::OutputLimit:
        return QStringLiteral("stopped after writing more than %1 bytes of output").arg(request.outputLimit);
    case ProcessResult::End::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

} // namespace

ProcessResult ProcessRunner::run(const ProcessRequest &request)
{
    ProcessResult result;
    result.output = CappedOutput(request.outputCap);
    result.errors = CappedOutput(request.outputCap);
    JobControl *control = request.control;
    if (control && control->cancelled()) {
        result.end = ProcessResult::End::Cancelled;
        result.error = whyNot(result, request, {});
        return result;
    }

    QProcess p;
    if (request.environment)
        p.setProcessEnvironment(*request.environment);
    if (!request.workingDirectory.isEmpty())
        p.setWorkingDirectory(request.workingDirectory);
    if (request.mergeOutput)
        p.setProcessChannelMode(QProcess::MergedChannels);
    p.setChildProcessModifier(ownSession);
    p.start(request.program, request.arguments);
    QElapsedTimer timer;
    timer.start();
    if (!p.waitForStarted(kStartMs)) {
        result.error = p.errorString();
        return result;
    }
    if (request.input) {
        p.write(*request.input);
        p.closeWriteChannel();
    }

    auto drain = [&] {
        if (const QByteArray out = p.readAllStandardOutput(); !out.isEmpty()) {
            result.output.append(out);
            if (request.onOutput)
                request.onOutput(out);
        }
        if (request.mergeOutput)
            return;
        if (const QByteArray err = p.readAllStandardError(); !err.isEmpty()) {
            result.errors.append(err);
            if (request.onErrors)
                request.onErrors(err);
        }
    };
    // waitForReadyRead returns at once once stdout is closed; from then on the end is waited for.
    bool stdoutClosed = false;
    QObject::connect(&p, &QProcess::readChannelFinished, [&stdoutClosed] { stdoutClosed = true; });
    ProcessResult::End stop = ProcessResult::End::Exited;
    while (p.state() != QProcess::NotRunning) {
        // Waiting for output rather than for the end takes at most a pipe's
        // worth at a time, so a child that floods never piles up in QProcess's buffer.
        if (stdoutClosed)
            p.waitForFinished(kPollMs);
        else
            p.waitForReadyRead(kPollMs);
        drain();
        if (p.state() == QProcess::NotRunning)
            break;
        if (control && control->cancelled())
            stop = ProcessResult::End::Cancelled;
        else if (request.timeoutMs >= 0 && timer.elapsed() > request.timeoutMs)
            stop = ProcessResult::End::TimedOut;
        else if (request.outputLimit >= 0 && result.output.total() + result.errors.total() > request.outputLimit)
            stop = ProcessResult::End::OutputLimit;
        if (stop != ProcessResult::End::Exited) {
            stopSession(p, stop == ProcessResult::End::Cancelled ? request.cancelGraceMs : 0);
            break;
        }
    }
    drain();
    result.millis = timer.elapsed();
    result.exitCode = p.exitCode();
    result.end = stop;
    if (stop == ProcessResult::End::Exited && p.exitStatus() == QProcess::CrashExit)
        result.end = ProcessResult::End::Crashed;
    result.error = whyNot(result, request, p.errorString());
    return result;
}

QProcessEnvironment ProcessRunner::cleanEnvironment(const QString &path)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("PATH"), path);
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    return env;
}
