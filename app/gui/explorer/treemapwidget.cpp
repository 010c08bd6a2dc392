#include "gui/explorer/treemapwidget.h"

#include "base/units.h"
#include "select/distributions.h"
#include "select/rules.h"
#include "select/sizeledger.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QThreadPool>
#include <QToolTip>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

// What the worker needs: everything by value or shared except the tree,
// which is immutable and outlives the job (setLedger and the destructor wait
// for it).
struct TreemapWidget::Job {
    const FileTree *tree = nullptr;
    FileTree::Index root = FileTree::kNone;
    QSize size;
    bool hidePruned = false;
    Bitset pruned;
    // What colours the tiles, as it was when the job started (m_styleStamp).
    std::shared_ptr<const std::vector<NodeCategory>> dominant;
    std::shared_ptr<const Distributions> dists;
    quint64 styleStamp = 0;
};

// The layout, shaded and coloured: installing it on the GUI thread is a swap.
struct TreemapWidget::Result {
    Job job;
    TreemapLayout layout;
    TreemapRenderer renderer;
    std::vector<TreemapRenderer::TileStyle> styles;
    QImage image;
};

namespace {

// The treemap's own worker: what the user is looking at never queues behind
// the background passes (exact zip size, metadata, duplicates) that share
// the global pool.
QThreadPool *layoutPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool(qApp);
        p->setMaxThreadCount(1);
        return p;
    }();
    return pool;
}

// Kept bytes of every subtree, in one reverse pass (children follow parents).
std::vector<std::uint64_t> keptWeights(const FileTree &tree, const Bitset &pruned)
{
    std::vector<std::uint64_t> w(tree.count(), 0);
    for (FileTree::Index i = tree.count(); i-- > 0;) {
        if (tree.isFile(i) && !pruned.test(i))
            w[i] += tree.size(i);
        if (i > 0)
            w[tree.parent(i)] += w[i];
    }
    return w;
}

// Each leaf tile's colour: its distribution's or its content category's,
// dimmed and hatched when pruned (`pruned` null: pruned tiles are not shown).
std::vector<TreemapRenderer::TileStyle> tileStyles(const TreemapLayout &layout,
                                                   const std::vector<NodeCategory> &dominant,
                                                   const Distributions *dists, const Bitset *pruned)
{
    const auto &tiles = layout.tiles();
    std::vector<TreemapRenderer::TileStyle> styles(tiles.size());
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const auto &t = tiles[i];
        if (!t.isLeaf())
            continue;
        const FileTree::Index shown = t.kind == TreemapLayout::TileKind::Merged ? t.detail : t.node;
        const QRgb base = dists ? TreemapRenderer::distributionColor(dists->ownerOf(shown))
                                : TreemapRenderer::categoryColor(dominant[shown]);
        const bool isPruned = pruned && pruned->test(shown);
        styles[i] = {isPruned ? TreemapRenderer::prunedColor(base) : base, isPruned};
    }
    return styles;
}

} // namespace

TreemapWidget::TreemapWidget(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Treemap"));
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<Result>>::finished, this, &TreemapWidget::jobFinished);
}

TreemapWidget::~TreemapWidget()
{
    m_watcher.disconnect(this);
    if (m_running)
        m_future.waitForFinished();
}

void TreemapWidget::setLedger(const SizeLedger *ledger, const std::vector<NodeCategory> *categories)
{
    if (m_running) { // the job reads the old tree; its result is dropped
        m_future.waitForFinished();
        m_running = m_stale = false;
    }
    m_ledger = ledger;
    m_layout = TreemapLayout();
    m_image = QImage();
    m_styles.clear();
    m_tileOfNode.clear();
    m_labels.clear();
    m_selected = m_hovered = FileTree::kNone;
    m_dominant.reset();
    m_dists.reset();
    ++m_styleStamp;
    m_root = FileTree::kNone;
    if (ledger) {
        const FileTree &tree = ledger->tree();
        std::vector<NodeCategory> classified;
        if (!categories)
            categories = &(classified = NodeClassifier::classifyAll(tree));
        m_dominant =
            std::make_shared<const std::vector<NodeCategory>>(NodeClassifier::dominantCategories(tree, *categories));
        m_root = 0;
        scheduleLayout();
    }
    update();
    Q_EMIT rootChanged(m_root);
}

