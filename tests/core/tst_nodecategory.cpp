// NodeClassifier on the demo layer: bytes per category equal what find(1)
// selects with the same definitions, and the categories add up to the layer.
#include "scan/layer.h"
#include "testsupport.h"
#include "tree/nodecategory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

class TestNodeCategory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void bytesMatchFind_data();
    void bytesMatchFind();
    void categoriesAddUp();
    void singleNodeAgreesWithPass();
    void contextOutranksName();
    void cliScanReportsCategories();

private:
    Layer m_layer;
    std::vector<NodeCategory> m_categories;
};

void TestNodeCategory::initTestCase()
{
    QVERIFY2(testsupport::haveDemoLayer(), testsupport::kDemoMissing);
    QString error;
    m_layer = Layer::open(testsupport::demoLayer(), &error);
    QVERIFY2(m_layer.tree, qPrintable(error));
    m_categories = NodeClassifier::classifyAll(*m_layer.tree);
}

// Folders that force their category on everything below, as find predicates.
static const char *const kNotMeta = "-not -path '*.dist-info/*' -not -path '*.egg-info/*'";
static const char *const kNotTests = "-not -path '*/tests/*' -not -path '*/test/*'";
static const char *const kNotCache = "-not -path '*/__pycache__/*'";

void TestNodeCategory::bytesMatchFind_data()
{
    QTest::addColumn<int>("category");
    QTest::addColumn<QString>("findArgs");
    const QString plain =
        QStringLiteral("%1 %2 %3").arg(QLatin1String(kNotMeta), QLatin1String(kNotTests), QLatin1String(kNotCache));
    QTest::newRow("native")
        << int(NodeCategory::Native)
        << plain + QStringLiteral(
                       " \\( -name '*.so' -o -name '*.so.*' -o -name '*.pyd' -o -name '*.dylib' -o -name '*.dll' \\)");
    QTest::newRow("source") << int(NodeCategory::Source) << plain + QStringLiteral(" -name '*.py'");
    QTest::newRow("bytecode") << int(NodeCategory::Bytecode)
                              << QStringLiteral(
                                     "%1 %2 \\( -path '*/__pycache__/*' -o -name '*.pyc' -o -name '*.pyo' \\)")
                                     .arg(QLatin1String(kNotMeta), QLatin1String(kNotTests));
    QTest::newRow("tests")
        << int(NodeCategory::Tests)
        << QStringLiteral("%1 \\( -path '*/tests/*' -o -path '*/test/*' \\)").arg(QLatin1String(kNotMeta));
    QTest::newRow("metadata") << int(NodeCategory::Metadata)
                              << QStringLiteral(
                                     "\\( -path '*.dist-info/*' -o -path '*.egg-info/*' -o -name '*.egg-info' \\)");
}

void TestNodeCategory::bytesMatchFind()
{
    QFETCH(int, category);
    QFETCH(QString, findArgs);
    const auto bytes = NodeClassifier::bytesByCategory(*m_layer.tree, m_categories);
    const QString script = QStringLiteral("cd %1 && find . -type f %2 -printf '%s\\n' | awk '{s+=$1} END {print s+0}'")
                               .arg(quoted(testsupport::demoLayer()), findArgs);
    const QByteArray expected = sh(script).trimmed();
    QCOMPARE(QByteArray::number(quint64(bytes[std::size_t(category)])), expected);
    QVERIFY(expected.toULongLong() > 100000); // the demo layer really has each of these
}

void TestNodeCategory::categoriesAddUp()
{
    const auto bytes = NodeClassifier::bytesByCategory(*m_layer.tree, m_categories);
    std::uint64_t sum = 0;
    for (auto b : bytes)
        sum += b;
    const QByteArray du = sh(QStringLiteral("cd %1 && find . -type f -printf '%s\\n' | awk '{s+=$1} END {print s+0}'")
                                 .arg(quoted(testsupport::demoLayer())))
                              .trimmed();
    QCOMPARE(QByteArray::number(quint64(sum)), du);
}

