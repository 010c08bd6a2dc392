// What an export is asked to do and what it reports back; shared by Exporter,
// FolderExporter, the CLI and the GUI.
#pragma once

#include "base/bitset.h"
#include "checks/pythonfinder.h"
#include "select/targets.h"
#include "transform/bytecodecompiler.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

class CompressedSizeCache;

struct ExportOptions {
    // The deflate levels an export takes: 0 stores, 1..12 are libdeflate's
    // (6 is zip's default, 12 the smallest). The exporter, a profile, the CLI's
    // --level and the export dialog all hold to this range.
    static constexpr int kMinLevel = 0;
    static constexpr int kMaxLevel = 12;
    static constexpr int kDefaultLevel = 6;

    QString output;                             // the zip (or folder) to write
    QString prefix = QStringLiteral("python/"); // where the package root lands; "" for none
    int level = kDefaultLevel;                  // kMinLevel..kMaxLevel
    int threads = 0;                            // compression threads; 0 means one per core
    bool toFolder = false;                      // write an unpacked folder instead of a zip
    // Zip input only: inflate every file and link and encode it again at
    // `level`, as a folder source's would be, instead of copying its stored
    // bytes. Off, `level` applies only to files a transform rewrote.
    bool recompress = false;
    std::optional<std::int64_t> epoch; // entry time; unset: SOURCE_DATE_EPOCH or 1980-01-01
    // Files written as `strip --strip-unneeded` copies (the strip rule's
    // matches, exceptions already left out); files that are not ELF stay as
    // they are. Empty: nothing is stripped.
    Bitset strip;
    BytecodeMode bytecode = BytecodeMode::Keep; // what happens to Python bytecode
    PythonInfo python;                          // compiles for Precompile and Sourceless
    QString runtime = Target{}.runtime();       // the target; `python` must match it
    QString targetOrigin;                       // where the target came from ("the layer (…)"), for people
    // Where a folder source's files record what they deflated to at `level`,
    // so a later exact size prediction reuses it; null: nowhere.
    CompressedSizeCache *sizeCache = nullptr;
};

// What the strip and bytecode transforms did in one export.
struct TransformSummary {
    std::uint32_t strippedFiles = 0; // ELF files written stripped
    std::uint64_t stripBefore = 0;   // their bytes in the source
    std::uint64_t stripAfter = 0;    // their bytes as written
    BytecodeMode bytecode = BytecodeMode::Keep;
    std::uint32_t bytecodeAddedFiles = 0; // .pyc files the export adds
    std::uint64_t bytecodeAddedBytes = 0;
    std::uint32_t bytecodeRemovedFiles = 0; // shipped bytecode (and, sourceless, .py) left out
    std::uint64_t bytecodeRemovedBytes = 0;
    QStringList warnings; // files left as they are, with the reason
};

// Where an export's time went, in seconds. The encoding phases are summed
// over the pool's threads (so they can exceed the wall time); writing and
// waiting are the one writer thread's.
struct ExportPhases {
    double open = 0;    // opening source files, folder by folder
    double read = 0;    // reading them
    double crc = 0;     // their CRC-32
    double deflate = 0; // deflating them
    double write = 0;   // writing headers and data to the zip
    double wait = 0;    // the writer idle until the next entry in order was encoded
    int threads = 0;    // the encoding pool
};

struct ExportResult {
    bool ok = false;
    bool cancelled = false;        // stopped through JobControl; nothing was written
    QString error;                 // names the path and the reason when !ok
    std::uint64_t files = 0;       // regular files written
    std::uint64_t symlinks = 0;    // symlinks written as links
    std::uint64_t folders = 0;     // folder entries (prefix folders included)
    std::uint64_t bytes = 0;       // uncompressed bytes of the files, as Lambda counts them
    std::uint64_t outputBytes = 0; // size of the zip (0 for a folder export)
    double seconds = 0;
    ExportPhases phases;        // a folder source's export, by phase
    TransformSummary transform; // strip and bytecode effects
};
