// The treemap's key: one swatch per category (or, when the treemap colours by
// distribution, per distribution, largest first) with the kept bytes it
// holds, plus the pruned (hatched) swatch. Wraps onto more lines when narrow.
#pragma once

#include "tree/nodecategory.h"

#include <QWidget>

#include <array>
#include <cstdint>
#include <vector>

class Distributions;
class SizeLedger;

class TreemapLegend : public QWidget
{
    Q_OBJECT

public:
    explicit TreemapLegend(QWidget *parent = nullptr);

    // `categories` as for TreemapWidget::setLedger.
    void setLedger(const SizeLedger *ledger, const std::vector<NodeCategory> *categories = nullptr);
    // Keys the distributions' colours instead of the categories'; null: categories.
    // A new ledger goes back to categories until its own distributions are given.
    void setDistributions(const Distributions *dists);
    [[nodiscard]] bool showsDistributions() const { return m_ledger && m_dists; }
    // Call after any ledger change: refreshes the bytes per category.
    void selectionChanged();
    // Kept bytes per category as shown (for tests).
    [[nodiscard]] const std::array<std::uint64_t, kNodeCategoryCount> &keptBytes() const { return m_kept; }

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;
    [[nodiscard]] bool hasHeightForWidth() const override { return true; }
    [[nodiscard]] int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Entry {
        QString text;
        QRgb color;
        bool hatched;
        bool swatch = true; // false: text only ("… and 4 more")
    };
    [[nodiscard]] std::vector<Entry> entries() const;
    // Lays entries out in rows of `width`; returns the boxes (and total height).
    std::vector<QRect> arrange(const std::vector<Entry> &entries, int width, int *height) const;

    const SizeLedger *m_ledger = nullptr;
    std::vector<NodeCategory> m_categories;
    std::array<std::uint64_t, kNodeCategoryCount> m_kept{};
    std::uint64_t m_pruned = 0;
    const Distributions *m_dists = nullptr;
    std::vector<std::uint64_t> m_distKept; // per distribution, when m_dists is set
    std::uint64_t m_unowned = 0;           // kept bytes of no distribution
};
