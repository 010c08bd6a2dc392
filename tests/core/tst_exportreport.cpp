// The export report on the demo layer: numbers agree with the ledger and with
// find, both files are written beside the output, lint findings are carried.
#include "directoryscanner.h"
#include "exportreport.h"
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
    const QString removed = QString::fromLatin1(sh(QStringLiteral(
        "cd %1 && find . -type f \\( -path '*/tests/*' -o -path '*/test/*' -o -path '*/__pycache__/*' -o -name '*.pyc' -o -name '*.pyo' -o -name '*.dat' \\) -printf '%s\\n' | awk '{s+=$1; n++} END {print s+0, n+0}'")
        .arg(quoted(testsupport::demoLayer())))).trimmed();
    QCOMPARE(QStringLiteral("%1 %2").arg(o.value(QStringLiteral("removed_bytes")).toInteger()).arg(o.value(QStringLiteral("removed_files")).toInteger()), removed);
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
}

void TestExportReport::basePaths()
{
    QCOMPARE(ExportReport::basePath(QStringLiteral("/o/layer.zip")), QStringLiteral("/o/layer.report"));
    QCOMPARE(ExportReport::basePath(QStringLiteral("/o/folder/")), QStringLiteral("/o/folder.report"));
}

QTEST_GUILESS_MAIN(TestExportReport)
#include "tst_exportreport.moc"
