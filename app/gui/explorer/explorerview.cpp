#include "gui/explorer/explorerview.h"

#include "base/units.h"
#include "gui/budget/budgetpanel.h"
#include "gui/explorer/breadcrumbbar.h"
#include "gui/explorer/nodemenu.h"
#include "gui/explorer/treepanel.h"
#include "gui/rules/rulespanel.h"
#include "gui/shell/layerdocument.h"

#if __has_include("treemapwidget.h")
#include "gui/explorer/treemaplegend.h"
#include "gui/explorer/treemapwidget.h"
#define LAYERSLIM_HAVE_TREEMAP 1
#endif

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

ExplorerView::ExplorerView(QWidget *parent)
    : QWidget(parent)
    , m_treePanel(new TreePanel(this))
    , m_rulesPanel(new RulesPanel(this))
    , m_budgetPanel(new BudgetPanel(this))
    , m_breadcrumb(new BreadcrumbBar(this))
    , m_mainSplitter(new QSplitter(Qt::Horizontal, this))
    , m_sideSplitter(new QSplitter(Qt::Vertical, this))
{
    auto *center = new QWidget(this);
    auto *centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(0, 0, 0, 0);
    centerLayout->setSpacing(4);
    centerLayout->addWidget(m_breadcrumb);
#ifdef LAYERSLIM_HAVE_TREEMAP
    m_treemap = new TreemapWidget(center);
    m_treemap->setObjectName(QStringLiteral("treemap"));
    centerLayout->addWidget(m_treemap, 1);
    m_legend = new TreemapLegend(center);
    centerLayout->addWidget(m_legend);
    connect(m_treemap, &TreemapWidget::nodeClicked, this, [this](FileTree::Index node) { selectNode(node); });
    connect(m_treemap, &TreemapWidget::nodeActivated, this, [this](FileTree::Index node) {
        if (m_document && m_document->tree().isDir(node))
            zoomTo(node);
    });
    connect(m_treemap, &TreemapWidget::contextMenuRequested, this, &ExplorerView::showNodeMenu);
    connect(m_treemap, &TreemapWidget::nodeHovered, this, [this](FileTree::Index node) {
        if (!m_document || node == FileTree::kNone) {
            Q_EMIT hoverMessage({});
            return;
        }
        const SizeLedger &ledger = m_document->ledger();
        const int rule = ledger.prunedBy(node);
        QString text = QStringLiteral("%1 — %2").arg(m_document->tree().displayPath(node),
                                                     units::localBytes(m_document->tree().totalBytes(node)));
        if (rule == SizeLedger::kManual)
            text += tr(" — pruned by you");
        else if (rule >= 0)
            text += tr(" — pruned by “%1”").arg(RuleCatalog::all()[std::size_t(rule)].displayTitle());
        Q_EMIT hoverMessage(text);
    });
    connect(m_treemap, &TreemapWidget::rootChanged, this, [this](FileTree::Index root) {
        if (root != m_root)
            setRoot(root, true);
    });
#else
    // The treemap widget is not part of this build yet.
    auto *placeholder = new QLabel(tr("Treemap"), center);
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setFrameShape(QFrame::StyledPanel);
    placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_treemapPlaceholder = placeholder;
    centerLayout->addWidget(placeholder, 1);
#endif

    m_sideSplitter->addWidget(m_rulesPanel);
    m_sideSplitter->addWidget(m_budgetPanel);
    m_sideSplitter->setStretchFactor(0, 1);
    m_sideSplitter->setStretchFactor(1, 1);
    m_sideSplitter->setChildrenCollapsible(false);

    m_mainSplitter->addWidget(m_treePanel);
    m_mainSplitter->addWidget(center);
    m_mainSplitter->addWidget(m_sideSplitter);
    m_mainSplitter->setStretchFactor(0, 3);
    m_mainSplitter->setStretchFactor(1, 5);
    m_mainSplitter->setStretchFactor(2, 3);
    m_mainSplitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_mainSplitter);

    connect(m_treePanel, &TreePanel::nodeSelected, this, [this](FileTree::Index node) { selectNode(node); });
    connect(m_treePanel, &TreePanel::nodeActivated, this, [this](FileTree::Index node) {
        if (m_document && m_document->tree().isDir(node))
            zoomTo(node);
    });
    connect(m_treePanel, &TreePanel::contextMenuRequested, this, &ExplorerView::showNodeMenu);
    connect(m_breadcrumb, &BreadcrumbBar::nodeRequested, this, [this](FileTree::Index node) { zoomTo(node); });
}

