// The export report on the demo layer: numbers agree with the ledger and with
// find, both files are written beside the output, lint findings are carried.
#include "base/units.h"
#include "checks/verifier.h"
#include "export/exportreport.h"
#include "scan/directoryscanner.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

class TestExportReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportMatchesSelection();
    void basePaths();
    void inputUsesWhatTheExportUsed();
    void verifyTimingInReport();
};

void TestExportReport::reportMatchesSelection()
{
    QVERIFY(testsupport::haveDemoLayer());
    QString error;
    auto tree = DirectoryScanner::scan(testsupport::demoLayer(), &error);
    QVERIFY(tree);
    SizeLedger ledger(*tree);
    ExportReportInput in;
    in.profile.rules = {QStringLiteral("tests"), QStringLiteral("bytecode"), QStringLiteral("datasets")};
    in.profile.runtime = testsupport::host().otherRuntime; // not the CPython the demo's extensions are built for
    QVERIFY(in.profile.applyTo(ledger, &error));
    in.ledger = &ledger;
    QTemporaryDir dir;
    in.output = dir.filePath(QStringLiteral("layer.zip"));
    in.outputBytes = 1234;
    in.entries = 42;
    LintTarget target;
    target.runtime = in.profile.runtime;
    in.lint = Lint::run(*tree, nullptr, target, &ledger.pruned());
    QVERIFY(in.lint->errors() > 0); // the demo's extensions carry the host's ABI tag, not the target's

    QVERIFY2(ExportReport::write(in, &error), qPrintable(error));
    QFile jf(dir.filePath(QStringLiteral("layer.report.json")));
    QVERIFY(jf.open(QIODevice::ReadOnly));
    const QJsonObject o = QJsonDocument::fromJson(jf.readAll()).object();
    const QString removed =
        QString::fromLatin1(sh(QStringLiteral("cd %1 && find . -type f \\( -path '*/tests/*' -o -path '*/test/*' -o "
                                              "-path '*/__pycache__/*' -o -name '*.pyc' -o -name '*.pyo' -o -name "
                                              "'*.dat' \\) -printf '%s\\n' | awk '{s+=$1; n++} END {print s+0, n+0}'")
                                   .arg(quoted(testsupport::demoLayer()))))
            .trimmed();
    QCOMPARE(QStringLiteral("%1 %2")
                 .arg(o.value(QStringLiteral("removed_bytes")).toInteger())
                 .arg(o.value(QStringLiteral("removed_files")).toInteger()),
             removed);
    QCOMPARE(o.value(QStringLiteral("kept_bytes")).toInteger() + o.value(QStringLiteral("removed_bytes")).toInteger(),
             o.value(QStringLiteral("bytes_before")).toInteger());
    qint64 perPackage = 0;
    for (const QJsonValue &p : o.value(QStringLiteral("packages")).toArray())
        perPackage += p.toObject().value(QStringLiteral("removed_bytes")).toInteger();
    QCOMPARE(perPackage, o.value(QStringLiteral("removed_bytes")).toInteger());
    QCOMPARE(o.value(QStringLiteral("rules")).toArray().size(), 3);
    QCOMPARE(o.value(QStringLiteral("lint")).toObject().value(QStringLiteral("errors")).toInt(), in.lint->errors());
    QCOMPARE(o.value(QStringLiteral("zip_bytes")).toInteger(), qint64(1234));

    QFile mf(dir.filePath(QStringLiteral("layer.report.md")));
    QVERIFY(mf.open(QIODevice::ReadOnly));
    const QString md = QString::fromUtf8(mf.readAll());
    QVERIFY(md.contains(QStringLiteral("| `tests` | caution |")));
    QVERIFY(md.contains(testsupport::host().abiTag));
    QVERIFY(md.contains(QStringLiteral("| scipy |")));
    // The union column says what it holds, in the Rules pane's words, and holds the marginal bytes.
    QVERIFY2(!md.contains(QStringLiteral("only this rule")), qPrintable(md));
    QVERIFY(md.contains(QStringLiteral("| rule | risk | alone | in union | exceptions |")));
    const RuleBytes tests = ledger.ruleBytes(RuleCatalog::indexOf(u"tests"));
    QVERIFY(tests.marginalBytes != tests.aloneBytes); // tests and bytecode overlap in tests/__pycache__
    QVERIFY(md.contains(QStringLiteral("| %1 in %2 files | %3 |")
                            .arg(units::formatBytes(tests.aloneBytes))
                            .arg(tests.aloneFiles)
                            .arg(units::formatBytes(tests.marginalBytes))));
    // The verdict in the report is core's, with the zip's direct-upload verdict beside it.
    const LayerBudget budget(in.profile.limitBytes, in.profile.reserveBytes);
    QCOMPARE(o.value(QStringLiteral("verdict")).toString(),
             LayerBudget::verdictId(budget.verdict(ledger.totals().keptBytes)));
    QCOMPARE(o.value(QStringLiteral("zip_limit_bytes")).toInteger(), qint64(52'428'800));
    QCOMPARE(o.value(QStringLiteral("zip_under_upload_limit")).toBool(false), true);
    QVERIFY(md.contains(budget.describe(ledger.totals().keptBytes)));
}

