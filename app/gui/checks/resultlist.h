// The plain lists the Checks tabs show their results in (modules, culprits,
// lint findings), and the row data that names a row's file in the tree.
#pragma once

#include <QStringList>

class QTreeWidget;
class QWidget;

// Data role of column 0 holding a row's FileTree::Index, or FileTree::kNone.
inline constexpr int kNodeRole = Qt::UserRole;

// A flat list with `headers`, alternating rows and a last column that takes the spare width.
[[nodiscard]] QTreeWidget *makeResultList(const QStringList &headers, QWidget *parent);
