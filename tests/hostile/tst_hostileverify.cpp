// Verify under hostile modules: one that hangs at import is stopped by the
// timeout and named, one that floods 100 MB of output is capped and stopped
// without this process's memory growing, and cancel stops running checks
// promptly, leaving no subprocess and no scratch folder behind.
#include "checks/verifier.h"
#include "hostilesupport.h"
#include "scan/directoryscanner.h"

#include <QDirIterator>
#include <QtTest>

#include <thread>

using hostile::reliability;
using testsupport::quoted;
using testsupport::sh;

namespace {

const QString kPython = testsupport::python();

// ASan's quarantine keeps every freed output chunk resident for a while, so
// the peak-memory bound is asserted only without it (and without TSan).
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kPeakMemoryMeaningful = false;
#else
constexpr bool kPeakMemoryMeaningful = hostile::kMemoryBoundsHold;
#endif

// Processes whose command line mentions `needle` (the test's scratch folder).
int processesMentioning(const QString &needle)
{
    int n = 0;
    QDirIterator it(QStringLiteral("/proc"), QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        QFile cmdline(it.next() + QStringLiteral("/cmdline"));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(QFile::encodeName(needle)))
            ++n;
    }
    return n;
}

} // namespace

class TestHostileVerify : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void floodIsCapped(); // first: the peak memory it checks is this process's high-water mark
    void hangTimesOut();
    void cancelIsPrompt();

private:
    QString layer() const { return m_dir->filePath(QStringLiteral("layer")); }
    QString scratch() const { return m_dir->filePath(QStringLiteral("scratch")); }
    void module(const char *name, const char *code);
    [[nodiscard]] VerifyOptions options() const;
    std::unique_ptr<QTemporaryDir> m_dir;
};

// Qt registers QProcess's meta types on first use, behind locks TSan cannot
// see in an uninstrumented Qt; one process started here, before the
// verifier's threads, keeps that first use off the threads.
void TestHostileVerify::initTestCase()
{
    QProcess warmUp;
    warmUp.start(kPython, {QStringLiteral("-c"), QStringLiteral("pass")});
    QVERIFY(warmUp.waitForFinished(30000));
}

void TestHostileVerify::init()
{
    m_dir = std::make_unique<QTemporaryDir>(hostile::scratchTemplate());
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir().mkpath(layer() + QStringLiteral("/python")));
    QVERIFY(QDir().mkpath(scratch()));
    module("fine", "VALUE = 1\n");
}

void TestHostileVerify::cleanup()
{
    QCOMPARE(processesMentioning(m_dir->path()), 0); // no interpreter outlives its check
    m_dir.reset();
}

void TestHostileVerify::module(const char *name, const char *code)
{
    QFile f(layer() + QStringLiteral("/python/%1.py").arg(QLatin1String(name)));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(code);
}

VerifyOptions TestHostileVerify::options() const
{
    VerifyOptions o;
    o.python = kPython;
    o.scratchDir = scratch();
    return o;
}

void TestHostileVerify::floodIsCapped()
{
    // 100 MiB to stderr in 1 MiB writes, then a marker that must never be reached.
    module("flood", "import sys\nchunk = 'e' * (1 << 20)\nfor _ in range(100):\n    sys.stderr.write(chunk)\n"
                    "sys.stderr.flush()\nopen('reached', 'w').close()\n");
    QString error;
    auto tree = DirectoryScanner::scan(layer(), &error);
    QVERIFY2(tree, qPrintable(error));
    VerifyOptions o = options();
    o.modules = {QStringLiteral("flood"), QStringLiteral("fine")};
    const long before = hostile::peakRssKiB();
    QElapsedTimer clock;
    clock.start();
    auto verifier = std::make_unique<Verifier>(*tree, nullptr, o);
    const VerifyReport report = verifier->run(Bitset(tree->count()));
    verifier.reset();
    const qint64 millis = clock.elapsed();
    const long grownKiB = hostile::peakRssKiB() - before;
    QCOMPARE(report.results.size(), std::size_t(2));
    const CheckResult &flood = report.results[0];
    QCOMPARE(flood.check.name, QStringLiteral("flood"));
    QCOMPARE(flood.status, CheckStatus::Failed);
    QVERIFY2(flood.error.contains(QStringLiteral("16 MiB")), qPrintable(flood.error));
    QVERIFY(flood.truncated);
    QVERIFY2(flood.output.size() < o.outputCap + 100, qPrintable(QString::number(flood.output.size())));
    QVERIFY(flood.output.contains(QStringLiteral("bytes of output cut")));
    QVERIFY(report.results[1].passed()); // the other module is unaffected
    if (kPeakMemoryMeaningful)
        QVERIFY2(grownKiB < 32 * 1024, qPrintable(QStringLiteral("peak memory grew by %1 KiB").arg(grownKiB)));
    QVERIFY(QDir(scratch()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));

    // The CLI says the same, naming the module.
    const auto run = hostile::cli({QStringLiteral("verify"), layer(), QStringLiteral("--python"), kPython,
                                   QStringLiteral("--import"), QStringLiteral("flood"), QStringLiteral("--no-bisect")},
                                  60000);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.out.contains("FAIL  flood: stopped after writing more than 16 MiB of output"),
             run.out.left(2000).constData());
    QVERIFY2(run.out.size() < 128 * 1024, qPrintable(QString::number(run.out.size())));
    reliability(QStringLiteral("verify of a module that writes 100 MiB to stderr at import"),
                QStringLiteral("stopped once past the 16 MiB output limit after %1 ms, reported as a failure naming "
                               "the module; %2 KiB of output kept (head and tail); this process's peak memory grew "
                               "by %3 MiB; the other module still verified")
                    .arg(millis)
                    .arg(flood.output.size() / 1024)
                    .arg(grownKiB / 1024.0, 0, 'f', 1));
}

