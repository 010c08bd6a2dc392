#include "gui/budget/limitgauge.h"

#include "base/units.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLocale>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <array>

namespace {

constexpr double kMB = double(units::kMB);

QColor verdictColor(std::optional<LayerBudget::Verdict> v)
{
    if (!v)
        return QColor(0x9e, 0x9e, 0x9e);
    switch (*v) {
    case LayerBudget::Verdict::Fits:
        return QColor(0x2e, 0x9d, 0x48);
    case LayerBudget::Verdict::IntoReserve:
        return QColor(0xef, 0x8f, 0x00);
    case LayerBudget::Verdict::OverLimit:
        return QColor(0xd3, 0x2f, 0x2f);
    }
    return Qt::gray;
}

// Other layers and code: quiet blue-greys, so the layer's own colour stands out.
const std::array<QColor, 4> kOtherColors{QColor(0x5c, 0x6b, 0x8a), QColor(0x7a, 0x88, 0xa6), QColor(0x4a, 0x58, 0x72),
                                         QColor(0x93, 0x9f, 0xb8)};

} // namespace

LimitGauge::LimitGauge(QString title, const LayerBudget &budget, QWidget *parent)
    : QWidget(parent)
    , m_title(std::move(title))
    , m_budget(budget)
    , m_caption(new QLabel(this))
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this)) // with its chart: one made without creates its own and leaks it
    , m_series(new QHorizontalStackedBarSeries)
    , m_valueSet(new QBarSet(tr("Kept"), m_series))
    , m_freeSet(new QBarSet(tr("Free"), m_series))
    , m_reserveSet(new QBarSet(tr("Reserve"), m_series))
    , m_axis(new QValueAxis)
{
    m_caption->setTextFormat(Qt::RichText);
    m_caption->setWordWrap(true);

    m_freeSet->setColor(QColor(0xe4, 0xe7, 0xeb));
    m_freeSet->setBorderColor(QColor(0xc8, 0xcc, 0xd2));
    m_freeSet->setLabelColor(QColor(0x45, 0x4b, 0x54));
    m_reserveSet->setBrush(QBrush(QColor(0x78, 0x90, 0x9c), Qt::BDiagPattern));
    m_reserveSet->setBorderColor(QColor(0x78, 0x90, 0x9c));
    m_reserveSet->setLabelColor(QColor(0x26, 0x32, 0x38));
    m_valueSet->setLabelColor(Qt::white);
    for (QBarSet *set : {m_valueSet, m_freeSet, m_reserveSet}) {
        set->append(0.0);
        QFont f = set->labelFont();
        f.setBold(true);
        set->setLabelFont(f);
        m_series->append(set);
    }
    m_series->setBarWidth(0.9);
    m_series->setLabelsVisible(true);
    m_series->setLabelsPosition(QAbstractBarSeries::LabelsCenter);
    m_series->setLabelsFormat(QStringLiteral("@value MB"));
    m_series->setLabelsPrecision(4);

    // Hovering a segment names it: the numbers on the bar do not say which layer is which.
    connect(m_series, &QAbstractBarSeries::hovered, this, [](bool on, int, QBarSet *set) {
        if (on)
            QToolTip::showText(QCursor::pos(),
                               tr("%1: %2 MB").arg(set->label(), QLocale().toString(set->at(0), 'f', 2)));
        else
            QToolTip::hideText();
    });
    m_chart->addSeries(m_series);
    auto *categories = new QBarCategoryAxis;
    categories->append(QString());
    categories->setVisible(false);
    m_chart->addAxis(categories, Qt::AlignLeft);
    m_series->attachAxis(categories);
    m_axis->setLabelFormat(QStringLiteral("%.0f MB"));
    m_axis->setGridLineVisible(false);
    QFont axisFont = m_axis->labelsFont();
    axisFont.setPointSizeF(axisFont.pointSizeF() * 0.85);
    m_axis->setLabelsFont(axisFont);
    m_chart->addAxis(m_axis, Qt::AlignBottom);
    m_series->attachAxis(m_axis);

    m_chart->legend()->hide();
    m_chart->setBackgroundVisible(false);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->setBackgroundRoundness(0);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(64);
    m_view->setMaximumHeight(80);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setStyleSheet(QStringLiteral("background: transparent"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_caption);
    layout->addWidget(m_view);
    rebuildOtherSets();
    refresh();
}

void LimitGauge::setBudget(const LayerBudget &budget)
{
    m_budget = budget;
    rebuildOtherSets();
    refresh();
}

void LimitGauge::setValue(std::optional<std::uint64_t> bytes, const QString &pendingText, bool approximate)
{
    m_value = bytes;
    m_pendingText = pendingText;
    m_approximate = approximate && bytes;
    refresh();
}

void LimitGauge::rebuildOtherSets()
{
    for (QBarSet *set : m_otherSets)
        m_series->remove(set); // deletes it
    m_otherSets.clear();
    const std::vector<LayerBudget::Item> &items = m_budget.items();
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto *set = new QBarSet(items[i].label, m_series);
        const QColor color = kOtherColors[i % kOtherColors.size()];
        set->setColor(color);
        set->setBorderColor(color.darker(115));
        QFont f = set->labelFont();
        f.setBold(true);
        set->setLabelFont(f);
        set->append(0.0);
        m_series->insert(int(i), set);
        m_otherSets.push_back(set);
    }
}

