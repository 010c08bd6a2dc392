// TreemapLayout on generated trees and the paper's example: areas follow
// sizes, tiles tile their parent without overlap, squarified beats slice-and-dice.
#include "tree/treemaplayout.h"

#include <QtTest>

#include <cmath>
#include <random>

class TestTreemapLayout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void areasFollowSizes();
    void tilesPartitionTheirParent();
    void papersExampleIsSquarified();
    void squarifiedBeatsSliceAndDice();
    void deterministic();
    void smallTilesMergeButStillFill();
    void hitTestFindsEachLeaf();
    void weightsLeaveZeroNodesOut();
    void deepChainsStayBounded();
};

namespace {

// A random tree: `files` files spread over nested folders, sizes spanning
// six orders of magnitude (like a real layer), fixed seed.
std::unique_ptr<FileTree> generatedTree(int files, unsigned seed)
{
    auto tree = std::make_unique<FileTree>();
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> action(0, 9);
    std::uniform_real_distribution<double> magnitude(0, 6);
    int depth = 0, made = 0, dirs = 0;
    while (made < files) {
        const int a = action(rng);
        if (a == 0 && depth < 7) {
            tree->beginDirectory(QByteArray("dir") + QByteArray::number(dirs++), 0755);
            ++depth;
        } else if (a == 1 && depth > 0) {
            tree->endDirectory();
            --depth;
        } else {
            const auto size = std::uint64_t(std::pow(10.0, magnitude(rng)));
            tree->addLeaf(QByteArray("f") + QByteArray::number(made++) + ".py", NodeKind::File, size, 0644);
        }
    }
    tree->finish();
    return tree;
}

double area(const TreemapLayout::Tile &t)
{
    return t.w * t.h;
}

bool near(double a, double b, double rel = 1e-6)
{
    return std::abs(a - b) <= rel * std::max({std::abs(a), std::abs(b), 1e-300});
}

TreemapLayout::Options exact()
{
    TreemapLayout::Options o;
    o.minTileArea = 0; // no merging: every node with bytes gets its own tile
    o.minFolderSide = 0;
    return o;
}

// A flat folder of files with the given sizes.
std::unique_ptr<FileTree> flatTree(std::initializer_list<std::uint64_t> sizes)
{
    auto tree = std::make_unique<FileTree>();
    int n = 0;
    for (std::uint64_t s : sizes)
        tree->addLeaf(QByteArray("f") + QByteArray::number(n++), NodeKind::File, s, 0644);
    tree->finish();
    return tree;
}

} // namespace

void TestTreemapLayout::areasFollowSizes()
{
    const auto tree = generatedTree(3000, 7);
    const QRectF bounds(10, 20, 1600, 900);
    const auto layout = TreemapLayout::compute(*tree, 0, bounds, exact());
    const double totalArea = bounds.width() * bounds.height();
    const double totalBytes = double(tree->totalBytes(0));
    int files = 0;
    for (const auto &t : layout.tiles()) {
        QCOMPARE(t.weight, tree->totalBytes(t.node));
        QVERIFY2(
            near(area(t) / totalArea, double(t.weight) / totalBytes),
            qPrintable(
                QStringLiteral("tile %1: %2 vs %3").arg(t.node).arg(area(t) / totalArea).arg(t.weight / totalBytes)));
        files += t.kind == TreemapLayout::TileKind::File;
    }
    QCOMPARE(files, int(tree->fileCount())); // every file (all have bytes) has a tile
}

