// The treemap's breadcrumb: one flat button per folder from the layer's root
// down to the folder the treemap shows; clicking one zooms back out to it.
#pragma once

#include "tree/filetree.h"

#include <QWidget>

class QHBoxLayout;

class BreadcrumbBar : public QWidget
{
    Q_OBJECT

public:
    explicit BreadcrumbBar(QWidget *parent = nullptr);

    // Shows the path to `node` in `tree` (nullptr clears).
    void setPath(const FileTree *tree, FileTree::Index node, const QString &rootLabel);

Q_SIGNALS:
    void nodeRequested(FileTree::Index node);

private:
    QHBoxLayout *m_layout;
};
