#include "gui/shell/recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace {
const QString kKey = QStringLiteral("recentFiles");
}

QStringList RecentFiles::paths() const
{
    return QSettings().value(kKey).toStringList();
}

void RecentFiles::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxEntries)
        list.removeLast();
    QSettings().setValue(kKey, list);
    Q_EMIT changed();
}

void RecentFiles::clear()
{
    QSettings().remove(kKey);
    Q_EMIT changed();
}

void RecentFiles::populate(QMenu *menu)
{
    menu->clear();
    const QStringList list = paths();
    int n = 0;
    for (const QString &path : list) {
        ++n;
        const QString label = n < 10 ? QStringLiteral("&%1  %2").arg(n).arg(QDir::toNativeSeparators(path))
                                     : QDir::toNativeSeparators(path);
        QAction *action = menu->addAction(label);
        action->setEnabled(QFileInfo::exists(path));
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT openRequested(path); });
    }
    if (list.isEmpty())
        menu->addAction(tr("No recent layers"))->setEnabled(false);
    menu->addSeparator();
    QAction *clearAction = menu->addAction(tr("&Clear Recent"));
    clearAction->setEnabled(!list.isEmpty());
    connect(clearAction, &QAction::triggered, this, &RecentFiles::clear);
}
