// ProcessRunner against real programs (sh, cat, sleep): a timeout or a cancel
// kills the child's whole session, grandchildren included; output is capped
// and says so; a missing program, the environment, the working folder, stdin
// and exit statuses come back as the child saw them.
#include "base/processrunner.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>
#include <thread>

namespace {

ProcessRequest shell(const QString &script)
{
    ProcessRequest r;
    r.program = QStringLiteral("/bin/sh");
    r.arguments = {QStringLiteral("-c"), script};
    return r;
}

// True once `pid` is gone or a zombie waiting for its new parent to reap it.
bool deadWithin(pid_t pid, int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return true;
        const QByteArray line = stat.readAll();
        const qsizetype state = line.lastIndexOf(')') + 2;
        if (state < line.size() && line[state] == 'Z')
            return true;
        QThread::msleep(20);
    }
    return false;
}

// The grandchild's pid, which the script prints first.
pid_t grandchild(const ProcessResult &r)
{
    return pid_t(r.output.bytes().split('\n').value(0).trimmed().toInt());
}

} // namespace

class TestProcessRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timeoutKillsTheSession();
    void cancelKillsTheSession();
    void cancelGraceEndsInKill();
    void outputIsCapped();
    void outputLimitStops();
    void missingProgram();
    void environmentAndFolder();
    void exitCodeAndCrash();
    void streamsAndInput();
};

void TestProcessRunner::timeoutKillsTheSession()
{
    ProcessRequest r = shell(QStringLiteral("sleep 300 & echo $!; wait"));
    r.timeoutMs = 1000;
    const ProcessResult result = ProcessRunner::run(r);
    QCOMPARE(result.end, ProcessResult::End::TimedOut);
    QVERIFY2(result.millis >= 1000 && result.millis < 10000, qPrintable(QString::number(result.millis)));
    const pid_t pid = grandchild(result);
    QVERIFY2(pid > 0, result.output.bytes().constData());
    const bool dead = deadWithin(pid, 5000);
    if (!dead)
        ::kill(pid, SIGKILL);
    QVERIFY2(dead, "the grandchild outlived the timeout");
    QCOMPARE(result.exitCode, SIGKILL);
}

void TestProcessRunner::cancelKillsTheSession()
{
    JobControl control;
    ProcessRequest r = shell(QStringLiteral("sleep 300 & echo $!; wait"));
    r.control = &control;
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        control.cancel();
    });
    const ProcessResult result = ProcessRunner::run(r);
    canceller.join();
    QCOMPARE(result.end, ProcessResult::End::Cancelled);
    const pid_t pid = grandchild(result);
    QVERIFY2(pid > 0, result.output.bytes().constData());
    const bool dead = deadWithin(pid, 5000);
    if (!dead)
        ::kill(pid, SIGKILL);
    QVERIFY2(dead, "the grandchild outlived the cancel");

    // Cancelled before it starts: nothing runs.
    ProcessRequest never = shell(QStringLiteral("echo ran"));
    never.control = &control;
    const ProcessResult skipped = ProcessRunner::run(never);
    QCOMPARE(skipped.end, ProcessResult::End::Cancelled);
    QCOMPARE(skipped.exitCode, -1);
    QCOMPARE(skipped.output.total(), 0);
}

void TestProcessRunner::cancelGraceEndsInKill()
{
    // The shell and its sleep ignore SIGTERM: SIGKILL follows the grace period.
    JobControl control;
    ProcessRequest r = shell(QStringLiteral("trap '' TERM; sleep 300 & echo $!; wait"));
    r.cancelGraceMs = 700;
    r.control = &control;
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        control.cancel();
    });
    const ProcessResult result = ProcessRunner::run(r);
    canceller.join();
    QCOMPARE(result.end, ProcessResult::End::Cancelled);
    // The cancel comes ~400 ms after the thread starts, which is a little before the process does:
    // of what the process lived, only the grace period is certain.
    QVERIFY2(result.millis >= 700, qPrintable(QString::number(result.millis)));
    const pid_t pid = grandchild(result);
    QVERIFY(pid > 0);
    const bool dead = deadWithin(pid, 5000);
    if (!dead)
        ::kill(pid, SIGKILL);
    QVERIFY2(dead, "the grandchild outlived SIGKILL");
    QCOMPARE(result.exitCode, SIGKILL);
}

