// Scan and ledger benchmark: scan time against `du -sb` on the same tree (warm
// cache, best of 5), FileTree bytes per node, and one rule toggle on a large tree.
//   bench_scan [LAYER_DIR]   (default: the staged demo layer)
#include "benchsupport.h"
#include "scan/directoryscanner.h"
#include "select/sizeledger.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

namespace {

void report(const char *label, const QString &root)
{
    QString error;
    std::unique_ptr<FileTree> tree;
    const double scan = bench::bestSeconds(5, [&] { tree = DirectoryScanner::scan(root, &error); });
    const double du = bench::commandSeconds(5, QStringLiteral("du -sb '%1' >/dev/null").arg(root));
    std::size_t nameBytes = 0;
    for (FileTree::Index i = 0; i < tree->count(); ++i)
        nameBytes += std::size_t(tree->name(i).size());
    const double perNode = double(tree->memoryBytes() - nameBytes) / double(tree->count());

    SizeLedger ledger(*tree);
    const int tests = RuleCatalog::indexOf(u"tests");
    bool on = false;
    const int toggles = 200;
    const double toggle = bench::bestSeconds(1,
                                             [&] {
                                                 for (int i = 0; i < toggles; ++i)
                                                     ledger.setRuleEnabled(tests, on = !on);
                                             }) /
                          toggles;

    std::printf("%-6s %7u nodes %7u files | scan %7.1f ms, du -sb %7.1f ms: ratio %.2f (goal <= 0.7)\n", label,
                tree->count(), tree->fileCount(), scan * 1e3, du * 1e3, scan / du);
    std::printf("%-6s FileTree %.1f bytes/node + %zu name bytes (goal <= 45 + names) | rule toggle %.3f ms "
                "(goal <= 1 ms)\n",
                label, perNode, nameBytes, toggle * 1e3);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString demo =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(LAYERSLIM_FIXTURE_DIR "/demo/python");
    if (QDir(demo).exists())
        report("demo", demo);
    else
        std::printf("demo layer not staged at %s (run scripts/stage-demo-layer.sh)\n", qPrintable(demo));

    QTemporaryDir dir;
    bench::makeLargeTree(dir.path(), 200000);
    report("200k", dir.path());
    return 0;
}
