// TreemapWidget offscreen: hit-tests at tile centres, recolour without
// relayout on a rule toggle, hide-pruned relayout, tooltips and the legend.
#include "gui/explorer/treemaplegend.h"
#include "gui/explorer/treemapwidget.h"
#include "scan/layer.h"
#include "select/distributions.h"
#include "select/rules.h"
#include "select/sizeledger.h"
#include "testsupport.h"

#include "base/units.h"

#include <QSignalSpy>
#include <QtTest>

#include <random>

class TestTreemapWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void hitTestAtTileCentresGenerated();
    void hitTestAtTileCentresDemo();
    void ruleToggleRecoloursWithoutRelayout();
    void hidePrunedLaysOutKeptBytes();
    void tooltipNamesTheRule();
    void doubleClickAsksToZoomOneLevel();
    void resizeRelayoutsOffTheGuiThread();
    void aNewTreeNeverShowsTheOldTreesLayout();
    void aFinishedLayoutIsShownByTheNextPaint();
    void tilesColouredOnTheWorkerMatchTheSelection();
    void aNewLedgerDropsTheLegendsDistributions();
    void selectingATinyNodeOutlinesItsFolder();
    void legendMatchesLedger();
    void everythingPrunedShowsAMessage();

private:
    static void checkHitTests(TreemapWidget &w, int minimumTiles);
    std::unique_ptr<FileTree> m_generated;
    Layer m_demo;
};

void TestTreemapWidget::initTestCase()
{
    m_generated = std::make_unique<FileTree>();
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> action(0, 7);
    std::uniform_int_distribution<std::uint64_t> size(1, 5'000'000);
    int depth = 0;
    for (int made = 0, dirs = 0; made < 5000;) {
        const int a = action(rng);
        if (a == 0 && depth < 6) {
            m_generated->beginDirectory(QByteArray("d") + QByteArray::number(dirs++), 0755);
            ++depth;
        } else if (a == 1 && depth > 0) {
            m_generated->endDirectory();
            --depth;
        } else {
            m_generated->addLeaf(QByteArray("f") + QByteArray::number(made++) + ".so", NodeKind::File, size(rng), 0644);
        }
    }
    m_generated->finish();

    if (testsupport::haveDemoLayer()) {
        QString error;
        m_demo = Layer::open(testsupport::demoLayer(), &error);
        QVERIFY2(m_demo.tree, qPrintable(error));
    }
}

void TestTreemapWidget::checkHitTests(TreemapWidget &w, int minimumTiles)
{
    int checked = 0;
    for (const auto &t : w.layout().tiles()) {
        if (!t.isLeaf())
            continue;
        const QRect r = w.tileRect(t.node);
        if (t.kind == TreemapLayout::TileKind::Merged) {
            // Merged tiles stand for their folder: the hit is the folder.
            const QRect px = TreemapRenderer::pixelRect(t);
            if (!px.isEmpty())
                QCOMPARE(w.nodeAt(px.center()), t.node);
            continue;
        }
        if (r.isEmpty())
            continue; // rounds to no pixel at all: nothing to hit
        QCOMPARE(w.nodeAt(r.center()), t.node);
        ++checked;
    }
    QVERIFY2(checked >= minimumTiles, qPrintable(QString::number(checked)));
    QCOMPARE(w.nodeAt(QPoint(-5, -5)), FileTree::kNone);
}

void TestTreemapWidget::hitTestAtTileCentresGenerated()
{
    SizeLedger ledger(*m_generated);
    TreemapWidget w;
    w.resize(1000, 700);
    w.show();
    w.setLedger(&ledger);
    w.waitForLayout();
    QCOMPARE(w.layout().bounds().size(), QSizeF(1000, 700));
    checkHitTests(w, 1000);
}

void TestTreemapWidget::hitTestAtTileCentresDemo()
{
    QVERIFY2(m_demo.tree, testsupport::kDemoMissing);
    SizeLedger ledger(*m_demo.tree);
    TreemapWidget w;
    w.resize(1280, 800);
    w.show();
    w.setLedger(&ledger);
    w.waitForLayout();
    checkHitTests(w, 500);
    // Zooming into numpy lays out numpy only.
    const FileTree::Index numpy = m_demo.tree->find("numpy");
    QSignalSpy rootSpy(&w, &TreemapWidget::rootChanged);
    w.setRoot(numpy);
    w.waitForLayout();
    QCOMPARE(rootSpy.count(), 1);
    QCOMPARE(w.layout().tiles().front().node, numpy);
    checkHitTests(w, 200);
}

