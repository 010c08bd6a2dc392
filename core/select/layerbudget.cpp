#include "select/layerbudget.h"

#include "scan/layer.h"

#include <QFileInfo>

#include <algorithm>
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

LayerBudget LayerBudget::directUpload()
{
    LayerBudget budget(units::kLambdaZipUploadLimit, 0);
    budget.m_upload = true;
    return budget;
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
    addLayer(path, layer);
    return true;
}

void LayerBudget::addLayer(const QString &path, const Layer &layer)
{
    Item item;
    item.label = QFileInfo(path).fileName();
    if (item.label.isEmpty())
        item.label = path;
    item.kind = layer.isZip() ? ItemKind::Zip : ItemKind::Folder;
    item.path = path;
    // Lambda counts what the function unpacks: every regular file's size.
    item.bytes = layer.tree->totalBytes(0);
    m_items.push_back(item);
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

LayerBudget::Verdict LayerBudget::verdict(std::uint64_t layerBytes) const
{
    const std::uint64_t used = saturatingAdd(othersBytes(), layerBytes);
    if (used > m_limit)
        return Verdict::OverLimit;
    if (saturatingAdd(used, m_reserve) > m_limit)
        return Verdict::IntoReserve;
    return Verdict::Fits;
}

std::vector<LayerBudget::Segment> LayerBudget::segments(std::uint64_t layerBytes) const
{
    std::vector<Segment> out;
    for (std::size_t i = 0; i < m_items.size(); ++i)
        out.push_back(Segment{SegmentKind::Item, m_items[i].label, m_items[i].bytes, int(i)});
    out.push_back(Segment{SegmentKind::Layer, QStringLiteral("this layer"), layerBytes, -1});
    const std::uint64_t used = saturatingAdd(othersBytes(), layerBytes);
    const std::uint64_t reserve = std::min(m_reserve, m_limit);
    const std::uint64_t beforeReserve = m_limit - reserve;
    // Once the layer eats into the reserve, what is drawn of the reserve shrinks.
    const std::uint64_t free = used < beforeReserve ? beforeReserve - used : 0;
    const std::uint64_t reserveLeft = used <= beforeReserve ? reserve : used < m_limit ? m_limit - used : 0;
    out.push_back(Segment{SegmentKind::Free, QStringLiteral("free"), free, -1});
    out.push_back(Segment{SegmentKind::Reserve, QStringLiteral("reserve"), reserveLeft, -1});
    return out;
}

QString LayerBudget::verdictId(Verdict v)
{
    switch (v) {
    case Verdict::Fits:
        return QStringLiteral("fits");
    case Verdict::IntoReserve:
        return QStringLiteral("into_reserve");
    case Verdict::OverLimit:
        return QStringLiteral("over_limit");
    }
    return {};
}

QString LayerBudget::verdictTitle(Verdict v) const
{
    switch (v) {
    case Verdict::Fits:
        return m_upload ? tr("can be uploaded directly") : tr("fits");
    case Verdict::IntoReserve:
        return tr("eats into the reserve");
    case Verdict::OverLimit:
        return m_upload ? tr("too large to upload directly") : tr("over the limit");
    }
    return {};
}

QString LayerBudget::describe(std::uint64_t layerBytes, ByteFormat format) const
{
    const Verdict v = verdict(layerBytes);
    const std::uint64_t used = saturatingAdd(othersBytes(), layerBytes);
    QString text;
    if (m_upload) {
        text = v == Verdict::Fits
                   ? tr("can be uploaded directly: %1 under the %2 direct-upload limit")
                         .arg(format(m_limit - used), format(m_limit))
                   : tr("too large to upload directly: %1 over the %2 direct-upload limit; upload it through S3")
                         .arg(format(used - m_limit), format(m_limit));
        return text;
    }
    switch (v) {
    case Verdict::Fits:
        text = m_reserve ? tr("fits: %1 to spare beside the %2 reserve")
                               .arg(format(m_limit - m_reserve - used), format(m_reserve))
                         : tr("fits: %1 to spare").arg(format(m_limit - used));
        break;
    case Verdict::IntoReserve:
        text =
            tr("eats into the reserve: only %1 of the %2 reserve left").arg(format(m_limit - used), format(m_reserve));
        break;
    case Verdict::OverLimit:
        text = tr("over the limit: %1 more than the %2 allowed").arg(format(used - m_limit), format(m_limit));
        break;
    }
    if (othersBytes() > 0)
        text += QLatin1Char(' ') + tr("(beside %1 of other layers and code; this layer may take %2)")
                                       .arg(format(othersBytes()), format(remainingBytes()));
    return text;
}
