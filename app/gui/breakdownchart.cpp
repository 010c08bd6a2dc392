#include "breakdownchart.h"

#include "layerdocument.h"
#include "units.h"

#include <QChart>
#include <QChartView>
#include <QLegendMarker>
#include <QPieSeries>
#include <QPieSlice>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// Slices beyond this many packages are summed as "other".
constexpr std::size_t kTopPackages = 7;

const std::array<QColor, kTopPackages + 1> kSliceColors{
    QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
    QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2), QColor(0x17, 0xbe, 0xcf), QColor(0xb0, 0xb5, 0xbb),
};

} // namespace

BreakdownChart::BreakdownChart(QWidget *parent)
    : QWidget(parent)
    , m_view(new QChartView(this))
    , m_chart(new QChart)
    , m_series(new QPieSeries)
{
    m_series->setHoleSize(0.45);
    m_series->setPieSize(0.92);
    m_chart->addSeries(m_series);
    m_chart->setTitle(tr("Kept bytes by package"));
    QFont titleFont = m_chart->titleFont();
    titleFont.setBold(true);
    m_chart->setTitleFont(titleFont);
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->legend()->setShowToolTips(true);
    m_chart->setBackgroundVisible(false);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_view->setChart(m_chart);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setMinimumHeight(180);
    m_view->setStyleSheet(QStringLiteral("background: transparent"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
}

void BreakdownChart::setDocument(LayerDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document)
        connect(m_document, &LayerDocument::selectionChanged, this, &BreakdownChart::refresh);
    refresh();
}

void BreakdownChart::refresh()
{
    m_series->clear();
    if (!m_document)
        return;
    std::vector<PackageBytes> packages = m_document->ledger().packages();
    std::sort(packages.begin(), packages.end(),
              [](const PackageBytes &a, const PackageBytes &b) { return a.keptBytes > b.keptBytes; });
    std::uint64_t other = 0;
    std::size_t shown = 0;
    const FileTree &tree = m_document->tree();
    for (const PackageBytes &p : packages) {
        if (p.keptBytes == 0)
            continue;
        if (shown == kTopPackages) {
            other += p.keptBytes;
            continue;
        }
        QPieSlice *slice = m_series->append(
            QStringLiteral("%1  %2").arg(FileTree::displayName(tree.name(p.node)), units::formatBytes(p.keptBytes)),
            double(p.keptBytes));
        slice->setColor(kSliceColors[shown]);
        ++shown;
    }
    if (other > 0) {
        QPieSlice *slice = m_series->append(tr("other  %1").arg(units::formatBytes(other)), double(other));
        slice->setColor(kSliceColors[kTopPackages]);
    }
    for (QPieSlice *slice : m_series->slices())
        slice->setBorderColor(palette().color(QPalette::Window));
}
