// Rules on the real demo layer, each checked against an independent `find`.
#include "scan/directoryscanner.h"
#include "select/rules.h"
#include "select/sizeledger.h"
#include "testsupport.h"

#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

class TestRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void globs();
    void ruleIdsNameTheCatalog();
    void ruleBytesMatchFind_data();
    void ruleBytesMatchFind();
    void testsRuleNeverTouchesTesting();
    void exceptionsKeepExactlyWhatTheyName();

private:
    std::unique_ptr<FileTree> m_tree;
};

void TestRules::initTestCase()
{
    QVERIFY2(testsupport::haveDemoLayer(), "the demo layer is staged by ctest's stage_demo_layer");
    QString error;
    m_tree = DirectoryScanner::scan(testsupport::demoLayer(), &error);
    QVERIFY2(m_tree, qPrintable(error));
}

void TestRules::globs()
{
    QVERIFY(globMatch("PIL/**", "PIL/_imaging.so"));
    QVERIFY(globMatch("PIL/**", "PIL/a/b/c.so"));
    QVERIFY(!globMatch("PIL/**", "PILLOW/x.so"));
    QVERIFY(globMatch("scipy/misc/*.dat", "scipy/misc/face.dat"));
    QVERIFY(!globMatch("scipy/misc/*.dat", "scipy/misc/sub/face.dat"));
    QVERIFY(globMatch("**/tests", "a/b/tests"));
    QVERIFY(globMatch("**/tests", "tests"));
    QVERIFY(globMatch("pandas", "pandas"));
    QVERIFY(globMatch("num?y/*", "numpy/x"));
    QVERIFY(!globMatch("num?y", "num/y"));
}

void TestRules::ruleIdsNameTheCatalog()
{
    // Each RuleId is the catalog place of the rule with its string id.
    const std::pair<RuleId, const char *> ids[] = {
        {RuleId::Tests, "tests"},
        {RuleId::Bytecode, "bytecode"},
        {RuleId::DistInfo, "dist-info"},
        {RuleId::Pyproject, "pyproject"},
        {RuleId::Datasets, "datasets"},
        {RuleId::Headers, "headers"},
        {RuleId::Sources, "sources"},
        {RuleId::Stubs, "stubs"},
        {RuleId::StaticLibs, "static-libs"},
        {RuleId::Docs, "docs"},
        {RuleId::BuildTools, "build-tools"},
        {RuleId::RuntimeProvided, "runtime-provided"},
        {RuleId::Strip, "strip"},
        {RuleId::DistInfoLite, "dist-info-lite"},
        {RuleId::ForeignBinaries, "foreign-binaries"},
        {RuleId::NotTraced, "not-traced"},
    };
    QCOMPARE(RuleCatalog::all().size(), kRuleCount);
    QCOMPARE(std::size(ids), kRuleCount);
    for (const auto &[rule, id] : ids) {
        QCOMPARE(RuleCatalog::indexOf(rule), RuleCatalog::indexOf(QString::fromLatin1(id)));
        QCOMPARE(RuleCatalog::all()[std::size_t(RuleCatalog::indexOf(rule))].id, QString::fromLatin1(id));
    }
    QCOMPARE(RuleCatalog::all()[std::size_t(RuleCatalog::indexOf(RuleId::Strip))].action, RuleAction::Transform);
    // The switch matches each rule by its RuleId: a __pycache__ folder is bytecode's, not tests'.
    const Bitset bytecode = RuleCatalog::match(*m_tree, RuleCatalog::indexOf(RuleId::Bytecode));
    const FileTree::Index cache = m_tree->find("numpy/__pycache__", m_tree->packageRoot());
    QVERIFY(cache != FileTree::kNone);
    QVERIFY(bytecode.test(cache));
    QVERIFY(!RuleCatalog::match(*m_tree, RuleCatalog::indexOf(RuleId::Tests)).test(cache));
}

void TestRules::ruleBytesMatchFind_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("findArgs"); // files of the rule's match set, for find
    // Folder matches bring everything below them; file matches are the files themselves.
    QTest::newRow("tests") << "tests"
                           << "\\( -type d \\( -name tests -o -name test \\) -prune -exec find {} -type f \\; \\)";
    QTest::newRow("bytecode") << "bytecode"
                              << "\\( -type d -name __pycache__ -prune -exec find {} -type f \\; \\) -o \\( -type f "
                                 "\\( -name '*.pyc' -o -name '*.pyo' \\) -print \\)";
    QTest::newRow("dist-info") << "dist-info"
                               << "\\( -type d \\( -name '*.dist-info' -o -name '*.egg-info' \\) -prune -exec find {} "
                                  "-type f \\; \\) -o \\( -type f -name '*.egg-info' -print \\)";
    QTest::newRow("pyproject") << "pyproject"
                               << "-type f -name pyproject.toml -print";
    QTest::newRow("stubs") << "stubs"
                           << "-type f -name '*.pyi' -print";
    QTest::newRow("sources") << "sources"
                             << "-type f \\( -name '*.pyx' -o -name '*.pxd' -o -name '*.pxi' -o -name '*.c' -o -name "
                                "'*.cpp' -o -name '*.f' -o -name '*.f90' \\) -print";
    QTest::newRow("static-libs") << "static-libs"
                                 << "-type f -name '*.a' -print";
}

