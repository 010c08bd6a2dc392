#include "gui/explorer/nodemenu.h"

#include "base/units.h"
#include "gui/shell/layerdocument.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QStyle>
#include <QUrl>

NodeMenu::NodeMenu(LayerDocument *document, FileTree::Index node, QWidget *parent)
    : QMenu(parent)
{
    const FileTree &tree = document->tree();
    const SizeLedger &ledger = document->ledger();
    const QString name = node == 0 ? tr("whole layer") : FileTree::displayName(tree.name(node));
    addSection(QStringLiteral("%1 — %2").arg(name, units::localBytes(tree.totalBytes(node))));

    QAction *prune = addAction(tr("&Prune"), this, [document, node] { document->mark(node, SizeLedger::Mark::Prune); });
    prune->setEnabled(ledger.keptBytes(node) > 0 || !ledger.isPruned(node));
    QAction *keep = addAction(tr("&Keep"), this, [document, node] { document->mark(node, SizeLedger::Mark::Keep); });
    keep->setEnabled(ledger.keptBytes(node) < tree.totalBytes(node) || ledger.isPruned(node));
    addAction(tr("&Let Rules Decide"), this, [document, node] { document->mark(node, SizeLedger::Mark::Inherit); });
    addSeparator();
    if (tree.isDir(node))
        addAction(style()->standardIcon(QStyle::SP_FileDialogContentsView), tr("&Zoom Treemap Here"), this,
                  [this, node] { Q_EMIT zoomRequested(node); });
    if (node != 0)
        addAction(tr("&Select in Tree"), this, [this, node] { Q_EMIT selectInTreeRequested(node); });
    addAction(tr("&Copy Path"), this, [&tree, node] { QApplication::clipboard()->setText(tree.displayPath(node)); });
    QAction *open =
        addAction(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("&Open Containing Folder"), this, [&tree, node] {
            const QString full = QDir(tree.rootPath()).filePath(tree.displayPath(node));
            QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(full).absolutePath()));
        });
    open->setEnabled(tree.source() == FileTree::Source::Directory);
}
