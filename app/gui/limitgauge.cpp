#include "limitgauge.h"

#include "units.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QValueAxis>
#include <QVBoxLayout>

namespace {

constexpr double kMB = double(units::kMB);

QColor statusColor(LimitGauge::Status s)
{
    switch (s) {
    case LimitGauge::Status::Unknown:
        return QColor(0x9e, 0x9e, 0x9e);
    case LimitGauge::Status::Fits:
        return QColor(0x2e, 0x9d, 0x48);
    case LimitGauge::Status::Tight:
        return QColor(0xef, 0x8f, 0x00);
    case LimitGauge::Status::Over:
        return QColor(0xd3, 0x2f, 0x2f);
    }
    return Qt::gray;
}

} // namespace

LimitGauge::LimitGauge(QString title, std::uint64_t limit, QWidget *parent)
    : QWidget(parent)
    , m_title(std::move(title))
    , m_limit(limit)
    , m_caption(new QLabel(this))
    , m_view(new QChartView(this))
    , m_chart(new QChart)
    , m_series(new QHorizontalStackedBarSeries)
    , m_valueSet(new QBarSet(tr("Kept")))
    , m_freeSet(new QBarSet(tr("Free")))
    , m_reserveSet(new QBarSet(tr("Reserve")))
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
    m_view->setChart(m_chart);
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
    refresh();
}

void LimitGauge::setReserve(std::uint64_t reserve)
{
    m_reserve = std::min(reserve, m_limit);
    refresh();
}

void LimitGauge::setValue(std::optional<std::uint64_t> bytes, const QString &pendingText, bool approximate)
{
    m_value = bytes;
    m_pendingText = pendingText;
    m_approximate = approximate && bytes;
    refresh();
}

LimitGauge::Status LimitGauge::status() const
{
    if (!m_value)
        return Status::Unknown;
    if (*m_value > m_limit)
        return Status::Over;
    if (*m_value + m_reserve > m_limit)
        return Status::Tight;
    return Status::Fits;
}

void LimitGauge::refresh()
{
    const Status s = status();
    const std::uint64_t value = m_value.value_or(0);
    const std::uint64_t budget = m_limit - m_reserve;
    // Segments: the value, the room left before the reserve, and the reserve
    // (or what is left of it once the value has eaten into it).
    const std::uint64_t free = value < budget ? budget - value : 0;
    const std::uint64_t reserveShown = value <= budget ? m_reserve : value < m_limit ? m_limit - value : 0;
    m_valueSet->replace(0, double(value) / kMB);
    m_freeSet->replace(0, double(free) / kMB);
    m_reserveSet->replace(0, double(reserveShown) / kMB);
    m_axis->setRange(0.0, double(std::max(value, m_limit)) / kMB);
    m_axis->setTickCount(6);

    const QColor color = statusColor(s);
    m_valueSet->setColor(color);
    m_valueSet->setBorderColor(color.darker(115));
    // Labels on segments too thin to hold them would spill over their neighbours.
    const double full = double(std::max(value, m_limit));
    const auto labelFits = [full](std::uint64_t bytes) { return double(bytes) / full > 0.12; };
    m_valueSet->setLabelColor(labelFits(value) ? QColor(Qt::white) : QColor(Qt::transparent));
    m_freeSet->setLabelColor(labelFits(free) ? QColor(0x45, 0x4b, 0x54) : QColor(Qt::transparent));
    m_reserveSet->setLabelColor(labelFits(reserveShown) ? QColor(0x26, 0x32, 0x38) : QColor(Qt::transparent));

    QString verdict;
    switch (s) {
    case Status::Unknown:
        verdict = m_pendingText;
        break;
    case Status::Fits:
        verdict = m_reserve ? tr("fits, %1 left beside the %2 reserve").arg(units::formatBytes(free), units::formatBytes(m_reserve))
                            : tr("fits, %1 to spare").arg(units::formatBytes(free));
        break;
    case Status::Tight:
        verdict = tr("fits, but leaves only %1 of the %2 reserve")
                      .arg(units::formatBytes(m_limit - value), units::formatBytes(m_reserve));
        break;
    case Status::Over:
        verdict = tr("%1 over the limit").arg(units::formatBytes(value - m_limit));
        break;
    }
    const QString amount = !m_value       ? tr("— of %1").arg(units::formatBytes(m_limit))
                           : m_approximate ? tr("<b>≈ %1</b> of %2").arg(units::formatBytes(value), units::formatBytes(m_limit))
                                           : tr("<b>%1</b> of %2").arg(units::formatBytes(value), units::formatBytes(m_limit));
    m_caption->setText(QStringLiteral("<b>%1</b>&nbsp;&nbsp;%2&nbsp;&nbsp;<span style='color:%3'>%4</span>")
                           .arg(m_title.toHtmlEscaped(), amount, color.darker(120).name(), verdict.toHtmlEscaped()));
    m_caption->setToolTip(m_value ? tr("%1 bytes of %2 bytes").arg(units::groupedBytes(value), units::groupedBytes(m_limit))
                                  : QString());
}