void TreemapWidget::setDistributions(std::shared_ptr<const Distributions> dists)
{
    if (dists == m_dists)
        return;
    m_dists = std::move(dists);
    ++m_styleStamp;
    m_styles.clear(); // every tile's colour changes
    recolor();
}

void TreemapWidget::setRoot(FileTree::Index dir)
{
    if (!m_ledger || dir >= m_ledger->tree().count() || dir == m_root)
        return;
    m_root = dir;
    m_hovered = FileTree::kNone;
    scheduleLayout();
    Q_EMIT rootChanged(dir);
}

void TreemapWidget::selectionChanged()
{
    if (!m_ledger)
        return;
    if (m_hidePruned) { // tiles are laid out by kept bytes; pruned ones are not drawn
        scheduleLayout();
    } else {
        ++m_styleStamp;
        recolor();
    }
}

void TreemapWidget::setHidePruned(bool hide)
{
    if (hide == m_hidePruned)
        return;
    m_hidePruned = hide;
    if (m_ledger)
        scheduleLayout();
}

void TreemapWidget::setSelectedNode(FileTree::Index node)
{
    if (node == m_selected)
        return;
    m_selected = node;
    update();
}

bool TreemapWidget::isLayoutPending() const
{
    return m_queued || m_running || m_stale;
}

void TreemapWidget::waitForLayout()
{
    // A finished job may ask for another (the size or root changed meanwhile).
    while (m_queued || m_running) {
        if (m_queued)
            startPendingLayout(); // clears m_queued, whether it starts a job or not
        if (m_running) {
            m_future.waitForFinished();
            jobFinished();
        }
    }
}

void TreemapWidget::scheduleLayout()
{
    if (!m_ledger || m_queued)
        return;
    if (m_running) {
        m_stale = true;
        return;
    }
    // Started when the event loop next runs: a new layer, its docks shown and
    // the root set arrive together, and the window settles its size first, so
    // the first layout is at the size it is shown at.
    m_queued = true;
    QMetaObject::invokeMethod(this, &TreemapWidget::startPendingLayout, Qt::QueuedConnection);
}

void TreemapWidget::startPendingLayout()
{
    if (!m_queued) // started already (by waitForLayout() or an earlier call)
        return;
    // Pending layout requests first: they may resize this widget.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    m_queued = false;
    if (!m_ledger || m_running || width() <= 0 || height() <= 0)
        return;
    Job job;
    job.tree = &m_ledger->tree();
    job.root = m_root;
    job.size = pixelSize();
    job.hidePruned = m_hidePruned;
    job.pruned = m_ledger->pruned();
    job.dominant = m_dominant;
    job.dists = m_dists;
    job.styleStamp = m_styleStamp;
    m_stale = false;
    m_running = true;
    m_future = QtConcurrent::run(layoutPool(), [job = std::move(job)]() mutable {
        auto result = std::make_shared<Result>();
        std::vector<std::uint64_t> weights;
        if (job.hidePruned)
            weights = keptWeights(*job.tree, job.pruned);
        result->layout = TreemapLayout::compute(*job.tree, job.root, QRectF(QPointF(0, 0), QSizeF(job.size)),
                                                TreemapLayout::Options{}, weights);
        result->renderer.shade(result->layout, job.size);
        if (!result->layout.isEmpty()) {
            result->styles =
                tileStyles(result->layout, *job.dominant, job.dists.get(), job.hidePruned ? nullptr : &job.pruned);
            result->renderer.colorize(result->layout, result->styles, result->image);
        }
        result->job = std::move(job);
        return result;
    });
    m_watcher.setFuture(m_future);
}

void TreemapWidget::jobFinished()
{
    if (!m_running || !m_future.isFinished())
        return; // a stale notification, or waitForLayout() took the result already
    m_running = false;
    std::shared_ptr<Result> result = m_future.result();
    // A result for another root or mode would show the wrong thing; one for an
    // older size is still worth showing (scaled) until the next one is ready.
    if (result && m_ledger && result->job.root == m_root && result->job.hidePruned == m_hidePruned)
        install(std::move(*result));
    if (m_stale || (m_ledger && (!result || result->job.size != pixelSize() || result->job.root != m_root)))
        scheduleLayout();
}

