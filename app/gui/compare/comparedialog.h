// File ▸ Compare With…'s window: the open layer (as kept) against another
// layer, from one LayerDiff: the totals and the change in the header, a
// treemap of what grew and shrank, and sortable tables of the distributions
// and of the files added, removed and changed.
#pragma once

#include "select/layerdiff.h"

#include <QDialog>

#include <memory>

class DiffTreemap;
class QLabel;
class QTableWidget;
class QTabWidget;

class CompareDialog : public QDialog
{
    Q_OBJECT

public:
    // `nameA` and `nameB` say what each side is ("old.zip", "this layer (kept)").
    CompareDialog(std::shared_ptr<const LayerDiff> diff, const QString &nameA, const QString &nameB,
                  QWidget *parent = nullptr);

    [[nodiscard]] const LayerDiff &diff() const { return *m_diff; }
    [[nodiscard]] QLabel *header() const { return m_header; }
    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    [[nodiscard]] DiffTreemap *treemap() const { return m_treemap; }
    [[nodiscard]] QTableWidget *distributionsTable() const { return m_dists; }
    [[nodiscard]] QTableWidget *filesTable() const { return m_files; }

    // Columns of the files table.
    enum FileColumn {
        FileChangeKind, // added, removed or changed
        FilePath,       // below the package root
        FileBytesA,     // size in A (empty when added)
        FileBytesB,     // size in B (empty when removed)
        FileChange,     // B minus A; sorts by its size, either way
    };
    // Columns of the distributions table.
    enum DistColumn {
        DistName,     // as B names it, else as A does
        DistVersionA, // empty when not installed in A
        DistVersionB, // empty when not installed in B
        DistBytesA,   // kept bytes in A
        DistBytesB,   // kept bytes in B
        DistChange,   // B minus A; sorts by its size, either way
    };
    // The role holding a cell's value to sort by (bytes as qint64, text otherwise; a change's size).
    static constexpr int kSortRole = Qt::UserRole + 1;

private:
    void fillHeader(const QString &nameA, const QString &nameB);
    void fillDistributions();
    void fillFiles();

    std::shared_ptr<const LayerDiff> m_diff;
    QLabel *m_header;
    QTabWidget *m_tabs;
    DiffTreemap *m_treemap;
    QTableWidget *m_dists;
    QTableWidget *m_files;
};
