#include "gui/checks/resultlist.h"

#include <QHeaderView>
#include <QTreeWidget>

QTreeWidget *makeResultList(const QStringList &headers, QWidget *parent)
{
    auto *list = new QTreeWidget(parent);
    list->setHeaderLabels(headers);
    list->setRootIsDecorated(false);
    list->setUniformRowHeights(true);
    list->setAlternatingRowColors(true);
    list->header()->setStretchLastSection(true);
    return list;
}
