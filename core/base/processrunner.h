// The one way LayerSlim runs a subprocess (pip, python, strip): to its end,
// a timeout, a cancel or an output limit. The child leads a session of its
// own, so that stopping it kills everything it started with it; its output is
// kept up to a cap or handed to callbacks as it arrives.
#pragma once

#include "base/cappedoutput.h"
#include "base/jobcontrol.h"

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <optional>

struct ProcessRequest {
    using ChunkFn = std::function<void(const QByteArray &chunk)>;

    QString program; // a path, or a name looked up on PATH
    QStringList arguments;
    QString workingDirectory;                       // empty: the caller's
    std::optional<QProcessEnvironment> environment; // unset: the caller's environment
    std::optional<QByteArray> input;                // written to stdin, which is then closed; unset: left open
    bool mergeOutput = false;                       // stderr goes into `output` with stdout
    int timeoutMs = -1;                             // -1: none
    qsizetype outputCap = -1;                       // bytes kept of each stream (CappedOutput); -1: all
    qint64 outputLimit = -1;                        // output bytes (both streams) after which it is stopped; -1: none
    int cancelGraceMs = 0;                          // on cancel, SIGTERM and this long to exit before SIGKILL
    JobControl *control = nullptr;                  // cancelled: the process is stopped, or never started
    ChunkFn onOutput;                               // each piece of stdout as it arrives, on the calling thread
    ChunkFn onErrors;                               // the same for stderr (unless merged)
};

struct ProcessResult {
    // How the run ended.
    enum class End : std::uint8_t {
        Exited,        // the program exited by itself; `exitCode` says how
        Crashed,       // killed by a signal it did not get from the runner (e.g. a segfault)
        TimedOut,      // still running at the timeout; its session was killed
        OutputLimit,   // wrote more than the output limit; its session was killed
        Cancelled,     // the JobControl was cancelled; its session was stopped (or it never started)
        FailedToStart, // the program could not be run; `error` says why
    };

    End end = End::FailedToStart;
    int exitCode = -1;   // the exit status, or the signal number once killed; -1 when it never ran
    QString error;       // why it did not succeed: QProcess's words when it failed to start or
                         // crashed ("execve: No such file or directory"), else "exited with status 1",
                         // "timed out after 300 s" …; empty on success
    qint64 millis = 0;   // from start to end
    CappedOutput output; // stdout, with stderr when merged
    CappedOutput errors; // stderr when not merged

    [[nodiscard]] bool succeeded() const { return end == End::Exited && exitCode == 0; }
};

class ProcessRunner
{
public:
    // Runs `request` to its end; blocks the calling thread.
    [[nodiscard]] static ProcessResult run(const ProcessRequest &request);
    // An environment with nothing of the caller's in it: PATH as given and a
    // UTF-8 locale, so a child's output and file names decode the same everywhere.
    [[nodiscard]] static QProcessEnvironment
    cleanEnvironment(const QString &path = QStringLiteral("/usr/local/bin:/usr/bin:/bin"));
};
