// Which nodes an export writes, per the team rule: files and symlinks that are
// not pruned, folders with an exported entry below them, and empty folders that
// are not pruned, all inside the package root. Word-wise, for every toggle.
#pragma once

#include "base/bitset.h"
#include "tree/filetree.h"

#include <vector>

class ExportMask
{
public:
    explicit ExportMask(const FileTree &tree);

    // The exported nodes for a pruned set (SizeLedger::pruned()). The package
    // root's own bit stands for the prefix folders.
    [[nodiscard]] Bitset exported(const Bitset &pruned) const;
    // True when a node is a file or symlink an export writes with data.
    [[nodiscard]] static bool carriesData(NodeKind k) { return k == NodeKind::File || k == NodeKind::Symlink; }

private:
    const FileTree &m_tree;
    Bitset m_candidates;                 // files, symlinks and empty folders inside the package root
    std::vector<FileTree::Index> m_dirs; // folders with children inside the package root (root included)
};
