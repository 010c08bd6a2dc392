// SizeLedger and Profile on the real demo layer: totals against find, rule
// alone/marginal bytes, manual marks, undo state, profile round trip.
#include "scan/directoryscanner.h"
#include "select/profile.h"
#include "select/sizeledger.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QtTest>

#include <thread>

using testsupport::quoted;
using testsupport::sh;

class TestSizeLedger : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void totalsMatchFind();
    void unionAndMarginal();
    void manualMarksLaterWins();
    void stateRestoresExactly();
    void exceptionsKeepPaths();
    void perPackageBytes();
    void layerBytesLessStripSavings();
    void matchingOnDemandAnswersTheSame();
    void copiesWhileAnotherThreadMatches();
    void profileRoundTrip();
    void profileRejectsBadInput_data();
    void profileRejectsBadInput();

private:
    std::uint64_t findBytes(const QString &findArgs) const;
    std::unique_ptr<FileTree> m_tree;
};

// A ledger that matches each rule when first needed gives every answer of
// one that matched them all at once, whatever was changed before a rule was
// first needed: exceptions, spares, marks, an undo.
void TestSizeLedger::matchingOnDemandAnswersTheSame()
{
    SizeLedger all(*m_tree);
    SizeLedger onDemand(*m_tree, SizeLedger::Matching::OnDemand);
    const int tests = RuleCatalog::indexOf(RuleId::Tests);
    const int bytecode = RuleCatalog::indexOf(RuleId::Bytecode);
    const int headers = RuleCatalog::indexOf(RuleId::Headers);
    const int distInfo = RuleCatalog::indexOf(RuleId::DistInfo);
    auto sameAnswers = [&](const char *step) {
        QVERIFY2(all.totals() == onDemand.totals(), step);
        QVERIFY2(all.pruned() == onDemand.pruned(), step);
        for (int r = 0; r < int(kRuleCount); ++r) {
            const RuleBytes a = all.ruleBytes(r), b = onDemand.ruleBytes(r);
            QVERIFY2(a.aloneBytes == b.aloneBytes && a.marginalBytes == b.marginalBytes &&
                         a.aloneFiles == b.aloneFiles && a.marginalFiles == b.marginalFiles,
                     qPrintable(QStringLiteral("%1: rule %2").arg(QLatin1String(step)).arg(r)));
            QVERIFY2(all.ruleMatches(r) == onDemand.ruleMatches(r), step);
        }
    };
    const SizeLedger::State start = onDemand.state();
    // Changed while not matched yet: the rule must match with them once needed.
    for (SizeLedger *l : {&all, &onDemand}) {
        l->setRuleExceptions(tests, {QStringLiteral("pandas/**")});
        l->setRuleSpares(distInfo, {{QStringLiteral("numpy-*.dist-info/**"), QStringLiteral("read at import")}});
        l->setRuleEnabled(tests, true);
        l->setRuleEnabled(distInfo, true);
        l->mark(m_tree->find("numpy/core", m_tree->packageRoot()), SizeLedger::Mark::Keep);
    }
    QVERIFY(onDemand.totals().prunedBytes > 1000000);
    QVERIFY(onDemand.ruleMatches(tests).test(m_tree->find("scipy/linalg/tests", m_tree->packageRoot())));
    QVERIFY(!onDemand.ruleMatches(tests).test(m_tree->find("pandas/tests", m_tree->packageRoot())));
    sameAnswers("exceptions and spares before the first match");
    for (SizeLedger *l : {&all, &onDemand}) {
        l->setRuleEnabled(bytecode, true);
        l->setRuleExceptions(headers, {QStringLiteral("numpy/**")});
        l->setRuleEnabled(headers, true);
        l->restore(start);
    }
    sameAnswers("undone to the start");

    // An undo and a trace's data that come before the rules are first needed.
    SizeLedger late(*m_tree, SizeLedger::Matching::OnDemand);
    SizeLedger::State excepted = late.state();
    excepted.exceptions[std::size_t(tests)] = {QStringLiteral("scipy/**")};
    excepted.enabled[std::size_t(tests)] = true;
    late.restore(excepted);
    all.restore(excepted);
    const int notTraced = RuleCatalog::indexOf(RuleId::NotTraced);
    Bitset traced(m_tree->count());
    traced.set(m_tree->find("pandas", m_tree->packageRoot()));
    late.setRuleData(notTraced, traced, QStringLiteral("a trace"));
    all.setRuleData(notTraced, traced, QStringLiteral("a trace"));
    QVERIFY(late.ruleMatches(tests).test(m_tree->find("pandas/tests", m_tree->packageRoot())));
    QVERIFY(!late.ruleMatches(tests).test(m_tree->find("scipy/linalg/tests", m_tree->packageRoot())));
    QCOMPARE(late.ruleBytes(notTraced).aloneBytes, all.ruleBytes(notTraced).aloneBytes);
    QVERIFY(late.ruleBytes(notTraced).aloneBytes > 1000000);
    QVERIFY(late.totals() == all.totals());

    // Many rules matched together (a profile's, fit's) with what was set before.
    SizeLedger together(*m_tree, SizeLedger::Matching::OnDemand);
    together.restore(excepted);
    together.setRuleData(notTraced, traced, QStringLiteral("a trace"));
    std::vector<int> every;
    for (int r = 0; r < int(kRuleCount); ++r)
        every.insert(every.end(), {r, int(kRuleCount) - 1 - r});             // each named twice
    QVERIFY(together.ruleMatched(tests) && !together.ruleMatched(bytecode)); // enabled ones only
    together.matchRules(every);
    for (int r = 0; r < int(kRuleCount); ++r) {
        QVERIFY(together.ruleMatched(r));
        QVERIFY2(together.ruleMatches(r) == all.ruleMatches(r), qPrintable(QString::number(r)));
    }
    QVERIFY(together.totals() == all.totals());
}

