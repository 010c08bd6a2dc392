#include "export/exportreport.h"

#include "base/units.h"
#include "checks/metadatausers.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace {

QJsonValue bytes(std::uint64_t v)
{
    return QJsonValue(double(v));
}

// Bytes and files the selection removes from each top-level package.
struct PackageRemoval {
    QString name;
    std::uint64_t totalBytes = 0;
    std::uint64_t removedBytes = 0;
    std::uint32_t removedFiles = 0;
};

std::vector<PackageRemoval> removalsByPackage(const SizeLedger &ledger)
{
    const FileTree &tree = ledger.tree();
    std::vector<PackageRemoval> out;
    for (const PackageBytes &p : ledger.packages()) {
        PackageRemoval r{FileTree::displayName(tree.name(p.node)), p.totalBytes, p.totalBytes - p.keptBytes, 0};
        for (FileTree::Index i = p.node; i < tree.subtreeEnd(p.node); ++i)
            if (tree.isFile(i) && ledger.isPruned(i))
                ++r.removedFiles;
        out.push_back(r);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const PackageRemoval &a, const PackageRemoval &b) { return a.removedBytes > b.removedBytes; });
    return out;
}

QString mdEscape(QString s)
{
    s.replace(QLatin1Char('|'), QStringLiteral("\\|"));
    s.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return s;
}

// The largest of one list of a comparison, then how many more.
QString compareFilesMarkdown(const QString &title, const std::vector<DiffFile> &files)
{
    std::int64_t sum = 0;
    for (const DiffFile &f : files)
        sum += f.change();
    QString md =
        QStringLiteral("\n### %1: %2 files, %3\n\n").arg(title).arg(files.size()).arg(units::formatChange(sum));
    if (files.empty())
        return md;
    md += QStringLiteral("| file | before | after | change |\n|---|---:|---:|---:|\n");
    const std::size_t shown = std::min(files.size(), std::size_t(ExportReport::kCompareTop));
    for (std::size_t i = 0; i < shown; ++i) {
        const DiffFile &f = files[i];
        md += QStringLiteral("| `%1` | %2 | %3 | %4 |\n")
                  .arg(mdEscape(FileTree::displayName(f.path)),
                       f.bytesA ? units::formatBytes(f.bytesA) : QStringLiteral("–"),
                       f.bytesB ? units::formatBytes(f.bytesB) : QStringLiteral("–"), units::formatChange(f.change()));
    }
    if (files.size() > shown)
        md += QStringLiteral("\n… and %1 more (every file: layerslim-cli diff OLD NEW --json).\n")
                  .arg(files.size() - shown);
    return md;
}

// The change against the older layer: totals, distributions, largest files.
QString compareMarkdown(const ExportReportInput &in)
{
    const LayerDiff &d = *in.compare;
    auto size = [](std::uint64_t b) {
        return QStringLiteral("%1 (%2 bytes)").arg(units::formatBytes(b), units::groupedBytes(b));
    };
    QString md = QStringLiteral("\n## Change against `%1`\n\nBefore: every file of that layer; after: what this "
                                "export wrote. Paths are compared below the package root.\n\n")
                     .arg(in.comparedWith);
    md += QStringLiteral("| | bytes |\n|---|---:|\n| before | %1 |\n| after | %2 |\n| change | %3 |\n")
              .arg(size(d.bytesA), size(d.bytesB), units::formatChange(units::change(d.bytesA, d.bytesB)));
    md += QStringLiteral("\n### Distributions\n\n| distribution | version before | version after | before | "
                         "after | change |\n|---|---|---|---:|---:|---:|\n");
    const auto version = [](const QString &v) { return v.isEmpty() ? QStringLiteral("–") : mdEscape(v); };
    int unchanged = 0;
    for (const DiffDistribution &row : d.distributions) {
        if (row.change() == 0 && row.versionA == row.versionB) {
            ++unchanged;
            continue;
        }
        md += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                  .arg(mdEscape(row.name), version(row.versionA), version(row.versionB), units::formatBytes(row.bytesA),
                       units::formatBytes(row.bytesB), units::formatChange(row.change()));
    }
    md += QStringLiteral("| (no distribution) | | | %1 | %2 | %3 |\n")
              .arg(units::formatBytes(d.unownedA), units::formatBytes(d.unownedB),
                   units::formatChange(units::change(d.unownedA, d.unownedB)));
    if (unchanged > 0)
        md += QStringLiteral("\n%1 distributions are unchanged.\n").arg(unchanged);
    if (d.unownedA != d.unownedB)
        md += QStringLiteral("\nFiles count as *(no distribution)* in a layer without the metadata that claims them "
                             "(the `dist-info` rule leaves it out).\n");
    md += compareFilesMarkdown(QStringLiteral("Added"), d.added);
    md += compareFilesMarkdown(QStringLiteral("Removed"), d.removed);
    md += compareFilesMarkdown(QStringLiteral("Changed"), d.changed);
    for (const QString &p : d.problems)
        md += QStringLiteral("- not compared: %1\n").arg(mdEscape(p));
    return md;
}

} // namespace

