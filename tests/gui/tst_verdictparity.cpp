// The GUI and layerslim-cli give one verdict and one report. One profile goes
// to the explorer's budget (the gauge) and to `scan --json`, with kept bytes
// below limit − reserve, between limit − reserve and the limit, and over it;
// and the same profile, with strip and sourceless bytecode, is exported
// through the Export dialog and through `layerslim-cli export`: the two
// report.json files agree except for times and paths. With strip on a tree of
// unstripped extension modules, the GUI's kept and zipped figures are the
// ones `scan` predicts and `export` writes; and the Export dialog honours a
// level the user picks for zip input, as `export --level` does.
#include "gui/budget/budgetpanel.h"
#include "gui/budget/limitgauge.h"
#include "gui/dialogs/exportdialog.h"
#include "gui/rules/rulesmodel.h"
#include "gui/shell/layerdocument.h"
#include "scan/layer.h"
#include "select/rules.h"
#include "testsupport.h"
#include "transform/bytecodecompiler.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

namespace {

using Run = testsupport::CliRun;
using testsupport::cli;
using testsupport::readJson;

QString writeProfile(const QString &path, const QJsonObject &o)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(QJsonDocument(o).toJson());
    return path;
}

} // namespace

class TestVerdictParity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void budgetVerdictMatchesScan_data();
    void budgetVerdictMatchesScan();
    void exportReportMatchesCli();
    void stripFiguresMatchScanAndExport();
    void levelChosenRecompressesZipInput();

private:
    QTemporaryDir m_tmp;
    QString m_tree;
    std::uint64_t m_keptBytes = 0;
    std::unique_ptr<LayerDocument> m_document;
};

void TestVerdictParity::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LayerSlimTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_verdictparity"));
    QSettings().clear();
    QVERIFY(m_tmp.isValid());
    // A layer of known size: its bytes as find counts them, all kept (no rules).
    m_tree = m_tmp.filePath(QStringLiteral("layer/python"));
    int rc = -1;
    sh(QStringLiteral("set -e; mkdir -p %1/pkg/sub; head -c 2345678 /dev/urandom > %1/pkg/a.bin; "
                      "head -c 4321 /dev/urandom > %1/pkg/sub/b.bin; echo 'x = 1' > %1/pkg/__init__.py")
           .arg(quoted(m_tree)),
       &rc);
    QCOMPARE(rc, 0);
    m_keptBytes =
        sh(QStringLiteral("find %1 -type f -printf '%s\\n' | awk '{s += $1} END {print s}'").arg(quoted(m_tree)))
            .trimmed()
            .toULongLong();
    QVERIFY(m_keptBytes > 2'000'000);
    QString error;
    auto layer = std::make_shared<Layer>(Layer::open(m_tree, &error));
    QVERIFY2(layer->tree, qPrintable(error));
    m_document = std::make_unique<LayerDocument>(layer, m_tree);
}

void TestVerdictParity::budgetVerdictMatchesScan_data()
{
    // The reserve is not a whole MB: the GUI must keep the profile's bytes, not its spin box's.
    const qint64 reserve = 300'001;
    const qint64 kept = qint64(m_keptBytes);
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<qint64>("reserve");
    QTest::addColumn<QString>("verdict");
    QTest::newRow("fits with the reserve") << kept + reserve + 1000 << reserve << "fits";
    QTest::newRow("at limit - reserve") << kept + reserve << reserve << "fits";
    QTest::newRow("one byte into the reserve") << kept + reserve - 1 << reserve << "into_reserve";
    QTest::newRow("between limit - reserve and the limit") << kept + reserve / 2 << reserve << "into_reserve";
    QTest::newRow("at the limit") << kept << reserve << "into_reserve";
    QTest::newRow("over the limit") << kept - 1 << reserve << "over_limit";
}

