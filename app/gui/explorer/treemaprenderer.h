// Cushion-shaded painting of a TreemapLayout into one QImage, written pixel by
// pixel through scanLine(). Shading depends on the layout only and is cached;
// colouring (categories, pruned hatching) is a cheap second pass, so toggling
// a rule recolours without re-shading or re-laying out.
#pragma once

#include "tree/nodecategory.h"
#include "tree/treemaplayout.h"

#include <QImage>
#include <QRgb>
#include <QSize>

#include <cstdint>
#include <span>
#include <vector>

class TreemapRenderer
{
public:
    // How one leaf tile is coloured.
    struct TileStyle {
        QRgb color = 0;       // base colour before cushion shading
        bool hatched = false; // draw diagonal stripes over it (pruned content)
        bool operator==(const TileStyle &) const = default;
    };

    // Per-pixel cushion intensity for `layout` at `size` (image pixels from 0,0),
    // with folder outlines darkened in. Call when the layout changes.
    void shade(const TreemapLayout &layout, QSize size);
    [[nodiscard]] QSize size() const { return m_size; }

    // Paints every leaf tile of `layout` (the one shade() saw) into `image`
    // (Format_RGB32, size()); styles has one entry per tile. With `previous`
    // (the styles `image` was last coloured with, same layout), only tiles
    // whose style changed are repainted.
    void colorize(const TreemapLayout &layout, std::span<const TileStyle> styles, QImage &image,
                  std::span<const TileStyle> previous = {}) const;

    // Category colours: distinct hues of similar lightness.
    [[nodiscard]] static QRgb categoryColor(NodeCategory c);
    // A distribution's colour (Distributions index): hues spread by the golden
    // angle so neighbours differ; grey for kNone (no owner, or several).
    [[nodiscard]] static QRgb distributionColor(int d);
    // What a pruned tile of colour c looks like: desaturated and darker.
    [[nodiscard]] static QRgb prunedColor(QRgb c);
    // The pixel rectangle a tile covers: edges rounded so neighbours share them.
    [[nodiscard]] static QRect pixelRect(const TreemapLayout::Tile &t);

private:
    void shadeTile(const TreemapLayout::Tile &t, const QRect &px);
    void darkenOutline(const QRect &px, const QRect &clip, int thickness, int factor256);

    std::vector<std::uint8_t> m_shade; // one intensity a pixel, row-major, 255 = full colour
    QSize m_size;
};