void TestTreemapLayout::tilesPartitionTheirParent()
{
    const auto tree = generatedTree(3000, 11);
    const QRectF bounds(0, 0, 1000, 700);
    const auto layout = TreemapLayout::compute(*tree, 0, bounds, exact());
    const auto &tiles = layout.tiles();
    constexpr double eps = 1e-7;
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const auto &t = tiles[i];
        QVERIFY(t.x >= bounds.left() - eps && t.y >= bounds.top() - eps);
        QVERIFY(t.x + t.w <= bounds.right() + eps && t.y + t.h <= bounds.bottom() + eps);
        if (t.kind != TreemapLayout::TileKind::Folder)
            continue;
        std::vector<std::uint32_t> kids;
        double sum = 0;
        for (std::uint32_t c = std::uint32_t(i) + 1; c < t.end; c = tiles[c].end) {
            kids.push_back(c);
            sum += area(tiles[c]);
            const auto &k = tiles[c];
            QCOMPARE(tree->parent(k.node), t.node);
            QVERIFY(k.x >= t.x - eps && k.y >= t.y - eps && k.x + k.w <= t.x + t.w + eps &&
                    k.y + k.h <= t.y + t.h + eps);
        }
        QVERIFY2(near(sum, area(t)),
                 qPrintable(QStringLiteral("folder %1: %2 vs %3").arg(t.node).arg(sum).arg(area(t))));
        for (std::size_t a = 0; a < kids.size(); ++a)
            for (std::size_t b = a + 1; b < kids.size(); ++b) {
                const auto &p = tiles[kids[a]], &q = tiles[kids[b]];
                const double ox = std::min(p.x + p.w, q.x + q.w) - std::max(p.x, q.x);
                const double oy = std::min(p.y + p.h, q.y + q.h) - std::max(p.y, q.y);
                QVERIFY2(ox <= 1e-6 || oy <= 1e-6, "sibling tiles overlap");
            }
    }
}

void TestTreemapLayout::papersExampleIsSquarified()
{
    // Bruls, Huizing, van Wijk, fig. 3: areas 6 6 4 3 2 2 1 in a 6×4 rectangle.
    const auto tree = flatTree({6, 6, 4, 3, 2, 2, 1});
    const auto layout = TreemapLayout::compute(*tree, 0, QRectF(0, 0, 6, 4), exact());
    const auto &tiles = layout.tiles();
    QCOMPARE(tiles.size(), std::size_t(8));
    // The two 6s form the first column, 3 wide, each 3×2.
    QCOMPARE(tiles[1].rect(), QRectF(0, 0, 3, 2));
    QCOMPARE(tiles[2].rect(), QRectF(0, 2, 3, 2));
    // Then 4 and 3 share a row across the top of the remaining 3×4.
    QVERIFY(near(tiles[3].y, 0) && near(tiles[4].y, 0) && near(tiles[3].h, 7.0 / 3) && near(tiles[4].h, 7.0 / 3));
    double worst = 0;
    for (std::size_t i = 1; i < tiles.size(); ++i)
        worst = std::max(worst, std::max(tiles[i].w / tiles[i].h, tiles[i].h / tiles[i].w));
    QVERIFY2(worst < 3.0, qPrintable(QString::number(worst)));
}

void TestTreemapLayout::squarifiedBeatsSliceAndDice()
{
    const auto tree = generatedTree(2000, 3);
    const QRectF bounds(0, 0, 1920, 1080);
    auto options = exact();
    const double squarified = TreemapLayout::compute(*tree, 0, bounds, options).meanAspectRatio();
    options.algorithm = TreemapLayout::Algorithm::SliceAndDice;
    const double sliced = TreemapLayout::compute(*tree, 0, bounds, options).meanAspectRatio();
    QVERIFY2(squarified < 2.0, qPrintable(QString::number(squarified)));
    QVERIFY2(squarified * 5 < sliced, qPrintable(QStringLiteral("%1 vs %2").arg(squarified).arg(sliced)));

    const auto flat = flatTree({6, 6, 4, 3, 2, 2, 1});
    options = exact();
    const double a = TreemapLayout::compute(*flat, 0, QRectF(0, 0, 6, 4), options).meanAspectRatio();
    options.algorithm = TreemapLayout::Algorithm::SliceAndDice;
    const double b = TreemapLayout::compute(*flat, 0, QRectF(0, 0, 6, 4), options).meanAspectRatio();
    QVERIFY2(a < b, qPrintable(QStringLiteral("%1 vs %2").arg(a).arg(b)));
}

