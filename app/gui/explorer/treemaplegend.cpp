#include "gui/explorer/treemaplegend.h"

#include "base/units.h"
#include "gui/explorer/treemaprenderer.h"
#include "select/distributions.h"
#include "select/sizeledger.h"

#include <QPainter>

namespace {
constexpr int kSwatch = 12; // swatch side, px
constexpr int kGap = 14;    // space between entries
constexpr int kMargin = 4;
constexpr std::size_t kMaxDistributions = 12; // the largest ones get a swatch each
} // namespace

TreemapLegend::TreemapLegend(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setAccessibleName(tr("Treemap legend"));
}

void TreemapLegend::setLedger(const SizeLedger *ledger, const std::vector<NodeCategory> *categories)
{
    m_ledger = ledger;
    m_dists = nullptr; // the old tree's: the new ledger's come with setDistributions()
    if (!ledger)
        m_categories.clear();
    else
        m_categories = categories ? *categories : NodeClassifier::classifyAll(ledger->tree());
    selectionChanged();
}

void TreemapLegend::setDistributions(const Distributions *dists)
{
    m_dists = dists;
    selectionChanged();
}

void TreemapLegend::selectionChanged()
{
    m_kept = {};
    m_pruned = 0;
    m_distKept.clear();
    m_unowned = 0;
    if (m_ledger) {
        m_kept = NodeClassifier::bytesByCategory(m_ledger->tree(), m_categories, &m_ledger->pruned());
        m_pruned = m_ledger->totals().prunedBytes;
    }
    if (m_ledger && m_dists) {
        m_distKept = m_dists->keptBytes(m_ledger);
        std::uint64_t owned = 0;
        for (std::uint64_t k : m_distKept)
            owned += k;
        m_unowned = m_ledger->totals().keptBytes - std::min(owned, m_ledger->totals().keptBytes);
    }
    updateGeometry();
    update();
}

std::vector<TreemapLegend::Entry> TreemapLegend::entries() const
{
    std::vector<Entry> out;
    if (m_dists && m_ledger) {
        std::vector<int> order;
        for (int d = 0; d < m_dists->count(); ++d)
            if (m_distKept[std::size_t(d)] > 0)
                order.push_back(d);
        std::sort(order.begin(), order.end(),
                  [&](int a, int b) { return m_distKept[std::size_t(a)] > m_distKept[std::size_t(b)]; });
        const std::size_t shown = std::min(order.size(), kMaxDistributions);
        for (std::size_t i = 0; i < shown; ++i)
            out.push_back(
                {tr("%1 %2").arg(m_dists->at(order[i]).name, units::localBytes(m_distKept[std::size_t(order[i])])),
                 TreemapRenderer::distributionColor(order[i]), false});
        if (order.size() > shown)
            out.push_back({tr("… and %n more", nullptr, int(order.size() - shown)), 0, false, false});
        out.push_back({tr("%1 %2").arg(tr("No distribution, or several"), units::localBytes(m_unowned)),
                       TreemapRenderer::distributionColor(-1), false});
        out.push_back({tr("%1 %2").arg(tr("Pruned"), units::localBytes(m_pruned)),
                       TreemapRenderer::prunedColor(TreemapRenderer::distributionColor(-1)), true});
        return out;
    }
    for (int c = 0; c < kNodeCategoryCount; ++c) {
        const auto cat = NodeCategory(c);
        QString text = NodeClassifier::displayName(cat);
        if (m_ledger)
            text = tr("%1 %2").arg(text, units::localBytes(m_kept[std::size_t(c)]));
        out.push_back({text, TreemapRenderer::categoryColor(cat), false});
    }
    QString pruned = tr("Pruned");
    if (m_ledger)
        pruned = tr("%1 %2").arg(pruned, units::localBytes(m_pruned));
    out.push_back({pruned, TreemapRenderer::prunedColor(TreemapRenderer::categoryColor(NodeCategory::Other)), true});
    return out;
}

std::vector<QRect> TreemapLegend::arrange(const std::vector<Entry> &entries, int width, int *height) const
{
    const QFontMetrics fm(font());
    const int lineHeight = std::max(fm.height(), kSwatch) + 2;
    std::vector<QRect> boxes;
    int x = kMargin, y = kMargin;
    for (const Entry &e : entries) {
        const int w = (e.swatch ? kSwatch + 5 : 0) + fm.horizontalAdvance(e.text);
        if (x > kMargin && x + w > width - kMargin) {
            x = kMargin;
            y += lineHeight + 2;
        }
        boxes.emplace_back(x, y, w, lineHeight);
        x += w + kGap;
    }
    if (height)
        *height = y + lineHeight + kMargin;
    return boxes;
}

QSize TreemapLegend::sizeHint() const
{
    int h = 0;
    const auto boxes = arrange(entries(), 100000, &h);
    return {boxes.empty() ? 0 : boxes.back().right() + kMargin, h};
}

QSize TreemapLegend::minimumSizeHint() const
{
    return {100, heightForWidth(100)};
}

int TreemapLegend::heightForWidth(int width) const
{
    int h = 0;
    arrange(entries(), width, &h);
    return h;
}

void TreemapLegend::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const auto list = entries();
    const auto boxes = arrange(list, width(), nullptr);
    for (std::size_t i = 0; i < list.size(); ++i) {
        const QRect &b = boxes[i];
        if (!list[i].swatch) {
            p.setPen(palette().color(QPalette::WindowText));
            p.drawText(b, Qt::AlignLeft | Qt::AlignVCenter, list[i].text);
            continue;
        }
        const QRect swatch(b.x(), b.y() + (b.height() - kSwatch) / 2, kSwatch, kSwatch);
        p.fillRect(swatch, QColor(list[i].color));
        if (list[i].hatched) {
            p.save();
            p.setClipRect(swatch);
            p.setPen(QPen(QColor(0, 0, 0, 120), 2));
            for (int d = -kSwatch; d < kSwatch; d += 5)
                p.drawLine(swatch.left() + d, swatch.top(), swatch.left() + d + kSwatch, swatch.bottom());
            p.restore();
        }
        p.setPen(palette().color(QPalette::Mid));
        p.drawRect(swatch.adjusted(0, 0, -1, -1));
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(b.adjusted(kSwatch + 5, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, list[i].text);
    }
}
