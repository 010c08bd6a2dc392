// The treemap view: a SizeLedger's tree drawn as cushion-shaded tiles coloured
// by category, pruned files hatched. Layout and shading run on a worker
// (QtConcurrent) and are cached; a ledger change only recolours the cached
// shading, unless "hide pruned" is on (then sizes change, so it relayouts).
#pragma once

#include "gui/explorer/treemaprenderer.h"
#include "tree/filetree.h"
#include "tree/nodecategory.h"
#include "tree/treemaplayout.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

#include <memory>
#include <vector>

class Distributions;
class SizeLedger;

class TreemapWidget : public QWidget
{
    Q_OBJECT

public:
    explicit TreemapWidget(QWidget *parent = nullptr);
    ~TreemapWidget() override;

    // The ledger whose tree is drawn (ledger->tree()); nullptr shows nothing.
    // The ledger must outlive the widget or be replaced first. `categories`
    // are the tree's (NodeClassifier::classifyAll) when the caller has them,
    // else they are worked out here; read during the call only.
    void setLedger(const SizeLedger *ledger, const std::vector<NodeCategory> *categories = nullptr);
    [[nodiscard]] const SizeLedger *ledger() const { return m_ledger; }

    // Zoom: the folder whose subtree fills the view (the tree's root by default).
    void setRoot(FileTree::Index dir);
    [[nodiscard]] FileTree::Index root() const { return m_root; }

    // Call after any ledger change: recolours the cached image, no relayout
    // (except in hide-pruned mode, where tile sizes follow the kept bytes).
    void selectionChanged();

    // Lays tiles out by kept bytes, leaving pruned files out.
    void setHidePruned(bool hide);
    // Colours tiles by the distribution that installed them; null: by content category.
    void setDistributions(std::shared_ptr<const Distributions> dists);
    [[nodiscard]] const Distributions *distributions() const { return m_dists.get(); }
    [[nodiscard]] bool hidePruned() const { return m_hidePruned; }

    // The outlined tile; kNone for none. Does not emit nodeClicked.
    void setSelectedNode(FileTree::Index node);
    [[nodiscard]] FileTree::Index selectedNode() const { return m_selected; }

    // The node drawn at a widget position (a folder for its merged small items), or kNone.
    [[nodiscard]] FileTree::Index nodeAt(QPoint pos) const;
    // Where a node's tile is (widget coordinates), or an empty rect when it has none.
    [[nodiscard]] QRect tileRect(FileTree::Index node) const;
    // tileRect() of the node or, when it is too small for a tile, of its nearest ancestor with one.
    [[nodiscard]] QRect visibleRect(FileTree::Index node) const;
    // The tooltip text for a node: path, size, category, what prunes it.
    [[nodiscard]] QString toolTipText(FileTree::Index node) const;

    // The current layout, matching image() (for tests and benchmarks).
    [[nodiscard]] const TreemapLayout &layout() const { return m_layout; }
    [[nodiscard]] const QImage &image() const { return m_image; }
    // Bumped each time a new layout is installed / the image is repainted.
    [[nodiscard]] quint64 layoutGeneration() const { return m_layoutGeneration; }
    [[nodiscard]] quint64 renderGeneration() const { return m_renderGeneration; }
    // True while a layout for the current size / root / mode is being computed.
    [[nodiscard]] bool isLayoutPending() const;
    // True when the worker has finished a layout that is not shown yet: the
    // next paint, or else the event loop, installs it.
    [[nodiscard]] bool isLayoutReady() const { return m_running && m_future.isFinished(); }
    // Blocks until the pending layout (if any) is installed. For tests and benchmarks.
    void waitForLayout();
    // Starts a requested layout now rather than when the event loop next runs
    // (where it is queued to start): for a window that has just settled its
    // size (a new layer shown), so the layout works while the window paints
    // for the first time. Does nothing when no layout is requested.
    void startPendingLayout();

    [[nodiscard]] QSize sizeHint() const override { return {800, 500}; }
    [[nodiscard]] QSize minimumSizeHint() const override { return {120, 80}; }

Q_SIGNALS:
    void nodeClicked(FileTree::Index node);
    // Double-click: the folder (a child of root()) to zoom into, or a file directly under root().
    // Enter: the selected node.
    void nodeActivated(FileTree::Index node);
    void nodeHovered(FileTree::Index node); // kNone when the mouse leaves the tiles
    void contextMenuRequested(FileTree::Index node, QPoint globalPos);
    void rootChanged(FileTree::Index root);
    // A laid-out treemap was painted (not a placeholder or a scaled old image).
    void treemapPainted();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Job;
    struct Result;
    struct Label {
        QRect box;
        QString text;
        bool bold = false;
    };

    // The image size: one pixel per device pixel.
    [[nodiscard]] QSize pixelSize() const;
    // Layout (image) pixels to widget coordinates.
    [[nodiscard]] QRect toWidget(const QRect &px) const;
    void scheduleLayout();
    void jobFinished();
    void install(Result &&result);
    void recolor();
    void placeLabels();

    const SizeLedger *m_ledger = nullptr;
    // Per node: the colour category (folders: their largest child's). Shared
    // with the layout job, which colours the tiles it lays out.
    std::shared_ptr<const std::vector<NodeCategory>> m_dominant;
    FileTree::Index m_root = FileTree::kNone;
    FileTree::Index m_selected = FileTree::kNone;
    FileTree::Index m_hovered = FileTree::kNone;
    bool m_hidePruned = false;
    std::shared_ptr<const Distributions> m_dists; // colour by distribution when set
    // Bumped whenever what colours the tiles changes (the selection, the
    // colouring, the ledger): a job's image coloured before that is not used.
    quint64 m_styleStamp = 0;

    TreemapLayout m_layout;
    TreemapRenderer m_renderer;
    QImage m_image;
    std::vector<TreemapRenderer::TileStyle> m_styles; // what m_image is coloured with
    std::vector<int> m_tileOfNode;                    // per node: its tile in m_layout, -1 when it has none
    std::vector<Label> m_labels;
    quint64 m_layoutGeneration = 0;
    quint64 m_renderGeneration = 0;

    // One worker job at a time; a request while it runs marks the result stale.
    // Requests in one pass of the event loop become one job (m_queued).
    QFuture<std::shared_ptr<Result>> m_future;
    QFutureWatcher<std::shared_ptr<Result>> m_watcher;
    bool m_queued = false;
    bool m_running = false;
    bool m_stale = false;
    bool m_paintShowsAll = false; // installing from inside a paint of the whole widget on screen
};