void TestVerdictParity::budgetVerdictMatchesScan()
{
    QFETCH(qint64, limit);
    QFETCH(qint64, reserve);
    QFETCH(QString, verdict);
    const QString path = writeProfile(m_tmp.filePath(QStringLiteral("budget.json")),
                                      QJsonObject{{QStringLiteral("version"), 1},
                                                  {QStringLiteral("limit_bytes"), double(limit)},
                                                  {QStringLiteral("reserve_bytes"), double(reserve)}});
    QString error;
    const std::optional<Profile> profile = Profile::load(path, &error);
    QVERIFY2(profile, qPrintable(error));

    // The GUI: the profile applied to the document and the budget pane, as File ▸ Open Profile does.
    BudgetPanel panel;
    panel.setDocument(m_document.get());
    QVERIFY2(m_document->applyProfile(*profile, &error), qPrintable(error));
    panel.applyProfile(*profile);
    const LimitGauge *gauge = panel.unzippedGauge();
    QCOMPARE(*gauge->value(), m_keptBytes);
    QCOMPARE(gauge->limit(), std::uint64_t(limit));
    QCOMPARE(gauge->reserve(), std::uint64_t(reserve));
    QVERIFY(gauge->verdict());
    const QString gui = LayerBudget::verdictId(*gauge->verdict());

    // The CLI on the same profile.
    const Run scan = cli({QStringLiteral("scan"), m_tree, QStringLiteral("--profile"), path, QStringLiteral("--json")});
    const QJsonObject o = QJsonDocument::fromJson(scan.out).object();
    QCOMPARE(o.value(QStringLiteral("kept_bytes")).toInteger(), qint64(m_keptBytes));
    QCOMPARE(gui, o.value(QStringLiteral("verdict")).toString());
    QCOMPARE(gui, verdict);
    QCOMPARE(o.value(QStringLiteral("fits")).toBool(), verdict == QStringLiteral("fits"));
    QCOMPARE(scan.exitCode, verdict == QStringLiteral("fits") ? 0 : 2);
    // One wording: the gauge's sentence is core's, the one scan prints (this suite runs in English).
    QCOMPARE(gauge->verdictText().section(QLatin1Char(':'), 0, 0),
             o.value(QStringLiteral("verdict_text")).toString().section(QLatin1Char(':'), 0, 0));
}

void TestVerdictParity::exportReportMatchesCli()
{
    QVERIFY2(testsupport::haveDemoLayer(), "the demo layer is staged by ctest's stage_demo_layer");
    // The target is this machine's Python and CPU, so sourceless can compile
    // with /usr/bin/python3 and lint judges the demo's extensions for them.
    const QString runtime = testsupport::host().runtime;
    const QString arch = testsupport::host().arch;
    const QString path =
        writeProfile(m_tmp.filePath(QStringLiteral("export.json")),
                     QJsonObject{{QStringLiteral("version"), 1},
                                 {QStringLiteral("runtime"), runtime},
                                 {QStringLiteral("arch"), arch},
                                 {QStringLiteral("rules"), QJsonArray{QStringLiteral("tests"), QStringLiteral("docs"),
                                                                      QStringLiteral("strip")}}});
    QString error;
    const std::optional<Profile> profile = Profile::load(path, &error);
    QVERIFY2(profile, qPrintable(error));

    // layerslim-cli export.
    const QString cliZip = m_tmp.filePath(QStringLiteral("cli/layer.zip"));
    QVERIFY(QDir().mkpath(QFileInfo(cliZip).absolutePath()));
    const Run run =
        cli({QStringLiteral("export"), testsupport::demoLayer(), QStringLiteral("-o"), cliZip,
             QStringLiteral("--profile"), path, QStringLiteral("--bytecode"), QStringLiteral("sourceless")});
    QVERIFY2(run.exitCode == 0 || run.exitCode == 2, run.err.constData());

    // The Export dialog on the same profile.
    auto layer = std::make_shared<Layer>(Layer::open(testsupport::demoLayer(), &error));
    QVERIFY2(layer->tree, qPrintable(error));
    LayerDocument document(layer, testsupport::demoLayer());
    QVERIFY2(document.applyProfile(*profile, &error), qPrintable(error));
    const QString guiZip = m_tmp.filePath(QStringLiteral("gui/layer.zip"));
    QVERIFY(QDir().mkpath(QFileInfo(guiZip).absolutePath()));
    {
        ExportDialog dialog(&document, *profile);
        dialog.outputEdit()->setText(guiZip);
        dialog.bytecodeBox()->setCurrentIndex(dialog.bytecodeBox()->findData(int(BytecodeMode::Sourceless)));
        QSignalSpy finished(&dialog, &ExportDialog::finished);
        dialog.start();
        QVERIFY(finished.wait(600000));
        QCOMPARE(finished.first().first().toBool(), true);
    }

    QJsonObject fromCli = readJson(m_tmp.filePath(QStringLiteral("cli/layer.report.json")));
    QJsonObject fromGui = readJson(m_tmp.filePath(QStringLiteral("gui/layer.report.json")));
    QVERIFY(!fromCli.isEmpty());
    QVERIFY(!fromGui.isEmpty());
    // Strip and sourceless bytecode are in both: exported bytes differ from the kept bytes.
    const QJsonObject transforms = fromCli.value(QStringLiteral("transforms")).toObject();
    QCOMPARE(transforms.value(QStringLiteral("bytecode")).toObject().value(QStringLiteral("mode")).toString(),
             QStringLiteral("sourceless"));
    QVERIFY(transforms.value(QStringLiteral("bytecode")).toObject().value(QStringLiteral("added_files")).toInt() > 0);
    QVERIFY(fromCli.value(QStringLiteral("exported_bytes")).toInteger() !=
            fromCli.value(QStringLiteral("kept_bytes")).toInteger());
    QCOMPARE(fromCli.value(QStringLiteral("runtime")).toString(), runtime);
    for (const char *key : {"output", "seconds"}) {
        QVERIFY(fromCli.contains(QLatin1String(key)));
        fromCli.remove(QLatin1String(key));
        fromGui.remove(QLatin1String(key));
    }
    for (const QString &key : fromCli.keys())
        QVERIFY2(
            fromCli.value(key) == fromGui.value(key),
            qPrintable(
                QStringLiteral("%1: cli %2, gui %3")
                    .arg(key,
                         QString::fromUtf8(
                             QJsonDocument(QJsonObject{{key, fromCli.value(key)}}).toJson(QJsonDocument::Compact)),
                         QString::fromUtf8(
                             QJsonDocument(QJsonObject{{key, fromGui.value(key)}}).toJson(QJsonDocument::Compact)))));
    QCOMPARE(fromGui, fromCli);
    // And the same zip, to the byte.
    QCOMPARE(sh(QStringLiteral("sha256sum < %1").arg(quoted(guiZip))),
             sh(QStringLiteral("sha256sum < %1").arg(quoted(cliZip))));
}

