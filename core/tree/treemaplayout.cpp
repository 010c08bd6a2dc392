#include "tree/treemaplayout.h"

#include <algorithm>
#include <cmath>

// Builds the tile list depth-first, so tiles come out in preorder.
class TreemapLayout::Builder
{
public:
    Builder(const FileTree &tree, const Options &options, std::span<const std::uint64_t> weights,
            std::vector<Tile> &out)
        : m_tree(tree)
        , m_options(options)
        , m_weights(weights)
        , m_out(out)
    {
    }

    [[nodiscard]] std::uint64_t weightOf(FileTree::Index i) const
    {
        return m_weights.empty() ? m_tree.totalBytes(i) : m_weights[i];
    }

    // Appends a tile whose cushion adds its own ridges to the parent's.
    std::uint32_t emit(Tile tile, const Tile *parent)
    {
        if (parent) {
            tile.a2x = parent->a2x;
            tile.a1x = parent->a1x;
            tile.a2y = parent->a2y;
            tile.a1y = parent->a1y;
        }
        const double height = m_options.cushionHeight * std::pow(m_options.cushionFalloff, tile.depth);
        addRidge(tile.x, tile.x + tile.w, height, tile.a2x, tile.a1x);
        addRidge(tile.y, tile.y + tile.h, height, tile.a2y, tile.a1y);
        tile.end = std::uint32_t(m_out.size() + 1);
        m_out.push_back(tile);
        return std::uint32_t(m_out.size() - 1);
    }

    void layoutFolder(std::uint32_t index)
    {
        const Tile folder = m_out[index];
        if (folder.w < m_options.minFolderSide || folder.h < m_options.minFolderSide ||
            folder.depth >= m_options.maxDepth) {
            m_out[index].kind = TileKind::CollapsedFolder;
            return;
        }
        std::vector<Item> items;
        std::uint64_t total = 0;
        const FileTree::Index end = m_tree.subtreeEnd(folder.node);
        for (FileTree::Index c = folder.node + 1; c < end; c = m_tree.subtreeEnd(c)) {
            const std::uint64_t w = weightOf(c);
            if (w > 0) {
                items.push_back({c, w});
                total += w;
            }
        }
        if (items.empty() || total == 0) {
            m_out[index].kind = TileKind::CollapsedFolder;
            return;
        }
        std::sort(items.begin(), items.end(), [](const Item &a, const Item &b) {
            return a.weight != b.weight ? a.weight > b.weight : a.node < b.node;
        });

        const double scale = folder.w * folder.h / double(total);
        // The tail of tiles under minTileArea becomes one Merged tile (when there is
        // more than one of them): keeps 200,000-file trees at a few tiles per pixel.
        FileTree::Index mergedDetail = FileTree::kNone;
        auto small = std::find_if(items.begin(), items.end(),
                                  [&](const Item &it) { return double(it.weight) * scale < m_options.minTileArea; });
        if (std::distance(small, items.end()) >= 2) {
            std::uint64_t rest = 0;
            for (auto it = small; it != items.end(); ++it)
                rest += it->weight;
            mergedDetail = small->node;
            items.erase(small, items.end());
            items.push_back({FileTree::kNone, rest});
        }

        std::vector<QRectF> rects(items.size());
        if (m_options.algorithm == Algorithm::Squarified)
            squarify(items, folder.rect(), scale, rects);
        else
            sliceAndDice(items, folder.rect(), folder.depth % 2 == 0, total, rects);

        for (std::size_t k = 0; k < items.size(); ++k) {
            Tile t;
            t.node = items[k].node;
            t.detail = items[k].node;
            t.x = rects[k].x();
            t.y = rects[k].y();
            t.w = rects[k].width();
            t.h = rects[k].height();
            t.weight = items[k].weight;
            t.depth = std::uint16_t(folder.depth + 1);
            if (t.node == FileTree::kNone) {
                t.node = folder.node;
                t.detail = mergedDetail;
                t.kind = TileKind::Merged;
            } else {
                t.kind = m_tree.isDir(t.node) ? TileKind::Folder : TileKind::File;
            }
            const std::uint32_t child = emit(t, &m_out[index]);
            if (t.kind == TileKind::Folder)
                layoutFolder(child);
            m_out[child].end = std::uint32_t(m_out.size());
        }
        m_out[index].end = std::uint32_t(m_out.size());
    }

private:
    static void addRidge(double from, double to, double height, float &a2, float &a1)
    {
        const double extent = to - from;
        if (extent <= 0)
            return;
        a1 += float(4 * height * (to + from) / extent);
        a2 -= float(4 * height / extent);
    }

    // Worst aspect ratio of a row of areas summing to `sum`, min `lo`, max `hi`,
    // laid along a side of length `side` (Bruls et al., eq. for worst()).
    static double worst(double sum, double lo, double hi, double side)
    {
        const double s2 = side * side, sum2 = sum * sum;
        return std::max(s2 * hi / sum2, sum2 / (s2 * lo));
    }