void TestProcessRunner::outputIsCapped()
{
    ProcessRequest r = shell(QStringLiteral("printf 'HEAD'; yes x | head -c 100000; printf 'TAIL'"));
    r.outputCap = 1000;
    const ProcessResult result = ProcessRunner::run(r);
    QCOMPARE(result.end, ProcessResult::End::Exited);
    QVERIFY(result.succeeded());
    QVERIFY(result.output.truncated());
    QCOMPARE(result.output.total(), 100008);
    QCOMPARE(result.output.bytes().size(), 1000);
    QVERIFY(result.output.bytes().startsWith("HEAD"));
    QVERIFY(result.output.bytes().endsWith("TAIL"));
    QVERIFY2(result.output.text().contains(QStringLiteral("[... 99008 bytes of output cut ...]")),
             qPrintable(result.output.text().left(600)));

    ProcessRequest small = shell(QStringLiteral("printf 'short'"));
    small.outputCap = 1000;
    const ProcessResult whole = ProcessRunner::run(small);
    QVERIFY(!whole.output.truncated());
    QCOMPARE(whole.output.text(), QStringLiteral("short"));
}

void TestProcessRunner::outputLimitStops()
{
    ProcessRequest r = shell(QStringLiteral("yes flood >&2"));
    r.outputCap = 64;
    r.outputLimit = 1 << 20;
    const ProcessResult result = ProcessRunner::run(r);
    QCOMPARE(result.end, ProcessResult::End::OutputLimit);
    QVERIFY(result.errors.total() > r.outputLimit);
    QVERIFY(result.errors.bytes().size() <= 64);
    QCOMPARE(result.output.total(), 0);
}

void TestProcessRunner::missingProgram()
{
    ProcessRequest r;
    r.program = QStringLiteral("/nonexistent/layerslim-no-such-program");
    const ProcessResult result = ProcessRunner::run(r);
    QCOMPARE(result.end, ProcessResult::End::FailedToStart);
    QCOMPARE(result.exitCode, -1);
    QVERIFY2(result.error.contains(QStringLiteral("No such file")), qPrintable(result.error));
}

void TestProcessRunner::environmentAndFolder()
{
    qputenv("LAYERSLIM_CALLER_ONLY", "leak");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ProcessRequest r =
        shell(QStringLiteral("printf '%s|%s|' \"$GREETING\" \"${LAYERSLIM_CALLER_ONLY-unset}\"; pwd -P"));
    QProcessEnvironment env;
    env.insert(QStringLiteral("GREETING"), QStringLiteral("hello"));
    r.environment = env;
    r.workingDirectory = dir.path();
    const ProcessResult result = ProcessRunner::run(r);
    QVERIFY(result.succeeded());
    QCOMPARE(QString::fromUtf8(result.output.bytes()).trimmed(),
             QStringLiteral("hello|unset|") + QFileInfo(dir.path()).canonicalFilePath());

    // Unset: the caller's environment.
    const ProcessResult inherited = ProcessRunner::run(shell(QStringLiteral("printf %s \"$LAYERSLIM_CALLER_ONLY\"")));
    QCOMPARE(inherited.output.bytes(), QByteArray("leak"));
    qunsetenv("LAYERSLIM_CALLER_ONLY");
}

void TestProcessRunner::exitCodeAndCrash()
{
    const ProcessResult seven = ProcessRunner::run(shell(QStringLiteral("exit 7")));
    QCOMPARE(seven.end, ProcessResult::End::Exited);
    QCOMPARE(seven.exitCode, 7);
    QVERIFY(!seven.succeeded());

    const ProcessResult crash = ProcessRunner::run(shell(QStringLiteral("kill -SEGV $$")));
    QCOMPARE(crash.end, ProcessResult::End::Crashed);
    QCOMPARE(crash.exitCode, SIGSEGV);
    QVERIFY(!crash.error.isEmpty());
}

void TestProcessRunner::streamsAndInput()
{
    ProcessRequest r = shell(QStringLiteral("cat; echo err >&2"));
    r.input = QByteArray("from stdin\n");
    QByteArray seenOut, seenErr;
    r.onOutput = [&](const QByteArray &chunk) { seenOut += chunk; };
    r.onErrors = [&](const QByteArray &chunk) { seenErr += chunk; };
    const ProcessResult separate = ProcessRunner::run(r);
    QVERIFY(separate.succeeded());
    QCOMPARE(separate.output.bytes(), QByteArray("from stdin\n"));
    QCOMPARE(separate.errors.bytes(), QByteArray("err\n"));
    QCOMPARE(seenOut, separate.output.bytes());
    QCOMPARE(seenErr, separate.errors.bytes());

    r.mergeOutput = true;
    r.onOutput = nullptr;
    r.onErrors = nullptr;
    const ProcessResult merged = ProcessRunner::run(r);
    QCOMPARE(merged.output.bytes(), QByteArray("from stdin\nerr\n"));
    QCOMPARE(merged.errors.total(), 0);
}

QTEST_GUILESS_MAIN(TestProcessRunner)
#include "tst_processrunner.moc"