void TestVerdictParity::stripFiguresMatchScanAndExport()
{
    // Extension modules with debug sections, named for this machine's CPython.
    const QString suffix = testsupport::host().extSuffix;
    QVERIFY2(suffix.startsWith(QStringLiteral(".cpython-3")), qPrintable(suffix));
    const QString tree = m_tmp.filePath(QStringLiteral("unstripped/python"));
    int rc = -1;
    sh(QStringLiteral("set -e; mkdir -p %1/pkg; cd %1/pkg; echo 'x = 1' > __init__.py; for n in a b c; do "
                      "echo \"struct s$n { long v[64]; }; long f$n(struct s$n *p) { return p->v[3]; }\" > $n.c; "
                      "cc -g -O0 -shared -fPIC -o $n%2 $n.c; rm $n.c; done")
           .arg(quoted(tree), suffix),
       &rc);
    QCOMPARE(rc, 0);
    const QString path = writeProfile(m_tmp.filePath(QStringLiteral("strip.json")),
                                      QJsonObject{{QStringLiteral("version"), 1},
                                                  {QStringLiteral("runtime"), testsupport::host().runtime},
                                                  {QStringLiteral("arch"), testsupport::host().arch},
                                                  {QStringLiteral("rules"), QJsonArray{QStringLiteral("strip")}}});
    QString error;
    const std::optional<Profile> profile = Profile::load(path, &error);
    QVERIFY2(profile, qPrintable(error));

    // The CLI: what scan predicts, what export writes.
    const Run scan = cli({QStringLiteral("scan"), tree, QStringLiteral("--profile"), path,
                          QStringLiteral("--exact-zip"), QStringLiteral("--json")});
    const QJsonObject s = QJsonDocument::fromJson(scan.out).object();
    QCOMPARE(s.value(QStringLiteral("zip_estimate_exact")).toBool(false), true);
    const QString cliZip = m_tmp.filePath(QStringLiteral("strip-cli.zip"));
    const Run exported = cli({QStringLiteral("export"), tree, QStringLiteral("-o"), cliZip, QStringLiteral("--profile"),
                              path, QStringLiteral("--no-report"), QStringLiteral("--json")});
    QVERIFY2(exported.exitCode == 0, exported.err.constData());
    const QJsonObject e = QJsonDocument::fromJson(exported.out).object();
    const qint64 zipBytes = QFileInfo(cliZip).size();
    QCOMPARE(e.value(QStringLiteral("zip_bytes")).toInteger(), zipBytes);
    QCOMPARE(s.value(QStringLiteral("zip_bytes_estimate")).toInteger(), zipBytes);
    const qint64 written = e.value(QStringLiteral("bytes")).toInteger();
    QCOMPARE(s.value(QStringLiteral("kept_bytes")).toInteger(), written);

    // The GUI on the same profile, once its exact pass has ended.
    auto layer = std::make_shared<Layer>(Layer::open(tree, &error));
    QVERIFY2(layer->tree, qPrintable(error));
    LayerDocument document(layer, tree);
    QSignalSpy ready(&document, &LayerDocument::zipEstimateReady);
    BudgetPanel panel;
    panel.setDocument(&document);
    RulesModel rules;
    rules.setDocument(&document);
    QVERIFY2(document.applyProfile(*profile, &error), qPrintable(error));
    panel.applyProfile(*profile);
    QVERIFY(ready.wait(120000));
    QCOMPARE(panel.zippedGauge()->isApproximate(), false);
    QCOMPARE(qint64(*panel.zippedGauge()->value()), zipBytes);
    QCOMPARE(panel.unzippedGauge()->isApproximate(), false);
    QCOMPARE(qint64(*panel.unzippedGauge()->value()), written);
    // The rules list shows what stripping saved: the source's bytes less the written ones.
    const std::uint64_t source = layer->tree->totalBytes(0);
    QVERIFY(qint64(source) > written);
    QCOMPARE(rules.ruleBytes(RuleCatalog::indexOf(u"strip")).aloneBytes, source - std::uint64_t(written));

    // And the Export dialog writes that zip.
    const QString guiZip = m_tmp.filePath(QStringLiteral("strip-gui.zip"));
    {
        ExportDialog dialog(&document, *profile);
        dialog.outputEdit()->setText(guiZip);
        QSignalSpy finished(&dialog, &ExportDialog::finished);
        dialog.start();
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toBool(), true);
    }
    QCOMPARE(QFileInfo(guiZip).size(), zipBytes);
}