ExportReportInput ExportReport::input(const SizeLedger &ledger, const std::vector<ZipEntryRef> &zipEntries,
                                      const Profile &base, const ExportOptions &options, const ExportResult &result,
                                      JobControl *control)
{
    ExportReportInput in;
    in.ledger = &ledger;
    in.profile = Profile::fromLedger(ledger, base);
    // What the export actually used, not what the profile said before options overrode it.
    in.profile.runtime = options.runtime;
    in.profile.prefix = options.prefix;
    in.profile.level = options.level;
    in.output = options.output;
    in.outputBytes = options.toFolder ? 0 : result.outputBytes;
    in.entries = std::uint32_t(result.files + result.symlinks + result.folders);
    in.seconds = result.seconds;
    in.transform = result.transform;
    in.exportedBytes = result.bytes;
    LintTarget target;
    target.runtime = in.profile.runtime;
    target.arch = in.profile.arch;
    target.origin = options.targetOrigin;
    in.lint = Lint::run(ledger.tree(), &zipEntries, target, &ledger.pruned(), control);
    return in;
}

std::uint64_t ExportReport::judgedBytes(const ExportReportInput &in)
{
    return in.exportedBytes ? in.exportedBytes : in.ledger->totals().keptBytes;
}

QString ExportReport::basePath(const QString &output)
{
    QString base = output;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    if (base.endsWith(QStringLiteral(".zip"), Qt::CaseInsensitive))
        base.chop(4);
    return base + QStringLiteral(".report");
}

QJsonObject ExportReport::transformJson(const TransformSummary &t)
{
    return QJsonObject{
        {QStringLiteral("strip"), QJsonObject{{QStringLiteral("files"), qint64(t.strippedFiles)},
                                              {QStringLiteral("bytes_before"), bytes(t.stripBefore)},
                                              {QStringLiteral("bytes_after"), bytes(t.stripAfter)}}},
        {QStringLiteral("bytecode"), QJsonObject{{QStringLiteral("mode"), BytecodeCompiler::modeName(t.bytecode)},
                                                 {QStringLiteral("added_files"), qint64(t.bytecodeAddedFiles)},
                                                 {QStringLiteral("added_bytes"), bytes(t.bytecodeAddedBytes)},
                                                 {QStringLiteral("removed_files"), qint64(t.bytecodeRemovedFiles)},
                                                 {QStringLiteral("removed_bytes"), bytes(t.bytecodeRemovedBytes)}}},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(t.warnings)},
    };
}

QJsonObject ExportReport::compareJson(const ExportReportInput &in)
{
    if (!in.compare)
        return {};
    QJsonObject out = in.compare->toJson(kCompareTop);
    out.insert(QStringLiteral("old"), in.comparedWith);
    out.insert(QStringLiteral("new"), in.output);
    return out;
}

