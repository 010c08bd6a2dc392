// Reads an existing layer zip's central directory (through QuaZip's minizip)
// into a FileTree, keeping each entry's raw name bytes and where its data lies
// so that export can copy it without recompressing.
#pragma once

#include "base/jobcontrol.h"
#include "tree/filetree.h"

#include <memory>
#include <vector>

// Where one zip entry's data lies; FileTree::sourceRef(node) indexes these.
struct ZipEntryRef {
    std::uint64_t offset = 0; // of the entry in the central directory walk (unzGetOffset64)
    std::uint64_t compressedSize = 0;
    std::uint64_t uncompressedSize = 0;
    std::uint32_t crc = 0;
    std::uint16_t method = 0; // 0 stored, 8 deflate; others are refused on export
    std::uint16_t flags = 0;  // general purpose bits (bit 0: encrypted)
};

class ZipScanner
{
public:
    // Returns the tree of the zip at `path`, or nullptr with `error` set when
    // it is not a readable zip. Unsafe names (absolute, `..`, drive letters)
    // and duplicates are skipped and reported as issues.
    [[nodiscard]] static std::unique_ptr<FileTree>
    scan(const QString &path, QString *error, std::vector<ZipEntryRef> *entries, JobControl *control = nullptr);
};
