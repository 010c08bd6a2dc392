#include "gui/compare/difftreemap.h"

#include "base/units.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

DiffTreemap::DiffTreemap(QWidget *parent)
    : QWidget(parent)
{
    setMinimumSize(200, 150);
    setMouseTracking(true);
}

QColor DiffTreemap::grewColor()
{
    return QColor(214, 96, 77); // warm: more bytes against the limit
}

QColor DiffTreemap::shrankColor()
{
    return QColor(77, 172, 120); // green: bytes freed
}

void DiffTreemap::setDiff(const LayerDiff &diff)
{
    m_tree = diff.changeTree();
    // Growth below each node, summed child to parent (preorder: children follow their parent).
    const FileTree &t = m_tree.tree;
    m_grewBytes.assign(t.count(), 0);
    for (FileTree::Index i = t.count(); i-- > 1;) {
        if (t.isFile(i) && m_tree.grew[i])
            m_grewBytes[i] += t.size(i);
        m_grewBytes[t.parent(i)] += m_grewBytes[i];
    }
    relayout();
}

bool DiffTreemap::tileGrew(int tile) const
{
    const TreemapLayout::Tile &t = m_layout.tiles()[std::size_t(tile)];
    const FileTree::Index n = t.kind == TreemapLayout::TileKind::Merged ? t.detail : t.node;
    return 2 * m_grewBytes[n] > m_tree.tree.totalBytes(n);
}

void DiffTreemap::relayout()
{
    m_image = QImage();
    if (m_tree.tree.count() <= 1 || width() <= 0 || height() <= 0) {
        m_layout = TreemapLayout();
        update();
        return;
    }
    const qreal dpr = devicePixelRatioF();
    const QSize px(qRound(width() * dpr), qRound(height() * dpr));
    m_layout = TreemapLayout::compute(m_tree.tree, 0, QRectF(QPointF(0, 0), QSizeF(px)), TreemapLayout::Options{});
    m_renderer.shade(m_layout, px);
    std::vector<TreemapRenderer::TileStyle> styles(m_layout.tiles().size());
    for (std::size_t i = 0; i < styles.size(); ++i)
        if (m_layout.tiles()[i].isLeaf())
            styles[i].color = (tileGrew(int(i)) ? grewColor() : shrankColor()).rgb();
    m_renderer.colorize(m_layout, styles, m_image);
    m_image.setDevicePixelRatio(dpr);
    update();
}

void DiffTreemap::resizeEvent(QResizeEvent *)
{
    relayout();
}

void DiffTreemap::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    if (m_image.isNull()) {
        p.fillRect(rect(), palette().window());
        p.drawText(rect(), Qt::AlignCenter, tr("No file changed."));
        return;
    }
    p.drawImage(0, 0, m_image);
    // Names on the tiles large enough to hold them.
    const qreal dpr = devicePixelRatioF();
    p.setPen(Qt::white);
    const QFontMetrics fm = p.fontMetrics();
    const auto &tiles = m_layout.tiles();
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const TreemapLayout::Tile &t = tiles[i];
        if (!t.isLeaf() || t.kind == TreemapLayout::TileKind::Merged)
            continue;
        const QRectF r(t.x / dpr, t.y / dpr, t.w / dpr, t.h / dpr);
        if (r.width() < 60 || r.height() < 2.4 * fm.height())
            continue;
        // The path, so that face.dat says it is scipy's; cut in the middle when long.
        const QString name = m_tree.tree.displayPath(t.node);
        const QString size = units::localChange(tileGrew(int(i)) ? qint64(t.weight) : -qint64(t.weight));
        const QRectF inner = r.adjusted(4, 2, -4, -2);
        p.drawText(inner, Qt::AlignLeft | Qt::AlignTop, fm.elidedText(name, Qt::ElideMiddle, int(inner.width())));
        p.drawText(inner.adjusted(0, fm.height(), 0, 0), Qt::AlignLeft | Qt::AlignTop, size);
    }
}

bool DiffTreemap::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    auto *help = static_cast<QHelpEvent *>(event);
    const int tile = m_layout.tileAt(QPointF(help->pos()) * devicePixelRatioF());
    if (tile < 0) {
        QToolTip::hideText();
        return true;
    }
    const TreemapLayout::Tile &t = m_layout.tiles()[std::size_t(tile)];
    const FileTree &tree = m_tree.tree;
    const FileTree::Index n = t.kind == TreemapLayout::TileKind::Merged ? t.node : t.detail;
    const std::uint64_t grew = m_grewBytes[n], total = tree.totalBytes(n);
    QString text = QStringLiteral("<b>%1</b><br>").arg(tree.displayPath(n).toHtmlEscaped());
    if (tree.isFile(n))
        text += (m_tree.grew[n] ? tr("grew by %1") : tr("shrank by %1")).arg(units::localBytes(tree.size(n)));
    else
        text += tr("%n files changed: %1 more, %2 less", nullptr, int(tree.totalFiles(n)))
                    .arg(units::localBytes(grew), units::localBytes(total - grew));
    QToolTip::showText(help->globalPos(), text, this);
    return true;
}
