#include "base/units.h"
#include "checks/lint.h"
#include "clisupport.h"
#include "transform/stripper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cli {

int runLint(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Checks the native files of a layer folder or zip against the target: ELF machine, CPython ABI tag in "
        "extension names, highest GLIBC version needed, and macOS/Windows binaries. Exit status 2 on errors."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Layer folder or zip."));
    addSelectionOptions(parser);
    parser.addOption({QStringLiteral("runtime"),
                      QStringLiteral("Target runtime, e.g. %1 (default: the profile's, else the layer's own tags).")
                          .arg(Target{}.runtime()),
                      QStringLiteral("pythonX.Y")});
    parser.addOption({QStringLiteral("arch"),
                      QStringLiteral("Target architecture: %1 (default: the profile's, else the layer's own tags).")
                          .arg(Target::architectures().join(QStringLiteral(" or "))),
                      QStringLiteral("arch")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    int exitCode = Ok;
    if (!parseOrExplain(parser, args, QStringLiteral("lint"), 1, &exitCode))
        return exitCode;

    auto session = openSession(parser.positionalArguments().first(), parser);
    if (!session)
        return BadInput;
    const std::optional<LintTarget> chosen =
        chosenTarget(parser, *session, QStringLiteral("lint"), TargetOptions::RuntimeAndArch);
    if (!chosen)
        return BadInput;
    const LintTarget &target = *chosen;
    const FileTree &tree = *session->layer.tree;
    const Bitset &pruned = session->ledger->pruned();
    const LintReport report = Lint::run(tree, &session->layer.zipEntries, target, &pruned);
    // What the strip rule (with its exceptions) would free from the kept files, enabled or not.
    Bitset stripSet = session->ledger->ruleMatches(RuleCatalog::indexOf(RuleId::Strip));
    stripSet.subtract(pruned);
    const std::vector<StripEstimate> strip = Stripper::estimate(tree, stripSet, &session->layer.zipEntries);
    const StripTotals stripTotals = Stripper::totals(strip);
    const int errors = report.errors();

    if (parser.isSet(QStringLiteral("json"))) {
        const QJsonArray findings = Lint::findingsJson(report.findings);
        QJsonArray elf;
        for (const LintElf &e : report.elfFiles)
            elf.append(QJsonObject{{QStringLiteral("path"), FileTree::displayName(e.path)},
                                   {QStringLiteral("machine"), e.machine},
                                   {QStringLiteral("max_glibc"), QString::fromLatin1(e.maxGlibc)}});
        QJsonArray stripFiles;
        for (const StripEstimate &e : strip)
            if (e.savings > 0 || !e.error.isEmpty())
                stripFiles.append(QJsonObject{{QStringLiteral("path"), FileTree::displayName(e.path)},
                                              {QStringLiteral("bytes"), double(e.size)},
                                              {QStringLiteral("savings_bytes"), double(e.savings)},
                                              {QStringLiteral("error"), e.error}});
        const QJsonObject out{
            {QStringLiteral("root"), tree.rootPath()},
            {QStringLiteral("runtime"), target.runtime},
            {QStringLiteral("arch"), target.arch},
            {QStringLiteral("target_origin"), target.origin},
            {QStringLiteral("abi_tag"), target.cacheTag()},
            {QStringLiteral("glibc"), QString::fromLatin1(target.glibc())},
            {QStringLiteral("files_checked"), qint64(report.filesChecked)},
            {QStringLiteral("elf_files"), elf},
            {QStringLiteral("findings"), findings},
            {QStringLiteral("groups"), Lint::groupsJson(report)},
            {QStringLiteral("errors"), errors},
            {QStringLiteral("warnings"), report.warnings()},
            {QStringLiteral("strip"), QJsonObject{{QStringLiteral("files"), qint64(stripTotals.files)},
                                                  {QStringLiteral("bytes"), double(stripTotals.bytes)},
                                                  {QStringLiteral("savings_bytes"), double(stripTotals.savings)},
                                                  {QStringLiteral("per_file"), stripFiles}}},
        };
        printOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)));
        return errors ? ChecksFailed : Ok;
    }

    printOut(QStringLiteral("%1\n  target %2 on %3 (%4, glibc <= %5), %6\n  %7 files checked, %8 ELF\n")
                 .arg(tree.rootPath(), target.runtime, target.arch, target.cacheTag(),
                      QString::fromLatin1(target.glibc()), target.origin)
                 .arg(report.filesChecked)
                 .arg(report.elfFiles.size()));
    // One line a cause, its files under it: 170 modules built for another
    // CPython are one problem, not 170.
    constexpr std::size_t kFilesShown = 10;
    for (const LintGroup &g : report.groups()) {
        printOut(QStringLiteral("  %1 %2 %3\n")
                     .arg(Lint::severityName(g.severity), -7)
                     .arg(Lint::checkName(g.check), -10)
                     .arg(g.findings.size() == 1 ? FileTree::displayName(report.findings[g.findings[0]].path) +
                                                       QStringLiteral(": ") + g.headline
                                                 : g.headline));
        if (g.findings.size() == 1)
            continue;
        for (std::size_t k = 0; k < g.findings.size() && k < kFilesShown; ++k)
            printOut(QStringLiteral("      %1\n").arg(FileTree::displayName(report.findings[g.findings[k]].path)));
        if (g.findings.size() > kFilesShown)
            printOut(
                QStringLiteral("      … and %1 more (--json lists every file)\n").arg(g.findings.size() - kFilesShown));
    }
    printOut(QStringLiteral("  strip would free %1 of %2 in %3 native files (estimated from section headers)\n")
                 .arg(units::formatBytes(stripTotals.savings), units::formatBytes(stripTotals.bytes))
                 .arg(stripTotals.files));
    printOut(QStringLiteral("%1 error(s), %2 warning(s)\n").arg(errors).arg(report.warnings()));
    return errors ? ChecksFailed : Ok;
}

} // namespace cli
