#include "gui/budget/breakdownchart.h"

#include "base/units.h"
#include "gui/explorer/treemaprenderer.h"
#include "gui/shell/layerdocument.h"
#include "select/distributions.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QPainter>
#include <QPieSeries>
#include <QPieSlice>
#include <QPixmap>
#include <QSettings>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace {

// Slices beyond this many packages are summed as "other".
constexpr std::size_t kTopPackages = 7;

const std::array<QColor, kTopPackages + 1> kSliceColors{
    QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd),
    QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2), QColor(0x17, 0xbe, 0xcf), QColor(0xb0, 0xb5, 0xbb),
};

// The legend's list: its size hint is its rows' text (icon and margins
// included), and it may be drawn narrower, eliding names, when the panel is.
class LegendList : public QTreeWidget
{
public:
    using QTreeWidget::QTreeWidget;

    QSize sizeHint() const override
    {
        const int rows = topLevelItemCount();
        if (rows == 0)
            return {0, 0};
        return {sizeHintForColumn(0) + sizeHintForColumn(1) + 2 * frameWidth(),
                rows * sizeHintForRow(0) + 2 * frameWidth()};
    }
    QSize minimumSizeHint() const override { return {0, 0}; }
};

} // namespace

BreakdownChart::BreakdownChart(QWidget *parent)
    : QWidget(parent)
    , m_modeBox(new QComboBox(this))
    , m_chart(new QChart)
    // Built around the chart: a QChartView made without one creates a chart of its own
    // that setChart() only releases, and it outlived every window (LeakSanitizer).
    , m_view(new QChartView(m_chart, this))
    , m_series(new QPieSeries)
    , m_legend(new LegendList(this))
{
    m_series->setHoleSize(0.45);
    m_series->setPieSize(0.92);
    m_chart->addSeries(m_series);
    m_chart->legend()->hide();
    m_chart->setBackgroundVisible(false);
    m_chart->setMargins(QMargins(0, 0, 0, 0));
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setMinimumHeight(180);
    m_view->setStyleSheet(QStringLiteral("background: transparent"));

    m_modeBox->setObjectName(QStringLiteral("breakdownMode"));
    m_modeBox->addItem(tr("by category"), int(Mode::ByCategory));
    m_modeBox->addItem(tr("by package"), int(Mode::ByPackage));
    m_modeBox->addItem(tr("by distribution"), int(Mode::ByDistribution));
    connect(m_modeBox, &QComboBox::currentIndexChanged, this,
            [this] { setMode(Mode(m_modeBox->currentData().toInt())); });
    auto *title = new QLabel(tr("<b>Kept bytes</b>"), this);
    title->setBuddy(m_modeBox);
    auto *header = new QHBoxLayout;
    header->addWidget(title);
    header->addWidget(m_modeBox);
    header->addStretch(1);

    m_legend->setObjectName(QStringLiteral("breakdownLegend"));
    m_legend->setColumnCount(2);
    m_legend->setHeaderHidden(true);
    m_legend->setRootIsDecorated(false);
    m_legend->setIndentation(0);
    m_legend->setSelectionMode(QAbstractItemView::NoSelection);
    m_legend->setFocusPolicy(Qt::NoFocus);
    m_legend->setFrameShape(QFrame::NoFrame);
    m_legend->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_legend->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    m_legend->setTextElideMode(Qt::ElideMiddle);
    m_legend->setStyleSheet(QStringLiteral("QTreeWidget { background: transparent; }"));
    m_legend->header()->setStretchLastSection(false);
    m_legend->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_legend->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    auto *legendColumn = new QVBoxLayout;
    legendColumn->addStretch(1);
    legendColumn->addWidget(m_legend);
    legendColumn->addStretch(1);
    auto *body = new QHBoxLayout;
    body->setSpacing(6);
    body->addWidget(m_view, 1);
    body->addLayout(legendColumn);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addLayout(header);
    layout->addLayout(body, 1);
    setMode(Mode(QSettings().value(QStringLiteral("breakdown/mode"), int(Mode::ByCategory)).toInt()));
}

void BreakdownChart::setMode(Mode mode)
{
    m_mode = mode;
    m_modeBox->setCurrentIndex(m_modeBox->findData(int(mode)));
    QSettings().setValue(QStringLiteral("breakdown/mode"), int(mode));
    refresh();
}

