// The tree view pane: a name filter over a sortable QTreeView of the
// FileTreeModel. Reports the node the user selects, activates or right-clicks.
#pragma once

#include "tree/filetree.h"

#include <QWidget>

class FileTreeModel;
class LayerDocument;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

class TreePanel : public QWidget
{
    Q_OBJECT

public:
    explicit TreePanel(QWidget *parent = nullptr);

    void setDocument(LayerDocument *document);
    [[nodiscard]] FileTreeModel *model() const { return m_model; }
    [[nodiscard]] QSortFilterProxyModel *proxy() const { return m_proxy; }
    [[nodiscard]] QTreeView *view() const { return m_view; }
    [[nodiscard]] QLineEdit *filterEdit() const { return m_filter; }

    // The node of the current row; 0 (the root) when none.
    [[nodiscard]] FileTree::Index currentNode() const;
    // Expands to, selects and scrolls to `node` without emitting nodeSelected.
    void selectNode(FileTree::Index node);
    void focusFilter();

Q_SIGNALS:
    void nodeSelected(FileTree::Index node);
    void nodeActivated(FileTree::Index node);
    void contextMenuRequested(FileTree::Index node, const QPoint &globalPos);

private:
    void applyFilter(const QString &text);

    FileTreeModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTreeView *m_view;
    QLineEdit *m_filter;
    bool m_selecting = false;
};
