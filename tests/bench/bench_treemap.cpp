// Treemap speed on the demo layer and a generated 200,000-file tree at
// 1920×1080: layout, full render (shade + colour), and rule toggle to repaint.
// Goals: ≤ 16 ms (demo) and ≤ 50 ms (200,000 files) for toggle-to-repaint.
#include "benchsupport.h"
#include "gui/explorer/treemaprenderer.h"
#include "gui/explorer/treemapwidget.h"
#include "scan/layer.h"
#include "select/rules.h"
#include "select/sizeledger.h"

#include <QApplication>

#include <cstdio>
#include <random>

namespace {

// Shaped like a big site-packages: 200 packages × 10 modules, each module with
// sources, bytecode, native libraries, data and a tests/ folder (100 files).
std::unique_ptr<FileTree> generatedTree(int packages)
{
    auto tree = std::make_unique<FileTree>();
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> magnitude(2, 6.5);
    auto size = [&] { return std::uint64_t(std::pow(10.0, magnitude(rng))); };
    for (int p = 0; p < packages; ++p) {
        tree->beginDirectory("pkg" + QByteArray::number(p), 0755);
        for (int m = 0; m < 10; ++m) {
            tree->beginDirectory("mod" + QByteArray::number(m), 0755);
            tree->beginDirectory("__pycache__", 0755);
            for (int f = 0; f < 30; ++f)
                tree->addLeaf("f" + QByteArray::number(f) + ".cpython-311.pyc", NodeKind::File, size(), 0644);
            tree->endDirectory();
            tree->beginDirectory("tests", 0755);
            for (int f = 0; f < 20; ++f)
                tree->addLeaf("test_" + QByteArray::number(f) + ".py", NodeKind::File, size(), 0644);
            tree->endDirectory();
            for (int f = 0; f < 40; ++f)
                tree->addLeaf("f" + QByteArray::number(f) + ".py", NodeKind::File, size(), 0644);
            for (int f = 0; f < 5; ++f)
                tree->addLeaf("lib" + QByteArray::number(f) + ".so", NodeKind::File, size() * 10, 0755);
            for (int f = 0; f < 5; ++f)
                tree->addLeaf("d" + QByteArray::number(f) + ".json", NodeKind::File, size(), 0644);
            tree->endDirectory();
        }
        tree->endDirectory();
    }
    tree->finish();
    return tree;
}

void run(const char *label, const FileTree &tree)
{
    const QSize screen(1920, 1080);
    const QRectF bounds(QPointF(0, 0), QSizeF(screen));
    TreemapLayout layout;
    const double layoutS = bench::bestSeconds(5, [&] { layout = TreemapLayout::compute(tree, 0, bounds); });

    SizeLedger ledger(tree);
    const int rule = RuleCatalog::indexOf(u"tests");
    TreemapRenderer renderer;
    QImage image;
    std::vector<TreemapRenderer::TileStyle> styles(layout.tiles().size(), {qRgb(200, 100, 80), false});
    const double shadeS = bench::bestSeconds(5, [&] { renderer.shade(layout, screen); });
    const double colorS = bench::bestSeconds(5, [&] { renderer.colorize(layout, styles, image); });

    // Through the widget, as the window uses it: toggle a rule, recolour, paint.
    TreemapWidget widget;
    widget.resize(screen);
    widget.show();
    const double widgetS = bench::bestSeconds(3, [&] {
        widget.setLedger(nullptr);
        widget.setLedger(&ledger);
        widget.waitForLayout();
        widget.repaint();
    });
    const quint64 generation = widget.layoutGeneration();
    // Each sample switches the rule on and off again: both directions count.
    const double ledgerS = bench::bestSeconds(10,
                                              [&] {
                                                  ledger.setRuleEnabled(rule, true);
                                                  ledger.setRuleEnabled(rule, false);
                                              }) /
                           2;
    const double toggleS = bench::bestSeconds(10,
                                              [&] {
                                                  for (bool on : {true, false}) {
                                                      ledger.setRuleEnabled(rule, on);
                                                      widget.selectionChanged();
                                                      widget.repaint();
                                                  }
                                              }) /
                           2;
    if (widget.layoutGeneration() != generation)
        std::printf("  (unexpected relayout on toggle)\n");

    std::printf("%s: %u nodes, %u files, %zu tiles at %dx%d\n", label, tree.count(), tree.fileCount(),
                layout.tiles().size(), screen.width(), screen.height());
    std::printf("  layout            %7.2f ms\n", layoutS * 1e3);
    std::printf("  shade (cushions)  %7.2f ms\n", shadeS * 1e3);
    std::printf("  colour            %7.2f ms\n", colorS * 1e3);
    std::printf("  full render       %7.2f ms (layout + shade + colour)\n", (layoutS + shadeS + colorS) * 1e3);
    std::printf("  widget open       %7.2f ms (classify + layout + render + paint)\n", widgetS * 1e3);
    std::printf("  rule toggle       %7.2f ms to repaint (ledger alone %.0f µs); goal %s\n", toggleS * 1e3,
                ledgerS * 1e6, tree.fileCount() > 100000 ? "50 ms" : "16 ms");
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QString demo =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(LAYERSLIM_FIXTURE_DIR "/demo/python");
    QString error;
    Layer layer = Layer::open(demo, &error);
    if (layer.tree)
        run("demo layer", *layer.tree);
    else
        std::printf("demo layer: %s\n", qPrintable(error));
    const auto big = generatedTree(200);
    run("generated", *big);
    return 0;
}
