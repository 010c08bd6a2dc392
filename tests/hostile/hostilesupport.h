// What the hostile-input suites share: running the CLI with a timeout (as
// another user when asked), fingerprinting a source tree so that a test can
// prove nothing wrote to it, and recording one row of the README's
// reliability table per behaviour proven.
#pragma once

#include "testsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>
#include <unistd.h>

namespace hostile {

struct CliRun {
    int exitCode = -1;
    bool finished = false; // false: killed by the timeout (a hang)
    qint64 millis = 0;
    QByteArray out;
    QByteArray err;

    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

// Runs `program args...` with a timeout; `prefix` (e.g. setpriv ...) goes first.
inline CliRun run(const QString &program, const QStringList &args, int timeoutMs = 60000,
                  const QStringList &prefix = {})
{
    CliRun r;
    QProcess p;
    QStringList all = prefix;
    all << program << args;
    QElapsedTimer timer;
    timer.start();
    p.start(all.takeFirst(), all);
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished();
    }
    r.millis = timer.elapsed();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

inline CliRun cli(const QStringList &args, int timeoutMs = 60000)
{
    return run(QStringLiteral(LAYERSLIM_CLI), args, timeoutMs);
}

// Everything a command could change in a tree: names, sizes, times, modes, link
// targets and contents. Works for names that are not UTF-8 and paths past PATH_MAX.
inline QByteArray fingerprint(const QString &root)
{
    const QString q = testsupport::quoted(root);
    return testsupport::sh(
        QStringLiteral("cd %1 && { find . -printf '%p %s %T@ %m %l\\n' | LC_ALL=C sort | sha256sum; "
                       "find . -type f -print0 | LC_ALL=C sort -z | xargs -0r sha256sum | sha256sum; }")
            .arg(q));
}

// Proves a tree untouched across a scope: construct before, check() after.
class SourceGuard
{
public:
    explicit SourceGuard(QString root)
        : m_root(std::move(root))
        , m_before(fingerprint(m_root))
    {
    }
    [[nodiscard]] bool unchanged() const { return fingerprint(m_root) == m_before; }

private:
    QString m_root;
    QByteArray m_before;
};

// The CLI run by a user whom file modes bind. Root reads through mode 000, so
// as root it is a copy of the CLI that uid 65534 can reach, run through
// setpriv; as anyone else it is the CLI itself, run as that user. `error` says
// why neither is possible (root without setpriv).
struct Unprivileged {
    QTemporaryDir dir;
    QString program;
    QStringList prefix;
    QString error;

    Unprivileged()
    {
        if (geteuid() != 0) {
            program = QStringLiteral(LAYERSLIM_CLI);
            return;
        }
        const QString setpriv = QStandardPaths::findExecutable(QStringLiteral("setpriv"));
        if (setpriv.isEmpty() || !dir.isValid()) {
            error = QStringLiteral("running as root, and setpriv (util-linux) is missing to drop to uid 65534");
            return;
        }
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                              QFileDevice::ReadOther | QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                              QFileDevice::ExeGroup);
        program = dir.filePath(QStringLiteral("layerslim-cli"));
        if (!QFile::copy(QStringLiteral(LAYERSLIM_CLI), program)) {
            error = QStringLiteral("cannot copy %1 to %2").arg(QStringLiteral(LAYERSLIM_CLI), program);
            program.clear();
            return;
        }
        QFile::setPermissions(program, QFileDevice::ReadOwner | QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                           QFileDevice::ExeOther | QFileDevice::ReadGroup | QFileDevice::ExeGroup);
        prefix = {setpriv,
                  QStringLiteral("--reuid=65534"),
                  QStringLiteral("--regid=65534"),
                  QStringLiteral("--clear-groups"),
                  QStringLiteral("env"),
                  QStringLiteral("HOME=") + dir.path()};
    }
    [[nodiscard]] bool available() const { return !program.isEmpty(); }
    [[nodiscard]] CliRun cli(const QStringList &args, int timeoutMs = 60000) const
    {
        return run(program, args, timeoutMs, prefix);
    }
};

// A template for QTemporaryDir on tmpfs when there is one: deep chains and
// 30,000-file folders are created and removed in milliseconds there instead of
// seconds on a journaling disk.
inline QString scratchTemplate()
{
    const QFileInfo shm(QStringLiteral("/dev/shm"));
    const QString base = shm.isDir() && shm.isWritable() ? shm.filePath() : QDir::tempPath();
    return base + QStringLiteral("/layerslim-hostile-XXXXXX");
}

// TSan's shadow memory dwarfs what the code under test allocates, so peak
// memory bounds are only asserted without it.
#if defined(__SANITIZE_THREAD__)
constexpr bool kMemoryBoundsHold = false;
#else
constexpr bool kMemoryBoundsHold = true;
#endif

// A cancel must stop a job long before it would have finished: the jobs the
// suites cancel run for seconds, so a bound of 1 s (2 s in the slower
// sanitizer builds) fails a cancel that is ignored or waits for the job, and
// not one that a loaded machine delays by a scheduling slice or two. The
// latencies measured are printed for the Reliability table, where speed is
// read; a unit test on a shared machine asserts only that the cancel works.
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
constexpr qint64 kCancelBoundMicros = 2'000'000;
#else
constexpr qint64 kCancelBoundMicros = 1'000'000;
#endif

// Peak resident memory of this process so far, in KiB.
inline long peakRssKiB()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

// One row of the README's reliability table; scripts/reliability-table.sh
// collects these lines from passing tests.
inline void reliability(const QString &input, const QString &behaviour)
{
    QString b = behaviour;
    b.replace(QLatin1Char('|'), QStringLiteral("\\|")).replace(QLatin1Char('\n'), QLatin1Char(' '));
    QString i = input;
    i.replace(QLatin1Char('|'), QStringLiteral("\\|"));
    qInfo("RELIABILITY| %s | %s |", qPrintable(i), qPrintable(b));
}

// Makes a directory usable by the unprivileged user (QTemporaryDir creates 0700).
inline void openUp(const QString &path)
{
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                    QFileDevice::ReadOther | QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                    QFileDevice::ExeGroup);
}

} // namespace hostile
