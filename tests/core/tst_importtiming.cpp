// Cold import times and the bytecode comparison, with a real interpreter
// (testsupport::python()) on layers generated here: a module whose import
// sleeps 200 ms against a trivial one, and a package with a large module
// whose compile time shows when no usable bytecode ships. Sizes are checked
// against the files themselves (find -printf %s).
#include "checks/verifier.h"
#include "export/exportverifier.h"
#include "scan/directoryscanner.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

using testsupport::quoted;
using testsupport::sh;

class TestImportTiming : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sleepingImportMeasuresItsSleep();
    void timingRunsOption();
    void compareBytecodeModes();
    void compareBytecodeCli();

private:
    QTemporaryDir m_tmp;
    QString m_timing;  // python/ with slow.py (sleeps 200 ms at import) and quick.py
    QString m_package; // python/ with big/ (a large module, shipped __pycache__) and tiny.py
};

void TestImportTiming::initTestCase()
{
    QVERIFY(QFileInfo(testsupport::python()).isExecutable());
    m_timing = m_tmp.filePath(QStringLiteral("timing/python"));
    QVERIFY(QDir().mkpath(m_timing));
    sh(QStringLiteral("cd %1 && printf 'import time\\ntime.sleep(0.2)\\n' > slow.py && echo 'X = 1' > quick.py")
           .arg(quoted(m_timing)));
    m_package = m_tmp.filePath(QStringLiteral("package/python"));
    QVERIFY(QDir().mkpath(m_package + QStringLiteral("/big")));
    // 3,000 small functions: compiling them takes far longer than loading their bytecode.
    const QByteArray out =
        sh(QStringLiteral("cd %1 && %2 -c \"open('big/__init__.py','w').write(''.join("
                          "'def f%d(a, b):\\n    c = a * %d + b\\n    return [c, c + 1, {\\'k\\': c}]"
                          "\\n' % (i, i) for i in range(3000)))\" && echo 'Y = 2' > tiny.py && "
                          "%2 -m compileall -q big tiny.py >/dev/null && echo ok")
               .arg(quoted(m_package), testsupport::python()));
    QCOMPARE(out.trimmed(), QByteArray("ok"));
}

void TestImportTiming::sleepingImportMeasuresItsSleep()
{
    QString error;
    const auto tree = DirectoryScanner::scan(m_timing, &error);
    QVERIFY2(tree, qPrintable(error));
    VerifyOptions o;
    o.python = testsupport::python();
    o.timingRuns = 3;
    Verifier verifier(*tree, nullptr, o);
    const VerifyReport report = verifier.run(Bitset(tree->count()));
    QVERIFY2(report.passed(), qPrintable(report.error));
    QCOMPARE(report.results.size(), std::size_t(2));
    for (const CheckResult &r : report.results) {
        const ImportTiming &t = r.timing;
        qInfo("%s: import %.1f ms (%.1f..%.1f over %d runs), process %.0f ms", qPrintable(r.check.name), t.medianMs,
              t.minMs, t.maxMs, t.runs, t.wallMedianMs);
        QCOMPARE(t.runs, 3);
        QVERIFY(t.minMs <= t.medianMs && t.medianMs <= t.maxMs);
        // The marker line is taken out: a passing import prints nothing.
        QVERIFY2(r.output.trimmed().isEmpty(), qPrintable(r.output));
        // Start-up is not counted in the import, but is in the process's wall time.
        QVERIFY(t.wallMedianMs > t.medianMs);
        if (r.check.name == u"slow") {
            QVERIFY(t.minMs >= 200.0);
            QVERIFY(t.medianMs < 2000.0);
        } else {
            QCOMPARE(r.check.name, QStringLiteral("quick"));
            QVERIFY(t.maxMs < 50.0);
        }
    }
    const VerifyReport::ImportTotals totals = report.importTotals();
    QCOMPARE(totals.modules, 2);
    QCOMPARE(totals.medianMs, report.results[0].timing.medianMs + report.results[1].timing.medianMs);

    // Off: the check still runs once, untimed.
    o.timingRuns = 0;
    Verifier untimed(*tree, nullptr, o);
    const VerifyReport plain = untimed.run(Bitset(tree->count()));
    QVERIFY(plain.passed());
    for (const CheckResult &r : plain.results)
        QCOMPARE(r.timing.runs, 0);
    QCOMPARE(plain.importTotals().modules, 0);
}

