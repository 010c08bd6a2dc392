// A donut chart of the kept bytes by top-level package (SizeLedger::packages()),
// redrawn whenever the selection changes.
#pragma once

#include <QWidget>

class LayerDocument;
class QChart;
class QChartView;
class QPieSeries;

class BreakdownChart : public QWidget
{
    Q_OBJECT

public:
    explicit BreakdownChart(QWidget *parent = nullptr);

    void setDocument(LayerDocument *document);
    [[nodiscard]] QPieSeries *series() const { return m_series; }

private:
    void refresh();

    LayerDocument *m_document = nullptr;
    QChartView *m_view;
    QChart *m_chart;
    QPieSeries *m_series;
};