// The report built by core from an export's options: the runtime the export
// used (not the profile's), lint for that runtime, strip and bytecode effects
// and the bytes written.
void TestExportReport::inputUsesWhatTheExportUsed()
{
    QString error;
    auto tree = DirectoryScanner::scan(testsupport::demoLayer(), &error);
    QVERIFY(tree);
    SizeLedger ledger(*tree);
    Profile base; // python3.10, as a profile without a runtime says
    QCOMPARE(base.runtime, QStringLiteral("python3.10"));
    base.rules = {QStringLiteral("tests")};
    const QString machine = QString::fromLatin1(sh(QStringLiteral("uname -m"))).trimmed();
    base.arch = machine == QStringLiteral("aarch64") ? QStringLiteral("arm64") : machine;
    QVERIFY(base.applyTo(ledger, &error));
    // The runtime the demo's extension modules were built for, read from their names.
    const QString tag = QString::fromLatin1(sh(QStringLiteral("cd %1 && find . -name '*.cpython-3*.so' | head -1 | "
                                                              "sed 's/.*cpython-3\\([0-9]*\\)-.*/\\1/'")
                                                   .arg(quoted(testsupport::demoLayer()))))
                            .trimmed();
    QVERIFY2(!tag.isEmpty() && tag != QStringLiteral("10"), qPrintable(tag));
    ExportOptions options;
    options.output = QStringLiteral("/nonexistent/out.zip");
    options.runtime = QStringLiteral("python3.") + tag;
    options.prefix = QStringLiteral("python/lib/python3.%1/site-packages/").arg(tag);
    options.level = 9;
    options.bytecode = BytecodeMode::Sourceless;
    ExportResult result;
    result.ok = true;
    result.files = 10;
    result.folders = 2;
    result.bytes = 123'456;
    result.outputBytes = 60'000'000;
    result.seconds = 1.5;
    result.transform.bytecode = BytecodeMode::Sourceless;
    result.transform.strippedFiles = 3;
    result.transform.stripBefore = 9000;
    result.transform.stripAfter = 4000;
    const ExportReportInput in = ExportReport::input(ledger, {}, base, options, result);
    QCOMPARE(in.profile.runtime, options.runtime);
    QCOMPARE(in.profile.prefix, options.prefix);
    QCOMPARE(in.profile.level, 9);
    QCOMPARE(in.profile.rules, base.rules);
    QCOMPARE(in.exportedBytes, quint64(123'456));
    QCOMPARE(in.outputBytes, quint64(60'000'000));
    QCOMPARE(in.entries, quint32(12));
    QCOMPARE(in.transform.strippedFiles, quint32(3));
    QVERIFY(in.lint);
    QCOMPARE(in.lint->target.runtime, options.runtime);
    // Built for this runtime: no ABI-tag finding (a 3.10 lint finds one per extension module).
    for (const LintFinding &f : in.lint->findings)
        QVERIFY2(f.check != LintCheck::AbiTag, qPrintable(f.message));
    const QString md = ExportReport::toMarkdown(in);
    QVERIFY2(md.contains(QStringLiteral("Target: %1 on %2").arg(options.runtime, base.arch)), qPrintable(md));
    QVERIFY(!md.contains(QStringLiteral("python3.10")));
    QVERIFY(md.contains(QStringLiteral("3 native files stripped")));
    QVERIFY(md.contains(QStringLiteral("too large to upload directly")));
    const QJsonObject o = ExportReport::toJson(in);
    QCOMPARE(o.value(QStringLiteral("runtime")).toString(), options.runtime);
    QCOMPARE(o.value(QStringLiteral("exported_bytes")).toInteger(), qint64(123'456));
    QCOMPARE(o.value(QStringLiteral("zip_under_upload_limit")).toBool(true), false);
    QCOMPARE(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("fits"));
}

void TestExportReport::basePaths()
{
    QCOMPARE(ExportReport::basePath(QStringLiteral("/o/layer.zip")), QStringLiteral("/o/layer.report"));
    QCOMPARE(ExportReport::basePath(QStringLiteral("/o/folder/")), QStringLiteral("/o/folder.report"));
}

void TestExportReport::verifyTimingInReport()
{
    QVERIFY(testsupport::haveDemoLayer());
    QString error;
    auto tree = DirectoryScanner::scan(testsupport::demoLayer(), &error);
    QVERIFY(tree);
    SizeLedger ledger(*tree);
    VerifyOptions options;
    options.python = testsupport::python();
    options.modules = {QStringLiteral("six"), QStringLiteral("numpy")};
    options.timingRuns = 2;
    Verifier verifier(*tree, nullptr, options);
    ExportReportInput in;
    in.ledger = &ledger;
    in.output = QStringLiteral("/nowhere/layer.zip");
    in.verify = verifier.run(ledger.pruned());
    QVERIFY2(in.verify->passed(), qPrintable(in.verify->error));
    const QJsonArray results = ExportReport::toJson(in)[QStringLiteral("verify")][QStringLiteral("results")].toArray();
    QCOMPARE(results.size(), 2);
    const QString md = ExportReport::toMarkdown(in);
    for (std::size_t i = 0; i < 2; ++i) {
        const CheckResult &r = in.verify->results[i];
        const QJsonObject j = results[qsizetype(i)].toObject();
        QCOMPARE(j.value(QStringLiteral("runs")).toInt(), 2);
        QCOMPARE(j.value(QStringLiteral("import_ms_median")).toDouble(), r.timing.medianMs);
        QCOMPARE(j.value(QStringLiteral("import_ms_min")).toDouble(), r.timing.minMs);
        QCOMPARE(j.value(QStringLiteral("import_ms_max")).toDouble(), r.timing.maxMs);
        QVERIFY(r.timing.minMs > 0 && r.timing.minMs <= r.timing.maxMs);
        const QString row = QStringLiteral("| %1 | passed | %2 ms | %3 ms (%4..%5, 2 runs) |")
                                .arg(r.check.name)
                                .arg(r.millis)
                                .arg(r.timing.medianMs, 0, 'f', 1)
                                .arg(r.timing.minMs, 0, 'f', 1)
                                .arg(r.timing.maxMs, 0, 'f', 1);
        QVERIFY2(md.contains(row), qPrintable(row + QStringLiteral("\n") + md.right(600)));
    }
    // numpy's import is heavier than six's, on any machine.
    QVERIFY(in.verify->results[1].timing.medianMs > in.verify->results[0].timing.medianMs);
}

QTEST_GUILESS_MAIN(TestExportReport)
#include "tst_exportreport.moc"
