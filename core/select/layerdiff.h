// What changed between two layers (folders or zips), under each one's
// selection: per distribution (version and kept bytes on each side) and per
// file (added, removed, changed), paths taken below each package root so that
// a folder compares with the zip exported from it.
#pragma once

#include "select/distributions.h"

#include <QStringList>

#include <cstdint>
#include <vector>

class SizeLedger;

// One side of a comparison: a scanned layer with its selection and distributions.
struct DiffSide {
    const FileTree *tree = nullptr;
    const std::vector<ZipEntryRef> *zipEntries = nullptr;
    const SizeLedger *ledger = nullptr; // null: every file kept
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
};
