// The right-click menu of a file or folder, shared by the tree view and the
// treemap: prune / keep / let rules decide, zoom, select in tree, copy path,
// open the containing folder.
#pragma once

#include "tree/filetree.h"

#include <QMenu>

class LayerDocument;

class NodeMenu : public QMenu
{
    Q_OBJECT

public:
    NodeMenu(LayerDocument *document, FileTree::Index node, QWidget *parent = nullptr);

Q_SIGNALS:
    void zoomRequested(FileTree::Index node);
    void selectInTreeRequested(FileTree::Index node);
};
