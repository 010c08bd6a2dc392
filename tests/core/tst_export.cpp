// Export on the real demo layer: the zip reads back in unzip and Python with
// every CRC, lists exactly the kept files with their contents, imports, is
// reproducible, matches its predicted size, copies zip input raw, and
// recompresses it, when asked, to the bytes a folder source gives.
#include "base/units.h"
#include "export/exporter.h"
#include "export/exportplan.h"
#include "export/zipsizepredictor.h"
#include "scan/layer.h"
#include "select/rules.h"
#include "select/sizeledger.h"
#include "testsupport.h"

#include <map>

#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

namespace {

const QString kSeedRules = QStringLiteral("tests,bytecode,dist-info,pyproject,datasets");

QString zipcheck()
{
    return QStringLiteral("python3 " LAYERSLIM_SOURCE_DIR "/tests/core/zipcheck.py");
}

// The source tree's listing, modes, times and contents, as one hash.
QByteArray treeHash(const QString &dir)
{
    return sh(QStringLiteral("cd %1 && (find . -printf '%P %y %s %m %T@\\n' | LC_ALL=C sort; "
                             "find . -type f -print0 | LC_ALL=C sort -z | xargs -0 cat | sha256sum) | sha256sum")
                  .arg(quoted(dir)));
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void seedExportMatchesKeptSet();
    void exportsAreByteIdentical();
    void exportImports();
    void predictionEqualsSize_data();
    void predictionEqualsSize();
    void zipInputIsCopiedRaw();
    void zipInputRecompressedAtLevel();
    void folderExportEqualsZip();
    void cleanupTestCase();

private:
    ExportResult exportWith(const QString &rules, const ExportOptions &options, std::uint64_t *predicted = nullptr);

    Layer m_layer;
    std::map<int, std::unique_ptr<ZipSizePredictor>> m_predictors; // by level, over the whole layer
    QByteArray m_sourceHash;
    QTemporaryDir m_tmp;
    QString m_seedZip;
};

void TestExport::initTestCase()
{
    QVERIFY2(testsupport::haveDemoLayer(), "the demo layer is staged by ctest's stage_demo_layer");
    QVERIFY(m_tmp.isValid());
    m_sourceHash = treeHash(testsupport::demoLayer());
    QString error;
    m_layer = Layer::open(testsupport::demoLayer(), &error);
    QVERIFY2(m_layer.tree, qPrintable(error));
    m_seedZip = m_tmp.filePath(QStringLiteral("seed.zip"));
}

ExportResult TestExport::exportWith(const QString &rules, const ExportOptions &options, std::uint64_t *predicted)
{
    SizeLedger ledger(*m_layer.tree);
    for (const QString &id : rules.split(QLatin1Char(','), Qt::SkipEmptyParts))
        ledger.setRuleEnabled(RuleCatalog::indexOf(id), true);
    if (predicted) {
        auto &predictor = m_predictors[options.level];
        if (!predictor) {
            predictor = std::make_unique<ZipSizePredictor>(*m_layer.tree, m_layer.zipEntries);
            QString error;
            if (!predictor->compute(options.level, nullptr, 0, &error))
                qWarning("%s", qPrintable(error));
        }
        const auto p = predictor->predict(ledger.pruned(), *ExportPlan::normalizePrefix(options.prefix, nullptr));
        *predicted = p.exact ? p.bytes : 0;
    }
    return Exporter::run(*m_layer.tree, ledger.pruned(), m_layer.zipEntries, options);
}

void TestExport::seedExportMatchesKeptSet()
{
    // Through the CLI, as users run it, for a runtime the demo's extension
    // modules were not built for (their CPython is read from a file name):
    // lint fails them, which is the one reason for exit 2 (the layer fits).
    const QString so = QString::fromLocal8Bit(sh(QStringLiteral("cd %1 && find . -name '_umath_linalg.cpython-3*.so' "
                                                                "| head -1")
                                                     .arg(quoted(testsupport::demoLayer()))))
                           .trimmed();
    const QString tag = so.section(QStringLiteral("cpython-"), 1).section(QLatin1Char('-'), 0, 0);
    QVERIFY2(tag.startsWith(QLatin1Char('3')), qPrintable(so));
    const QString runtime = tag == QStringLiteral("310") ? QStringLiteral("python3.12") : QStringLiteral("python3.10");
    const QString arch = testsupport::host().arch;
    // This machine's architecture, so only the runtime is foreign.
    QFile profile(m_tmp.filePath(QStringLiteral("seed.json")));
    QVERIFY(profile.open(QIODevice::WriteOnly));
    profile.write(QStringLiteral(R"({"version":1,"arch":"%1","runtime":"%2","rules":["%3"]})")
                      .arg(arch, runtime, kSeedRules.split(QLatin1Char(',')).join(QStringLiteral("\",\"")))
                      .toUtf8());
    profile.close();
    const QString errFile = m_tmp.filePath(QStringLiteral("seed.err"));
    int rc = -1;
    const QByteArray out = sh(QStringLiteral("%1 export %2 -o %3 --profile %4 2> %5")
                                  .arg(QStringLiteral(LAYERSLIM_CLI), quoted(testsupport::demoLayer()),
                                       quoted(m_seedZip), quoted(profile.fileName()), quoted(errFile)),
                              &rc);
    QFile errors(errFile);
    QVERIFY(errors.open(QIODevice::ReadOnly));
    const QByteArray err = errors.readAll();
    QCOMPARE(rc, 2);
    const QRegularExpressionMatch summary =
        QRegularExpression(QStringLiteral("layerslim-cli export: lint for %1 %2: (\\d+) errors, \\d+ warnings in the "
                                          "kept files\n")
                               .arg(QRegularExpression::escape(runtime), arch))
            .match(QString::fromUtf8(err));
    QVERIFY2(summary.hasMatch(), err.constData());
    QVERIFY2(err.contains(QStringLiteral(".cpython-%1-").arg(tag).toUtf8()), err.constData()); // a finding is shown
    QVERIFY2(!err.contains(" unzipped "), err.constData()); // no budget verdict: the layer fits
    QVERIFY2(out.contains("budget fits"), out.constData());
    QVERIFY(sh(QStringLiteral("unzip -tq %1").arg(quoted(m_seedZip))).startsWith("No errors detected"));

    // The kept set, independently: everything the five rules do not match.
    const QString kept = m_tmp.filePath(QStringLiteral("kept.lst"));
    sh(QStringLiteral("cd %1 && find . -mindepth 1 \\( -type d \\( -name tests -o -name test -o -name __pycache__ "
                      "-o -name '*.dist-info' -o -name '*.egg-info' \\) -prune \\) -o \\( \\( -type f -o -type l \\) "
                      "! -name '*.pyc' ! -name '*.pyo' ! -name '*.egg-info' ! -name pyproject.toml ! -name '*.dat' "
                      "-printf '%P\\0' \\) > %2")
           .arg(quoted(testsupport::demoLayer()), quoted(kept)));
    const QByteArray check =
        sh(QStringLiteral("%1 check %2 %3 python/ %4")
               .arg(zipcheck(), quoted(m_seedZip), quoted(testsupport::demoLayer()), quoted(kept)));
    QCOMPARE(check.trimmed(), QByteArray("ok"));
    const QByteArray count = sh(QStringLiteral("tr -cd '\\0' < %1 | wc -c").arg(quoted(kept))).trimmed();
    QVERIFY(count.toInt() > 1000);
    // Every kept extension module named for another CPython is one ABI error at least.
    const int extensions =
        sh(QStringLiteral("tr '\\0' '\\n' < %1 | grep -c '\\.cpython-%2-.*\\.so$'").arg(quoted(kept), tag))
            .trimmed()
            .toInt();
    QVERIFY(extensions > 50);
    QVERIFY2(
        summary.captured(1).toInt() >= extensions,
        qPrintable(QStringLiteral("%1 lint errors, %2 extension modules").arg(summary.captured(1)).arg(extensions)));
    QVERIFY2(out.contains(QStringLiteral("files  %1 ").arg(units::groupedBytes(count.toULongLong())).toUtf8()),
             out.constData());
}

void TestExport::exportsAreByteIdentical()
{
    ExportOptions o;
    o.output = m_tmp.filePath(QStringLiteral("again.zip"));
    o.threads = 1; // a different thread count must not change a byte
    const ExportResult r = exportWith(kSeedRules, o);
    QVERIFY2(r.ok, qPrintable(r.error));
    int rc = -1;
    sh(QStringLiteral("cmp %1 %2").arg(quoted(m_seedZip), quoted(o.output)), &rc);
    QCOMPARE(rc, 0);
    QCOMPARE(std::uint64_t(QFileInfo(o.output).size()), r.outputBytes);
}

void TestExport::exportImports()
{
    const QString dir = m_tmp.filePath(QStringLiteral("extracted"));
    sh(QStringLiteral("mkdir -p %1 && cd %1 && unzip -q %2").arg(quoted(dir), quoted(m_seedZip)));
    int rc = -1;
    const QByteArray out = sh(QStringLiteral("cd /tmp && python3 -S -c \"import sys; sys.path.insert(0, '%1'); "
                                             "import numpy, scipy, pandas; print(numpy.__file__)\" 2>&1")
                                  .arg(dir + QStringLiteral("/python")),
                              &rc);
    QVERIFY2(rc == 0, out.constData());
    QVERIFY2(out.startsWith(dir.toUtf8()), out.constData()); // numpy came from the export, not the system
}

void TestExport::predictionEqualsSize_data()
{
    QTest::addColumn<int>("level");
    QTest::addColumn<QString>("rules");
    QTest::addColumn<QString>("prefix");
    for (int level : {0, 1, 6}) {
        const QByteArray l = QByteArray::number(level);
        QTest::newRow(l + " none") << level << QString() << QStringLiteral("python/");
        QTest::newRow(l + " seed site-packages")
            << level << kSeedRules << QStringLiteral("python/lib/python3.11/site-packages/");
        QTest::newRow(l + " more, no prefix")
            << level << (kSeedRules + QStringLiteral(",sources,stubs,headers,docs")) << QString();
    }
    // Level 12 is ~20x slower than 6: a real numpy sub-package (with tests,
    // bytecode and native code) keeps the suite short.
    QTest::newRow("12 seed numpy/random") << 12 << kSeedRules << QStringLiteral("python/");
    QTest::newRow("12 none numpy/random") << 12 << QString() << QString();
}

void TestExport::predictionEqualsSize()
{
    QFETCH(int, level);
    QFETCH(QString, rules);
    QFETCH(QString, prefix);
    ExportOptions o;
    o.output = m_tmp.filePath(QStringLiteral("level.zip"));
    o.level = level;
    o.prefix = prefix;
    std::uint64_t predicted = 0;
    ExportResult r;
    if (level == 12) {
        QString error;
        const Layer sub = Layer::open(testsupport::demoLayer() + QStringLiteral("/numpy/random"), &error);
        QVERIFY2(sub.tree, qPrintable(error));
        SizeLedger ledger(*sub.tree);
        for (const QString &id : rules.split(QLatin1Char(','), Qt::SkipEmptyParts))
            ledger.setRuleEnabled(RuleCatalog::indexOf(id), true);
        ZipSizePredictor predictor(*sub.tree, sub.zipEntries);
        QVERIFY2(predictor.compute(level, nullptr, 0, &error), qPrintable(error));
        predicted = predictor.predict(ledger.pruned(), *ExportPlan::normalizePrefix(prefix, nullptr)).bytes;
        r = Exporter::run(*sub.tree, ledger.pruned(), sub.zipEntries, o);
    } else {
        r = exportWith(rules, o, &predicted);
    }
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(predicted, std::uint64_t(QFileInfo(o.output).size()));
    QVERIFY(sh(QStringLiteral("unzip -tq %1").arg(quoted(o.output))).startsWith("No errors detected"));
    if (level == 0) // stored: the zip holds every kept byte
        QVERIFY(std::uint64_t(QFileInfo(o.output).size()) > r.bytes);
}

void TestExport::zipInputIsCopiedRaw()
{
    QString error;
    Layer zipLayer = Layer::open(m_seedZip, &error);
    QVERIFY2(zipLayer.tree, qPrintable(error));
    SizeLedger ledger(*zipLayer.tree);
    ZipSizePredictor predictor(*zipLayer.tree, zipLayer.zipEntries);

    // Same prefix: the very same bytes.
    ExportOptions same;
    same.output = m_tmp.filePath(QStringLiteral("same.zip"));
    same.level = 12; // ignored: nothing is recompressed
    ExportResult r = Exporter::run(*zipLayer.tree, ledger.pruned(), zipLayer.zipEntries, same);
    QVERIFY2(r.ok, qPrintable(error));
    int rc = -1;
    sh(QStringLiteral("cmp %1 %2").arg(quoted(m_seedZip), quoted(same.output)), &rc);
    QCOMPARE(rc, 0);

    // Another prefix and a smaller selection: entries keep their compressed bytes.
    ledger.setRuleEnabled(RuleCatalog::indexOf(QStringLiteral("sources")), true);
    ledger.setRuleEnabled(RuleCatalog::indexOf(QStringLiteral("stubs")), true);
    ExportOptions moved;
    moved.output = m_tmp.filePath(QStringLiteral("moved.zip"));
    moved.prefix = QStringLiteral("python/lib/python3.11/site-packages/");
    r = Exporter::run(*zipLayer.tree, ledger.pruned(), zipLayer.zipEntries, moved);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(predictor.predict(ledger.pruned(), "python/lib/python3.11/site-packages/").bytes,
             std::uint64_t(QFileInfo(moved.output).size()));
    QVERIFY(predictor.predict(ledger.pruned(), "python/").exact);
    const QByteArray raw = sh(QStringLiteral("%1 raw %2 python/ %3 python/lib/python3.11/site-packages/")
                                  .arg(zipcheck(), quoted(m_seedZip), quoted(moved.output)));
    QCOMPARE(raw.trimmed(), QByteArray("ok"));
    QVERIFY(sh(QStringLiteral("unzip -tq %1").arg(quoted(moved.output))).startsWith("No errors detected"));
}

void TestExport::zipInputRecompressedAtLevel()
{
    // The seed zip (level 6) encoded again at level 1 must be byte for byte the
    // level-1 export of the same files from the folder, whose size the
    // predictor gives exactly: recompressing is as reproducible and as
    // predictable as exporting from a folder.
    QString error;
    const Layer zipLayer = Layer::open(m_seedZip, &error);
    QVERIFY2(zipLayer.tree, qPrintable(error));
    const SizeLedger ledger(*zipLayer.tree);
    ExportOptions o;
    o.output = m_tmp.filePath(QStringLiteral("recompressed.zip"));
    o.level = 1;
    o.recompress = true;
    const ExportResult r = Exporter::run(*zipLayer.tree, ledger.pruned(), zipLayer.zipEntries, o);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(QFileInfo(o.output).size() != QFileInfo(m_seedZip).size());

    ExportOptions f;
    f.output = m_tmp.filePath(QStringLiteral("level1.zip"));
    f.level = 1;
    std::uint64_t predicted = 0;
    const ExportResult fr = exportWith(kSeedRules, f, &predicted);
    QVERIFY2(fr.ok, qPrintable(fr.error));
    QCOMPARE(predicted, std::uint64_t(QFileInfo(f.output).size()));
    int rc = -1;
    sh(QStringLiteral("cmp %1 %2").arg(quoted(o.output), quoted(f.output)), &rc);
    QCOMPARE(rc, 0);
    QCOMPARE(r.outputBytes, predicted);
    QCOMPARE(r.bytes, fr.bytes);
    QVERIFY(sh(QStringLiteral("unzip -tq %1").arg(quoted(o.output))).startsWith("No errors detected"));
    const QByteArray check = sh(QStringLiteral("%1 check %2 %3 python/ %4")
                                    .arg(zipcheck(), quoted(o.output), quoted(testsupport::demoLayer()),
                                         quoted(m_tmp.filePath(QStringLiteral("kept.lst")))));
    QCOMPARE(check.trimmed(), QByteArray("ok"));
}

void TestExport::folderExportEqualsZip()
{
    ExportOptions o;
    o.output = m_tmp.filePath(QStringLiteral("folder"));
    o.toFolder = true;
    for (int round = 0; round < 2; ++round) { // the second replaces the first
        const ExportResult r = exportWith(kSeedRules, o);
        QVERIFY2(r.ok, qPrintable(r.error));
    }
    const QString unzipped = m_tmp.filePath(QStringLiteral("unzipped"));
    sh(QStringLiteral("mkdir -p %1 && cd %1 && unzip -q %2").arg(quoted(unzipped), quoted(m_seedZip)));
    int rc = -1;
    sh(QStringLiteral("diff -r %1/python %2/python").arg(quoted(o.output), quoted(unzipped)), &rc);
    QCOMPARE(rc, 0);
    const QByteArray modes =
        sh(QStringLiteral("cd %1 && find python -printf '%m %TY\\n' | sort -u").arg(quoted(o.output)));
    QCOMPARE(modes, QByteArray("644 1980\n755 1980\n"));
    QVERIFY(sh(QStringLiteral("ls -A %1").arg(quoted(m_tmp.path()))).count("layerslim-tmp") == 0);
}

void TestExport::cleanupTestCase()
{
    if (!m_sourceHash.isEmpty())
        QCOMPARE(treeHash(testsupport::demoLayer()), m_sourceHash);
}

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