void TreemapWidget::install(Result &&result)
{
    m_layout = std::move(result.layout);
    m_renderer = std::move(result.renderer);
    ++m_layoutGeneration;
    m_tileOfNode.assign(m_ledger->tree().count(), -1);
    const auto &tiles = m_layout.tiles();
    for (std::size_t i = 0; i < tiles.size(); ++i)
        if (tiles[i].kind != TreemapLayout::TileKind::Merged)
            m_tileOfNode[tiles[i].node] = int(i);
    // Coloured on the worker. If the selection or colouring changed while the
    // job ran, that colouring is the previous one of this layout, and only
    // the tiles that changed since are painted again.
    m_image = std::move(result.image);
    m_styles = std::move(result.styles);
    if (result.job.styleStamp == m_styleStamp && !m_layout.isEmpty()) {
        ++m_renderGeneration;
        if (!m_paintShowsAll)
            update();
    } else {
        recolor();
    }
    placeLabels();
}

void TreemapWidget::recolor()
{
    if (!m_ledger || m_layout.isEmpty()) {
        m_image = QImage(); // nothing has bytes here (or all of it is hidden as pruned)
        ++m_renderGeneration;
        update();
        return;
    }
    auto styles = tileStyles(m_layout, *m_dominant, m_dists.get(), m_hidePruned ? nullptr : &m_ledger->pruned());
    m_renderer.colorize(m_layout, styles, m_image, m_styles);
    m_styles = std::move(styles);
    ++m_renderGeneration;
    if (!m_paintShowsAll)
        update();
}

void TreemapWidget::placeLabels()
{
    m_labels.clear();
    if (!m_ledger)
        return;
    const FileTree &tree = m_ledger->tree();
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics plainMetrics(font()), boldMetrics(bold);
    const int textHeight = boldMetrics.height();
    for (const auto &t : m_layout.tiles()) {
        if (t.depth == 0 || t.kind == TreemapLayout::TileKind::Merged || m_labels.size() >= 400)
            continue;
        const bool folder = t.kind != TreemapLayout::TileKind::File;
        const QRect px = toWidget(TreemapRenderer::pixelRect(t));
        // Folders get a name tab in their corner; files a label only when roomy.
        if (px.height() < textHeight * (folder ? 2 : 3) || px.width() < (folder ? 40 : 80) || t.depth > 4)
            continue;
        const bool isBold = folder && t.depth == 1;
        const QFontMetrics &fm = isBold ? boldMetrics : plainMetrics;
        // Name and size when both fit, else the name alone, else an elided name
        // of at least a few characters, else nothing: no "…KB" crumbs.
        const QString name = FileTree::displayName(tree.name(t.node));
        const QString both = tr("%1  %2").arg(name, units::localBytes(t.weight));
        const int room = px.width() - 12;
        QString text = both;
        if (fm.horizontalAdvance(both) > room) {
            text = fm.elidedText(name, Qt::ElideRight, room);
            if (text != name && text.size() < 5)
                continue;
        }
        // A nested folder often shares its parent's corner: step below the
        // labels already there while the tile has room.
        QRect box(px.x() + 2, px.y() + 2, fm.horizontalAdvance(text) + 8, fm.height() + 2);
        for (int attempt = 0; attempt < 4; ++attempt) {
            const auto clash =
                std::find_if(m_labels.begin(), m_labels.end(), [&](const Label &l) { return l.box.intersects(box); });
            if (clash == m_labels.end()) {
                m_labels.push_back({box, text, isBold});
                break;
            }
            box.moveTop(clash->box.bottom() + 2);
            if (box.bottom() > px.bottom() - textHeight)
                break;
        }
    }
}

FileTree::Index TreemapWidget::nodeAt(QPoint pos) const
{
    if (m_layout.isEmpty() || width() <= 0 || height() <= 0)
        return FileTree::kNone;
    // While a relayout is pending the old layout is shown scaled: map into it.
    const QRectF b = m_layout.bounds();
    const QPointF p((pos.x() + 0.5) * b.width() / width(), (pos.y() + 0.5) * b.height() / height());
    const int tile = m_layout.tileAt(p);
    return tile < 0 ? FileTree::kNone : m_layout.tiles()[std::size_t(tile)].node;
}

QSize TreemapWidget::pixelSize() const
{
    const qreal dpr = devicePixelRatioF();
    return {int(std::lround(width() * dpr)), int(std::lround(height() * dpr))};
}

