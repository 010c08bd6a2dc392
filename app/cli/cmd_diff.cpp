#include "base/units.h"
#include "clisupport.h"
#include "select/layerdiff.h"

#include <QJsonDocument>

namespace cli {

namespace {

void printFiles(const QString &title, const std::vector<DiffFile> &files, int top)
{
    std::int64_t sum = 0;
    for (const DiffFile &f : files)
        sum += f.change();
    printOut(QStringLiteral("\n%1: %2 files, %3\n").arg(title).arg(files.size()).arg(units::formatChange(sum)));
    for (std::size_t i = 0; i < files.size() && int(i) < top; ++i)
        printOut(QStringLiteral("  %1  %2\n")
                     .arg(units::formatChange(files[i].change()), 10)
                     .arg(FileTree::displayName(files[i].path)));
    if (files.size() > std::size_t(top))
        printOut(
            QStringLiteral("  … and %1 more (--top N shows more, --json all)\n").arg(files.size() - std::size_t(top)));
}

} // namespace

int runDiff(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compares two layers, each a folder or a zip, under the same selection: kept bytes per installed "
        "distribution (version and bytes in A and in B) and the files added, removed and changed, largest "
        "change first. Paths are compared below each layer's package root, so a folder compares with the zip "
        "exported from it."));
    parser.addPositionalArgument(QStringLiteral("A"), QStringLiteral("The old layer: folder or zip."));
    parser.addPositionalArgument(QStringLiteral("B"), QStringLiteral("The new layer: folder or zip."));
    addSelectionOptions(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    parser.addOption({QStringLiteral("top"), QStringLiteral("Files listed in each section (default 20)."),
                      QStringLiteral("N"), QStringLiteral("20")});
    int exitCode = Ok;
    if (!parseOrExplain(parser, args, QStringLiteral("diff"), 2, &exitCode))
        return exitCode;
    bool topOk = false;
    const int top = parser.value(QStringLiteral("top")).toInt(&topOk);
    if (!topOk || top < 0) {
        printErr(QStringLiteral("layerslim-cli diff: --top wants a count of files, not \"%1\"\n")
                     .arg(parser.value(QStringLiteral("top"))));
        return BadInput;
    }

    const QStringList paths = parser.positionalArguments();
    auto a = openSession(paths[0], parser);
    if (!a)
        return BadInput;
    auto b = openSession(paths[1], parser);
    if (!b)
        return BadInput;
    const Target target = sessionTarget(*a); // the profile's, else what A says
    const Distributions &distsA = a->distributions();
    const Distributions distsB = Distributions::scan(*b->layer.tree, b->layer.zipEntries, target);
    for (const QString &p : distsA.problems() + distsB.problems())
        printErr(QStringLiteral("layerslim-cli diff: warning: %1\n").arg(p));
    const LayerDiff diff =
        LayerDiff::compare({a->layer.tree.get(), &a->layer.zipEntries, &a->ledger->pruned(), &distsA},
                           {b->layer.tree.get(), &b->layer.zipEntries, &b->ledger->pruned(), &distsB});
    for (const QString &p : diff.problems)
        printErr(QStringLiteral("layerslim-cli diff: warning: cannot compare %1\n").arg(p));

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject out = diff.toJson();
        out.insert(QStringLiteral("a"), a->layer.tree->rootPath());
        out.insert(QStringLiteral("b"), b->layer.tree->rootPath());
        printOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)));
        return Ok;
    }

    printOut(QStringLiteral("A %1: %2 kept (%3 bytes)\nB %4: %5 kept (%6 bytes)\nchange %7\n")
                 .arg(a->layer.tree->rootPath(), units::formatBytes(diff.bytesA), units::groupedBytes(diff.bytesA),
                      b->layer.tree->rootPath(), units::formatBytes(diff.bytesB), units::groupedBytes(diff.bytesB),
                      units::formatChange(units::change(diff.bytesA, diff.bytesB))));
    printOut(QStringLiteral("\nDistributions:\n"));
    const auto version = [](const QString &v) { return v.isEmpty() ? QStringLiteral("-") : v; };
    for (const DiffDistribution &d : diff.distributions)
        printOut(QStringLiteral("  %1 %2 -> %3 %4 -> %5  %6\n")
                     .arg(d.name, -24)
                     .arg(version(d.versionA), -10)
                     .arg(version(d.versionB), -10)
                     .arg(units::formatBytes(d.bytesA), 10)
                     .arg(units::formatBytes(d.bytesB), 10)
                     .arg(units::formatChange(d.change())));
    const std::int64_t unowned = units::change(diff.unownedA, diff.unownedB);
    printOut(QStringLiteral("  %1 %2    %3 %4 -> %5  %6\n")
                 .arg(QStringLiteral("(no distribution)"), -24)
                 .arg(QString(), -10)
                 .arg(QString(), -10)
                 .arg(units::formatBytes(diff.unownedA), 10)
                 .arg(units::formatBytes(diff.unownedB), 10)
                 .arg(units::formatChange(unowned)));
    printFiles(QStringLiteral("Added"), diff.added, top);
    printFiles(QStringLiteral("Removed"), diff.removed, top);
    printFiles(QStringLiteral("Changed"), diff.changed, top);
    return Ok;
}

} // namespace cli