void TestImportTiming::timingRunsOption()
{
    // From another working folder, with a relative path.
    const QString dir = m_tmp.filePath(QStringLiteral("timing"));
    testsupport::CliRun run;
    const auto cliIn = [&](const QStringList &args) {
        QProcess p;
        p.setWorkingDirectory(dir);
        p.start(QStringLiteral(LAYERSLIM_CLI), args);
        p.waitForFinished(300000);
        run = {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    };
    cliIn({QStringLiteral("verify"), QStringLiteral("python"), QStringLiteral("--python"), testsupport::python(),
           QStringLiteral("--timing-runs"), QStringLiteral("5"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonArray results = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 2);
    for (const QJsonValue &v : results) {
        const QJsonObject r = v.toObject();
        QCOMPARE(r.value(QStringLiteral("runs")).toInt(), 5);
        const double median = r.value(QStringLiteral("import_ms_median")).toDouble();
        QVERIFY(r.value(QStringLiteral("import_ms_min")).toDouble() <= median);
        QVERIFY(median <= r.value(QStringLiteral("import_ms_max")).toDouble());
        if (r.value(QStringLiteral("name")).toString() == u"slow")
            QVERIFY(r.value(QStringLiteral("import_ms_min")).toDouble() >= 200.0);
    }
    cliIn({QStringLiteral("verify"), QStringLiteral("python"), QStringLiteral("--python"), testsupport::python(),
           QStringLiteral("--timing-runs"), QStringLiteral("0"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject first = QJsonDocument::fromJson(run.out).object()[QStringLiteral("results")][0].toObject();
    QCOMPARE(first.value(QStringLiteral("runs")).toInt(), 0);
    QVERIFY(!first.contains(QStringLiteral("import_ms_median")));
    // The text output names the median and the spread.
    cliIn({QStringLiteral("verify"), QStringLiteral("python"), QStringLiteral("--python"), testsupport::python(),
           QStringLiteral("--timing-runs"), QStringLiteral("2")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(
        QRegularExpression(QStringLiteral("ok +slow \\(import \\d+\\.\\d ms, \\d+\\.\\d\\.\\.\\d+\\.\\d over 2 runs; "
                                          "process \\d+ ms\\)"))
            .match(QString::fromUtf8(run.out))
            .hasMatch(),
        run.out.constData());
    for (const char *bad : {"-1", "many", "101"}) {
        cliIn({QStringLiteral("verify"), QStringLiteral("python"), QStringLiteral("--timing-runs"),
               QString::fromLatin1(bad)});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("--timing-runs") && run.err.contains(bad), run.err.constData());
    }
}

void TestImportTiming::compareBytecodeModes()
{
    QString error;
    const auto tree = DirectoryScanner::scan(m_package, &error);
    QVERIFY2(tree, qPrintable(error));
    ExportOptions options;
    QVERIFY(PythonFinder::probe(testsupport::python(), &error));
    options.python = *PythonFinder::probe(testsupport::python(), &error);
    options.runtime = testsupport::host().runtime;
    VerifyOptions verify;
    verify.python = testsupport::python();
    verify.timingRuns = 3;
    const std::vector<ExportedLayerCheck> modes =
        ExportVerifier::compareBytecode(*tree, {}, Bitset(tree->count()), options, verify);
    QCOMPARE(modes.size(), std::size_t(4));
    const auto fileBytes = [&](const QString &find) {
        return sh(QStringLiteral("cd %1 && find . -type f %2 -printf '%s\\n' | awk '{s+=$1} END {print s+0}'")
                      .arg(quoted(m_package), find))
            .trimmed()
            .toULongLong();
    };
    const std::uint64_t all = fileBytes(QString()), pyc = fileBytes(QStringLiteral("-name '*.pyc'"));
    QVERIFY(pyc > 0);
    std::map<BytecodeMode, const ExportedLayerCheck *> by;
    for (const ExportedLayerCheck &m : modes) {
        QVERIFY2(m.ok(), qPrintable(BytecodeCompiler::modeName(m.mode) + QLatin1Char(' ') + m.error));
        by[m.mode] = &m;
        QCOMPARE(m.report.results.size(), std::size_t(2)); // big and tiny, in every mode
        QCOMPARE(m.report.importTotals().modules, 2);
        QVERIFY(m.zipBytes > 0 && m.zipBytes < m.unzippedBytes);
        qInfo("%-10s %9llu unzipped %8llu zip, imports %.1f ms", qPrintable(BytecodeCompiler::modeName(m.mode)),
              qulonglong(m.unzippedBytes), qulonglong(m.zipBytes), m.report.importTotals().medianMs);
    }
    QCOMPARE(by[BytecodeMode::Keep]->unzippedBytes, all);
    QCOMPARE(by[BytecodeMode::Drop]->unzippedBytes, all - pyc);
    // Precompile writes fresh .pyc of the same modules; sourceless ships them without the .py.
    QVERIFY(by[BytecodeMode::Precompile]->unzippedBytes > all - pyc);
    QVERIFY(by[BytecodeMode::Sourceless]->unzippedBytes < by[BytecodeMode::Precompile]->unzippedBytes);
    // Without bytecode the 3,000 functions are compiled at every cold import.
    const double drop = by[BytecodeMode::Drop]->report.importTotals().medianMs;
    const double precompiled = by[BytecodeMode::Precompile]->report.importTotals().medianMs;
    const double sourceless = by[BytecodeMode::Sourceless]->report.importTotals().medianMs;
    QVERIFY2(drop > 2 * precompiled && drop > 2 * sourceless,
             qPrintable(QStringLiteral("drop %1 ms, precompile %2 ms, sourceless %3 ms")
                            .arg(drop)
                            .arg(precompiled)
                            .arg(sourceless)));
    // The source is never written: no new __pycache__ beside the shipped ones.
    QCOMPARE(sh(QStringLiteral("find %1 -name '*.pyc' | wc -l").arg(quoted(m_package))).trimmed(), QByteArray("2"));
}

void TestImportTiming::compareBytecodeCli()
{
    const testsupport::CliRun run = testsupport::cli(
        {QStringLiteral("verify"), m_package, QStringLiteral("--python"), testsupport::python(),
         QStringLiteral("--runtime"), testsupport::host().runtime, QStringLiteral("--compare-bytecode"),
         QStringLiteral("--timing-runs"), QStringLiteral("2"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject out = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(out.value(QStringLiteral("timing_runs")).toInt(), 2);
    const QJsonArray modes = out.value(QStringLiteral("compare_bytecode")).toArray();
    QStringList names;
    for (const QJsonValue &v : modes) {
        const QJsonObject m = v.toObject();
        names << m.value(QStringLiteral("mode")).toString();
        QVERIFY(m.value(QStringLiteral("passed")).toBool());
        QVERIFY(m.value(QStringLiteral("zip_bytes")).toDouble() > 0);
        QVERIFY(m.value(QStringLiteral("import_ms_sum")).toDouble() > 0);
        QCOMPARE(m.value(QStringLiteral("results")).toArray().size(), 2);
    }
    QCOMPARE(names, QStringList({QStringLiteral("keep"), QStringLiteral("drop"), QStringLiteral("precompile"),
                                 QStringLiteral("sourceless")}));
    // The table, and --bytecode with it is bad input.
    const testsupport::CliRun text =
        testsupport::cli({QStringLiteral("verify"), m_package, QStringLiteral("--python"), testsupport::python(),
                          QStringLiteral("--runtime"), testsupport::host().runtime,
                          QStringLiteral("--compare-bytecode"), QStringLiteral("--timing-runs"), QStringLiteral("1")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(QRegularExpression(QStringLiteral("\\nsourceless +[\\d,]+ +[\\d,]+ +\\d+\\.\\d +\\d+  2 passed\\n"))
                 .match(QString::fromUtf8(text.out))
                 .hasMatch(),
             text.out.constData());
    // With an interpreter of another version the compiling modes are reported as not measured, not failed.
    const testsupport::CliRun other = testsupport::cli(
        {QStringLiteral("verify"), m_package, QStringLiteral("--python"), testsupport::python(),
         QStringLiteral("--runtime"), testsupport::host().otherRuntime, QStringLiteral("--compare-bytecode"),
         QStringLiteral("--timing-runs"), QStringLiteral("1"), QStringLiteral("--json")});
    QVERIFY2(other.exitCode == 0, other.err.constData());
    const QJsonArray otherModes =
        QJsonDocument::fromJson(other.out).object()[QStringLiteral("compare_bytecode")].toArray();
    QCOMPARE(otherModes.size(), 4);
    for (const QJsonValue &v : otherModes) {
        const QJsonObject m = v.toObject();
        const bool compiles = m[QStringLiteral("mode")].toString() == u"precompile" ||
                              m[QStringLiteral("mode")].toString() == u"sourceless";
        QCOMPARE(m[QStringLiteral("unavailable")].toBool(), compiles);
        QCOMPARE(m[QStringLiteral("passed")].toBool(), !compiles);
        if (compiles)
            QVERIFY(m[QStringLiteral("error")].toString().contains(testsupport::host().otherRuntime));
    }
    const testsupport::CliRun both =
        testsupport::cli({QStringLiteral("verify"), m_package, QStringLiteral("--python"), testsupport::python(),
                          QStringLiteral("--compare-bytecode"), QStringLiteral("--bytecode"), QStringLiteral("drop")});
    QCOMPARE(both.exitCode, 1);
    QVERIFY2(both.err.contains("--compare-bytecode"), both.err.constData());
}

QTEST_GUILESS_MAIN(TestImportTiming)
#include "tst_importtiming.moc"
