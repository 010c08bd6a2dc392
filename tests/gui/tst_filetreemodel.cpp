// FileTreeModel on the real demo layer: every row's sizes and counts equal
// core's FileTree / SizeLedger (and `find` for one package), check states
// follow the ledger, and unchecking a folder prunes its whole subtree.
#include "gui/explorer/filetreemodel.h"
#include "gui/explorer/treepanel.h"
#include "gui/shell/layerdocument.h"
#include "testsupport.h"

#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

class TestFileTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyRowMatchesCore();
    void packageMatchesFind();
    void checkStatesFollowLedger();
    void uncheckPrunesSubtree();
    void filterKeepsMatchesAndTheirFolders();

private:
    // Walks the model below `parent`, checking every row; returns rows visited.
    int checkRows(const QAbstractItemModel *model, const QModelIndex &parent);

    std::unique_ptr<LayerDocument> m_document;
    std::unique_ptr<TreePanel> m_panel;
};

void TestFileTreeModel::initTestCase()
{
    QVERIFY2(testsupport::haveDemoLayer(), "the demo layer is staged by ctest's stage_demo_layer");
    QString error;
    auto layer = std::make_shared<Layer>(Layer::open(testsupport::demoLayer(), &error));
    QVERIFY2(layer->tree, qPrintable(error));
    m_document = std::make_unique<LayerDocument>(layer, testsupport::demoLayer());
    m_panel = std::make_unique<TreePanel>();
    m_panel->setDocument(m_document.get());
    // Rules on, so kept bytes differ from sizes.
    m_document->setRuleEnabled(RuleCatalog::indexOf(u"tests"), true);
    m_document->setRuleEnabled(RuleCatalog::indexOf(u"bytecode"), true);
}

int TestFileTreeModel::checkRows(const QAbstractItemModel *model, const QModelIndex &parent)
{
    const FileTree &tree = m_document->tree();
    const SizeLedger &ledger = m_document->ledger();
    const int rows = model->rowCount(parent);
    const FileTree::Index parentNode = FileTreeModel::nodeOf(parent);
    if (rows != int(tree.childCount(parentNode)))
        return -1000000;
    int visited = 0;
    for (int row = 0; row < rows; ++row) {
        const QModelIndex name = model->index(row, FileTreeModel::NameColumn, parent);
        const FileTree::Index node = name.data(FileTreeModel::NodeRole).toUInt();
        const auto value = [&](int column) {
            return model->index(row, column, parent).data(FileTreeModel::SortRole).toULongLong();
        };
        const bool ok = tree.parent(node) == parentNode && model->parent(name) == parent &&
                        name.data().toString() == FileTree::displayName(tree.name(node)) &&
                        value(FileTreeModel::SizeColumn) == tree.totalBytes(node) &&
                        value(FileTreeModel::KeptColumn) == ledger.keptBytes(node) &&
                        value(FileTreeModel::FilesColumn) == tree.totalFiles(node);
        if (!ok) {
            qWarning("row mismatch at %s", qPrintable(tree.displayPath(node)));
            return -1000000;
        }
        visited += 1 + checkRows(model, name);
    }
    return visited;
}

void TestFileTreeModel::everyRowMatchesCore()
{
    const FileTree &tree = m_document->tree();
    QVERIFY(tree.count() > 6000);
    // Straight on the model, and through the sorted proxy the view shows.
    QCOMPARE(checkRows(m_panel->model(), {}), int(tree.count()) - 1);
    QVERIFY(m_document->ledger().totals().prunedBytes > 0);
}

void TestFileTreeModel::packageMatchesFind()
{
    const FileTree &tree = m_document->tree();
    const FileTree::Index numpy = tree.find("numpy");
    QVERIFY(numpy != FileTree::kNone);
    const QModelIndex index = m_panel->model()->indexOf(numpy);
    const QStringList expected =
        QString::fromLatin1(
            sh(QStringLiteral("cd %1 && find numpy -type f -printf '%s\\n' | awk '{s+=$1; n++} END {print s+0, n+0}'")
                   .arg(quoted(testsupport::demoLayer()))))
            .trimmed()
            .split(QLatin1Char(' '));
    QCOMPARE(expected.size(), 2);
    QCOMPARE(index.siblingAtColumn(FileTreeModel::SizeColumn).data(FileTreeModel::SortRole).toString(), expected[0]);
    QCOMPARE(index.siblingAtColumn(FileTreeModel::FilesColumn).data(FileTreeModel::SortRole).toString(), expected[1]);
}

