#include "layerbudget.h"

#include "layer.h"

#include <QFileInfo>

#include <limits>

namespace {

std::uint64_t saturatingAdd(std::uint64_t a, std::uint64_t b)
{
    return a > std::numeric_limits<std::uint64_t>::max() - b ? std::numeric_limits<std::uint64_t>::max() : a + b;
}

} // namespace

LayerBudget::LayerBudget(std::uint64_t limitBytes, std::uint64_t reserveBytes)
    : m_limit(limitBytes)
    , m_reserve(reserveBytes)
{
}

bool LayerBudget::addPath(const QString &path, QString *error, JobControl *control)
{
    QString why;
    const Layer layer = Layer::open(path, &why, control);
    if (!layer.tree) {
        if (error)
            *error = why;
        return false;
    }
    if (control && control->cancelled()) {
        if (error)
            *error = QStringLiteral("%1: measuring was cancelled").arg(path);
        return false;
    }
    Item item;
    item.label = QFileInfo(path).fileName();
    if (item.label.isEmpty())
        item.label = path;
    item.kind = layer.isZip() ? ItemKind::Zip : ItemKind::Folder;
    item.path = path;
    // Lambda counts what the function unpacks: every regular file's size.
    item.bytes = layer.tree->totalBytes(0);
    m_items.push_back(item);
    return true;
}

void LayerBudget::addSize(const QString &label, std::uint64_t bytes)
{
    m_items.push_back(Item{label, ItemKind::Size, QString(), bytes});
}

void LayerBudget::removeItem(int index)
{
    if (index >= 0 && std::size_t(index) < m_items.size())
        m_items.erase(m_items.begin() + index);
}

std::uint64_t LayerBudget::othersBytes() const
{
    std::uint64_t sum = 0;
    for (const Item &item : m_items)
        sum = saturatingAdd(sum, item.bytes);
    return sum;
}

std::uint64_t LayerBudget::remainingBytes() const
{
    const std::uint64_t used = saturatingAdd(othersBytes(), m_reserve);
    return used >= m_limit ? 0 : m_limit - used;
}

std::uint64_t LayerBudget::overBytes(std::uint64_t layerBytes) const
{
    const std::uint64_t total = saturatingAdd(saturatingAdd(othersBytes(), m_reserve), layerBytes);
    return total > m_limit ? total - m_limit : 0;
}

std::vector<LayerBudget::Segment> LayerBudget::segments(std::uint64_t layerBytes) const
{
    std::vector<Segment> out;
    for (std::size_t i = 0; i < m_items.size(); ++i)
        if (m_items[i].bytes > 0)
            out.push_back(Segment{SegmentKind::Item, m_items[i].label, m_items[i].bytes, int(i)});
    if (m_reserve > 0)
        out.push_back(Segment{SegmentKind::Reserve, QStringLiteral("reserve"), m_reserve, -1});
    out.push_back(Segment{SegmentKind::Layer, QStringLiteral("this layer"), layerBytes, -1});
    const std::uint64_t used = saturatingAdd(saturatingAdd(othersBytes(), m_reserve), layerBytes);
    if (used < m_limit)
        out.push_back(Segment{SegmentKind::Free, QStringLiteral("free"), m_limit - used, -1});
    return out;
}