QJsonObject ExportReport::toJson(const ExportReportInput &in)
{
    const SizeLedger &ledger = *in.ledger;
    const FileTree &tree = ledger.tree();
    const auto &catalog = RuleCatalog::all();

    QJsonArray rules;
    for (std::size_t r = 0; r < catalog.size(); ++r) {
        if (!ledger.ruleEnabled(int(r)))
            continue;
        const RuleBytes rb = ledger.ruleBytes(int(r));
        QJsonObject rule{{QStringLiteral("id"), catalog[r].id},
                         {QStringLiteral("risk"), RuleCatalog::riskName(catalog[r].risk)},
                         {QStringLiteral("exceptions"), QJsonArray::fromStringList(ledger.ruleExceptions(int(r)))},
                         {QStringLiteral("bytes"), bytes(rb.aloneBytes)},
                         {QStringLiteral("files"), qint64(rb.aloneFiles)},
                         {QStringLiteral("marginal_bytes"), bytes(rb.marginalBytes)},
                         {QStringLiteral("marginal_files"), qint64(rb.marginalFiles)},
                         {QStringLiteral("spared"), MetadataUsers::sparesJson(ledger.ruleSpares(int(r)))}};
        if (!ledger.ruleDataOrigin(int(r)).isEmpty())
            rule.insert(QStringLiteral("from"), ledger.ruleDataOrigin(int(r)));
        rules.append(rule);
    }
    QJsonArray packages;
    for (const PackageRemoval &p : removalsByPackage(ledger))
        packages.append(QJsonObject{{QStringLiteral("name"), p.name},
                                    {QStringLiteral("bytes"), bytes(p.totalBytes)},
                                    {QStringLiteral("removed_bytes"), bytes(p.removedBytes)},
                                    {QStringLiteral("removed_files"), qint64(p.removedFiles)}});
    const LedgerTotals totals = ledger.totals();
    QJsonObject out{
        {QStringLiteral("source"), tree.rootPath()},
        {QStringLiteral("output"), in.output},
        {QStringLiteral("runtime"), in.profile.runtime},
        {QStringLiteral("arch"), in.profile.arch},
        {QStringLiteral("prefix"), in.profile.prefix},
        {QStringLiteral("level"), in.profile.level},
        {QStringLiteral("profile"), QJsonDocument::fromJson(in.profile.toJson()).object()},
        {QStringLiteral("rules"), rules},
        {QStringLiteral("prune"), QJsonArray::fromStringList(in.profile.prune)},
        {QStringLiteral("keep"), QJsonArray::fromStringList(in.profile.keep)},
        {QStringLiteral("packages"), packages},
        {QStringLiteral("bytes_before"), bytes(tree.totalBytes(0))},
        {QStringLiteral("files_before"), qint64(tree.fileCount())},
        {QStringLiteral("kept_bytes"), bytes(totals.keptBytes)},
        {QStringLiteral("kept_files"), qint64(totals.keptFiles)},
        {QStringLiteral("removed_bytes"), bytes(totals.prunedBytes)},
        {QStringLiteral("removed_files"), qint64(totals.prunedFiles)},
        {QStringLiteral("zip_bytes"), bytes(in.outputBytes)},
        {QStringLiteral("entries"), qint64(in.entries)},
        {QStringLiteral("seconds"), in.seconds},
        {QStringLiteral("limit_bytes"), bytes(in.profile.limitBytes)},
        {QStringLiteral("reserve_bytes"), bytes(in.profile.reserveBytes)},
        {QStringLiteral("exported_bytes"), bytes(judgedBytes(in))},
        {QStringLiteral("fits"), budget(in).fits(judgedBytes(in))},
        {QStringLiteral("verdict"), LayerBudget::verdictId(budget(in).verdict(judgedBytes(in)))},
        {QStringLiteral("zip_limit_bytes"), bytes(units::kLambdaZipUploadLimit)},
    };
    // A folder export has no zip to judge.
    if (in.outputBytes)
        out.insert(QStringLiteral("zip_under_upload_limit"), LayerBudget::directUpload().fits(in.outputBytes));
    out.insert(QStringLiteral("transforms"), transformJson(in.transform));
    if (in.compare)
        out.insert(QStringLiteral("compare"), compareJson(in));
    if (in.lint) {
        const QJsonArray findings = Lint::findingsJson(in.lint->findings);
        out.insert(QStringLiteral("lint"), QJsonObject{{QStringLiteral("errors"), in.lint->errors()},
                                                       {QStringLiteral("warnings"), in.lint->warnings()},
                                                       {QStringLiteral("findings"), findings},
                                                       {QStringLiteral("groups"), Lint::groupsJson(*in.lint)}});
    }
    if (in.verify) {
        QJsonArray results;
        for (const CheckResult &r : in.verify->results) {
            QJsonObject result{{QStringLiteral("name"), r.check.name},
                               {QStringLiteral("status"), Verifier::statusName(r.status)},
                               {QStringLiteral("millis"), r.millis},
                               {QStringLiteral("error"), r.error},
                               {QStringLiteral("runs"), r.timing.runs}};
            if (r.timing.runs > 0) {
                result.insert(QStringLiteral("import_ms_median"), r.timing.medianMs);
                result.insert(QStringLiteral("import_ms_min"), r.timing.minMs);
                result.insert(QStringLiteral("import_ms_max"), r.timing.maxMs);
                result.insert(QStringLiteral("wall_ms_median"), r.timing.wallMedianMs);
            }
            results.append(result);
        }
        out.insert(QStringLiteral("verify"),
                   QJsonObject{{QStringLiteral("passed"), in.verify->passed()}, {QStringLiteral("results"), results}});
    }
    return out;
}