void TestTreemapLayout::deterministic()
{
    const auto tree = generatedTree(2000, 5);
    const auto a = TreemapLayout::compute(*tree, 0, QRectF(0, 0, 800, 600));
    const auto b = TreemapLayout::compute(*tree, 0, QRectF(0, 0, 800, 600));
    QCOMPARE(a.tiles().size(), b.tiles().size());
    for (std::size_t i = 0; i < a.tiles().size(); ++i) {
        QCOMPARE(a.tiles()[i].node, b.tiles()[i].node);
        QCOMPARE(a.tiles()[i].rect(), b.tiles()[i].rect());
    }
    // Equal sizes are ordered by index, so ties cannot flip between runs.
    const auto flat = flatTree({5, 5, 5, 5});
    const auto c = TreemapLayout::compute(*flat, 0, QRectF(0, 0, 4, 4), exact());
    for (std::size_t i = 1; i < c.tiles().size(); ++i)
        QCOMPARE(c.tiles()[i].node, FileTree::Index(i));
}

void TestTreemapLayout::smallTilesMergeButStillFill()
{
    const auto tree = generatedTree(50000, 13);
    const QRectF bounds(0, 0, 320, 200); // far fewer pixels than files
    const auto layout = TreemapLayout::compute(*tree, 0, bounds);
    const auto &tiles = layout.tiles();
    QVERIFY2(tiles.size() < 320 * 200, qPrintable(QString::number(tiles.size())));
    QVERIFY(tiles.size() < tree->count());
    int merged = 0;
    double leafArea = 0;
    for (const auto &t : tiles) {
        merged += t.kind == TreemapLayout::TileKind::Merged;
        if (t.isLeaf())
            leafArea += area(t);
        if (t.kind == TreemapLayout::TileKind::Merged)
            QCOMPARE(tree->parent(t.detail), t.node);
    }
    QVERIFY(merged > 0);
    QVERIFY(near(leafArea, bounds.width() * bounds.height()));
}

void TestTreemapLayout::hitTestFindsEachLeaf()
{
    const auto tree = generatedTree(3000, 17);
    const auto layout = TreemapLayout::compute(*tree, 0, QRectF(0, 0, 1200, 800));
    int checked = 0;
    for (std::size_t i = 0; i < layout.tiles().size(); ++i) {
        const auto &t = layout.tiles()[i];
        if (!t.isLeaf())
            continue;
        QCOMPARE(layout.tileAt(t.rect().center()), int(i));
        ++checked;
    }
    QVERIFY(checked > 100);
    QCOMPARE(layout.tileAt(QPointF(-1, 5)), -1);
    QCOMPARE(layout.tileAt(QPointF(1200, 5)), -1);
}

void TestTreemapLayout::weightsLeaveZeroNodesOut()
{
    const auto tree = generatedTree(1000, 19);
    // Keep only every third file: weights are the kept bytes per subtree.
    std::vector<std::uint64_t> w(tree->count(), 0);
    for (FileTree::Index i = tree->count(); i-- > 1;) {
        if (tree->isFile(i) && i % 3 == 0)
            w[i] += tree->size(i);
        w[tree->parent(i)] += w[i];
    }
    const QRectF bounds(0, 0, 900, 600);
    const auto layout = TreemapLayout::compute(*tree, 0, bounds, exact(), w);
    for (const auto &t : layout.tiles()) {
        QVERIFY(w[t.node] > 0);
        QCOMPARE(t.weight, w[t.node]);
        QVERIFY(near(area(t) / (900.0 * 600), double(t.weight) / double(w[0])));
    }
}

void TestTreemapLayout::deepChainsStayBounded()
{
    // 20,000 nested folders, one file at the bottom, one beside the chain.
    FileTree tree;
    tree.addLeaf("beside", NodeKind::File, 1000, 0644);
    for (int i = 0; i < 20000; ++i)
        tree.beginDirectory("d", 0755);
    tree.addLeaf("deep", NodeKind::File, 1000, 0644);
    tree.finish();
    const auto layout = TreemapLayout::compute(tree, 0, QRectF(0, 0, 800, 600), exact());
    const auto &tiles = layout.tiles();
    QVERIFY(tiles.size() <= std::size_t(TreemapLayout::Options{}.maxDepth) + 3);
    QCOMPARE(tiles.back().kind, TreemapLayout::TileKind::CollapsedFolder);
    QCOMPARE(tiles.back().weight, std::uint64_t(1000));
    QVERIFY(near(area(tiles.back()), 800.0 * 600 / 2));
}

QTEST_GUILESS_MAIN(TestTreemapLayout)
#include "tst_treemaplayout.moc"