void TestTreemapWidget::ruleToggleRecoloursWithoutRelayout()
{
    QVERIFY2(m_demo.tree, testsupport::kDemoMissing);
    SizeLedger ledger(*m_demo.tree);
    TreemapWidget w;
    w.resize(1280, 800);
    w.show();
    w.setLedger(&ledger);
    w.waitForLayout();
    const quint64 layoutGen = w.layoutGeneration(), renderGen = w.renderGeneration();
    const QImage before = w.image();

    ledger.setRuleEnabled(RuleCatalog::indexOf(u"tests"), true);
    w.selectionChanged();
    QVERIFY(!w.isLayoutPending());
    QCOMPARE(w.layoutGeneration(), layoutGen);
    QVERIFY(w.renderGeneration() > renderGen);
    const QImage after = w.image();

    int prunedChanged = 0, prunedTiles = 0, keptSame = 0, keptTiles = 0;
    for (const auto &t : w.layout().tiles()) {
        if (t.kind != TreemapLayout::TileKind::File)
            continue;
        const QRect r = TreemapRenderer::pixelRect(t);
        if (r.width() < 4 || r.height() < 4)
            continue;
        // Compare every pixel of the tile's interior.
        bool changed = false;
        for (int y = r.top() + 1; y < r.bottom() && !changed; ++y)
            for (int x = r.left() + 1; x < r.right(); ++x)
                if (before.pixel(x, y) != after.pixel(x, y)) {
                    changed = true;
                    break;
                }
        if (ledger.isPruned(t.node)) {
            ++prunedTiles;
            prunedChanged += changed;
        } else {
            ++keptTiles;
            keptSame += !changed;
        }
    }
    QVERIFY(prunedTiles > 20);
    QCOMPARE(prunedChanged, prunedTiles);
    QCOMPARE(keptSame, keptTiles);
}

void TestTreemapWidget::hidePrunedLaysOutKeptBytes()
{
    QVERIFY2(m_demo.tree, testsupport::kDemoMissing);
    SizeLedger ledger(*m_demo.tree);
    ledger.setRuleEnabled(RuleCatalog::indexOf(u"tests"), true);
    ledger.setRuleEnabled(RuleCatalog::indexOf(u"bytecode"), true);
    TreemapWidget w;
    w.resize(1000, 700);
    w.show();
    w.setLedger(&ledger);
    w.waitForLayout();
    const quint64 gen = w.layoutGeneration();
    w.setHidePruned(true);
    w.waitForLayout();
    QVERIFY(w.layoutGeneration() > gen);
    QCOMPARE(w.layout().tiles().front().weight, ledger.totals().keptBytes);
    for (const auto &t : w.layout().tiles())
        if (t.kind == TreemapLayout::TileKind::File)
            QVERIFY(!ledger.isPruned(t.node));
    // In this mode a toggle changes sizes, so it does relayout.
    const quint64 gen2 = w.layoutGeneration();
    ledger.setRuleEnabled(RuleCatalog::indexOf(u"dist-info"), true);
    w.selectionChanged();
    w.waitForLayout();
    QVERIFY(w.layoutGeneration() > gen2);
    QCOMPARE(w.layout().tiles().front().weight, ledger.totals().keptBytes);
}

void TestTreemapWidget::tooltipNamesTheRule()
{
    QVERIFY2(m_demo.tree, testsupport::kDemoMissing);
    SizeLedger ledger(*m_demo.tree);
    const int bytecode = RuleCatalog::indexOf(u"bytecode");
    ledger.setRuleEnabled(bytecode, true);
    TreemapWidget w;
    w.resize(400, 300);
    w.setLedger(&ledger);
    w.waitForLayout();
    const FileTree::Index cache = m_demo.tree->find("numpy/__pycache__");
    QVERIFY(cache != FileTree::kNone);
    const QString tip = w.toolTipText(cache);
    QVERIFY2(tip.contains(QStringLiteral("numpy/__pycache__")), qPrintable(tip));
    QVERIFY2(tip.contains(RuleCatalog::all()[std::size_t(bytecode)].title), qPrintable(tip));
    QVERIFY2(tip.contains(units::localBytes(m_demo.tree->totalBytes(cache))), qPrintable(tip));
    const FileTree::Index init = m_demo.tree->find("numpy/__init__.py");
    ledger.mark(init, SizeLedger::Mark::Prune);
    QVERIFY(w.toolTipText(init).contains(QStringLiteral("manual")));
}

