// One horizontal gauge (Qt Charts stacked bar) of a byte count against a
// Lambda limit: first what else shares the limit (the function's code, other
// layers), each its own segment, then this layer, the room left, and the
// reserve for layers not listed. Green: fits with the reserve; amber: fits
// only by eating into the reserve; red: over the limit. The numbers are
// written on the bar.
#pragma once

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
    // How the value stands against the limit.
    enum class Status {
        Unknown, // no value yet (nothing open, or an estimate still pending)
        Fits,    // value + others + reserve ≤ limit
        Tight,   // value + others ≤ limit, but it leaves less than the reserve
        Over,    // value + others > limit
    };

    // Something else that counts against the limit, drawn before the value.
    struct Other {
        QString label;
        std::uint64_t bytes = 0;
    };

    LimitGauge(QString title, std::uint64_t limit, QWidget *parent = nullptr);

    void setReserve(std::uint64_t reserve);
    void setOthers(const std::vector<Other> &others);
    // The value shown; nullopt shows `pendingText` instead (e.g. "open a layer").
    // An approximate value is written with "≈" until an exact one replaces it.
    void setValue(std::optional<std::uint64_t> bytes, const QString &pendingText = {}, bool approximate = false);
    [[nodiscard]] bool isApproximate() const { return m_approximate; }

    [[nodiscard]] std::optional<std::uint64_t> value() const { return m_value; }
    [[nodiscard]] std::uint64_t limit() const { return m_limit; }
    [[nodiscard]] std::uint64_t reserve() const { return m_reserve; }
    [[nodiscard]] std::uint64_t othersBytes() const;
    // What the value may grow to and still fit beside the others and the reserve.
    [[nodiscard]] std::uint64_t room() const;
    [[nodiscard]] Status status() const;
    // The bar segments as drawn, in MB: one per other, then kept, free, reserve.
    [[nodiscard]] QBarSet *valueSet() const { return m_valueSet; }
    [[nodiscard]] const std::vector<QBarSet *> &otherSets() const { return m_otherSets; }

private:
    void refresh();

    QString m_title;
    std::uint64_t m_limit;
    std::uint64_t m_reserve = 0;
    std::vector<Other> m_others;
    std::optional<std::uint64_t> m_value;
    QString m_pendingText;
    bool m_approximate = false;

    QLabel *m_caption;
    QChartView *m_view;
    QChart *m_chart;
    QHorizontalStackedBarSeries *m_series;
    QBarSet *m_valueSet;
    QBarSet *m_freeSet;
    QBarSet *m_reserveSet;
    std::vector<QBarSet *> m_otherSets;
    QValueAxis *m_axis;
};
