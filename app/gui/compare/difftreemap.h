// A treemap of what changed between two layers: every added, removed or
// changed file sized by how much it changed, in one colour where the bytes
// grew and another where they shrank. Reuses TreemapLayout and
// TreemapRenderer; laid out again on resize only.
#pragma once

#include "gui/explorer/treemaprenderer.h"
#include "select/layerdiff.h"

#include <QImage>
#include <QWidget>

class DiffTreemap : public QWidget
{
    Q_OBJECT

public:
    explicit DiffTreemap(QWidget *parent = nullptr);

    // Shows `diff`'s changed files (nothing for an empty diff).
    void setDiff(const LayerDiff &diff);
    [[nodiscard]] const DiffTree &changeTree() const { return m_tree; }
    [[nodiscard]] const TreemapLayout &layout() const { return m_layout; }
    // The colour of bytes that grew (added, larger) and of bytes that shrank.
    [[nodiscard]] static QColor grewColor();
    [[nodiscard]] static QColor shrankColor();
    // Whether a leaf tile stands mostly for growth.
    [[nodiscard]] bool tileGrew(int tile) const;
    [[nodiscard]] QSize sizeHint() const override { return {640, 400}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    void relayout();

    DiffTree m_tree;
    std::vector<std::uint64_t> m_grewBytes; // per node: bytes of growth below it (the rest shrank)
    TreemapLayout m_layout;
    TreemapRenderer m_renderer;
    QImage m_image;
};
