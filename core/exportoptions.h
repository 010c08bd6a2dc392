// What an export is asked to do and what it reports back; shared by Exporter,
// FolderExporter, the CLI and the GUI.
#pragma once

#include <QString>

#include <cstdint>
#include <optional>

struct ExportOptions {
    QString output;                                 // the zip (or folder) to write
    QString prefix = QStringLiteral("python/");     // where the package root lands; "" for none
    int level = 6;                                  // 0 stores, 1..12 libdeflate levels
    int threads = 0;                                // compression threads; 0 means one per core
    bool toFolder = false;                          // write an unpacked folder instead of a zip
    std::optional<std::int64_t> epoch;              // entry time; unset: SOURCE_DATE_EPOCH or 1980-01-01
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
};