void TestFileTreeModel::checkStatesFollowLedger()
{
    const FileTree &tree = m_document->tree();
    const FileTreeModel *model = m_panel->model();
    const auto state = [&](const char *path) {
        const FileTree::Index node = tree.find(path);
        return Qt::CheckState(model->indexOf(node).data(Qt::CheckStateRole).toInt());
    };
    QCOMPARE(state("numpy"), Qt::PartiallyChecked); // its tests/ and __pycache__/ are pruned
    QCOMPARE(state("numpy/core/tests"), Qt::Unchecked);
    QCOMPARE(state("numpy/__init__.py"), Qt::Checked);
    const FileTree::Index tests = tree.find("numpy/core/tests");
    QCOMPARE(model->indexOf(tests).siblingAtColumn(FileTreeModel::PrunedByColumn).data().toString(),
             RuleCatalog::all()[std::size_t(RuleCatalog::indexOf(u"tests"))].title);
}

void TestFileTreeModel::uncheckPrunesSubtree()
{
    const FileTree &tree = m_document->tree();
    const SizeLedger &ledger = m_document->ledger();
    const FileTree::Index io = tree.find("pandas/io");
    QVERIFY(io != FileTree::kNone);
    const std::uint64_t keptBefore = ledger.totals().keptBytes;
    const std::uint64_t ioKept = ledger.keptBytes(io);
    QVERIFY(ioKept > 1000000);
    const SizeLedger::State before = ledger.state();

    // Uncheck the row the way the view does: through the proxy's setData.
    m_panel->selectNode(io);
    const QModelIndex proxyIndex = m_panel->view()->currentIndex();
    QCOMPARE(FileTreeModel::nodeOf(m_panel->proxy()->mapToSource(proxyIndex)), io);
    QVERIFY(m_panel->proxy()->setData(proxyIndex, Qt::Unchecked, Qt::CheckStateRole));

    for (FileTree::Index i = io; i < tree.subtreeEnd(io); ++i)
        QVERIFY2(ledger.isPruned(i), qPrintable(tree.displayPath(i)));
    QCOMPARE(ledger.keptBytes(io), std::uint64_t(0));
    QCOMPARE(ledger.totals().keptBytes, keptBefore - ioKept);
    QCOMPARE(Qt::CheckState(proxyIndex.data(Qt::CheckStateRole).toInt()), Qt::Unchecked);
    QCOMPARE(Qt::CheckState(proxyIndex.parent().data(Qt::CheckStateRole).toInt()), Qt::PartiallyChecked);
    QCOMPARE(proxyIndex.siblingAtColumn(FileTreeModel::PrunedByColumn).data().toString(), QStringLiteral("manual"));

    // Checking it again keeps the whole subtree, tests included.
    QVERIFY(m_panel->proxy()->setData(proxyIndex, Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(ledger.keptBytes(io), tree.totalBytes(io));
    m_document->undoStack()->undo();
    m_document->undoStack()->undo();
    QVERIFY(ledger.state() == before);
}

void TestFileTreeModel::filterKeepsMatchesAndTheirFolders()
{
    m_panel->filterEdit()->setText(QStringLiteral("_multiarray_umath*"));
    QSortFilterProxyModel *proxy = m_panel->proxy();
    QCOMPARE(proxy->rowCount(), 1); // only numpy holds it
    const QModelIndex numpy = proxy->index(0, 0);
    QCOMPARE(numpy.data().toString(), QStringLiteral("numpy"));
    m_panel->filterEdit()->clear();
    QCOMPARE(proxy->rowCount(), int(m_document->tree().childCount(0)));
}

QTEST_MAIN(TestFileTreeModel)
#include "tst_filetreemodel.moc"
