#include "gui/explorer/treemaprenderer.h"

#include <QColor>
#include <QThread>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cmath>

namespace {

// Light from the upper left, mostly from the front (van Wijk's setting).
constexpr float kLightX = -0.09759f, kLightY = -0.19518f, kLightZ = 0.9759f;
constexpr float kAmbient = 0.30f; // brightness of surfaces facing away from the light
constexpr float kDiffuse = 0.78f; // added brightness of surfaces facing the light
constexpr int kHatchPeriod = 7;   // pixels between pruned-tile stripes
constexpr int kHatchWidth = 2;

// Runs f(band) over horizontal bands of an image of `size`, in parallel when
// the image is big enough to pay for it. Each pixel row belongs to one band,
// so bands never write the same pixel.
template<typename F> void inBands(QSize size, F &&f)
{
    const int height = std::max(0, size.height());
    const bool parallel = qint64(size.width()) * height >= 200'000 && QThread::idealThreadCount() > 1;
    const int count = parallel ? std::min(QThread::idealThreadCount() * 2, 16) : 1;
    std::vector<QRect> bands;
    for (int k = 0; k < count; ++k) {
        const int y0 = height * k / count, y1 = height * (k + 1) / count;
        if (y1 > y0)
            bands.emplace_back(0, y0, size.width(), y1 - y0);
    }
    if (bands.size() <= 1) {
        for (const QRect &band : bands)
            f(band);
        return;
    }
    QtConcurrent::blockingMap(bands, [&f](const QRect &band) { f(band); });
}

} // namespace

QRgb TreemapRenderer::distributionColor(int d)
{
    if (d < 0)
        return qRgb(0x9a, 0x9a, 0x9a);
    const int hue = int(std::fmod(200.0 + d * 137.508, 360.0));
    return QColor::fromHsv(hue, 150 + (d % 3) * 25, 215 - (d % 2) * 30).rgb();
}

QRect TreemapRenderer::pixelRect(const TreemapLayout::Tile &t)
{
    const int x0 = int(std::lround(t.x)), y0 = int(std::lround(t.y));
    const int x1 = int(std::lround(t.x + t.w)), y1 = int(std::lround(t.y + t.h));
    return {x0, y0, x1 - x0, y1 - y0};
}

void TreemapRenderer::shade(const TreemapLayout &layout, QSize size)
{
    m_size = size;
    m_shade.assign(std::size_t(std::max(0, size.width())) * std::size_t(std::max(0, size.height())), 0);
    const QRect image(QPoint(0, 0), size);
    const auto &tiles = layout.tiles();
    inBands(size, [&](const QRect &band) {
        for (const auto &t : tiles) {
            if (!t.isLeaf())
                continue;
            const QRect px = pixelRect(t) & band;
            if (!px.isEmpty())
                shadeTile(t, px);
        }
        // Folder outlines: a dark line around every folder big enough to show one,
        // heavier for the top levels, so the hierarchy reads at a glance.
        for (const auto &t : tiles) {
            if (t.kind != TreemapLayout::TileKind::Folder || t.depth == 0)
                continue;
            const QRect px = pixelRect(t) & image;
            if (px.width() < 8 || px.height() < 8 || !px.intersects(band))
                continue;
            const bool top = t.depth == 1;
            darkenOutline(px, band, top && px.width() > 40 && px.height() > 40 ? 2 : 1, top ? 90 : 150);
        }
    });
}

void TreemapRenderer::shadeTile(const TreemapLayout::Tile &t, const QRect &px)
{
    // The normal's x part depends on x only, its y part on y only.
    thread_local std::vector<float> nx;
    nx.resize(std::size_t(px.width()));
    for (int i = 0; i < px.width(); ++i) {
        const float x = float(px.x() + i) + 0.5f;
        nx[std::size_t(i)] = -(2 * t.a2x * x + t.a1x);
    }
    const int stride = m_size.width();
    for (int row = px.top(); row <= px.bottom(); ++row) {
        const float y = float(row) + 0.5f;
        const float ny = -(2 * t.a2y * y + t.a1y);
        const float lightY = ny * kLightY + kLightZ;
        const float ny2 = ny * ny + 1;
        std::uint8_t *out = m_shade.data() + std::size_t(row) * std::size_t(stride) + std::size_t(px.x());
        for (int i = 0; i < px.width(); ++i) {
            const float n = nx[std::size_t(i)];
            const float cosine = (n * kLightX + lightY) / std::sqrt(n * n + ny2);
            const float intensity = kAmbient + kDiffuse * std::max(0.0f, cosine);
            out[i] = std::uint8_t(std::min(255.0f, intensity * 255.0f));
        }
    }
}