void TestRules::ruleBytesMatchFind()
{
    QFETCH(QString, rule);
    QFETCH(QString, findArgs);
    const int r = RuleCatalog::indexOf(rule);
    QVERIFY(r >= 0);
    SizeLedger ledger(*m_tree);
    const RuleBytes rb = ledger.ruleBytes(r);
    const QString script = QStringLiteral("cd %1 && find . -mindepth 1 %2 | sort -u | tr '\\n' '\\0' | xargs -0 -r "
                                          "stat -c %s | awk '{s+=$1; n++} END {print s+0, n+0}'")
                               .arg(quoted(testsupport::demoLayer()), findArgs);
    const QStringList expected = QString::fromLatin1(sh(script)).trimmed().split(QLatin1Char(' '));
    QCOMPARE(expected.size(), 2);
    QCOMPARE(QString::number(rb.aloneBytes), expected[0]);
    QCOMPARE(QString::number(rb.aloneFiles), expected[1]);
    if (rule == QStringLiteral("tests") || rule == QStringLiteral("bytecode") || rule == QStringLiteral("dist-info"))
        QVERIFY(rb.aloneBytes > 100000); // the demo layer really has these
}

void TestRules::testsRuleNeverTouchesTesting()
{
    const Bitset tests = RuleCatalog::match(*m_tree, RuleCatalog::indexOf(u"tests"));
    const FileTree::Index testing = m_tree->find("pandas/_testing");
    QVERIFY(testing != FileTree::kNone);
    for (FileTree::Index i = testing; i < m_tree->subtreeEnd(testing); ++i)
        QVERIFY(!tests.test(i));
    const FileTree::Index npTesting = m_tree->find("numpy/testing");
    QVERIFY(npTesting != FileTree::kNone);
    QVERIFY(!tests.test(npTesting));
    QVERIFY(tests.test(m_tree->find("numpy/testing/tests")));
}

void TestRules::exceptionsKeepExactlyWhatTheyName()
{
    // A node a rule matches stays out of the match exactly when an exception
    // glob names it or a folder above it; a matched folder also stays out when
    // a glob names anything inside it (it no longer goes as a whole). This
    // holds wherever the globs' literal heads lie against the folders on the
    // way: a start of a folder's path, inside it, beside it, or empty.
    const std::vector<QStringList> exceptionSets = {
        {QStringLiteral("numpy/**")},
        {QStringLiteral("num*/**")},
        {QStringLiteral("numpy/core")},
        {QStringLiteral("numpy/core/include/**")},
        {QStringLiteral("**/tests/**")},
        {QStringLiteral("pandas/_libs/*.so")},
        {QStringLiteral("numpyx/**"), QStringLiteral("nump/**"), QStringLiteral("numpy/cor")},
        {QStringLiteral("?andas/**")},
        {QStringLiteral("scipy/linalg/")},
        {QStringLiteral("numpy/lib/tests/test_io.py"), QStringLiteral("pandas/tests/io/*/test_*.py")},
    };
    const FileTree &tree = *m_tree;
    const FileTree::Index root = tree.packageRoot();
    std::size_t keptFiles = 0, keptFolders = 0;
    for (const RuleId rule : {RuleId::Tests, RuleId::Headers, RuleId::Sources, RuleId::Strip, RuleId::Bytecode}) {
        const int r = RuleCatalog::indexOf(rule);
        const Bitset plain = RuleCatalog::match(tree, r, {});
        for (const QStringList &exceptions : exceptionSets) {
            const Bitset matched = RuleCatalog::match(tree, r, exceptions);
            // Nodes a glob names by their own path, and the folders holding one.
            Bitset named(tree.count()), holdsNamed(tree.count());
            for (FileTree::Index i = root + 1; i < tree.subtreeEnd(root); ++i) {
                for (const QString &glob : exceptions)
                    if (globMatch(glob.toUtf8(), tree.packagePath(i)))
                        named.set(i);
                if (named.test(i))
                    for (FileTree::Index a = tree.parent(i); a != root; a = tree.parent(a))
                        holdsNamed.set(a);
            }
            for (FileTree::Index i = root + 1; i < tree.subtreeEnd(root); ++i) {
                bool excepted = false;
                for (FileTree::Index a = i; a != root && !excepted; a = tree.parent(a))
                    excepted = named.test(a);
                const bool expected = plain.test(i) && !excepted && !holdsNamed.test(i);
                if (matched.test(i) != expected)
                    QFAIL(qPrintable(QStringLiteral("%1 with %2: %3 %4")
                                         .arg(RuleCatalog::all()[std::size_t(r)].id, exceptions.join(u' '),
                                              tree.displayPath(i), expected ? "left out" : "matched")));
                if (plain.test(i) && !expected)
                    ++(tree.isDir(i) ? keptFolders : keptFiles);
            }
        }
    }
    // The globs really keep files of the demo layer, and folders holding them.
    QVERIFY(keptFiles > 1000);
    QVERIFY(keptFolders > 10);
}

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