// A ledger may be copied (for a worker) while another thread's const call
// matches a rule: the copy reads the matches under the lock (TSan runs this).
void TestSizeLedger::copiesWhileAnotherThreadMatches()
{
    const SizeLedger all(*m_tree);
    for (int round = 0; round < 3; ++round) {
        const SizeLedger ledger(*m_tree, SizeLedger::Matching::OnDemand);
        std::thread matcher([&] {
            for (int r = 0; r < int(kRuleCount); ++r)
                (void)ledger.ruleMatches(r);
        });
        std::vector<SizeLedger> copies;
        for (int k = 0; k < 8; ++k)
            copies.emplace_back(ledger);
        matcher.join();
        copies.emplace_back(ledger);
        for (const SizeLedger &copy : copies)
            for (int r = 0; r < int(kRuleCount); ++r)
                QVERIFY2(copy.ruleMatches(r) == all.ruleMatches(r), qPrintable(QString::number(r)));
        for (int r = 0; r < int(kRuleCount); ++r)
            QVERIFY(copies.back().ruleMatched(r)); // the last copy took the other thread's matches
    }
}

// What export writes unzipped: the kept bytes less the strip rule's measured
// savings on kept files, and marked inexact while they are not measured.
void TestSizeLedger::layerBytesLessStripSavings()
{
    SizeLedger ledger(*m_tree);
    const int strip = RuleCatalog::indexOf(u"strip");
    QCOMPARE(ledger.totals().layerBytes, ledger.totals().keptBytes);
    QVERIFY(ledger.totals().layerBytesExact);
    ledger.setRuleEnabled(strip, true);
    // The demo's extension modules are kept and not yet measured.
    QCOMPARE(ledger.totals().layerBytes, ledger.totals().keptBytes);
    QVERIFY(!ledger.totals().layerBytesExact);

    FileTree::Index so = FileTree::kNone;
    ledger.ruleMatches(strip).forEach([&](std::size_t i) {
        if (so == FileTree::kNone && m_tree->isFile(FileTree::Index(i)))
            so = FileTree::Index(i);
    });
    QVERIFY(so != FileTree::kNone);
    QVERIFY(m_tree->size(so) > 1000);
    ledger.setTransformSavings(strip, {{so, 1000}});
    QVERIFY(ledger.totals().layerBytesExact);
    QCOMPARE(ledger.totals().layerBytes, ledger.totals().keptBytes - 1000);
    // Pruned, the file saves nothing more; strip off, nothing is saved.
    ledger.mark(so, SizeLedger::Mark::Prune);
    QCOMPARE(ledger.totals().layerBytes, ledger.totals().keptBytes);
    ledger.mark(so, SizeLedger::Mark::Inherit);
    ledger.setRuleEnabled(strip, false);
    QCOMPARE(ledger.totals().layerBytes, ledger.totals().keptBytes);
}

void TestSizeLedger::initTestCase()
{
    QVERIFY2(testsupport::haveDemoLayer(), "the demo layer is staged by ctest's stage_demo_layer");
    QString error;
    m_tree = DirectoryScanner::scan(testsupport::demoLayer(), &error);
    QVERIFY2(m_tree, qPrintable(error));
}

