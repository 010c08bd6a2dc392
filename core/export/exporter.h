// Exports the kept part of a scanned layer as a reproducible Lambda layer zip:
// entries in byte order of their names under a prefix, deflated by libdeflate
// on a pool of threads with bounded in-flight memory, zip entries copied raw
// (or, when asked, encoded again at the export's level), written atomically. Strip and bytecode options are applied to
// copies first (ExportTransform). Folder exports are delegated to FolderExporter.
#pragma once

#include "base/bitset.h"
#include "base/jobcontrol.h"
#include "export/exportoptions.h"
#include "scan/zipscanner.h"
#include "tree/filetree.h"

#include <vector>

class Exporter
{
public:
    // Encoded data held between compression and writing stays below this
    // (plus one entry when a single entry is larger).
    static constexpr std::uint64_t kMemoryBudget = std::uint64_t(192) << 20;

    // `pruned` is SizeLedger::pruned(); `zipEntries` is Layer::zipEntries
    // (empty for folder sources). The source is only read. options.strip and
    // options.bytecode are applied to copies in a scratch folder.
    [[nodiscard]] static ExportResult run(const FileTree &tree, const Bitset &pruned,
                                          const std::vector<ZipEntryRef> &zipEntries, const ExportOptions &options,
                                          JobControl *control = nullptr);
};