QString ExportReport::toMarkdown(const ExportReportInput &in)
{
    const SizeLedger &ledger = *in.ledger;
    const FileTree &tree = ledger.tree();
    const LedgerTotals totals = ledger.totals();
    const auto &catalog = RuleCatalog::all();
    auto size = [](std::uint64_t b) {
        return QStringLiteral("%1 (%2 bytes)").arg(units::formatBytes(b), units::groupedBytes(b));
    };

    QString md;
    md += QStringLiteral("# LayerSlim export report\n\n");
    const QString origin =
        in.lint && !in.lint->target.origin.isEmpty() ? QStringLiteral(", %1").arg(in.lint->target.origin) : QString();
    md += QStringLiteral("- Source: `%1`\n- Output: `%2`\n- Target: %3 on %4%5, prefix `%6`, deflate level %7\n\n")
              .arg(tree.rootPath(), in.output, in.profile.runtime, in.profile.arch, origin, in.profile.prefix)
              .arg(in.profile.level);
    md += QStringLiteral("## Sizes\n\n| | bytes | files |\n|---|---:|---:|\n");
    md += QStringLiteral("| before | %1 | %2 |\n").arg(size(tree.totalBytes(0))).arg(tree.fileCount());
    md += QStringLiteral("| removed | %1 | %2 |\n").arg(size(totals.prunedBytes)).arg(totals.prunedFiles);
    md += QStringLiteral("| kept (unzipped, as Lambda counts) | %1 | %2 |\n")
              .arg(size(totals.keptBytes))
              .arg(totals.keptFiles);
    if (in.exportedBytes && in.exportedBytes != totals.keptBytes)
        md += QStringLiteral("| exported, strip and bytecode applied | %1 | |\n").arg(size(in.exportedBytes));
    if (in.outputBytes)
        md += QStringLiteral("| zip | %1 | %2 entries |\n").arg(size(in.outputBytes)).arg(in.entries);
    const std::uint64_t room =
        in.profile.limitBytes > in.profile.reserveBytes ? in.profile.limitBytes - in.profile.reserveBytes : 0;
    md += QStringLiteral("\nLimit %1 minus reserve %2 leaves %3 for this layer: **%4**.\n")
              .arg(size(in.profile.limitBytes), size(in.profile.reserveBytes), size(room),
                   budget(in).describe(judgedBytes(in)));
    if (in.outputBytes)
        md += QStringLiteral("The zip is **%1**.\n").arg(LayerBudget::directUpload().describe(in.outputBytes));
    md += QLatin1Char('\n');

    md += QStringLiteral("## Rules\n\n*Alone*: what the rule frees by itself. *In union*: what it frees on top of "
                         "every other rule and manual choice (as the explorer's Rules pane says).\n\n| rule | risk | "
                         "alone | in union | exceptions |\n|---|---|---:|---:|---|\n");
    for (std::size_t r = 0; r < catalog.size(); ++r) {
        if (!ledger.ruleEnabled(int(r)))
            continue;
        const RuleBytes rb = ledger.ruleBytes(int(r));
        md += QStringLiteral("| `%1` | %2 | %3 in %4 files | %5 | %6 |\n")
                  .arg(catalog[r].id, RuleCatalog::riskName(catalog[r].risk), units::formatBytes(rb.aloneBytes))
                  .arg(rb.aloneFiles)
                  .arg(units::formatBytes(rb.marginalBytes),
                       mdEscape(ledger.ruleExceptions(int(r)).join(QStringLiteral(", "))));
    }
    for (std::size_t r = 0; r < catalog.size(); ++r) {
        if (!ledger.ruleEnabled(int(r)) || ledger.ruleSpares(int(r)).empty())
            continue;
        md += QStringLiteral("\n`%1` spared what the layer's code reads or links:\n\n").arg(catalog[r].id);
        for (const RuleSpare &spare : ledger.ruleSpares(int(r)))
            md += QStringLiteral("- `%1`: %2\n").arg(spare.glob, mdEscape(spare.reason));
    }
    for (std::size_t r = 0; r < catalog.size(); ++r)
        if (ledger.ruleEnabled(int(r)) && !ledger.ruleDataOrigin(int(r)).isEmpty())
            md += QStringLiteral("\n`%1` pruned what the %2 did not use; code paths that script did not run may "
                                 "still need it.\n")
                      .arg(catalog[r].id, mdEscape(ledger.ruleDataOrigin(int(r))));
    if (!in.profile.prune.isEmpty() || !in.profile.keep.isEmpty()) {
        md +=
            QStringLiteral("\nManual choices: pruned %1; kept %2.\n")
                .arg(in.profile.prune.isEmpty() ? QStringLiteral("none") : in.profile.prune.join(QStringLiteral(", ")),
                     in.profile.keep.isEmpty() ? QStringLiteral("none") : in.profile.keep.join(QStringLiteral(", ")));
    }
    md += QStringLiteral(
        "\n## Removed per package\n\n| package | size | removed | files removed |\n|---|---:|---:|---:|\n");
    for (const PackageRemoval &p : removalsByPackage(ledger))
        md += QStringLiteral("| %1 | %2 | %3 | %4 |\n")
                  .arg(mdEscape(p.name), units::formatBytes(p.totalBytes), units::formatBytes(p.removedBytes))
                  .arg(p.removedFiles);
    const TransformSummary &t = in.transform;
    md += QStringLiteral("\n## Transforms\n\n- strip: %1 native files stripped, %2 to %3\n")
              .arg(t.strippedFiles)
              .arg(units::formatBytes(t.stripBefore), units::formatBytes(t.stripAfter));
    md += QStringLiteral("- bytecode %1: %2 .pyc added (%3), %4 files left out (%5)\n")
              .arg(BytecodeCompiler::modeName(t.bytecode))
              .arg(t.bytecodeAddedFiles)
              .arg(units::formatBytes(t.bytecodeAddedBytes))
              .arg(t.bytecodeRemovedFiles)
              .arg(units::formatBytes(t.bytecodeRemovedBytes));
    for (const QString &w : t.warnings)
        md += QStringLiteral("- warning: %1\n").arg(mdEscape(w));
    if (in.lint) {
        md += QStringLiteral("\n## Native files (lint for %1 %2)\n\n%3 errors, %4 warnings.\n")
                  .arg(in.profile.runtime, in.profile.arch)
                  .arg(in.lint->errors())
                  .arg(in.lint->warnings());
        for (const LintGroup &g : in.lint->groups()) {
            const LintFinding &first = in.lint->findings[g.findings.front()];
            if (g.findings.size() == 1) {
                md += QStringLiteral("- %1 `%2`: %3\n")
                          .arg(Lint::severityName(g.severity), FileTree::displayName(first.path), mdEscape(g.headline));
                continue;
            }
            md += QStringLiteral("- %1: %2\n").arg(Lint::severityName(g.severity), mdEscape(g.headline));
            for (const std::size_t i : g.findings)
                md += QStringLiteral("  - `%1`\n").arg(FileTree::displayName(in.lint->findings[i].path));
        }
    }
    if (in.verify) {
        md += QStringLiteral("\n## Verification\n\n%1 *Cold import*: the import alone, timed in a fresh "
                             "process per run (median, min..max).\n\n| module | result | time | cold import |\n"
                             "|---|---|---:|---:|\n")
                  .arg(in.verify->passed() ? QStringLiteral("Every import passed.")
                                           : QStringLiteral("**Some imports failed.**"));
        for (const CheckResult &r : in.verify->results) {
            const ImportTiming &t = r.timing;
            const QString cold = t.runs > 0 ? QStringLiteral("%1 ms (%2..%3, %4 runs)")
                                                  .arg(t.medianMs, 0, 'f', 1)
                                                  .arg(t.minMs, 0, 'f', 1)
                                                  .arg(t.maxMs, 0, 'f', 1)
                                                  .arg(t.runs)
                                            : QStringLiteral("–");
            md += QStringLiteral("| %1 | %2%3 | %4 ms | %5 |\n")
                      .arg(mdEscape(r.check.name), Verifier::statusName(r.status),
                           r.error.isEmpty() ? QString() : QStringLiteral(": ") + mdEscape(r.error))
                      .arg(r.millis)
                      .arg(cold);
        }
    }
    if (in.compare)
        md += compareMarkdown(in);
    return md;
}

bool ExportReport::write(const ExportReportInput &in, QString *error)
{
    const QString base = basePath(in.output);
    const std::pair<QString, QByteArray> files[] = {
        {base + QStringLiteral(".json"), QJsonDocument(toJson(in)).toJson(QJsonDocument::Indented)},
        {base + QStringLiteral(".md"), toMarkdown(in).toUtf8()},
    };
    for (const auto &[path, data] : files) {
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size() || !f.commit()) {
            if (error)
                *error = QStringLiteral("%1: %2").arg(path, f.errorString());
            return false;
        }
    }
    return true;
}
