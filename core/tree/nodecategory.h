// What kind of content a node is (native library, Python source, tests, ...),
// so the treemap can colour by it and the CLI/ledger can break bytes down by it.
#pragma once

#include "base/bitset.h"
#include "tree/filetree.h"

#include <QString>

#include <array>
#include <cstdint>
#include <vector>

// The categories a layer's bytes fall into; the order is the legend's order.
enum class NodeCategory : std::uint8_t {
    Native,   // shared libraries: *.so, *.so.N, *.pyd, *.dylib — what the layer runs
    Source,   // Python source: *.py
    Bytecode, // *.pyc / *.pyo and anything inside __pycache__/
    Tests,    // anything inside a folder named exactly tests/ or test/
    Data,     // bundled data: *.dat, *.csv, *.json, *.npz, *.npy, *.txt, images, archives, fonts
    Metadata, // *.dist-info/ and *.egg-info (folders and files)
    Build,    // build inputs: headers, C/C++/Cython/Fortran sources, stubs, static libraries
    Other,    // everything else (configuration, docs, scripts, links, folders)
};
inline constexpr int kNodeCategoryCount = 8;

class NodeClassifier
{
public:
    // Category of one node; walks its ancestors (O(depth)).
    [[nodiscard]] static NodeCategory classify(const FileTree &tree, FileTree::Index node);
    // Categories of every node in one preorder pass. Folders get Tests, Metadata
    // or Bytecode when they are (or sit inside) such a folder, Other otherwise.
    [[nodiscard]] static std::vector<NodeCategory> classifyAll(const FileTree &tree);
    // Like classifyAll, but a plain folder takes the category of its largest
    // child (recursively): the colour a folder too small to open is drawn in.
    [[nodiscard]] static std::vector<NodeCategory> dominantCategories(const FileTree &tree,
                                                                      const std::vector<NodeCategory> &categories);
    // Bytes of regular files per category; with `pruned`, only the kept files count.
    [[nodiscard]] static std::array<std::uint64_t, kNodeCategoryCount>
    bytesByCategory(const FileTree &tree, const std::vector<NodeCategory> &categories, const Bitset *pruned = nullptr);

    // Translated display name ("Native libraries") and a stable id ("native") for JSON.
    [[nodiscard]] static QString displayName(NodeCategory c);
    [[nodiscard]] static QString id(NodeCategory c);

private:
    // The category a file gets from its own name alone.
    [[nodiscard]] static NodeCategory byName(QByteArrayView name);
    // The category a folder forces onto its subtree (Other when it forces none).
    [[nodiscard]] static NodeCategory folderContext(QByteArrayView name);
};
