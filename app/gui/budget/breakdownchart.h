// A donut chart of the kept bytes, by content category (the treemap's
// colours), by top-level package (SizeLedger::packages()) or by installed
// distribution (the treemap's distribution colours), redrawn whenever the
// selection changes. Its legend is a list beside the donut, names left and
// sizes right, as wide as its text where the panel allows (the chart's own
// legend cut every label short in a narrow dock).
#pragma once

#include "tree/nodecategory.h"

#include <QWidget>

#include <cstdint>

#include <vector>

class LayerDocument;
class QChart;
class QChartView;
class QComboBox;
class QPieSeries;
class QTreeWidget;

class BreakdownChart : public QWidget
{
    Q_OBJECT

public:
    enum class Mode { ByCategory, ByPackage, ByDistribution };

    explicit BreakdownChart(QWidget *parent = nullptr);

    void setDocument(LayerDocument *document);
    void setMode(Mode mode);
    [[nodiscard]] Mode mode() const { return m_mode; }
    [[nodiscard]] QPieSeries *series() const { return m_series; }
    [[nodiscard]] QTreeWidget *legend() const { return m_legend; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void refresh();
    void showCategories();
    void showPackages();
    void showDistributions();
    // One slice of `bytes` in `color`, and its legend row.
    void addSlice(const QString &name, std::uint64_t bytes, const QColor &color);
    // The legend as wide as its text, up to most of the panel.
    void fitLegend();

    LayerDocument *m_document = nullptr;
    Mode m_mode = Mode::ByCategory;
    std::vector<NodeCategory> m_categories; // per node of the document's tree
    QComboBox *m_modeBox;
    QChart *m_chart; // before m_view: the view is built around it
    QChartView *m_view;
    QPieSeries *m_series;
    QTreeWidget *m_legend;
};