void TestVerdictParity::levelChosenRecompressesZipInput()
{
    // A layer zip written at level 6 from text: its larger files are deflated.
    const QString text = m_tmp.filePath(QStringLiteral("text/python"));
    int rc = -1;
    sh(QStringLiteral("set -e; mkdir -p %1/pkg; seq 1 50000 > %1/pkg/numbers.txt; echo 'x = 1' > %1/pkg/__init__.py")
           .arg(quoted(text)),
       &rc);
    QCOMPARE(rc, 0);
    const QString input = m_tmp.filePath(QStringLiteral("deflated.zip"));
    const Run made = cli({QStringLiteral("export"), text, QStringLiteral("-o"), input, QStringLiteral("--no-report")});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    const QString methods =
        QStringLiteral("python3 -c \"import sys, zipfile; print(sorted({i.compress_type "
                       "for i in zipfile.ZipFile(sys.argv[1]).infolist() if i.file_size > 1000}))\" %1");
    QCOMPARE(sh(methods.arg(quoted(input))).trimmed(), QByteArray("[8]"));

    QString error;
    auto layer = std::make_shared<Layer>(Layer::open(input, &error));
    QVERIFY2(layer->tree, qPrintable(error));
    LayerDocument document(layer, input);
    Profile profile;
    profile.runtime = testsupport::host().runtime;
    profile.arch = testsupport::host().arch;

    // The level left alone: entries are copied as they are stored, and the dialog says so.
    const QString copied = m_tmp.filePath(QStringLiteral("copied.zip"));
    {
        ExportDialog dialog(&document, profile);
        QVERIFY(!dialog.recompresses());
        dialog.outputEdit()->setText(copied);
        QSignalSpy finished(&dialog, &ExportDialog::finished);
        dialog.start();
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toBool(), true);
    }
    QCOMPARE(sh(methods.arg(quoted(copied))).trimmed(), QByteArray("[8]"));

    // Level 0 chosen: every entry is compressed again, i.e. stored.
    const QString stored = m_tmp.filePath(QStringLiteral("stored.zip"));
    {
        ExportDialog dialog(&document, profile);
        auto *level = dialog.findChild<QSpinBox *>();
        QVERIFY(level);
        level->setValue(0);
        QVERIFY(dialog.recompresses());
        dialog.outputEdit()->setText(stored);
        QSignalSpy finished(&dialog, &ExportDialog::finished);
        dialog.start();
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toBool(), true);
    }
    QCOMPARE(sh(methods.arg(quoted(stored))).trimmed(), QByteArray("[0]"));
    QVERIFY(sh(QStringLiteral("unzip -tq %1").arg(quoted(stored))).startsWith("No errors detected"));
}

QTEST_MAIN(TestVerdictParity)
#include "tst_verdictparity.moc"
