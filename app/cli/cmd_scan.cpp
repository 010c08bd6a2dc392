#include "base/units.h"
#include "checks/metadatausers.h"
#include "clisupport.h"
#include "distjson.h"
#include "export/compressedsizecache.h"
#include "export/exportplan.h"
#include "export/zipsizepredictor.h"
#include "select/layerbudget.h"
#include "tree/nodecategory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cli {

namespace {

QJsonValue bytesValue(std::uint64_t v)
{
    return QJsonValue(double(v)); // exact up to 2^53 bytes
}

// Who installed each file, with requirement markers read for the profile's
// target; what could not be read is said once.
const Distributions &distributionsWarned(const Session &session)
{
    const Distributions &dists = session.distributions();
    for (const QString &p : dists.problems())
        printErr(QStringLiteral("layerslim-cli scan: warning: %1\n").arg(p));
    return dists;
}

} // namespace

int runScan(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Scans a layer folder or zip and reports what the selected rules would free against Lambda's 250 MB limit. "
        "Exit status 2 unless the kept bytes (stripped sizes when the strip rule is on) fit with the reserve left "
        "whole (eating into the reserve counts as not fitting); a zip over the 50 MB direct-upload limit is reported "
        "but does not change the exit status, "
        "since it can still be uploaded through S3."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Folder or layer zip to scan."));
    addSelectionOptions(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    parser.addOption({QStringLiteral("exact-zip"),
                      QStringLiteral("Deflate every file for the exact zip size (sizes of unchanged files come from "
                                     "the cache in ~/.cache/layerslim). Without it the zip size is estimated from "
                                     "per-category deflate ratios.")});
    parser.addOption({QStringLiteral("duplicates"),
                      QStringLiteral("Also look for files of identical content (compared by size, SHA-1 and bytes): "
                                     "this reads every file that shares its size with another.")});
    int exitCode = Ok;
    if (!parseOrExplain(parser, args, QStringLiteral("scan"), 1, &exitCode))
        return exitCode;

    // Who installed each file is read on a second thread while the ledger,
    // the zip size and the totals are worked out.
    const bool exactZip = parser.isSet(QStringLiteral("exact-zip"));
    std::future<CompressedSizeCache *> sizeCache;
    if (exactZip)
        sizeCache = readSizeCacheAhead();
    auto session = openSession(parser.positionalArguments().first(), parser, ReadAhead::Distributions);
    if (!session)
        return BadInput;
    const FileTree &tree = *session->layer.tree;
    const SizeLedger &ledger = *session->ledger;
    const Profile &profile = session->profile;
    // By default the zip size is estimated at walk speed; with --exact-zip
    // every file is deflated once at the profile's level (what export would
    // write, unchanged files' sizes from the cache), then summed for this
    // selection. With strip on, what stripping saves is measured either way:
    // the kept bytes (and so the verdict) need it.
    // A folder's estimate and the JSON's bytes by category share one
    // classification; a zip's estimate needs none (its stored sizes are known).
    const bool json = parser.isSet(QStringLiteral("json"));
    const std::vector<NodeCategory> categories = json || tree.source() != FileTree::Source::Zip
                                                     ? NodeClassifier::classifyAll(tree)
                                                     : std::vector<NodeCategory>{};
    ZipSizePredictor predictor(tree, session->layer.zipEntries, categories.empty() ? nullptr : &categories);
    QString predictError;
    if (exactZip) {
        predictor.setCache(sizeCache.get());
        if (!predictor.compute(*session->ledger, profile.level, nullptr, 0, &predictError))
            printErr(QStringLiteral("layerslim-cli scan: warning: zip size is approximate: %1\n").arg(predictError));
        if (const QString warning = predictor.cacheWarning(); !warning.isEmpty())
            printErr(QStringLiteral("layerslim-cli scan: warning: %1\n").arg(warning));
    } else if (!ZipSizePredictor::measureStripSavings(*session->ledger, session->layer.zipEntries, profile.level,
                                                      nullptr, 0, &predictError)) {
        printErr(QStringLiteral(
                     "layerslim-cli scan: warning: kept bytes are before strip (its savings were not measured): %1\n")
                     .arg(predictError));
    }
    const LedgerTotals totals = ledger.totals();
    // Core's verdict, as the GUI's gauge gives it, on the bytes export writes:
    // `fits` and exit 0 mean it fits with the reserve.
    const LayerBudget budget(profile.limitBytes, profile.reserveBytes);
    const LayerBudget::Verdict verdict = budget.verdict(totals.layerBytes);
    const bool fits = verdict == LayerBudget::Verdict::Fits;
    const QByteArray prefix = ExportPlan::normalizePrefix(profile.prefix, nullptr).value_or(QByteArray("python/"));
    const ZipSizePredictor::Prediction zipEstimate = predictor.predict(ledger, prefix);
    // Duplicates read file contents, so only when asked: scan answers at walk speed.
    std::optional<std::vector<DuplicateGroup>> duplicates;
    if (parser.isSet(QStringLiteral("duplicates"))) {
        QStringList unread;
        duplicates = Duplicates::find(tree, session->layer.zipEntries, &ledger.pruned(), &unread);
        for (const QString &p : unread)
            printErr(QStringLiteral("layerslim-cli scan: warning: not compared for duplicates: %1\n").arg(p));
    }

    if (json) {
        QJsonArray rules;
        for (const QString &id : profile.rules) {
            const RuleBytes rb = ledger.ruleBytes(RuleCatalog::indexOf(id));
            rules.append(QJsonObject{
                {QStringLiteral("id"), id},
                {QStringLiteral("files"), qint64(rb.aloneFiles)},
                {QStringLiteral("bytes"), bytesValue(rb.aloneBytes)},
                {QStringLiteral("marginal_bytes"), bytesValue(rb.marginalBytes)},
                {QStringLiteral("spared"), MetadataUsers::sparesJson(ledger.ruleSpares(RuleCatalog::indexOf(id)))},
                {QStringLiteral("from"), ledger.ruleDataOrigin(RuleCatalog::indexOf(id))}});
        }
        QJsonArray packages;
        for (const PackageBytes &p : ledger.packages())
            packages.append(QJsonObject{{QStringLiteral("name"), FileTree::displayName(tree.name(p.node))},
                                        {QStringLiteral("bytes"), bytesValue(p.totalBytes)},
                                        {QStringLiteral("kept_bytes"), bytesValue(p.keptBytes)}});
        // Bytes by content category, as the treemap's legend shows them.
        const auto allBytes = NodeClassifier::bytesByCategory(tree, categories);
        const auto keptBytes = NodeClassifier::bytesByCategory(tree, categories, &ledger.pruned());
        QJsonArray byCategory;
        for (int c = 0; c < kNodeCategoryCount; ++c)
            byCategory.append(QJsonObject{{QStringLiteral("id"), NodeClassifier::id(NodeCategory(c))},
                                          {QStringLiteral("bytes"), bytesValue(allBytes[std::size_t(c)])},
                                          {QStringLiteral("kept_bytes"), bytesValue(keptBytes[std::size_t(c)])}});
        QJsonArray issues;
        for (const ScanIssue &issue : tree.issues())
            issues.append(QJsonObject{{QStringLiteral("path"), FileTree::displayName(issue.path)},
                                      {QStringLiteral("reason"), issue.reason}});
        QJsonObject out{
            {QStringLiteral("root"), tree.rootPath()},
            {QStringLiteral("package_root"), FileTree::displayName(tree.path(tree.packageRoot()))},
            {QStringLiteral("files"), qint64(tree.fileCount())},
            {QStringLiteral("dirs"), qint64(tree.dirCount())},
            {QStringLiteral("bytes"), bytesValue(tree.totalBytes(0))},
            {QStringLiteral("rules"), rules},
            {QStringLiteral("pruned_bytes"), bytesValue(totals.prunedBytes)},
            {QStringLiteral("pruned_files"), qint64(totals.prunedFiles)},
            {QStringLiteral("kept_bytes"), bytesValue(totals.layerBytes)},
            // False when strip is on but what it saves on kept files could not be measured.
            {QStringLiteral("kept_bytes_exact"), totals.layerBytesExact},
            {QStringLiteral("kept_files"), qint64(totals.keptFiles)},
            {QStringLiteral("limit_bytes"), bytesValue(profile.limitBytes)},
            {QStringLiteral("reserve_bytes"), bytesValue(profile.reserveBytes)},
            {QStringLiteral("fits"), fits},
            {QStringLiteral("verdict"), LayerBudget::verdictId(verdict)},
            {QStringLiteral("verdict_text"), budget.describe(totals.layerBytes)},
            {QStringLiteral("zip_bytes_estimate"), bytesValue(zipEstimate.bytes)},
            {QStringLiteral("zip_estimate_exact"), zipEstimate.exact},
            // How the stored sizes were found: category-ratios, deflated or central-directory.
            {QStringLiteral("zip_estimate_method"), ZipSizePredictor::methodId(zipEstimate.method)},
            // Over 50 MB zipped only rules out a direct upload (S3 takes it): it never changes the exit status.
            {QStringLiteral("zip_limit_bytes"), bytesValue(units::kLambdaZipUploadLimit)},
            {QStringLiteral("zip_under_upload_limit"), LayerBudget::directUpload().fits(zipEstimate.bytes)},
            {QStringLiteral("packages"), packages},
            {QStringLiteral("categories"), byCategory},
            {QStringLiteral("issues"), issues},
        };
        addDistributionsJson(out, distributionsWarned(*session), &ledger);
        if (duplicates)
            addDuplicatesJson(out, tree, *duplicates);
        printOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)));
        return fits ? Ok : DoesNotFit;
    }

    printOut(QStringLiteral("%1\n  %2 files, %3 folders, %4 (%5 bytes)\n")
                 .arg(tree.rootPath())
                 .arg(tree.fileCount())
                 .arg(tree.dirCount())
                 .arg(units::formatBytes(tree.totalBytes(0)), units::groupedBytes(tree.totalBytes(0))));
    for (const QString &id : profile.rules) {
        const RuleBytes rb = ledger.ruleBytes(RuleCatalog::indexOf(id));
        printOut(QStringLiteral("  rule %1 %2 in %3 files\n")
                     .arg(id, -17)
                     .arg(units::formatBytes(rb.aloneBytes), 10)
                     .arg(rb.aloneFiles));
        if (const QString &from = ledger.ruleDataOrigin(RuleCatalog::indexOf(id)); !from.isEmpty())
            printOut(QStringLiteral("       from %1; code paths the script did not run may need what it prunes\n")
                         .arg(from));
        for (const RuleSpare &spare : ledger.ruleSpares(RuleCatalog::indexOf(id)))
            printOut(QStringLiteral("       spared %1: %2\n").arg(spare.glob, spare.reason));
    }
    const std::uint64_t room = budget.remainingBytes();
    printOut(QStringLiteral("  kept %1%2 of %3 allowed (limit %4 minus reserve %5): %6\n")
                 .arg(units::formatBytes(totals.layerBytes),
                      totals.layerBytesExact ? QString() : QStringLiteral(" (before strip: not measured)"),
                      units::formatBytes(room), units::formatBytes(profile.limitBytes),
                      units::formatBytes(profile.reserveBytes), budget.describe(totals.layerBytes)));
    const QString how = zipEstimate.exact
                            ? QStringLiteral("exact at level %1").arg(profile.level)
                            : QStringLiteral("estimated from %1 at level %2; --exact-zip for the exact size")
                                  .arg(ZipSizePredictor::methodId(zipEstimate.method))
                                  .arg(profile.level);
    printOut(QStringLiteral("  zip %1 (%2 bytes, %3): %4\n")
                 .arg(units::formatBytes(zipEstimate.bytes), units::groupedBytes(zipEstimate.bytes), how,
                      LayerBudget::directUpload().describe(zipEstimate.bytes)));
    const Distributions &dists = distributionsWarned(*session);
    int topLevel = 0;
    for (const Distribution &d : dists.all())
        topLevel += d.topLevel ? 1 : 0;
    printOut(QStringLiteral("  %1 distributions (%2 required by none), %3 in files none installed\n")
                 .arg(dists.count())
                 .arg(topLevel)
                 .arg(units::formatBytes(dists.unownedBytes())));
    if (duplicates) {
        printOut(QStringLiteral("  duplicates: %1 beyond the first copy, in %2 groups of identical files\n")
                     .arg(units::formatBytes(Duplicates::wastedBytes(*duplicates)))
                     .arg(duplicates->size()));
        constexpr std::size_t kShown = 5; // the largest waste first
        for (std::size_t g = 0; g < std::min(kShown, duplicates->size()); ++g) {
            const DuplicateGroup &group = (*duplicates)[g];
            printOut(QStringLiteral("    %1 × %2: %3\n")
                         .arg(group.nodes.size())
                         .arg(units::formatBytes(group.bytes), 10)
                         .arg(FileTree::displayName(tree.packagePath(group.nodes.front()))));
        }
    }
    return fits ? Ok : DoesNotFit;
}

} // namespace cli
