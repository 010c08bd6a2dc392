// The tree view's model, read straight from FileTree and SizeLedger (no copy
// of the tree into items): a QModelIndex's internal id is the node index.
// Checkboxes are the selection: checked = kept, unchecked = pruned,
// partially checked = a folder with some pruned descendants.
#pragma once

#include "gui/explorer/checkmarks.h"
#include "tree/filetree.h"

#include <QAbstractItemModel>
#include <QColor>
#include <QIcon>

#include <array>

#include <vector>

class LayerDocument;

class FileTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    // The columns, left to right.
    enum Column {
        NameColumn,     // file or folder name, with the keep checkbox
        SizeColumn,     // bytes of regular files in the subtree
        KeptColumn,     // of those, the bytes the selection keeps
        PercentColumn,  // share of the parent folder's bytes
        FilesColumn,    // regular files in the subtree
        PrunedByColumn, // the rule (or "manual") that prunes the node
        ChecksColumn,   // lint and verify badges (CheckMarks)
        ColumnCount
    };
    // Extra data roles.
    enum Role {
        NodeRole = Qt::UserRole + 1, // FileTree::Index of the row (quint32)
        SortRole,                    // raw value to sort by: name, or bytes / counts as quint64
    };

    explicit FileTreeModel(QObject *parent = nullptr);

    // Shows `document`'s tree (nullptr: empty model).
    void setDocument(LayerDocument *document);
    [[nodiscard]] LayerDocument *document() const { return m_document; }

    [[nodiscard]] QModelIndex indexOf(FileTree::Index node, int column = NameColumn) const;
    [[nodiscard]] static FileTree::Index nodeOf(const QModelIndex &index);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void selectionChanged();
    // dataChanged for every row a view has shown.
    void emitSeenChanged(const QList<int> &roles);
    [[nodiscard]] QVariant checksData(FileTree::Index node, int role) const;
    [[nodiscard]] static QColor levelColor(CheckMarks::Level level);
    [[nodiscard]] Qt::CheckState checkState(FileTree::Index node) const;
    [[nodiscard]] std::uint64_t keptBytes(FileTree::Index node) const;
    [[nodiscard]] QString prunedByText(FileTree::Index node) const;
    [[nodiscard]] const FileTree &tree() const;

    LayerDocument *m_document = nullptr;
    // Children in compressed-row form: node i's children are
    // m_childList[m_childStart[i] .. m_childStart[i + 1]); m_row[i] is i's row.
    std::vector<FileTree::Index> m_childStart;
    std::vector<FileTree::Index> m_childList;
    std::vector<FileTree::Index> m_row;
    // Per-selection caches, filled as rows are shown, cleared when the selection changes.
    mutable std::vector<std::int8_t> m_checkCache; // -1 unknown, else Qt::CheckState
    mutable std::vector<std::uint64_t> m_keptCache;
    mutable std::vector<bool> m_keptKnown;
    // Folders whose children a view has asked for: only those need dataChanged.
    mutable std::vector<bool> m_seen;
    QIcon m_dirIcon, m_fileIcon, m_linkIcon;
    std::array<QIcon, 4> m_levelIcons; // a coloured dot per CheckMarks::Level
};
