// What changed between two layers (folders or zips), under each one's
// selection: per distribution (version and kept bytes on each side) and per
// file (added, removed, changed), paths taken below each package root so that
// a folder compares with the zip exported from it.
#pragma once

#include "select/distributions.h"

#include <QJsonObject>
#include <QStringList>

#include <cstdint>
#include <vector>

class Bitset;

// One side of a comparison: a scanned layer with its selection and distributions.
struct DiffSide {
    const FileTree *tree = nullptr;
    const std::vector<ZipEntryRef> *zipEntries = nullptr;
    const Bitset *pruned = nullptr; // the selection's pruned nodes (SizeLedger::pruned()); null: every file kept
    const Distributions *distributions = nullptr;
};

struct DiffFile {
    QByteArray path;          // below the package root, raw bytes
    std::uint64_t bytesA = 0; // 0 when added
    std::uint64_t bytesB = 0; // 0 when removed
    [[nodiscard]] std::int64_t change() const { return std::int64_t(bytesB) - std::int64_t(bytesA); }
};

struct DiffDistribution {
    QString name;     // as B names it, else as A does
    QString versionA; // empty when not installed in A
    QString versionB; // empty when not installed in B
    std::uint64_t bytesA = 0;
    std::uint64_t bytesB = 0;
    [[nodiscard]] std::int64_t change() const { return std::int64_t(bytesB) - std::int64_t(bytesA); }
};

// The files a comparison found different, as a tree a treemap can lay out:
// each leaf's size is how much the file changed (either way).
struct DiffTree {
    FileTree tree;          // added, removed and changed files at their package paths; sizes |change|
    std::vector<bool> grew; // per node: the leaf was added or grew (false: removed or shrank, and folders)
};

struct LayerDiff {
    std::uint64_t bytesA = 0; // kept bytes of A
    std::uint64_t bytesB = 0;
    std::uint64_t unownedA = 0; // kept bytes no distribution owns
    std::uint64_t unownedB = 0;
    std::vector<DiffDistribution> distributions; // largest change first, unchanged ones last
    std::vector<DiffFile> added;                 // largest first
    std::vector<DiffFile> removed;               // largest first
    std::vector<DiffFile> changed;               // content differs; largest change (either way) first
    QStringList problems;                        // files that could not be read for a comparison

    [[nodiscard]] static LayerDiff compare(const DiffSide &a, const DiffSide &b);

    // The JSON `diff --json` prints and an export report's "compare" holds:
    // bytes_a, bytes_b, unowned_bytes_a/_b, distributions (name, version_a,
    // version_b, bytes_a, bytes_b; null version when absent) and added,
    // removed, changed (path, bytes; changed: bytes is the change, bytes_a and
    // bytes_b the sizes), each with X_files and X_bytes (count and summed
    // change of the whole list). `top` >= 0 keeps that many files in each
    // list and says how many more in X_more; -1 keeps them all.
    [[nodiscard]] QJsonObject toJson(int top = -1) const;
    // Added, removed and changed files (not those whose change is 0) as one tree.
    [[nodiscard]] DiffTree changeTree() const;
};