QRect TreemapWidget::toWidget(const QRect &px) const
{
    const QRectF b = m_layout.bounds();
    if (b.size() == QSizeF(size()) || b.isEmpty())
        return px;
    const double sx = width() / b.width(), sy = height() / b.height();
    const QPoint topLeft(int(std::lround(px.x() * sx)), int(std::lround(px.y() * sy)));
    const QPoint end(int(std::lround((px.x() + px.width()) * sx)), int(std::lround((px.y() + px.height()) * sy)));
    return {topLeft, QSize(end.x() - topLeft.x(), end.y() - topLeft.y())};
}

QRect TreemapWidget::tileRect(FileTree::Index node) const
{
    if (node >= m_tileOfNode.size() || m_tileOfNode[node] < 0)
        return {};
    return toWidget(TreemapRenderer::pixelRect(m_layout.tiles()[std::size_t(m_tileOfNode[node])]));
}

QRect TreemapWidget::visibleRect(FileTree::Index node) const
{
    // A node too small for its own tile is outlined through its nearest ancestor that has one.
    for (FileTree::Index n = node; m_ledger && n < m_tileOfNode.size(); n = m_ledger->tree().parent(n)) {
        if (const QRect r = tileRect(n); !r.isEmpty())
            return r;
        if (n == m_root)
            break;
    }
    return {};
}

QString TreemapWidget::toolTipText(FileTree::Index node) const
{
    if (!m_ledger || node >= m_ledger->tree().count())
        return {};
    const FileTree &tree = m_ledger->tree();
    QString path = tree.displayPath(node);
    if (path.isEmpty())
        path = tree.rootPath();
    QStringList lines;
    lines << QStringLiteral("<b>%1</b>").arg(path.toHtmlEscaped());
    const std::uint64_t total = tree.totalBytes(node);
    if (tree.isDir(node)) {
        lines << tr("Size: %1 in %n file(s)", nullptr, int(tree.totalFiles(node))).arg(units::localBytes(total));
        const std::uint64_t kept = m_ledger->keptBytes(node);
        if (kept != total)
            lines << tr("Kept: %1 (%2 pruned)").arg(units::localBytes(kept), units::localBytes(total - kept));
    } else {
        lines << tr("Size: %1").arg(units::localBytes(total));
    }
    lines << tr("Category: %1").arg(NodeClassifier::displayName((*m_dominant)[node]));
    if (m_dists) {
        const int owner = m_dists->ownerOf(node);
        lines << (owner == Distributions::kNone
                      ? tr("Distribution: none, or several")
                      : tr("Distribution: %1 %2").arg(m_dists->at(owner).name, m_dists->at(owner).version));
    }
    const int rule = m_ledger->prunedBy(node);
    if (rule == SizeLedger::kManual)
        lines << tr("Pruned: manual");
    else if (rule >= 0)
        lines << tr("Pruned by rule: %1").arg(RuleCatalog::all()[std::size_t(rule)].displayTitle());
    return lines.join(QStringLiteral("<br>"));
}

void TreemapWidget::paintEvent(QPaintEvent *event)
{
    // A layout that finished while the window was busy painting its other
    // panels is shown in this frame rather than in the next one. Installing
    // it asks for a repaint, needless when this paint covers the whole
    // widget; one of part of it still needs it (Qt defers a repaint asked for
    // during a paint behind every other event). A grab() of the whole widget
    // (screenshots) counts as covering it: the screen shows the layout at its
    // next paint.
    if (isLayoutReady()) {
        m_paintShowsAll = event->region().contains(rect());
        jobFinished();
        m_paintShowsAll = false;
    }
    QPainter p(this);
    if (m_image.isNull()) {
        p.fillRect(rect(), palette().window());
        p.setPen(palette().color(QPalette::PlaceholderText));
        QString text = tr("No layer open");
        if (m_ledger && isLayoutPending())
            text = tr("Laying out…");
        else if (m_ledger && m_hidePruned)
            text = tr("Everything here is pruned.");
        else if (m_ledger)
            text = tr("Nothing here takes up space.");
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, text);
        return;
    }
    // The image has one pixel per device pixel; while a relayout for a new
    // size runs, the previous image is shown scaled.
    const bool exact = m_image.size() == pixelSize();
    if (!exact)
        p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.drawImage(QRectF(rect()), m_image, QRectF(m_image.rect()));
    if (exact) {
        QFont bold = font();
        bold.setBold(true);
        for (const Label &l : m_labels) {
            p.fillRect(l.box, QColor(0, 0, 0, 165));
            p.setPen(Qt::white);
            p.setFont(l.bold ? bold : font());
            p.drawText(l.box.adjusted(4, 1, -2, 0), Qt::AlignLeft | Qt::AlignVCenter, l.text);
        }
    }
    if (m_hovered != FileTree::kNone && m_hovered != m_selected) {
        p.setPen(QPen(QColor(255, 255, 255, 180), 1));
        p.drawRect(visibleRect(m_hovered).adjusted(0, 0, -1, -1));
    }
    if (m_selected != FileTree::kNone) {
        const QRect r = visibleRect(m_selected);
        if (!r.isEmpty()) {
            p.setPen(QPen(Qt::black, 3));
            p.drawRect(r.adjusted(1, 1, -2, -2));
            p.setPen(QPen(Qt::white, 1));
            p.drawRect(r.adjusted(1, 1, -2, -2));
        }
    }
    if (exact)
        Q_EMIT treemapPainted();
}