void BreakdownChart::setDocument(LayerDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_categories = document ? document->categories() : std::vector<NodeCategory>{};
    if (m_document) {
        connect(m_document, &LayerDocument::selectionChanged, this, &BreakdownChart::refresh);
        connect(m_document, &LayerDocument::distributionsReady, this, &BreakdownChart::refresh);
    }
    refresh();
}

void BreakdownChart::refresh()
{
    m_series->clear();
    m_legend->clear();
    if (!m_document) {
        fitLegend();
        return;
    }
    switch (m_mode) {
    case Mode::ByCategory:
        showCategories();
        break;
    case Mode::ByPackage:
        showPackages();
        break;
    case Mode::ByDistribution:
        showDistributions();
        break;
    }
    // Shares are known once every slice is in.
    const QList<QPieSlice *> slices = m_series->slices();
    for (int i = 0; i < slices.size() && i < m_legend->topLevelItemCount(); ++i) {
        QTreeWidgetItem *row = m_legend->topLevelItem(i);
        const QString tip = tr("%1: %2 of the kept bytes")
                                .arg(slices[i]->label(),
                                     QLocale().toString(slices[i]->percentage() * 100, 'f', 1) + QLocale().percent());
        row->setToolTip(0, tip);
        row->setToolTip(1, tip);
    }
    fitLegend();
}

void BreakdownChart::addSlice(const QString &name, std::uint64_t bytes, const QColor &color)
{
    const QString size = units::localBytes(bytes);
    QPieSlice *slice = m_series->append(QStringLiteral("%1  %2").arg(name, size), double(bytes));
    slice->setColor(color);
    slice->setBorderColor(palette().color(QPalette::Window));
    const int side = fontMetrics().height() - 4;
    QPixmap swatch(side, side);
    swatch.fill(color);
    auto *row = new QTreeWidgetItem(m_legend, {name, size});
    row->setIcon(0, QIcon(swatch));
    row->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
}

void BreakdownChart::fitLegend()
{
    // The donut keeps at least 40% of the width; without rows the legend takes none.
    m_legend->setVisible(m_legend->topLevelItemCount() > 0);
    m_legend->setMaximumWidth(std::max(0, width() * 3 / 5));
    m_legend->updateGeometry();
}

void BreakdownChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitLegend();
}

void BreakdownChart::showCategories()
{
    const Bitset &pruned = m_document->ledger().pruned();
    const auto bytes = NodeClassifier::bytesByCategory(m_document->tree(), m_categories, &pruned);
    for (int c = 0; c < kNodeCategoryCount; ++c) {
        if (bytes[std::size_t(c)] == 0)
            continue;
        const auto category = NodeCategory(c);
        addSlice(NodeClassifier::displayName(category), bytes[std::size_t(c)],
                 QColor::fromRgb(TreemapRenderer::categoryColor(category)));
    }
}

void BreakdownChart::showPackages()
{
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
        addSlice(FileTree::displayName(tree.name(p.node)), p.keptBytes, kSliceColors[shown]);
        ++shown;
    }
    if (other > 0)
        addSlice(tr("other"), other, kSliceColors[kTopPackages]);
}

void BreakdownChart::showDistributions()
{
    const Distributions *dists = m_document->distributions();
    if (!dists)
        return; // still being read; distributionsReady refreshes
    const std::vector<std::uint64_t> kept = dists->keptBytes(&m_document->ledger());
    std::vector<int> order;
    std::uint64_t owned = 0;
    for (int d = 0; d < dists->count(); ++d) {
        owned += kept[std::size_t(d)];
        if (kept[std::size_t(d)] > 0)
            order.push_back(d);
    }
    std::sort(order.begin(), order.end(), [&](int a, int b) { return kept[std::size_t(a)] > kept[std::size_t(b)]; });
    std::uint64_t other =
        m_document->ledger().totals().keptBytes - std::min(owned, m_document->ledger().totals().keptBytes);
    for (std::size_t i = 0; i < order.size(); ++i) {
        const std::uint64_t bytes = kept[std::size_t(order[i])];
        if (i >= kTopPackages) {
            other += bytes;
            continue;
        }
        addSlice(dists->at(order[i]).name, bytes, QColor::fromRgb(TreemapRenderer::distributionColor(order[i])));
    }
    if (other > 0)
        addSlice(tr("other"), other, QColor::fromRgb(TreemapRenderer::distributionColor(Distributions::kNone)));
}
