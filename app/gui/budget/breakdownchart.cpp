#include "gui/budget/breakdownchart.h"

#include "base/units.h"
#include "gui/explorer/treemaprenderer.h"
#include "gui/shell/layerdocument.h"
#include "select/distributions.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QPieSeries>
#include <QPieSlice>
#include <QSettings>
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
    , m_modeBox(new QComboBox(this))
    , m_chart(new QChart)
    // Built around the chart: a QChartView made without one creates a chart of its own
    // that setChart() only releases, and it outlived every window (LeakSanitizer).
    , m_view(new QChartView(m_chart, this))
    , m_series(new QPieSeries)
{
    m_series->setHoleSize(0.45);
    m_series->setPieSize(0.92);
    m_chart->addSeries(m_series);
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->legend()->setShowToolTips(true);
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

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);
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
    if (!m_document)
        return;
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
    for (QPieSlice *slice : m_series->slices())
        slice->setBorderColor(palette().color(QPalette::Window));
}

void BreakdownChart::showCategories()
{
    const Bitset &pruned = m_document->ledger().pruned();
    const auto bytes = NodeClassifier::bytesByCategory(m_document->tree(), m_categories, &pruned);
    for (int c = 0; c < kNodeCategoryCount; ++c) {
        if (bytes[std::size_t(c)] == 0)
            continue;
        const auto category = NodeCategory(c);
        QPieSlice *slice = m_series->append(QStringLiteral("%1  %2").arg(NodeClassifier::displayName(category),
                                                                         units::localBytes(bytes[std::size_t(c)])),
                                            double(bytes[std::size_t(c)]));
        slice->setColor(QColor::fromRgb(TreemapRenderer::categoryColor(category)));
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
        QPieSlice *slice = m_series->append(
            QStringLiteral("%1  %2").arg(FileTree::displayName(tree.name(p.node)), units::localBytes(p.keptBytes)),
            double(p.keptBytes));
        slice->setColor(kSliceColors[shown]);
        ++shown;
    }
    if (other > 0) {
        QPieSlice *slice = m_series->append(tr("other  %1").arg(units::localBytes(other)), double(other));
        slice->setColor(kSliceColors[kTopPackages]);
    }
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
        QPieSlice *slice = m_series->append(
            QStringLiteral("%1  %2").arg(dists->at(order[i]).name, units::localBytes(bytes)), double(bytes));
        slice->setColor(QColor::fromRgb(TreemapRenderer::distributionColor(order[i])));
    }
    if (other > 0) {
        QPieSlice *slice = m_series->append(tr("other  %1").arg(units::localBytes(other)), double(other));
        slice->setColor(QColor::fromRgb(TreemapRenderer::distributionColor(Distributions::kNone)));
    }
}