void TestNodeCategory::singleNodeAgreesWithPass()
{
    const FileTree &tree = *m_layer.tree;
    for (FileTree::Index i = 0; i < tree.count(); i += 7)
        QCOMPARE(int(NodeClassifier::classify(tree, i)), int(m_categories[i]));
}

void TestNodeCategory::contextOutranksName()
{
    const FileTree &tree = *m_layer.tree;
    const auto cat = [&](const char *path) {
        const FileTree::Index i = tree.find(path);
        return i == FileTree::kNone ? -1 : int(m_categories[i]);
    };
    QCOMPARE(cat("numpy/__init__.py"), int(NodeCategory::Source));
    QCOMPARE(cat("numpy/core/tests"), int(NodeCategory::Tests));
    QCOMPARE(cat("numpy/__pycache__"), int(NodeCategory::Bytecode));
    QCOMPARE(cat("scipy/misc/face.dat"), int(NodeCategory::Data));
    QCOMPARE(cat("numpy/core/include/numpy/ndarraytypes.h"), int(NodeCategory::Build));
    // pandas/_testing is not a tests folder.
    const FileTree::Index testing = tree.find("pandas/_testing/__init__.py");
    QVERIFY(testing != FileTree::kNone);
    QCOMPARE(int(m_categories[testing]), int(NodeCategory::Source));
    // Largest-child colouring: numpy/core's biggest content is native code.
    const auto dominant = NodeClassifier::dominantCategories(tree, m_categories);
    const FileTree::Index core = tree.find("numpy/core");
    FileTree::Index largest = FileTree::kNone;
    for (FileTree::Index c : tree.children(core))
        if (largest == FileTree::kNone || tree.totalBytes(c) > tree.totalBytes(largest))
            largest = c;
    QCOMPARE(int(dominant[core]), int(dominant[largest]));
}

void TestNodeCategory::cliScanReportsCategories()
{
    // layerslim-cli scan --json carries the same breakdown, total and kept.
    int exitCode = 0;
    const QByteArray json = sh(QStringLiteral("%1 scan %2 --rules tests,bytecode --json")
                                   .arg(quoted(QStringLiteral(LAYERSLIM_CLI)), quoted(testsupport::demoLayer())),
                               &exitCode);
    const QJsonObject out = QJsonDocument::fromJson(json).object();
    const QJsonArray cats = out.value(QStringLiteral("categories")).toArray();
    QCOMPARE(cats.size(), kNodeCategoryCount);
    const auto all = NodeClassifier::bytesByCategory(*m_layer.tree, m_categories);
    double keptSum = 0;
    for (int c = 0; c < kNodeCategoryCount; ++c) {
        const QJsonObject o = cats[c].toObject();
        QCOMPARE(o.value(QStringLiteral("id")).toString(), NodeClassifier::id(NodeCategory(c)));
        QCOMPARE(o.value(QStringLiteral("bytes")).toDouble(), double(all[std::size_t(c)]));
        keptSum += o.value(QStringLiteral("kept_bytes")).toDouble();
    }
    QCOMPARE(keptSum, out.value(QStringLiteral("kept_bytes")).toDouble());
    // Everything in a tests/ folder or a bytecode cache is pruned by those rules.
    QCOMPARE(cats[int(NodeCategory::Tests)].toObject().value(QStringLiteral("kept_bytes")).toDouble(), 0.0);
    QCOMPARE(cats[int(NodeCategory::Bytecode)].toObject().value(QStringLiteral("kept_bytes")).toDouble(), 0.0);
    QVERIFY(cats[int(NodeCategory::Native)].toObject().value(QStringLiteral("kept_bytes")).toDouble() > 1e7);
}

QTEST_GUILESS_MAIN(TestNodeCategory)
#include "tst_nodecategory.moc"
