// The record written next to every export (NAME.report.md and
// NAME.report.json): rules and exceptions used, what each rule and manual
// choice removed per package, what strip and the bytecode option changed,
// lint findings, verification results, the sizes before and after and,
// when asked, the change against an older layer.
#pragma once

#include "checks/lint.h"
#include "checks/verifier.h"
#include "export/exportoptions.h"
#include "select/layerbudget.h"
#include "select/layerdiff.h"
#include "select/profile.h"
#include "select/sizeledger.h"

#include <QJsonObject>
#include <QString>

#include <optional>

struct ExportReportInput {
    const SizeLedger *ledger = nullptr; // the selection that was exported
    Profile profile;                    // target and export settings used
    QString output;                     // the zip (or folder) written
    std::uint64_t outputBytes = 0;      // size of the zip on disk (0 for a folder)
    std::uint32_t entries = 0;          // entries written
    double seconds = 0;                 // export time
    std::optional<LintReport> lint;     // when lint ran on the kept set
    std::optional<VerifyReport> verify; // when verification ran
    TransformSummary transform;         // what strip and the bytecode option changed
    std::uint64_t exportedBytes = 0;    // unzipped bytes written, transforms applied (0: the ledger's kept bytes)
    QString comparedWith;               // the older layer (zip or folder) the export is compared with; empty: none
    std::optional<LayerDiff> compare;   // A: that older layer, every file; B: what this export wrote
};

class ExportReport
{
public:
    // Files listed in each of the compare section's added, removed and changed lists.
    static constexpr int kCompareTop = 20;

    // The one way the GUI's export and `layerslim-cli export` fill a report:
    // the ledger's choices on `base`'s limit, reserve and arch, the runtime,
    // prefix and level the export used (`options`), what it wrote (`result`:
    // sizes, strip and bytecode effects) and a lint of the kept files for that
    // runtime and arch. `zipEntries` is the source's (empty for a folder).
    [[nodiscard]] static ExportReportInput input(const SizeLedger &ledger, const std::vector<ZipEntryRef> &zipEntries,
                                                 const Profile &base, const ExportOptions &options,
                                                 const ExportResult &result, JobControl *control = nullptr);
    // The verdict on what was written: unzipped bytes after transforms against the profile's limit and reserve.
    [[nodiscard]] static LayerBudget budget(const ExportReportInput &in)
    {
        return LayerBudget(in.profile.limitBytes, in.profile.reserveBytes);
    }
    [[nodiscard]] static std::uint64_t judgedBytes(const ExportReportInput &in);

    [[nodiscard]] static QJsonObject toJson(const ExportReportInput &in);
    [[nodiscard]] static QString toMarkdown(const ExportReportInput &in);
    // The "transforms" object of the JSON report: strip and bytecode effects.
    [[nodiscard]] static QJsonObject transformJson(const TransformSummary &t);
    // The "compare" object: "old", "new" and LayerDiff::toJson(kCompareTop); empty without a comparison.
    [[nodiscard]] static QJsonObject compareJson(const ExportReportInput &in);
    // Writes OUTPUT.report.json and OUTPUT.report.md beside the output (the
    // ".zip" suffix dropped), each atomically; returns false with `error`
    // naming the file on failure.
    static bool write(const ExportReportInput &in, QString *error);
    // "layer.zip" -> "layer.report"; the two files add .md and .json.
    [[nodiscard]] static QString basePath(const QString &output);
};
