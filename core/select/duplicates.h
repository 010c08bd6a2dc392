// Files stored more than once: regular files of identical content anywhere in
// a layer (the OpenBLAS copies numpy and scipy wheels each bundle), found by
// size, then a hash, then a byte comparison. Only reported; never linked.
#pragma once

#include "base/bitset.h"
#include "scan/zipscanner.h"
#include "tree/filetree.h"

#include <QStringList>

#include <cstdint>
#include <vector>

struct DuplicateGroup {
    std::uint64_t bytes = 0;            // the size of one copy
    std::vector<FileTree::Index> nodes; // every copy, in tree order (two or more)
    // What the copies beyond the first take.
    [[nodiscard]] std::uint64_t wastedBytes() const { return bytes * (nodes.size() - 1); }
};

class Duplicates
{
public:
    // The groups among the files `pruned` leaves (all files without it),
    // largest waste first. Empty files are not counted. A file that cannot be
    // read is left out and named in `problems`.
    [[nodiscard]] static std::vector<DuplicateGroup> find(const FileTree &tree,
                                                          const std::vector<ZipEntryRef> &zipEntries,
                                                          const Bitset *pruned = nullptr,
                                                          QStringList *problems = nullptr);
    // The sum of every group's wasted bytes.
    [[nodiscard]] static std::uint64_t wastedBytes(const std::vector<DuplicateGroup> &groups);
};
