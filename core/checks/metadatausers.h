// Which installed distributions' metadata the layer's own code reads
// (importlib.metadata.version("x"), metadata, entry_points,
// pkg_resources.get_distribution, require, …), found statically in its Python
// sources, so that the dist-info rules spare exactly those metadata files:
// without them `import` fails with PackageNotFoundError. A read counts when it
// names its distribution (a string, or `__name__` for the source's own), or
// when an unnamed entry_points() runs at import; an unnamed one inside a
// function (plugin lookup on demand) names nothing to spare.
#pragma once

#include "base/bitset.h"
#include "base/jobcontrol.h"
#include "scan/zipscanner.h"
#include "select/sizeledger.h"
#include "tree/filetree.h"

#include <QByteArray>
#include <QJsonArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

class Distributions;

// What a call reads from a distribution's metadata folder.
enum class MetadataNeed : std::uint8_t {
    Metadata,    // METADATA / PKG-INFO: version(), metadata(), distribution(), get_distribution()
    Requires,    // METADATA plus an egg-info's requires.txt: requires(), require()
    Files,       // METADATA plus RECORD / installed-files.txt: files()
    EntryPoints, // METADATA and entry_points.txt of every distribution that has one: entry_points()
};

// One call found in a source file.
struct MetadataRead {
    FileTree::Index source = FileTree::kNone;   // the .py file with the call
    int line = 0;                               // 1-based
    bool atImport = false;                      // the call is at module level: it runs when the module is imported
    QString call;                               // as written: "importlib.metadata.version", "get_distribution"
    MetadataNeed need = MetadataNeed::Metadata; // what it reads
    QByteArray distribution;                    // PEP 503 name asked for ("prompt-toolkit"); empty for all
    FileTree::Index metadata = FileTree::kNone; // the *.dist-info / *.egg-info it resolves to; kNone: not installed
};

struct MetadataUsers {
    std::vector<MetadataRead> reads; // in tree order of their sources
    std::uint32_t sourcesRead = 0;   // .py files looked into
    QStringList problems;            // sources that could not be read: "path: why"

    // What the dist-info rules must keep: each metadata file a read in a kept
    // source needs (sources in `pruned` do not count; all count when null),
    // with the first reader as the reason ("read by prompt_toolkit/__init__.py
    // at import (importlib.metadata.version)").
    [[nodiscard]] std::vector<RuleSpare> spares(const FileTree &tree, const Bitset *pruned = nullptr) const;
    // Sets the spares for the ledger's selection on the rules that remove
    // metadata (dist-info, dist-info-lite): the .py files they keep are the
    // readers that count. Those rules never prune a .py file, so one pass
    // settles it. Returns whether the spares changed.
    bool spareIn(SizeLedger &ledger) const;

    // Reads the Python sources inside the package root, on every core, except
    // those in `skip` (a caller whose selection is settled skips the pruned
    // ones: their reads would not count). `zipEntries` is needed for a zip
    // source; `dists` are the tree's distributions, which the reads name.
    [[nodiscard]] static MetadataUsers find(const FileTree &tree, const std::vector<ZipEntryRef> *zipEntries,
                                            const Distributions &dists, JobControl *control = nullptr,
                                            const Bitset *skip = nullptr);
    // Spares as `scan --json` and the export report write them: path and reason.
    [[nodiscard]] static QJsonArray sparesJson(const std::vector<RuleSpare> &spares);
    // PEP 503: lower case, runs of '-', '_' and '.' as one '-'.
    [[nodiscard]] static QByteArray normalizedName(QByteArrayView name);
};