void TestHostileVerify::hangTimesOut()
{
    module("hang", "import time\ntime.sleep(1000)\n");
    const auto run = hostile::cli({QStringLiteral("verify"), layer(), QStringLiteral("--python"), kPython,
                                   QStringLiteral("--timeout"), QStringLiteral("2"), QStringLiteral("--no-bisect"),
                                   QStringLiteral("--json")},
                                  60000);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    const QJsonArray results = run.json().value(QStringLiteral("results")).toArray();
    QJsonObject hang, fine;
    for (const QJsonValue &v : results)
        (v[QStringLiteral("name")].toString() == QStringLiteral("hang") ? hang : fine) = v.toObject();
    QCOMPARE(hang.value(QStringLiteral("status")).toString(), Verifier::statusName(CheckStatus::TimedOut));
    QCOMPARE(hang.value(QStringLiteral("error")).toString(), QStringLiteral("timed out after 2 s"));
    const double seconds = hang.value(QStringLiteral("seconds")).toDouble();
    QVERIFY2(seconds >= 2.0 && seconds < 2.5, qPrintable(QString::number(seconds)));
    QCOMPARE(fine.value(QStringLiteral("name")).toString(), QStringLiteral("fine"));
    QVERIFY(fine.value(QStringLiteral("passed")).toBool());
    QVERIFY2(run.millis < 15000, qPrintable(QString::number(run.millis)));

    const auto text = hostile::cli({QStringLiteral("verify"), layer(), QStringLiteral("--python"), kPython,
                                    QStringLiteral("--timeout"), QStringLiteral("1"), QStringLiteral("--no-bisect")},
                                   60000);
    QCOMPARE(text.exitCode, 2);
    QVERIFY2(text.out.contains("FAIL  hang: timed out after 1 s"), text.out.constData());
    reliability(QStringLiteral("verify of a module that sleeps 1000 s at import (--timeout 2)"),
                QStringLiteral("killed at the timeout (check took %1 s, whole command %2 ms), reported as \"%3\" "
                               "naming the module (\"FAIL  hang: timed out after 1 s\" in text); the other module "
                               "passes; no interpreter left running")
                    .arg(seconds, 0, 'f', 2)
                    .arg(run.millis)
                    .arg(Verifier::statusName(CheckStatus::TimedOut)));
}

void TestHostileVerify::cancelIsPrompt()
{
    module("hang", "import time\ntime.sleep(1000)\n");
    module("hang2", "import time\ntime.sleep(1000)\n");
    module("later", "import time\ntime.sleep(1000)\n");
    QString error;
    auto tree = DirectoryScanner::scan(layer(), &error);
    QVERIFY2(tree, qPrintable(error));
    QList<qint64> latencies;
    for (int delayMs : {300, 700, 1200}) {
        VerifyOptions o = options();
        o.parallel = 2;
        auto verifier = std::make_unique<Verifier>(*tree, nullptr, o);
        JobControl control;
        VerifyReport report;
        QElapsedTimer clock;
        clock.start();
        std::thread worker([&] { report = verifier->run(Bitset(tree->count()), &control); });
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        const qint64 cancelledAt = clock.nsecsElapsed();
        control.cancel();
        worker.join();
        latencies << (clock.nsecsElapsed() - cancelledAt) / 1000;
        QVERIFY2(latencies.last() < hostile::kCancelBoundMicros,
                 qPrintable(QStringLiteral("%1 µs").arg(latencies.last())));
        int cancelled = 0;
        for (const CheckResult &r : report.results)
            cancelled += r.status == CheckStatus::Cancelled;
        QCOMPARE(cancelled, 3); // both running checks and the one not started; "fine" may have passed
        QCOMPARE(processesMentioning(m_dir->path()), 0);
        verifier.reset();
        QVERIFY(QDir(scratch()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
    }
    std::sort(latencies.begin(), latencies.end());
    reliability(QStringLiteral("cancel during verify (two imports hanging, one waiting)"),
                QStringLiteral("every check reported cancelled, interpreters killed, scratch folder removed; "
                               "cancel-to-return %1–%2 ms")
                    .arg(latencies.first() / 1000.0, 0, 'f', 1)
                    .arg(latencies.last() / 1000.0, 0, 'f', 1));
}

QTEST_GUILESS_MAIN(TestHostileVerify)
#include "tst_hostileverify.moc"