void TreemapRenderer::darkenOutline(const QRect &px, const QRect &clip, int thickness, int factor256)
{
    const int stride = m_size.width();
    auto darken = [&](int x, int y) {
        if (y < clip.top() || y > clip.bottom())
            return;
        std::uint8_t &s = m_shade[std::size_t(y) * std::size_t(stride) + std::size_t(x)];
        s = std::uint8_t((s * factor256) >> 8);
    };
    for (int k = 0; k < thickness; ++k) {
        const int top = px.top() + k, bottom = px.bottom() - k, left = px.left() + k, right = px.right() - k;
        if (top > bottom || left > right)
            return;
        for (int x = left; x <= right; ++x) {
            darken(x, top);
            if (bottom != top)
                darken(x, bottom);
        }
        for (int y = top + 1; y < bottom; ++y) {
            darken(left, y);
            if (right != left)
                darken(right, y);
        }
    }
}

void TreemapRenderer::colorize(const TreemapLayout &layout, std::span<const TileStyle> styles, QImage &image,
                               std::span<const TileStyle> previous) const
{
    // Only the tiles whose style changed need new pixels when the image still
    // holds the previous colouring of the same layout (a rule toggle).
    const bool incremental =
        previous.size() == styles.size() && image.size() == m_size && image.format() == QImage::Format_RGB32;
    if (!incremental) {
        if (image.size() != m_size || image.format() != QImage::Format_RGB32)
            image = QImage(m_size, QImage::Format_RGB32);
        image.fill(QColor(48, 48, 48));
    }
    if (m_size.isEmpty())
        return;
    const auto &tiles = layout.tiles();
    const std::size_t stride = std::size_t(m_size.width());
    const int bytesPerLine = int(image.bytesPerLine());
    // Row pointers as scanLine() gives them, but from one bits() call: the
    // non-const scanLine() detaches on every call, which bands must not race on.
    uchar *bits = image.bits();
    auto paint = [&](const QRect &clip) {
        for (std::size_t i = 0; i < tiles.size() && i < styles.size(); ++i) {
            const auto &t = tiles[i];
            if (!t.isLeaf() || (incremental && previous[i] == styles[i]))
                continue;
            const QRect px = pixelRect(t) & clip;
            if (px.isEmpty())
                continue;
            const QRgb c = styles[i].color;
            const std::uint32_t r = std::uint32_t(qRed(c)), g = std::uint32_t(qGreen(c)), b = std::uint32_t(qBlue(c));
            for (int row = px.top(); row <= px.bottom(); ++row) {
                auto *line = reinterpret_cast<QRgb *>(bits + std::ptrdiff_t(row) * bytesPerLine);
                const std::uint8_t *s = m_shade.data() + std::size_t(row) * stride;
                for (int x = px.left(); x <= px.right(); ++x) {
                    const std::uint32_t k = s[x];
                    line[x] = 0xff000000u | ((r * k) >> 8) << 16 | ((g * k) >> 8) << 8 | ((b * k) >> 8);
                }
                if (!styles[i].hatched)
                    continue;
                // Diagonal stripes: darken every kHatchPeriod-th diagonal.
                int x = px.left() + ((kHatchPeriod - (px.left() + row) % kHatchPeriod) % kHatchPeriod);
                for (; x <= px.right() + kHatchWidth; x += kHatchPeriod)
                    for (int d = std::max(x - kHatchWidth + 1, px.left()); d <= std::min(x, px.right()); ++d) {
                        const std::uint32_t k = s[d] * 3u / 5u;
                        line[d] = 0xff000000u | ((r * k) >> 8) << 16 | ((g * k) >> 8) << 8 | ((b * k) >> 8);
                    }
            }
        }
    };
    // A full colouring touches every pixel: bands in parallel. A recolour
    // touches the few tiles that changed: one pass.
    if (incremental)
        paint(QRect(QPoint(0, 0), m_size));
    else
        inBands(m_size, paint);
}

QRgb TreemapRenderer::categoryColor(NodeCategory c)
{
    switch (c) {
    case NodeCategory::Native:
        return qRgb(236, 96, 80); // red: the big native weight
    case NodeCategory::Source:
        return qRgb(80, 150, 240); // blue
    case NodeCategory::Bytecode:
        return qRgb(170, 120, 230); // violet
    case NodeCategory::Tests:
        return qRgb(250, 180, 50); // amber
    case NodeCategory::Data:
        return qRgb(70, 200, 120); // green
    case NodeCategory::Metadata:
        return qRgb(60, 200, 210); // cyan
    case NodeCategory::Build:
        return qRgb(240, 120, 190); // pink
    case NodeCategory::Other:
        break;
    }
    return qRgb(175, 170, 160); // warm grey
}

QRgb TreemapRenderer::prunedColor(QRgb c)
{
    const int grey = (qRed(c) * 11 + qGreen(c) * 16 + qBlue(c) * 5) / 32;
    auto mix = [grey](int v) { return (v + grey * 3) / 4 * 4 / 5; };
    return qRgb(mix(qRed(c)), mix(qGreen(c)), mix(qBlue(c)));
}