std::uint64_t TestSizeLedger::findBytes(const QString &findArgs) const
{
    const QString script =
        QStringLiteral("cd %1 && find . -mindepth 1 %2 -printf '%s\\n' | awk '{s+=$1} END {print s+0}'")
            .arg(quoted(testsupport::demoLayer()), findArgs);
    return sh(script).trimmed().toULongLong();
}

void TestSizeLedger::totalsMatchFind()
{
    SizeLedger ledger(*m_tree);
    const std::uint64_t all = findBytes(QStringLiteral("-type f"));
    QVERIFY(all > 100000000); // the real layer is ~190 MB
    QCOMPARE(ledger.totals().keptBytes, all);
    QCOMPARE(ledger.totals().prunedBytes, std::uint64_t(0));
    QCOMPARE(QString::number(ledger.totals().keptFiles),
             QString::fromLatin1(sh(QStringLiteral("find %1 -type f | wc -l").arg(quoted(testsupport::demoLayer()))))
                 .trimmed());
}

void TestSizeLedger::unionAndMarginal()
{
    SizeLedger ledger(*m_tree);
    const int tests = RuleCatalog::indexOf(u"tests");
    const int bytecode = RuleCatalog::indexOf(u"bytecode");
    ledger.setRuleEnabled(tests, true);
    ledger.setRuleEnabled(bytecode, true);
    // __pycache__ inside tests/ is matched by both rules: the union counts it once.
    const std::uint64_t expectedUnion =
        findBytes(QStringLiteral("-type f \\( -path '*/tests/*' -o -path '*/test/*' -o -path '*/__pycache__/*' -o "
                                 "-name '*.pyc' -o -name '*.pyo' \\)"));
    QCOMPARE(ledger.totals().prunedBytes, expectedUnion);
    const RuleBytes t = ledger.ruleBytes(tests);
    const RuleBytes b = ledger.ruleBytes(bytecode);
    QVERIFY(t.marginalBytes < t.aloneBytes); // overlap exists in the real layer
    QCOMPARE(t.aloneBytes + b.marginalBytes, expectedUnion);
    QCOMPARE(b.aloneBytes + t.marginalBytes, expectedUnion);
    // Turning a rule off frees exactly its marginal bytes back.
    const std::uint64_t before = ledger.totals().keptBytes;
    ledger.setRuleEnabled(tests, false);
    QCOMPARE(before + t.marginalBytes, ledger.totals().keptBytes);
}

void TestSizeLedger::manualMarksLaterWins()
{
    SizeLedger ledger(*m_tree);
    const FileTree::Index scipy = m_tree->find("scipy");
    const FileTree::Index misc = m_tree->find("scipy/misc");
    QVERIFY(scipy != FileTree::kNone && misc != FileTree::kNone);
    ledger.mark(scipy, SizeLedger::Mark::Prune);
    QCOMPARE(ledger.totals().prunedBytes, findBytes(QStringLiteral("-path ./scipy/\\* -type f")));
    ledger.mark(misc, SizeLedger::Mark::Keep);
    QCOMPARE(ledger.totals().prunedBytes,
             findBytes(QStringLiteral("-path ./scipy/\\* -not -path ./scipy/misc/\\* -type f")));
    QCOMPARE(ledger.prunedBy(m_tree->find("scipy/linalg")), SizeLedger::kManual);
    QCOMPARE(ledger.prunedBy(misc), -1);
    // A kept folder wins over a rule.
    ledger.setRuleEnabled(RuleCatalog::indexOf(u"datasets"), true);
    QVERIFY(!ledger.isPruned(m_tree->find("scipy/misc/face.dat")));
    ledger.mark(scipy, SizeLedger::Mark::Inherit);
    QVERIFY(ledger.isPruned(m_tree->find("scipy/misc/face.dat")));
}

void TestSizeLedger::stateRestoresExactly()
{
    SizeLedger ledger(*m_tree);
    ledger.setRuleEnabled(RuleCatalog::indexOf(u"tests"), true);
    const SizeLedger::State before = ledger.state();
    const LedgerTotals totals = ledger.totals();
    ledger.setRuleEnabled(RuleCatalog::indexOf(u"bytecode"), true);
    ledger.mark(m_tree->find("pandas"), SizeLedger::Mark::Prune);
    QVERIFY(!(ledger.totals() == totals));
    ledger.restore(before);
    QVERIFY(ledger.state() == before);
    QVERIFY(ledger.totals() == totals);
}

