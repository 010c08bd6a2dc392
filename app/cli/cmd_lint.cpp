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
                      QStringLiteral("Target runtime, e.g. python3.10 (default: the "
                                     "profile's)."),
                      QStringLiteral("pythonX.Y")});
    parser.addOption({QStringLiteral("arch"),
                      QStringLiteral("Target architecture: x86_64 or arm64 (default: the "
                                     "profile's)."),
                      QStringLiteral("arch")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    int exitCode = Ok;
    if (!parseOrExplain(parser, args, QStringLiteral("lint"), 1, &exitCode))
        return exitCode;

    auto session = openSession(parser.positionalArguments().first(), parser);
    if (!session)
        return BadInput;
    LintTarget target;
    target.runtime =
        parser.isSet(QStringLiteral("runtime")) ? parser.value(QStringLiteral("runtime")) : session->profile.runtime;
    target.arch = parser.isSet(QStringLiteral("arch")) ? parser.value(QStringLiteral("arch")) : session->profile.arch;
    if (const QString why = target.problem(); !why.isEmpty()) {
        printErr(QStringLiteral("layerslim-cli lint: %1\n").arg(why));
        return BadInput;
    }
    const FileTree &tree = *session->layer.tree;
    const Bitset &pruned = session->ledger->pruned();
    const LintReport report = Lint::run(tree, &session->layer.zipEntries, target, &pruned);
    // What the strip rule (with its exceptions) would free from the kept files, enabled or not.
    Bitset stripSet = session->ledger->ruleMatches(RuleCatalog::indexOf(u"strip"));
    stripSet.subtract(pruned);
    const std::vector<StripEstimate> strip = Stripper::estimate(tree, stripSet, &session->layer.zipEntries);
    const StripTotals stripTotals = Stripper::totals(strip);
    const int errors = report.errors();

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray findings, elf;
        for (const LintFinding &f : report.findings)
            findings.append(QJsonObject{{QStringLiteral("path"), FileTree::displayName(f.path)},
                                        {QStringLiteral("check"), Lint::checkName(f.check)},
                                        {QStringLiteral("severity"), Lint::severityName(f.severity)},
                                        {QStringLiteral("found"), f.found},
                                        {QStringLiteral("expected"), f.expected},
                                        {QStringLiteral("message"), f.message}});
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
            {QStringLiteral("abi_tag"), target.cacheTag()},
            {QStringLiteral("glibc"), QString::fromLatin1(target.glibc())},
            {QStringLiteral("files_checked"), qint64(report.filesChecked)},
            {QStringLiteral("elf_files"), elf},
            {QStringLiteral("findings"), findings},
            {QStringLiteral("errors"), errors},
            {QStringLiteral("warnings"), report.warnings()},
            {QStringLiteral("strip"), QJsonObject{{QStringLiteral("files"), qint64(stripTotals.files)},
                                                  {QStringLiteral("bytes"), double(stripTotals.bytes)},
                                                  {QStringLiteral("savings_bytes"), double(stripTotals.savings)},
                                                  {QStringLiteral("per_file"), stripFiles}}},
        };
        printOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)));
        return errors ? DoesNotFit : Ok;
    }

    printOut(
        QStringLiteral("%1\n  target %2 on %3 (%4, glibc <= %5): %6 files checked, %7 ELF\n")
            .arg(tree.rootPath(), target.runtime, target.arch, target.cacheTag(), QString::fromLatin1(target.glibc()))
            .arg(report.filesChecked)
            .arg(report.elfFiles.size()));
    for (const LintFinding &f : report.findings)
        printOut(QStringLiteral("  %1 %2 %3: %4\n")
                     .arg(Lint::severityName(f.severity), -7)
                     .arg(Lint::checkName(f.check), -10)
                     .arg(FileTree::displayName(f.path), f.message));
    printOut(QStringLiteral("  strip would free %1 of %2 in %3 native files (estimated from section headers)\n")
                 .arg(units::formatBytes(stripTotals.savings), units::formatBytes(stripTotals.bytes))
                 .arg(stripTotals.files));
    printOut(QStringLiteral("%1 error(s), %2 warning(s)\n").arg(errors).arg(report.warnings()));
    return errors ? DoesNotFit : Ok;
}

} // namespace cli
