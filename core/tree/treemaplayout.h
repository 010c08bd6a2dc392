// Squarified treemap layout (Bruls, Huizing, van Wijk 2000) of a FileTree
// subtree into a rectangle, with cushion coefficients (van Wijk & van de
// Wetering 1999) per tile. Pure geometry: no widgets, testable without a screen.
#pragma once

#include "tree/filetree.h"

#include <QPointF>
#include <QRectF>

#include <cstdint>
#include <span>
#include <vector>

class TreemapLayout
{
public:
    // How a tile relates to the tree.
    enum class TileKind : std::uint8_t {
        File,            // a regular file; a leaf
        Folder,          // a folder whose children are laid out inside it
        CollapsedFolder, // a folder too small to open; a leaf drawn as one block
        Merged,          // the tail of a folder's children too small to draw (each under
                         // minTileArea), merged into one leaf; `node` is the folder,
                         // `detail` the largest merged child
    };

    // How rectangles are split.
    enum class Algorithm : std::uint8_t {
        Squarified,   // rows chosen to keep aspect ratios near 1 (the default)
        SliceAndDice, // alternate horizontal / vertical strips by depth (for comparison)
    };

    struct Options {
        Algorithm algorithm = Algorithm::Squarified;
        double minTileArea = 1.0;     // children below this area (px²) merge into one Merged tile
        double minFolderSide = 3.0;   // folders narrower or lower than this stay collapsed
        int maxDepth = 200;           // folders deeper than this stay collapsed (bounds the recursion)
        double cushionHeight = 0.5;   // h: ridge height of the outermost level
        double cushionFalloff = 0.75; // f: each level's ridges are f times the parent's
    };

    // One tile, in preorder: a tile's descendants are tiles (index, end).
    struct Tile {
        FileTree::Index node = FileTree::kNone;
        FileTree::Index detail = FileTree::kNone; // == node, except for Merged tiles
        std::uint32_t end = 0;                    // one past this tile's last descendant tile
        double x = 0, y = 0, w = 0, h = 0;
        // Cushion surface z = a2x·x² + a1x·x + a2y·y² + a1y·y, accumulated down the hierarchy.
        float a2x = 0, a1x = 0, a2y = 0, a1y = 0;
        std::uint64_t weight = 0; // the bytes this tile stands for
        std::uint16_t depth = 0;  // 0 for the root tile
        TileKind kind = TileKind::File;

        [[nodiscard]] QRectF rect() const { return {x, y, w, h}; }
        [[nodiscard]] bool isLeaf() const { return kind != TileKind::Folder; }
    };

    TreemapLayout() = default;

    // Lays out the subtree of `root` into `rect`. `weights`, when given, holds a
    // subtree weight per node (e.g. kept bytes); otherwise FileTree::totalBytes.
    // Zero-weight nodes get no tile. Deterministic: children are ordered by
    // weight (descending), then by index.
    [[nodiscard]] static TreemapLayout compute(const FileTree &tree, FileTree::Index root, const QRectF &rect,
                                               const Options &options, std::span<const std::uint64_t> weights = {});
    [[nodiscard]] static TreemapLayout compute(const FileTree &tree, FileTree::Index root, const QRectF &rect)
    {
        return compute(tree, root, rect, Options{});
    }

    [[nodiscard]] const std::vector<Tile> &tiles() const { return m_tiles; }
    [[nodiscard]] bool isEmpty() const { return m_tiles.empty(); }
    [[nodiscard]] QRectF bounds() const { return m_bounds; }
    [[nodiscard]] FileTree::Index root() const { return m_root; }
    // The deepest tile containing p, or -1.
    [[nodiscard]] int tileAt(QPointF p) const;
    // The tile showing `node` (not a Merged tile), or -1.
    [[nodiscard]] int tileOf(FileTree::Index node) const;
    // Mean over leaf tiles of max(w/h, h/w), weighted by area: 1 is ideal.
    [[nodiscard]] double meanAspectRatio() const;

private:
    struct Item {
        FileTree::Index node;
        std::uint64_t weight;
    };
    class Builder;
    friend class Builder;

    std::vector<Tile> m_tiles;
    QRectF m_bounds;
    FileTree::Index m_root = FileTree::kNone;
};