void ExplorerView::setDocument(LayerDocument *document)
{
    m_document = document;
    m_root = 0;
    m_current = 0;
    m_history.clear();
    m_treePanel->setDocument(document);
    m_rulesPanel->setDocument(document);
    m_budgetPanel->setDocument(document);
#ifdef LAYERSLIM_HAVE_TREEMAP
    m_treemap->setLedger(document ? &document->ledger() : nullptr, document ? &document->categories() : nullptr);
    m_legend->setLedger(document ? &document->ledger() : nullptr, document ? &document->categories() : nullptr);
    if (document) {
        connect(document, &LayerDocument::selectionChanged, m_treemap, &TreemapWidget::selectionChanged);
        connect(document, &LayerDocument::selectionChanged, m_legend, &TreemapLegend::selectionChanged);
        connect(document, &LayerDocument::distributionsReady, this,
                [this] { setColorByDistribution(m_colorByDistribution); });
        m_treemap->setRoot(0);
    }
#endif
    setColorByDistribution(m_colorByDistribution);
    updateBreadcrumb();
    Q_EMIT navigationChanged();
    Q_EMIT currentNodeChanged(0);
}

void ExplorerView::selectNode(FileTree::Index node)
{
    if (!m_document || node == FileTree::kNone || node == m_current)
        return;
    m_current = node;
    m_treePanel->selectNode(node);
#ifdef LAYERSLIM_HAVE_TREEMAP
    m_treemap->setSelectedNode(node);
#endif
    const FileTree &tree = m_document->tree();
    const FileTree::Index packageRoot = tree.packageRoot();
    bool inside = false;
    for (FileTree::Index p = tree.parent(node); p != FileTree::kNone && !inside;
         p = p == 0 ? FileTree::kNone : tree.parent(p))
        inside = p == packageRoot;
    QString glob;
    if (inside)
        glob = FileTree::displayName(tree.packagePath(node)) + (tree.isDir(node) ? QStringLiteral("/**") : QString());
    m_rulesPanel->setSuggestedException(glob);
    Q_EMIT currentNodeChanged(node);
}

void ExplorerView::zoomTo(FileTree::Index folder)
{
    if (!m_document || !m_document->tree().isDir(folder) || folder == m_root)
        return;
    setRoot(folder, true);
}

void ExplorerView::zoomIntoCurrent()
{
    if (!m_document)
        return;
    FileTree::Index node = m_current;
    if (!m_document->tree().isDir(node))
        node = m_document->tree().parent(node);
    zoomTo(node);
}

void ExplorerView::goBack()
{
    if (m_history.empty())
        return;
    const FileTree::Index previous = m_history.back();
    m_history.pop_back();
    setRoot(previous, false);
}

void ExplorerView::goUp()
{
    if (m_document && m_root != 0)
        setRoot(m_document->tree().parent(m_root), true);
}

void ExplorerView::goTop()
{
    if (m_root != 0)
        setRoot(0, true);
}

void ExplorerView::setRoot(FileTree::Index folder, bool recordHistory)
{
    if (recordHistory)
        m_history.push_back(m_root);
    m_root = folder;
#ifdef LAYERSLIM_HAVE_TREEMAP
    m_treemap->setRoot(folder);
#endif
    updateBreadcrumb();
    Q_EMIT navigationChanged();
}

void ExplorerView::setHidePruned(bool hide)
{
#ifdef LAYERSLIM_HAVE_TREEMAP
    m_treemap->setHidePruned(hide);
#else
    Q_UNUSED(hide)
#endif
}

void ExplorerView::setColorByDistribution(bool on)
{
    m_colorByDistribution = on;
#ifdef LAYERSLIM_HAVE_TREEMAP
    std::shared_ptr<const Distributions> dists = on && m_document ? m_document->sharedDistributions() : nullptr;
    m_legend->setDistributions(dists.get());
    m_treemap->setDistributions(std::move(dists));
#endif
}

void ExplorerView::updateBreadcrumb()
{
    if (!m_document) {
        m_breadcrumb->setPath(nullptr, 0, {});
        return;
    }
    m_breadcrumb->setPath(&m_document->tree(), m_root, QFileInfo(m_document->path()).fileName());
}

void ExplorerView::showNodeMenu(FileTree::Index node, const QPoint &globalPos)
{
    if (!m_document || node == FileTree::kNone)
        return;
    NodeMenu menu(m_document, node, this);
    connect(&menu, &NodeMenu::zoomRequested, this, &ExplorerView::zoomTo);
    connect(&menu, &NodeMenu::selectInTreeRequested, this, [this](FileTree::Index n) {
        selectNode(n);
        m_treePanel->view()->setFocus();
    });
    menu.exec(globalPos);
}

void ExplorerView::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("explorer/mainSplitter"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("explorer/sideSplitter"), m_sideSplitter->saveState());
    settings.setValue(QStringLiteral("explorer/treeHeader"), m_treePanel->view()->header()->saveState());
}

void ExplorerView::restoreLayout()
{
    QSettings settings;
    if (!m_mainSplitter->restoreState(settings.value(QStringLiteral("explorer/mainSplitter")).toByteArray()))
        m_mainSplitter->setSizes({500, 600, 500});
    if (!m_sideSplitter->restoreState(settings.value(QStringLiteral("explorer/sideSplitter")).toByteArray()))
        m_sideSplitter->setSizes({420, 280});
    m_treePanel->view()->header()->restoreState(settings.value(QStringLiteral("explorer/treeHeader")).toByteArray());
}