    static void squarify(const std::vector<Item> &items, QRectF free, double scale, std::vector<QRectF> &rects)
    {
        const std::size_t n = items.size();
        std::size_t i = 0;
        while (i < n) {
            const bool column = free.width() >= free.height(); // the row runs along the shorter side
            const double side = column ? free.height() : free.width();
            double sum = double(items[i].weight) * scale, lo = sum, hi = sum;
            std::size_t j = i + 1;
            if (side > 0) {
                double best = worst(sum, lo, hi, side);
                for (; j < n; ++j) {
                    const double a = double(items[j].weight) * scale;
                    const double next = worst(sum + a, std::min(lo, a), std::max(hi, a), side);
                    if (next > best)
                        break;
                    best = next;
                    sum += a;
                    lo = std::min(lo, a);
                    hi = std::max(hi, a);
                }
            }
            // The last row takes what is left, so rounding never leaves a gap.
            const double room = column ? free.width() : free.height();
            const double thickness = j == n || side <= 0 ? room : std::min(room, sum / side);
            double pos = 0;
            for (std::size_t k = i; k < j; ++k) {
                const double len = k + 1 == j ? side - pos : double(items[k].weight) * scale / sum * side;
                rects[k] = column ? QRectF(free.x(), free.y() + pos, thickness, len)
                                  : QRectF(free.x() + pos, free.y(), len, thickness);
                pos += len;
            }
            free = column ? QRectF(free.x() + thickness, free.y(), free.width() - thickness, free.height())
                          : QRectF(free.x(), free.y() + thickness, free.width(), free.height() - thickness);
            i = j;
        }
    }

    static void sliceAndDice(const std::vector<Item> &items, const QRectF &r, bool horizontal, std::uint64_t total,
                             std::vector<QRectF> &rects)
    {
        const double side = horizontal ? r.width() : r.height();
        double pos = 0;
        for (std::size_t k = 0; k < items.size(); ++k) {
            const double len = k + 1 == items.size() ? side - pos : side * double(items[k].weight) / double(total);
            rects[k] =
                horizontal ? QRectF(r.x() + pos, r.y(), len, r.height()) : QRectF(r.x(), r.y() + pos, r.width(), len);
            pos += len;
        }
    }

    const FileTree &m_tree;
    const Options &m_options;
    std::span<const std::uint64_t> m_weights;
    std::vector<Tile> &m_out;
};

TreemapLayout TreemapLayout::compute(const FileTree &tree, FileTree::Index root, const QRectF &rect,
                                     const Options &options, std::span<const std::uint64_t> weights)
{
    TreemapLayout layout;
    layout.m_bounds = rect;
    layout.m_root = root;
    if (root >= tree.count() || rect.width() <= 0 || rect.height() <= 0)
        return layout;
    Builder builder(tree, options, weights, layout.m_tiles);
    Tile top;
    top.node = top.detail = root;
    top.x = rect.x();
    top.y = rect.y();
    top.w = rect.width();
    top.h = rect.height();
    top.weight = builder.weightOf(root);
    if (top.weight == 0)
        return layout;
    top.kind = tree.isDir(root) ? TileKind::Folder : TileKind::File;
    layout.m_tiles.reserve(std::min<std::size_t>(tree.subtreeEnd(root) - root, 1 << 16));
    builder.emit(top, nullptr);
    if (top.kind == TileKind::Folder)
        builder.layoutFolder(0);
    return layout;
}

int TreemapLayout::tileAt(QPointF p) const
{
    auto inside = [&](const Tile &t) { return p.x() >= t.x && p.x() < t.x + t.w && p.y() >= t.y && p.y() < t.y + t.h; };
    if (m_tiles.empty() || !inside(m_tiles[0]))
        return -1;
    std::uint32_t i = 0;
    for (;;) {
        std::uint32_t hit = i;
        for (std::uint32_t c = i + 1; c < m_tiles[i].end; c = m_tiles[c].end)
            if (inside(m_tiles[c])) {
                hit = c;
                break;
            }
        if (hit == i)
            return int(i);
        i = hit;
    }
}

int TreemapLayout::tileOf(FileTree::Index node) const
{
    for (std::size_t i = 0; i < m_tiles.size(); ++i)
        if (m_tiles[i].node == node && m_tiles[i].kind != TileKind::Merged)
            return int(i);
    return -1;
}

double TreemapLayout::meanAspectRatio() const
{
    double sum = 0, area = 0;
    for (const Tile &t : m_tiles) {
        if (!t.isLeaf() || t.w <= 0 || t.h <= 0)
            continue;
        const double a = t.w * t.h;
        sum += a * std::max(t.w / t.h, t.h / t.w);
        area += a;
    }
    return area > 0 ? sum / area : 0;
}