void TestTreemapWidget::doubleClickAsksToZoomOneLevel()
{
    SizeLedger ledger(*m_generated);
    TreemapWidget w;
    w.resize(800, 600);
    w.show();
    w.setLedger(&ledger);
    w.waitForLayout();
    // Find a file tile at least two folders deep.
    for (const auto &t : w.layout().tiles()) {
        if (t.kind != TreemapLayout::TileKind::File || t.depth < 3)
            continue;
        const QRect r = w.tileRect(t.node);
        if (r.width() < 3 || r.height() < 3)
            continue;
        QSignalSpy spy(&w, &TreemapWidget::nodeActivated);
        QTest::mouseDClick(&w, Qt::LeftButton, {}, r.center());
        QCOMPARE(spy.count(), 1);
        const auto target = spy.at(0).at(0).value<FileTree::Index>();
        QCOMPARE(m_generated->parent(target), FileTree::Index(0));
        QVERIFY(m_generated->isDir(target));
        QVERIFY(t.node > target && t.node < m_generated->subtreeEnd(target));
        // The keyboard reaches the same: Enter activates the selection, Shift+F10 opens its menu.
        QSignalSpy menu(&w, &TreemapWidget::contextMenuRequested);
        w.setSelectedNode(target);
        QTest::keyClick(&w, Qt::Key_Return);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(0).value<FileTree::Index>(), target);
        QTest::keyClick(&w, Qt::Key_F10, Qt::ShiftModifier);
        QCOMPARE(menu.count(), 1);
        QCOMPARE(menu.at(0).at(0).value<FileTree::Index>(), target);
        return;
    }
    QFAIL("no deep file tile");
}

void TestTreemapWidget::resizeRelayoutsOffTheGuiThread()
{
    SizeLedger ledger(*m_generated);
    TreemapWidget w;
    w.resize(600, 400);
    w.show();
    w.setLedger(&ledger);
    w.waitForLayout();
    const quint64 generation = w.layoutGeneration();
    const FileTree::Index middle = w.nodeAt(QPoint(300, 200));
    QVERIFY(middle != FileTree::kNone);

    w.resize(900, 600);
    // The resize returns at once: the relayout runs on a worker while the old
    // image is shown scaled, and hit-tests map into the old layout meanwhile.
    QVERIFY(w.isLayoutPending());
    QCOMPARE(w.layoutGeneration(), generation);
    QCOMPARE(w.image().size(), QSize(600, 400));
    QCOMPARE(w.nodeAt(QPoint(450, 300)), middle);
    QCOMPARE(w.grab().size(), QSize(900, 600));

    QTRY_VERIFY(!w.isLayoutPending()); // delivered through the event loop
    QCOMPARE(w.layoutGeneration(), generation + 1);
    QCOMPARE(w.image().size(), QSize(900, 600));
    QCOMPARE(w.layout().bounds(), QRectF(0, 0, 900, 600));
}

// Another layer given while the last one's layout is still on the worker:
// that result is dropped, and the layout shown is the new tree's, tile for
// node (a tile of the old, bigger tree would name nodes the new one lacks).
void TestTreemapWidget::aNewTreeNeverShowsTheOldTreesLayout()
{
    FileTree small;
    small.beginDirectory("pkg", 0755);
    for (int f = 0; f < 3; ++f)
        small.addLeaf("m" + QByteArray::number(f) + ".py", NodeKind::File, std::uint64_t(1000 * (f + 1)), 0644);
    small.endDirectory();
    small.finish();
    SizeLedger big(*m_generated);
    SizeLedger next(small);
    TreemapWidget w;
    w.resize(600, 400);
    w.show();
    w.setLedger(&big);
    w.waitForLayout();
    w.resize(900, 600);
    w.startPendingLayout(); // a relayout of the big tree on the worker
    QVERIFY(w.isLayoutPending());
    const quint64 generation = w.layoutGeneration();
    w.setLedger(&next);
    w.waitForLayout();
    QTRY_VERIFY(!w.isLayoutPending());
    QCOMPARE(w.layoutGeneration(), generation + 1); // the new tree's only
    QVERIFY(!w.layout().isEmpty());
    for (const auto &tile : w.layout().tiles())
        QVERIFY2(tile.node < small.count(), qPrintable(QString::number(tile.node)));
    QCOMPARE(w.layout().bounds(), QRectF(0, 0, 900, 600));
}

