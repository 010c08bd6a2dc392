// A saved set of choices (rules, exceptions, manual prunes and keeps, target
// and export settings) as versioned JSON that the GUI writes and the CLI
// replays. Paths are relative to the layer's package root.
#pragma once

#include "base/units.h"
#include "export/exportoptions.h"
#include "select/sizeledger.h"
#include "select/targets.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

struct Profile {
    static constexpr int kVersion = 1;

    int version = kVersion;
    QString runtime = Target{}.runtime();
    QString arch = Target{}.archName();
    // Whether the JSON named "runtime" / "arch": a layer is checked for what
    // its profile names, else for what the layer itself says (LayerTarget).
    bool namesRuntime = false;
    bool namesArch = false;
    std::uint64_t limitBytes = units::kLambdaUnzippedLimit;
    std::uint64_t reserveBytes = units::kDefaultReserve;
    QStringList rules;
    QMap<QString, QStringList> exceptions; // rule id -> globs; replaces the rule's defaults
    QStringList prune;
    QStringList keep;
    // Distributions dropped with every dependency nothing else kept needs
    // (Distributions::drop), after the marks above; names in any PEP 503 spelling.
    QStringList dropDistributions;
    QString prefix = QStringLiteral("python/");
    int level = ExportOptions::kDefaultLevel;
    // "trace": {"path", "smoke_sha256"}: the TRACE.json the not-traced rule
    // replays (relative to the profile's folder) and its smoke script's hash.
    QString tracePath;
    QString traceSmokeSha256;
    QString directory; // the folder load() read the profile from (empty: the working folder)

    // tracePath resolved against the profile's folder; empty without a trace.
    [[nodiscard]] QString traceFile() const;

    // Parses and validates; on failure returns nullopt and names the key and reason.
    [[nodiscard]] static std::optional<Profile> fromJson(const QByteArray &json, QString *error);
    [[nodiscard]] static std::optional<Profile> load(const QString &path, QString *error);
    [[nodiscard]] QByteArray toJson() const;
    // Written to a temporary file beside `path`, then renamed.
    bool save(const QString &path, QString *error) const;

    // Puts the profile's choices into a ledger. Fails, naming the path, when a
    // prune or keep path is not in the tree.
    bool applyTo(SizeLedger &ledger, QString *error) const;
    // The choices a ledger holds, with `base`'s target and export settings
    // (and its drop_distributions). Prune marks on nodes set in `dropped`
    // are left out: replaying base's drop_distributions sets them again.
    [[nodiscard]] static Profile fromLedger(const SizeLedger &ledger, const Profile &base,
                                            const Bitset *dropped = nullptr);
};
