// Layers stacked on one function: Lambda unpacks each into /opt in the
// function's layer order, a later layer's file replacing an earlier one's at
// the same path, and Python searches /opt/python/lib/pythonX.Y/site-packages
// before /opt/python. For a distribution two layers both install: the bytes
// counted twice against the 250 MB, and which copy `import` finds.
#pragma once

#include "select/distributions.h"

#include <cstdint>
#include <vector>

class Bitset;

// Where a layer's packages unpack to, and which distributions it installs.
struct StackedLayer {
    // One installed distribution.
    struct Copy {
        QString normalized;      // PEP 503 name, the key layers are matched by
        QString name;            // as its metadata writes it
        QString version;         // its metadata's version
        std::uint64_t bytes = 0; // bytes of its files the layer holds (kept ones, under a selection)
    };
    bool sitePackages = false; // packages under python/lib/pythonX.Y/site-packages/ (else python/ or the zip's root)
    std::vector<Copy> copies;  // by normalised name

    // A layer's distributions, every file (`pruned` null) or as a selection keeps them.
    // `sitePackages` says where its packages unpack (the tree's package root, or an export's prefix).
    [[nodiscard]] static StackedLayer of(const Distributions &dists, const Bitset *pruned, bool sitePackages);
    // Whether the tree's package root is python/lib/pythonX.Y/site-packages.
    [[nodiscard]] static bool underSitePackages(const FileTree &tree);
};

// Which copy of a distribution Python imports when two layers install it.
enum class StackWinner : std::uint8_t {
    Here,       // this layer's: it unpacks into site-packages, which sys.path searches before /opt/python
    Other,      // the other layer's, for the same reason
    LaterLayer, // same folder: the layer later in the function's list overwrites the other's files one by one
};

// A distribution both layers install.
struct StackOverlap {
    QString name;                 // as this layer names it
    QString versionHere;          // this layer's version
    QString versionOther;         // the other layer's
    std::uint64_t bytesHere = 0;  // this layer's bytes of it: what pruning this copy frees
    std::uint64_t bytesOther = 0; // the other layer's bytes of it
    StackWinner winner = StackWinner::LaterLayer;

    // Distributions in both `here` and `other`, largest copy here first.
    [[nodiscard]] static std::vector<StackOverlap> between(const StackedLayer &here, const StackedLayer &other);
};
