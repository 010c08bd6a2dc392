// The recently opened layers, newest first, kept in QSettings and shown in
// File ▸ Open Recent and on the start page.
#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

class RecentFiles : public QObject
{
    Q_OBJECT

public:
    static constexpr int kMaxEntries = 10;

    using QObject::QObject;

    [[nodiscard]] QStringList paths() const;
    void add(const QString &path);
    void clear();
    // Fills `menu` with one action per path (Alt+1…) and "Clear", emitting openRequested.
    void populate(QMenu *menu);

Q_SIGNALS:
    void changed();
    void openRequested(const QString &path);
};
