#include "gui/budget/stackoverlaps.h"

#include "base/units.h"
#include "gui/shell/layerdocument.h"

#include <algorithm>

StackOverlaps::StackOverlaps(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("stackOverlaps"));
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    hide();
}

StackOverlaps::~StackOverlaps() = default;

void StackOverlaps::setDocument(LayerDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    // The document reads the distributions in the background after opening.
    if (m_document)
        connect(m_document, &LayerDocument::distributionsReady, this, &StackOverlaps::refresh);
    refresh();
}

void StackOverlaps::setPrefix(const QString &prefix)
{
    m_sitePackages = prefix.contains(QStringLiteral("site-packages"));
    refresh();
}

void StackOverlaps::setOthers(std::vector<Other> others)
{
    m_others = std::move(others);
    refresh();
}

namespace {

// What dropping either copy would at least free: the smaller copy of each distribution.
std::uint64_t twiceBytes(const StackOverlaps::Other &other)
{
    std::uint64_t bytes = 0;
    for (const StackOverlap &o : other.overlaps)
        bytes += std::min(o.bytesHere, o.bytesOther);
    return bytes;
}

} // namespace

void StackOverlaps::refresh()
{
    QStringList lines;
    const Distributions *dists = m_document ? m_document->distributions() : nullptr;
    const bool anyLayer = std::any_of(m_others.begin(), m_others.end(), [](const Other &o) { return o.layer; });
    const std::optional<StackedLayer> here =
        dists && anyLayer ? std::optional(StackedLayer::of(*dists, &m_document->ledger().pruned(), m_sitePackages))
                          : std::nullopt;
    for (Other &other : m_others) {
        other.overlaps = here && other.layer ? StackOverlap::between(*here, *other.layer) : std::vector<StackOverlap>{};
        if (other.overlaps.empty())
            continue;
        const QString name = other.label.toHtmlEscaped();
        QString why;
        switch (other.overlaps.front().winner) {
        case StackWinner::Here:
            why = tr("Python imports this layer's copies: they unpack into python/lib/pythonX.Y/site-packages, "
                     "which comes before /opt/python on sys.path.");
            break;
        case StackWinner::Other:
            why = tr("Python imports %1's copies: they unpack into python/lib/pythonX.Y/site-packages, which comes "
                     "before /opt/python on sys.path.")
                      .arg(name);
            break;
        case StackWinner::LaterLayer:
            why = tr("Both unpack into the same folder: the layer later in the function's list overwrites the "
                     "other's files one by one, so Python imports this layer's copies if it comes after %1. Where "
                     "versions differ, files only the earlier copy has stay and mix in.")
                      .arg(name);
            break;
        }
        QString text =
            tr("<b>Also in %1</b>, at least %2 counted twice:").arg(name, units::localBytes(twiceBytes(other)));
        for (const StackOverlap &o : other.overlaps) {
            const QString versions =
                o.versionHere == o.versionOther
                    ? o.versionHere.toHtmlEscaped()
                    : tr("%1 here, %2 there").arg(o.versionHere.toHtmlEscaped(), o.versionOther.toHtmlEscaped());
            text +=
                QStringLiteral("<br>• ") + tr("%1 %2: %3 here, %4 there")
                                               .arg(o.name.toHtmlEscaped(), versions, units::localBytes(o.bytesHere),
                                                    units::localBytes(o.bytesOther));
        }
        lines << text + QStringLiteral("<br><i>%1</i>").arg(why);
    }
    setText(lines.join(QStringLiteral("<br><br>")));
    setVisible(!lines.isEmpty());
}