// A layout that finished while the GUI thread was busy (a new layer's
// panels painting) is shown by the next paint itself, not by one after it.
void TestTreemapWidget::aFinishedLayoutIsShownByTheNextPaint()
{
    SizeLedger ledger(*m_generated);
    TreemapWidget w;
    w.resize(600, 400);
    w.show();
    w.setLedger(&ledger);
    w.startPendingLayout();
    QVERIFY(w.isLayoutPending());
    const quint64 generation = w.layoutGeneration();
    QDeadlineTimer deadline(30000);
    while (!w.isLayoutReady() && !deadline.hasExpired()) // the worker, without the event loop
        QThread::msleep(5);
    QVERIFY(w.isLayoutReady());
    QCOMPARE(w.layoutGeneration(), generation);

    // treemapPainted: the frame showed the layout's image at its own size,
    // not the "Laying out…" placeholder.
    QSignalSpy painted(&w, &TreemapWidget::treemapPainted);
    w.grab();
    QCOMPARE(w.layoutGeneration(), generation + 1);
    QVERIFY(!w.isLayoutPending());
    QCOMPARE(painted.count(), 1);
}

namespace {

// A layout's image coloured here from scratch: category colours, pruned
// tiles dimmed and hatched, as the treemap shows them.
QImage colouredFromScratch(const TreemapLayout &layout, QSize size, const SizeLedger &ledger)
{
    const FileTree &tree = ledger.tree();
    const auto dominant = NodeClassifier::dominantCategories(tree, NodeClassifier::classifyAll(tree));
    std::vector<TreemapRenderer::TileStyle> styles(layout.tiles().size());
    for (std::size_t i = 0; i < styles.size(); ++i) {
        const auto &t = layout.tiles()[i];
        if (!t.isLeaf())
            continue;
        const FileTree::Index shown = t.kind == TreemapLayout::TileKind::Merged ? t.detail : t.node;
        const QRgb base = TreemapRenderer::categoryColor(dominant[shown]);
        const bool pruned = ledger.isPruned(shown);
        styles[i] = {pruned ? TreemapRenderer::prunedColor(base) : base, pruned};
    }
    TreemapRenderer renderer;
    renderer.shade(layout, size);
    QImage image;
    renderer.colorize(layout, styles, image);
    return image;
}

} // namespace

// The worker colours the tiles it lays out with the selection as it was when
// the job started; a selection changed while the job ran colours the result
// again before it is shown.
void TestTreemapWidget::tilesColouredOnTheWorkerMatchTheSelection()
{
    SizeLedger ledger(*m_generated);
    FileTree::Index folder = FileTree::kNone; // the largest top-level folder
    for (const FileTree::Index c : m_generated->children(0))
        if (m_generated->isDir(c) &&
            (folder == FileTree::kNone || m_generated->totalBytes(c) > m_generated->totalBytes(folder)))
            folder = c;
    QVERIFY(folder != FileTree::kNone);
    ledger.mark(folder, SizeLedger::Mark::Prune);
    TreemapWidget w;
    w.resize(600, 400);
    w.show();
    w.setLedger(&ledger);
    w.waitForLayout(); // coloured on the worker, the folder pruned
    QCOMPARE(w.image(), colouredFromScratch(w.layout(), QSize(600, 400), ledger));
    int dimmed = 0;
    for (const auto &t : w.layout().tiles()) {
        const QRect r = TreemapRenderer::pixelRect(t);
        if (t.kind == TreemapLayout::TileKind::File && ledger.isPruned(t.node) && r.width() > 4 && r.height() > 4)
            ++dimmed;
    }
    QVERIFY(dimmed > 5); // the pruned folder shows

    w.resize(640, 400);
    w.startPendingLayout(); // coloured on the worker with the folder pruned
    QVERIFY(w.isLayoutPending());
    ledger.mark(folder, SizeLedger::Mark::Inherit);
    w.selectionChanged();
    w.waitForLayout();
    QCOMPARE(w.image().size(), QSize(640, 400));
    QCOMPARE(w.image(), colouredFromScratch(w.layout(), QSize(640, 400), ledger));
}