void TreemapWidget::resizeEvent(QResizeEvent *)
{
    scheduleLayout();
}

void TreemapWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    const FileTree::Index node = nodeAt(event->position().toPoint());
    if (node == FileTree::kNone)
        return;
    setSelectedNode(node);
    Q_EMIT nodeClicked(node);
}

void TreemapWidget::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_ledger)
        return QWidget::mouseDoubleClickEvent(event);
    FileTree::Index node = nodeAt(event->position().toPoint());
    if (node == FileTree::kNone || node == m_root)
        return;
    // Zoom one level: the child of the current root on the way to the hit node.
    const FileTree &tree = m_ledger->tree();
    FileTree::Index step = node;
    while (tree.parent(step) != m_root && tree.parent(step) != FileTree::kNone)
        step = tree.parent(step);
    Q_EMIT nodeActivated(tree.isDir(step) ? step : node);
}

void TreemapWidget::keyPressEvent(QKeyEvent *event)
{
    // Keyboard twins of the mouse: Enter = double-click, Menu / Shift+F10 = right-click.
    if (!m_ledger || m_selected == FileTree::kNone)
        return QWidget::keyPressEvent(event);
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        Q_EMIT nodeActivated(m_selected);
        return;
    case Qt::Key_F10: // the Menu key arrives as a QContextMenuEvent
        if (event->modifiers() & Qt::ShiftModifier)
            break;
        return QWidget::keyPressEvent(event);
    default:
        return QWidget::keyPressEvent(event);
    }
    const QRect r = visibleRect(m_selected);
    Q_EMIT contextMenuRequested(m_selected, mapToGlobal(r.isEmpty() ? rect().center() : r.center()));
}

void TreemapWidget::mouseMoveEvent(QMouseEvent *event)
{
    const FileTree::Index node = nodeAt(event->position().toPoint());
    if (node != m_hovered) {
        m_hovered = node;
        update();
        Q_EMIT nodeHovered(node);
    }
    QWidget::mouseMoveEvent(event);
}

void TreemapWidget::leaveEvent(QEvent *event)
{
    if (m_hovered != FileTree::kNone) {
        m_hovered = FileTree::kNone;
        update();
        Q_EMIT nodeHovered(FileTree::kNone);
    }
    QWidget::leaveEvent(event);
}

void TreemapWidget::contextMenuEvent(QContextMenuEvent *event)
{
    if (event->reason() == QContextMenuEvent::Keyboard && m_selected != FileTree::kNone) {
        const QRect r = visibleRect(m_selected);
        Q_EMIT contextMenuRequested(m_selected, mapToGlobal(r.isEmpty() ? rect().center() : r.center()));
        return;
    }
    const FileTree::Index node = nodeAt(event->pos());
    if (node == FileTree::kNone)
        return;
    Q_EMIT contextMenuRequested(node, event->globalPos());
}

bool TreemapWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const FileTree::Index node = nodeAt(help->pos());
        if (node == FileTree::kNone)
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), toolTipText(node), this, tileRect(node));
        return true;
    }
    return QWidget::event(event);
}
