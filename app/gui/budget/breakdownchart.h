// A donut chart of the kept bytes, by content category (the treemap's
// colours), by top-level package (SizeLedger::packages()) or by installed
// distribution (the treemap's distribution colours), redrawn whenever the
// selection changes.
#pragma once

#include "tree/nodecategory.h"

#include <QWidget>

#include <vector>

class LayerDocument;
class QChart;
class QChartView;
class QComboBox;
class QPieSeries;

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

private:
    void refresh();
    void showCategories();
    void showPackages();
    void showDistributions();

    LayerDocument *m_document = nullptr;
    Mode m_mode = Mode::ByCategory;
    std::vector<NodeCategory> m_categories; // per node of the document's tree
    QComboBox *m_modeBox;
    QChart *m_chart; // before m_view: the view is built around it
    QChartView *m_view;
    QPieSeries *m_series;
};
