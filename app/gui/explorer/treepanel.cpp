#include "gui/explorer/treepanel.h"

#include "gui/explorer/filetreemodel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

TreePanel::TreePanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new FileTreeModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTreeView(this))
    , m_filter(new QLineEdit(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(FileTreeModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(FileTreeModel::NameColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true); // a match deep down keeps its folders visible
    m_proxy->setAutoAcceptChildRows(true);       // and a matching folder shows what it holds

    m_filter->setPlaceholderText(tr("Filter by name (* and ? allowed)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("treeFilter"));
    connect(m_filter, &QLineEdit::textChanged, this, &TreePanel::applyFilter);

    m_view->setObjectName(QStringLiteral("fileTreeView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FileTreeModel::SizeColumn, Qt::DescendingOrder);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setExpandsOnDoubleClick(false);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(FileTreeModel::NameColumn, 190);
    // Badges sit beside the names, where the eye is: a finding should not need a scroll to the right.
    header->moveSection(header->visualIndex(FileTreeModel::ChecksColumn), 1);
    header->resizeSection(FileTreeModel::ChecksColumn, 112);
    header->resizeSection(FileTreeModel::SizeColumn, 68);
    header->resizeSection(FileTreeModel::KeptColumn, 68);
    header->resizeSection(FileTreeModel::PercentColumn, 62);
    header->resizeSection(FileTreeModel::FilesColumn, 50);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (!m_selecting && current.isValid())
            Q_EMIT nodeSelected(FileTreeModel::nodeOf(m_proxy->mapToSource(current)));
    });
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT nodeActivated(FileTreeModel::nodeOf(m_proxy->mapToSource(index)));
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (index.isValid())
            Q_EMIT contextMenuRequested(FileTreeModel::nodeOf(m_proxy->mapToSource(index)),
                                        m_view->viewport()->mapToGlobal(pos));
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
}

void TreePanel::setDocument(LayerDocument *document)
{
    m_filter->clear();
    m_model->setDocument(document);
    m_view->sortByColumn(m_view->header()->sortIndicatorSection(), m_view->header()->sortIndicatorOrder());
}

FileTree::Index TreePanel::currentNode() const
{
    return FileTreeModel::nodeOf(m_proxy->mapToSource(m_view->currentIndex()));
}

void TreePanel::selectNode(FileTree::Index node)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOf(node));
    if (!index.isValid())
        return;
    m_selecting = true;
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        m_view->expand(p);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    m_selecting = false;
}

void TreePanel::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void TreePanel::applyFilter(const QString &text)
{
    if (text.contains(QLatin1Char('*')) || text.contains(QLatin1Char('?')))
        m_proxy->setFilterRegularExpression(QRegularExpression(
            QRegularExpression::wildcardToRegularExpression(text, QRegularExpression::UnanchoredWildcardConversion),
            QRegularExpression::CaseInsensitiveOption));
    else
        m_proxy->setFilterFixedString(text);
    if (!text.isEmpty())
        m_view->expandToDepth(1);
}