void TestSizeLedger::exceptionsKeepPaths()
{
    SizeLedger ledger(*m_tree);
    const int tests = RuleCatalog::indexOf(u"tests");
    ledger.setRuleEnabled(tests, true);
    const std::uint64_t all = ledger.totals().prunedBytes;
    ledger.setRuleExceptions(tests, {QStringLiteral("scipy/**")});
    QCOMPARE(ledger.totals().prunedBytes,
             all -
                 findBytes(QStringLiteral("-path './scipy/*' \\( -path '*/tests/*' -o -path '*/test/*' \\) -type f")));
    QVERIFY(!ledger.isPruned(m_tree->find("scipy/linalg/tests")));
    QVERIFY(ledger.isPruned(m_tree->find("numpy/core/tests")));
}

void TestSizeLedger::perPackageBytes()
{
    SizeLedger ledger(*m_tree);
    ledger.setRuleEnabled(RuleCatalog::indexOf(u"bytecode"), true);
    std::uint64_t sum = 0;
    bool sawNumpy = false;
    for (const PackageBytes &p : ledger.packages()) {
        sum += p.keptBytes;
        if (m_tree->name(p.node) == "numpy") {
            sawNumpy = true;
            QCOMPARE(p.totalBytes, findBytes(QStringLiteral("-path ./numpy/\\* -type f")));
            QCOMPARE(p.keptBytes, findBytes(QStringLiteral(
                                      "-path ./numpy/\\* -not -path '*/__pycache__/*' -not -name '*.pyc' -type f")));
        }
    }
    QVERIFY(sawNumpy);
    QCOMPARE(sum, ledger.totals().keptBytes);
}

void TestSizeLedger::profileRoundTrip()
{
    SizeLedger ledger(*m_tree);
    ledger.setRuleEnabled(RuleCatalog::indexOf(u"tests"), true);
    ledger.setRuleEnabled(RuleCatalog::indexOf(u"datasets"), true);
    ledger.setRuleExceptions(RuleCatalog::indexOf(u"tests"), {QStringLiteral("numpy/**")});
    ledger.mark(m_tree->find("pandas/io"), SizeLedger::Mark::Prune);
    ledger.mark(m_tree->find("pandas/io/formats"), SizeLedger::Mark::Keep);
    ledger.mark(m_tree->find("scipy/misc/face.dat"), SizeLedger::Mark::Keep);

    Profile base;
    base.reserveBytes = 12345;
    const Profile saved = Profile::fromLedger(ledger, base);
    QCOMPARE(saved.prune, QStringList{QStringLiteral("pandas/io")});
    QCOMPARE(saved.keep, (QStringList{QStringLiteral("pandas/io/formats"), QStringLiteral("scipy/misc/face.dat")}));

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("p.json"));
    QString error;
    QVERIFY2(saved.save(file, &error), qPrintable(error));
    const auto loaded = Profile::load(file, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->reserveBytes, std::uint64_t(12345));

    SizeLedger replay(*m_tree);
    QVERIFY2(loaded->applyTo(replay, &error), qPrintable(error));
    QVERIFY(replay.pruned() == ledger.pruned());
    QVERIFY(replay.totals() == ledger.totals());
}

void TestSizeLedger::profileRejectsBadInput_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("malformed") << QByteArray("{\"version\": 1,") << "malformed JSON";
    QTest::newRow("not object") << QByteArray("[1]") << "JSON object";
    QTest::newRow("unknown key") << QByteArray(R"({"version":1,"rulez":[]})") << "rulez";
    QTest::newRow("unknown rule") << QByteArray(R"({"version":1,"rules":["tests","nope"]})") << "nope";
    QTest::newRow("wrong type") << QByteArray(R"({"version":1,"rules":"tests"})") << "rules";
    QTest::newRow("bad level") << QByteArray(R"({"version":1,"level":13})") << "level";
    QTest::newRow("newer version") << QByteArray(R"({"version":2})") << "version";
    QTest::newRow("escaping path") << QByteArray(R"({"version":1,"prune":["../etc"]})") << "../etc";
    QTest::newRow("bad runtime") << QByteArray(R"({"version":1,"runtime":"python2.7"})") << "python2.7";
    QTest::newRow("bad exception rule") << QByteArray(R"({"version":1,"exceptions":{"x":[]}})") << "\"x\"";
    QTest::newRow("negative bytes") << QByteArray(R"({"version":1,"reserve_bytes":-5})") << "reserve_bytes";
}

void TestSizeLedger::profileRejectsBadInput()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!Profile::fromJson(json, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSizeLedger)
#include "tst_sizeledger.moc"
