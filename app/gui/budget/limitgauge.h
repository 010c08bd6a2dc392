// One horizontal gauge (Qt Charts stacked bar) of a byte count against a
// Lambda limit: first what else shares the limit (the function's code, other
// layers), each its own segment, then this layer, the room left, and the
// reserve for layers not listed. The segments, the verdict and its wording are
// core's (LayerBudget), so the gauge says what `scan` and `export` say; it only
// picks the colours: green fits with the reserve, amber eats into the
// reserve, red over the limit. The numbers are written on the bar.
#pragma once

#include "select/layerbudget.h"

#include <QWidget>

#include <cstdint>
#include <optional>
#include <vector>

class QBarSet;
class QChart;
class QChartView;
class QHorizontalStackedBarSeries;
class QLabel;
class QValueAxis;

class LimitGauge : public QWidget
{
    Q_OBJECT

public:
    LimitGauge(QString title, const LayerBudget &budget, QWidget *parent = nullptr);

    // The limit, the reserve and what else shares them; one bar segment per item.
    void setBudget(const LayerBudget &budget);
    [[nodiscard]] const LayerBudget &budget() const { return m_budget; }
    // The value shown; nullopt shows `pendingText` instead (e.g. "open a layer").
    // An approximate value is written with "≈" until an exact one replaces it.
    void setValue(std::optional<std::uint64_t> bytes, const QString &pendingText = {}, bool approximate = false);
    [[nodiscard]] bool isApproximate() const { return m_approximate; }

    [[nodiscard]] std::optional<std::uint64_t> value() const { return m_value; }
    [[nodiscard]] std::uint64_t limit() const { return m_budget.limitBytes(); }
    [[nodiscard]] std::uint64_t reserve() const { return m_budget.reserveBytes(); }
    [[nodiscard]] std::uint64_t othersBytes() const { return m_budget.othersBytes(); }
    // What the value may grow to and still fit beside the others and the reserve.
    [[nodiscard]] std::uint64_t room() const { return m_budget.remainingBytes(); }
    // Core's verdict on the value; nullopt while there is no value.
    [[nodiscard]] std::optional<LayerBudget::Verdict> verdict() const;
    // The caption's verdict sentence, as core words it (empty without a value).
    [[nodiscard]] QString verdictText() const;
    // The bar segments as drawn, in MB: one per other, then kept, free, reserve.
    [[nodiscard]] QBarSet *valueSet() const { return m_valueSet; }
    [[nodiscard]] const std::vector<QBarSet *> &otherSets() const { return m_otherSets; }

private:
    void rebuildOtherSets();
    void refresh();

    QString m_title;
    LayerBudget m_budget;
    std::optional<std::uint64_t> m_value;
    QString m_pendingText;
    bool m_approximate = false;

    QLabel *m_caption;
    QChart *m_chart; // before m_view: the view is built around it
    QChartView *m_view;
    QHorizontalStackedBarSeries *m_series;
    // The sets are children of the series: QAbstractBarSeries::insert() does
    // not take ownership, so a set without a parent would outlive the chart.
    QBarSet *m_valueSet;
    QBarSet *m_freeSet;
    QBarSet *m_reserveSet;
    std::vector<QBarSet *> m_otherSets;
    QValueAxis *m_axis;
};