void TestTreemapWidget::selectingATinyNodeOutlinesItsFolder()
{
    SizeLedger ledger(*m_generated);
    TreemapWidget w;
    w.resize(300, 200);
    w.show();
    w.setLedger(&ledger);
    w.waitForLayout();
    // A file with no tile of its own (merged or collapsed away at this size).
    std::vector<bool> hasTile(m_generated->count(), false);
    for (const auto &t : w.layout().tiles())
        if (t.kind != TreemapLayout::TileKind::Merged)
            hasTile[t.node] = true;
    for (FileTree::Index i = 0; i < m_generated->count(); ++i) {
        if (hasTile[i] || !m_generated->isFile(i))
            continue;
        QVERIFY(w.tileRect(i).isEmpty());
        FileTree::Index a = m_generated->parent(i);
        while (!hasTile[a] || w.tileRect(a).isEmpty())
            a = m_generated->parent(a);
        QCOMPARE(w.visibleRect(i), w.tileRect(a));
        QVERIFY(!w.visibleRect(i).isEmpty());
        return;
    }
    QFAIL("every file has a tile at 300×200");
}

void TestTreemapWidget::everythingPrunedShowsAMessage()
{
    SizeLedger ledger(*m_generated);
    TreemapWidget w;
    w.resize(400, 300);
    w.show();
    w.setLedger(&ledger);
    w.waitForLayout();
    QVERIFY(!w.image().isNull());
    ledger.mark(0, SizeLedger::Mark::Prune);
    w.setHidePruned(true);
    w.waitForLayout();
    QVERIFY(w.layout().isEmpty());
    QVERIFY(w.image().isNull()); // no stale picture of what is gone
    QCOMPARE(w.nodeAt(QPoint(200, 150)), FileTree::kNone);
    w.setHidePruned(false);
    w.waitForLayout();
    QVERIFY(!w.layout().isEmpty());
    QVERIFY(!w.image().isNull());
}

void TestTreemapWidget::legendMatchesLedger()
{
    QVERIFY2(m_demo.tree, testsupport::kDemoMissing);
    SizeLedger ledger(*m_demo.tree);
    TreemapLegend legend;
    legend.setLedger(&ledger);
    auto sum = [&] {
        std::uint64_t s = 0;
        for (auto b : legend.keptBytes())
            s += b;
        return s;
    };
    QCOMPARE(sum(), m_demo.tree->totalBytes(0));
    ledger.setRuleEnabled(RuleCatalog::indexOf(u"tests"), true);
    legend.selectionChanged();
    QCOMPARE(sum(), ledger.totals().keptBytes);
    QCOMPARE(legend.keptBytes()[std::size_t(NodeCategory::Tests)], std::uint64_t(0));

    // Categories the caller already has are the ones the legend counts.
    const std::vector<NodeCategory> classified = NodeClassifier::classifyAll(*m_demo.tree);
    TreemapLegend given;
    given.setLedger(&ledger, &classified);
    QVERIFY(given.keptBytes() == legend.keptBytes());
    const std::vector<NodeCategory> allData(m_demo.tree->count(), NodeCategory::Data);
    given.setLedger(&ledger, &allData);
    QCOMPARE(given.keptBytes()[std::size_t(NodeCategory::Data)], ledger.totals().keptBytes);
    QCOMPARE(given.keptBytes()[std::size_t(NodeCategory::Native)], std::uint64_t(0));
}

// Distributions describe one tree: the legend of another ledger is by
// category until that ledger's own distributions are given.
void TestTreemapWidget::aNewLedgerDropsTheLegendsDistributions()
{
    QVERIFY2(m_demo.tree, testsupport::kDemoMissing);
    const Distributions dists = Distributions::scan(*m_demo.tree, m_demo.zipEntries);
    QVERIFY(dists.count() > 3);
    SizeLedger demo(*m_demo.tree), generated(*m_generated);
    TreemapLegend legend;
    legend.setLedger(&demo);
    legend.setDistributions(&dists);
    QVERIFY(legend.showsDistributions());
    legend.setLedger(&generated); // before: the demo's distributions read against the generated tree's ledger
    QVERIFY(!legend.showsDistributions());
    QCOMPARE(legend.keptBytes()[std::size_t(NodeCategory::Native)], m_generated->totalBytes(0)); // all .so files
}

QTEST_MAIN(TestTreemapWidget)
#include "tst_treemapwidget.moc"
