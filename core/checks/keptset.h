// The kept set of a layer made real in a scratch folder, so that a Python can
// import it: folders are created, kept files become symlinks to the source
// (or are extracted, for a zip source), symlinks are recreated. The source is
// only ever read.
#pragma once

#include "base/bitset.h"
#include "base/jobcontrol.h"
#include "scan/zipscanner.h"
#include "tree/filetree.h"

#include <QString>

#include <vector>

class KeptSet
{
public:
    // What to materialise: a tree, where its bytes come from, and what is pruned.
    struct Source {
        const FileTree *tree = nullptr;
        const std::vector<ZipEntryRef> *zipEntries = nullptr; // for a zip source
        // When set, every kept file becomes a symlink to linkRoot/path(i)
        // whatever the tree's source is (a zip extracted once beforehand).
        QString linkRoot;
    };

    // Writes the nodes of `source.tree` that are kept under `pruned` into
    // `destDir` (which must not exist yet or be empty), mirroring paths from
    // the tree's root. A file is kept iff its bit is clear; a folder is made
    // iff it holds a kept entry or is empty and not pruned. Fifos, sockets and
    // devices are skipped. Returns false with `error` naming the path on failure.
    static bool materialize(const Source &source, const Bitset &pruned, const QString &destDir, QString *error,
                            JobControl *control = nullptr);

    // Maximal pruned subtrees ("mark roots"): nodes whose every file and
    // symlink below is pruned, whose parent is not such a node, and which hold
    // at least one file or symlink. Restoring one is range-clearing its bits.
    [[nodiscard]] static std::vector<FileTree::Index> pruneRoots(const FileTree &tree, const Bitset &pruned);

    // Deletes a materialised folder without following any symlink in it, so
    // that links into the source can never lead to the source being deleted.
    static bool remove(const QString &dir);

    // True when node i is exported under `pruned` (files and symlinks: bit
    // clear; folders: a kept entry below, or empty and not pruned).
    [[nodiscard]] static Bitset exported(const FileTree &tree, const Bitset &pruned);
};
