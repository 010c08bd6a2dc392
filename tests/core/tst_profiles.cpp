// The sample profiles shipped in resources/profiles: each loads, and replays on
// the real demo layer to the same kept set in core and in `layerslim-cli scan`.
#include "scan/directoryscanner.h"
#include "select/profile.h"
#include "select/sizeledger.h"
#include "select/targets.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

namespace {

QString profilesDir()
{
    return QStringLiteral(LAYERSLIM_SOURCE_DIR "/resources/profiles");
}

} // namespace

class TestProfiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eachProfileLoads_data();
    void eachProfileLoads();
    void cliAndCoreKeepTheSameSet_data();
    void cliAndCoreKeepTheSameSet();
    void recipeMatchesFind();
    void safeProfileHoldsOnlySafeRules();

private:
    void addProfileRows();
    std::unique_ptr<FileTree> m_tree;
};

void TestProfiles::initTestCase()
{
    QVERIFY2(testsupport::haveDemoLayer(), "the demo layer is staged by ctest's stage_demo_layer");
    QString error;
    m_tree = DirectoryScanner::scan(testsupport::demoLayer(), &error);
    QVERIFY2(m_tree, qPrintable(error));
}

void TestProfiles::addProfileRows()
{
    QTest::addColumn<QString>("path");
    const QStringList files = QDir(profilesDir()).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    QVERIFY(files.contains(QStringLiteral("numpy-scipy-pandas.json")));
    QVERIFY(files.contains(QStringLiteral("safe-rules-only.json")));
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << QDir(profilesDir()).filePath(f);
}

void TestProfiles::eachProfileLoads_data()
{
    addProfileRows();
}

void TestProfiles::eachProfileLoads()
{
    QFETCH(QString, path);
    QString error;
    const auto profile = Profile::load(path, &error);
    QVERIFY2(profile, qPrintable(error));
    QVERIFY(Target::find(profile->runtime, profile->arch));
    QCOMPARE(profile->limitBytes, units::kLambdaUnzippedLimit);
    QVERIFY(!profile->rules.isEmpty());
    // Saving and loading again gives the same profile (nothing is lost or invented).
    const auto again = Profile::fromJson(profile->toJson(), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->toJson(), profile->toJson());
}

void TestProfiles::cliAndCoreKeepTheSameSet_data()
{
    addProfileRows();
}

void TestProfiles::cliAndCoreKeepTheSameSet()
{
    QFETCH(QString, path);
    QString error;
    const auto profile = Profile::load(path, &error);
    QVERIFY2(profile, qPrintable(error));
    SizeLedger ledger(*m_tree);
    QVERIFY2(profile->applyTo(ledger, &error), qPrintable(error));
    const LedgerTotals core = ledger.totals();
    QVERIFY(core.prunedBytes > 0);
    QCOMPARE(core.keptBytes + core.prunedBytes, m_tree->totalBytes(0));

    QProcess cli;
    cli.start(QStringLiteral(LAYERSLIM_CLI), {QStringLiteral("scan"), testsupport::demoLayer(),
                                              QStringLiteral("--profile"), path, QStringLiteral("--json")});
    QVERIFY(cli.waitForFinished(300000));
    const std::uint64_t budget = profile->limitBytes - profile->reserveBytes;
    QCOMPARE(cli.exitCode(), core.keptBytes <= budget ? 0 : 2);
    QJsonParseError parseError{};
    const QJsonObject o = QJsonDocument::fromJson(cli.readAllStandardOutput(), &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(std::uint64_t(o.value(QStringLiteral("kept_bytes")).toDouble()), core.keptBytes);
    QCOMPARE(std::uint64_t(o.value(QStringLiteral("kept_files")).toDouble()), std::uint64_t(core.keptFiles));
    QCOMPARE(std::uint64_t(o.value(QStringLiteral("pruned_bytes")).toDouble()), core.prunedBytes);
    QCOMPARE(o.value(QStringLiteral("fits")).toBool(), core.keptBytes <= budget);

    // What the GUI saves from this selection replays to the very same pruned set.
    const Profile saved = Profile::fromLedger(ledger, *profile);
    const auto reloaded = Profile::fromJson(saved.toJson(), &error);
    QVERIFY2(reloaded, qPrintable(error));
    SizeLedger replay(*m_tree);
    QVERIFY(reloaded->applyTo(replay, &error));
    QVERIFY(replay.pruned() == ledger.pruned());
}

void TestProfiles::recipeMatchesFind()
{
    // The original shell recipe, as find: drop tests/, __pycache__/, bytecode,
    // metadata, pyproject.toml, *.dat and the known sample-data folders.
    QString error;
    const auto profile = Profile::load(profilesDir() + QStringLiteral("/numpy-scipy-pandas.json"), &error);
    QVERIFY2(profile, qPrintable(error));
    QCOMPARE(profile->rules,
             (QStringList{QStringLiteral("tests"), QStringLiteral("bytecode"), QStringLiteral("dist-info"),
                          QStringLiteral("pyproject"), QStringLiteral("datasets")}));
    SizeLedger ledger(*m_tree);
    QVERIFY(profile->applyTo(ledger, &error));
    const QString script =
        QStringLiteral(
            "cd %1 && find . -mindepth 1 \\( -type d \\( -name tests -o -name test -o -name __pycache__ "
            "-o -name '*.dist-info' -o -name '*.egg-info' -o -path ./sklearn/datasets/data -o -path "
            "./sklearn/datasets/images "
            "-o -path ./sklearn/datasets/descr -o -path ./matplotlib/mpl-data/sample_data -o -path ./skimage/data "
            "-o -path ./scipy/datasets/_data \\) -prune \\) -o \\( -type f ! -name '*.pyc' ! -name '*.pyo' "
            "! -name '*.egg-info' ! -name pyproject.toml ! -name '*.dat' -printf '%s\\n' \\) "
            "| awk '{s+=$1; n++} END {print s+0, n+0}'")
            .arg(quoted(testsupport::demoLayer()));
    const QStringList expected = QString::fromLatin1(sh(script)).trimmed().split(QLatin1Char(' '));
    QCOMPARE(expected.size(), 2);
    QCOMPARE(QString::number(ledger.totals().keptBytes), expected[0]);
    QCOMPARE(QString::number(ledger.totals().keptFiles), expected[1]);
    // The recipe is what makes numpy + scipy + pandas fit with room to spare.
    QVERIFY(ledger.totals().prunedBytes > m_tree->totalBytes(0) / 4);
}

void TestProfiles::safeProfileHoldsOnlySafeRules()
{
    QString error;
    const auto profile = Profile::load(profilesDir() + QStringLiteral("/safe-rules-only.json"), &error);
    QVERIFY2(profile, qPrintable(error));
    QStringList safe;
    for (const Rule &r : RuleCatalog::all())
        if (r.risk == Risk::Safe && r.action == RuleAction::Remove)
            safe.push_back(r.id);
    QStringList rules = profile->rules;
    rules.sort();
    safe.sort();
    QCOMPARE(rules, safe);
    QVERIFY(profile->prune.isEmpty());
    QVERIFY(profile->keep.isEmpty());
}

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
