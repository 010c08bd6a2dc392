// The explorer's three panes for one open layer: the tree view on the left,
// the treemap with its breadcrumb in the middle, rules and budget on the
// right. Keeps the selected node in step between tree and treemap and holds
// the treemap's zoom history (Back / Up).
#pragma once

#include "tree/filetree.h"

#include <QWidget>

#include <vector>

class BreadcrumbBar;
class BudgetPanel;
class LayerDocument;
class QSplitter;
class RulesPanel;
class TreePanel;
class TreemapLegend;
class TreemapWidget;

class ExplorerView : public QWidget
{
    Q_OBJECT

public:
    explicit ExplorerView(QWidget *parent = nullptr);

    void setDocument(LayerDocument *document);
    [[nodiscard]] LayerDocument *document() const { return m_document; }

    [[nodiscard]] TreePanel *treePanel() const { return m_treePanel; }
    [[nodiscard]] RulesPanel *rulesPanel() const { return m_rulesPanel; }
    [[nodiscard]] BudgetPanel *budgetPanel() const { return m_budgetPanel; }
    [[nodiscard]] TreemapWidget *treemap() const { return m_treemap; }

    // The node selected in tree and treemap (0 when none).
    [[nodiscard]] FileTree::Index currentNode() const { return m_current; }
    // The folder the treemap shows.
    [[nodiscard]] FileTree::Index treemapRoot() const { return m_root; }
    [[nodiscard]] bool canGoBack() const { return !m_history.empty(); }
    [[nodiscard]] bool canGoUp() const { return m_root != 0; }

    void zoomTo(FileTree::Index folder);
    void zoomIntoCurrent();
    void goBack();
    void goUp();
    void goTop();
    void setHidePruned(bool hide);
    // Treemap and legend colour by the distribution that installed each file
    // (once the document has read them), instead of by content category.
    void setColorByDistribution(bool on);
    [[nodiscard]] bool colorByDistribution() const { return m_colorByDistribution; }
    void selectNode(FileTree::Index node);
    void showNodeMenu(FileTree::Index node, const QPoint &globalPos);

    void saveLayout() const;
    void restoreLayout();

Q_SIGNALS:
    void navigationChanged();
    void currentNodeChanged(FileTree::Index node);
    // A line for the status bar (hovered tile), empty to clear.
    void hoverMessage(const QString &text);

private:
    void setRoot(FileTree::Index folder, bool recordHistory);
    void updateBreadcrumb();

    LayerDocument *m_document = nullptr;
    TreePanel *m_treePanel;
    RulesPanel *m_rulesPanel;
    BudgetPanel *m_budgetPanel;
    BreadcrumbBar *m_breadcrumb;
    TreemapWidget *m_treemap = nullptr;
    TreemapLegend *m_legend = nullptr;
    QWidget *m_treemapPlaceholder = nullptr;
    QSplitter *m_mainSplitter;
    QSplitter *m_sideSplitter;

    FileTree::Index m_root = 0;
    FileTree::Index m_current = 0;
    bool m_colorByDistribution = false;
    std::vector<FileTree::Index> m_history;
};