std::optional<LayerBudget::Verdict> LimitGauge::verdict() const
{
    if (!m_value)
        return std::nullopt;
    return m_budget.verdict(*m_value);
}

QString LimitGauge::verdictText() const
{
    return m_value ? m_budget.describe(*m_value, units::localBytes) : QString();
}

void LimitGauge::refresh()
{
    const std::optional<LayerBudget::Verdict> v = verdict();
    const std::uint64_t value = m_value.value_or(0);
    const std::uint64_t limit = m_budget.limitBytes();
    std::uint64_t free = 0;
    std::uint64_t reserveShown = 0;
    std::uint64_t full = 0; // the bar's length: the limit, or more when over it
    for (const LayerBudget::Segment &segment : m_budget.segments(value)) {
        full += segment.bytes;
        switch (segment.kind) {
        case LayerBudget::SegmentKind::Item:
            m_otherSets[std::size_t(segment.item)]->replace(0, double(segment.bytes) / kMB);
            break;
        case LayerBudget::SegmentKind::Layer:
            m_valueSet->replace(0, double(segment.bytes) / kMB);
            break;
        case LayerBudget::SegmentKind::Free:
            free = segment.bytes;
            m_freeSet->replace(0, double(segment.bytes) / kMB);
            break;
        case LayerBudget::SegmentKind::Reserve:
            reserveShown = segment.bytes;
            m_reserveSet->replace(0, double(segment.bytes) / kMB);
            break;
        }
    }
    full = std::max(full, limit);
    m_axis->setRange(0.0, double(full) / kMB);
    m_axis->setTickCount(6);

    const QColor color = verdictColor(v);
    m_valueSet->setColor(color);
    m_valueSet->setBorderColor(color.darker(115));
    // Labels on segments too thin to hold them would spill over their neighbours.
    const auto labelFits = [full](std::uint64_t bytes) { return double(bytes) / double(full) > 0.12; };
    m_valueSet->setLabelColor(labelFits(value) ? QColor(Qt::white) : QColor(Qt::transparent));
    m_freeSet->setLabelColor(labelFits(free) ? QColor(0x45, 0x4b, 0x54) : QColor(Qt::transparent));
    m_reserveSet->setLabelColor(labelFits(reserveShown) ? QColor(0x26, 0x32, 0x38) : QColor(Qt::transparent));
    const std::vector<LayerBudget::Item> &items = m_budget.items();
    for (std::size_t i = 0; i < items.size(); ++i)
        m_otherSets[i]->setLabelColor(labelFits(items[i].bytes) ? QColor(Qt::white) : QColor(Qt::transparent));

    const QString verdict = m_value ? verdictText() : m_pendingText;
    const QString amount = !m_value ? tr("— of %1").arg(units::localBytes(limit))
                           : m_approximate
                               ? tr("<b>≈ %1</b> of %2").arg(units::localBytes(value), units::localBytes(limit))
                               : tr("<b>%1</b> of %2").arg(units::localBytes(value), units::localBytes(limit));
    m_caption->setText(QStringLiteral("<b>%1</b>&nbsp;&nbsp;%2&nbsp;&nbsp;<span style='color:%3'>%4</span>")
                           .arg(m_title.toHtmlEscaped(), amount, color.darker(120).name(), verdict.toHtmlEscaped()));
    m_caption->setToolTip(
        m_value ? tr("%1 bytes of %2 bytes").arg(units::localGroupedBytes(value), units::localGroupedBytes(limit))
                : QString());
}
