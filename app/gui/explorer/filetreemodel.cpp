#include "gui/explorer/filetreemodel.h"

#include "base/units.h"
#include "gui/checks/statusdot.h"
#include "gui/shell/layerdocument.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QStyle>

FileTreeModel::FileTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    QStyle *style = QApplication::style();
    m_dirIcon = style->standardIcon(QStyle::SP_DirIcon);
    m_fileIcon = style->standardIcon(QStyle::SP_FileIcon);
    m_linkIcon = style->standardIcon(QStyle::SP_FileLinkIcon);
    for (const auto level : {CheckMarks::Level::Passed, CheckMarks::Level::Warning, CheckMarks::Level::Error})
        m_levelIcons[std::size_t(level)] = statusDot(levelColor(level));
}

const FileTree &FileTreeModel::tree() const
{
    return m_document->tree();
}

void FileTreeModel::setDocument(LayerDocument *document)
{
    beginResetModel();
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_childStart.clear();
    m_childList.clear();
    m_row.clear();
    if (m_document) {
        const FileTree &t = tree();
        const FileTree::Index n = t.count();
        m_childStart.assign(std::size_t(n) + 1, 0);
        for (FileTree::Index i = 1; i < n; ++i)
            ++m_childStart[t.parent(i) + 1];
        for (FileTree::Index i = 0; i < n; ++i)
            m_childStart[i + 1] += m_childStart[i];
        m_childList.resize(n > 0 ? n - 1 : 0);
        m_row.assign(n, 0);
        std::vector<FileTree::Index> fill(m_childStart.begin(), m_childStart.end() - 1);
        // Preorder visits each folder's children in stored order.
        for (FileTree::Index i = 1; i < n; ++i) {
            const FileTree::Index p = t.parent(i);
            m_row[i] = fill[p] - m_childStart[p];
            m_childList[fill[p]++] = i;
        }
        connect(m_document, &LayerDocument::selectionChanged, this, &FileTreeModel::selectionChanged);
        connect(m_document, &LayerDocument::checksChanged, this, [this] {
            emitSeenChanged({Qt::DisplayRole, Qt::DecorationRole, Qt::ForegroundRole, Qt::ToolTipRole, SortRole});
        });
    }
    const std::size_t n = m_document ? tree().count() : 0;
    m_checkCache.assign(n, -1);
    m_keptCache.assign(n, 0);
    m_keptKnown.assign(n, false);
    m_seen.assign(n, false);
    endResetModel();
}

void FileTreeModel::selectionChanged()
{
    std::fill(m_checkCache.begin(), m_checkCache.end(), std::int8_t(-1));
    std::fill(m_keptKnown.begin(), m_keptKnown.end(), false);
    emitSeenChanged({Qt::DisplayRole, Qt::CheckStateRole, Qt::ForegroundRole, Qt::FontRole, SortRole});
}

void FileTreeModel::emitSeenChanged(const QList<int> &roles)
{
    for (FileTree::Index p = 0; p < FileTree::Index(m_seen.size()); ++p) {
        const int rows = int(m_childStart[p + 1] - m_childStart[p]);
        if (!m_seen[p] || rows == 0)
            continue;
        const QModelIndex parentIndex = p == 0 ? QModelIndex() : createIndex(int(m_row[p]), 0, quintptr(p));
        Q_EMIT dataChanged(index(0, 0, parentIndex), index(rows - 1, ColumnCount - 1, parentIndex), roles);
    }
}

QModelIndex FileTreeModel::indexOf(FileTree::Index node, int column) const
{
    if (!m_document || node == 0 || node >= tree().count())
        return {};
    return createIndex(int(m_row[node]), column, quintptr(node));
}

FileTree::Index FileTreeModel::nodeOf(const QModelIndex &index)
{
    return index.isValid() ? FileTree::Index(index.internalId()) : 0;
}

QModelIndex FileTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!m_document || row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const FileTree::Index p = nodeOf(parent);
    const FileTree::Index begin = m_childStart[p], end = m_childStart[p + 1];
    if (FileTree::Index(row) >= end - begin)
        return {};
    return createIndex(row, column, quintptr(m_childList[begin + FileTree::Index(row)]));
}

QModelIndex FileTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const FileTree::Index p = tree().parent(nodeOf(child));
    if (p == 0 || p == FileTree::kNone)
        return {};
    return createIndex(int(m_row[p]), 0, quintptr(p));
}

int FileTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!m_document || (parent.isValid() && parent.column() != 0))
        return 0;
    const FileTree::Index p = nodeOf(parent);
    m_seen[p] = true;
    return int(m_childStart[p + 1] - m_childStart[p]);
}

int FileTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool FileTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (!m_document || (parent.isValid() && parent.column() != 0))
        return false;
    const FileTree::Index p = nodeOf(parent);
    return m_childStart[p + 1] > m_childStart[p];
}

std::uint64_t FileTreeModel::keptBytes(FileTree::Index node) const
{
    if (!m_keptKnown[node]) {
        m_keptCache[node] = m_document->ledger().keptBytes(node);
        m_keptKnown[node] = true;
    }
    return m_keptCache[node];
}

Qt::CheckState FileTreeModel::checkState(FileTree::Index node) const
{
    if (m_checkCache[node] >= 0)
        return Qt::CheckState(m_checkCache[node]);
    const FileTree &t = tree();
    const Bitset &pruned = m_document->ledger().pruned();
    Qt::CheckState state;
    if (!t.isDir(node)) {
        state = pruned.test(node) ? Qt::Unchecked : Qt::Checked;
    } else {
        // A folder is kept, pruned or mixed by what happens to the entries below it.
        bool anyKept = false, anyPruned = false;
        for (FileTree::Index i = node + 1, end = t.subtreeEnd(node); i < end && !(anyKept && anyPruned); ++i) {
            if (t.isDir(i))
                continue;
            (pruned.test(i) ? anyPruned : anyKept) = true;
        }
        if (anyKept && anyPruned)
            state = Qt::PartiallyChecked;
        else if (anyKept)
            state = Qt::Checked;
        else if (anyPruned)
            state = Qt::Unchecked;
        else
            state = pruned.test(node) ? Qt::Unchecked : Qt::Checked; // an empty folder
    }
    m_checkCache[node] = std::int8_t(state);
    return state;
}

QString FileTreeModel::prunedByText(FileTree::Index node) const
{
    const int rule = m_document->ledger().prunedBy(node);
    if (rule == SizeLedger::kManual)
        return tr("manual");
    if (rule < 0)
        return {};
    return RuleCatalog::all()[std::size_t(rule)].displayTitle();
}

QVariant FileTreeModel::data(const QModelIndex &index, int role) const
{
    if (!m_document || !index.isValid())
        return {};
    const FileTree &t = tree();
    const FileTree::Index node = nodeOf(index);
    const int column = index.column();

    if (column == ChecksColumn && role != NodeRole)
        return checksData(node, role);
    switch (role) {
    case NodeRole:
        return QVariant::fromValue(quint32(node));
    case Qt::CheckStateRole:
        return column == NameColumn ? QVariant(checkState(node)) : QVariant();
    case Qt::DecorationRole:
        if (column != NameColumn)
            return {};
        return t.isDir(node) ? m_dirIcon : t.kind(node) == NodeKind::Symlink ? m_linkIcon : m_fileIcon;
    case Qt::TextAlignmentRole:
        return column == NameColumn || column == PrunedByColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                                : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (checkState(node) == Qt::Unchecked)
            return QApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (column == NameColumn && !t.isDir(node) && checkState(node) == Qt::Unchecked) {
            QFont f;
            f.setStrikeOut(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case NameColumn:
            return t.displayPath(node);
        case SizeColumn:
            return tr("%1 bytes").arg(units::localGroupedBytes(t.totalBytes(node)));
        case KeptColumn:
            return tr("%1 bytes kept").arg(units::localGroupedBytes(keptBytes(node)));
        default:
            return {};
        }
    case SortRole:
        switch (column) {
        case NameColumn:
            return FileTree::displayName(t.name(node));
        case SizeColumn:
        case PercentColumn:
            return QVariant::fromValue(quint64(t.totalBytes(node)));
        case KeptColumn:
            return QVariant::fromValue(quint64(keptBytes(node)));
        case FilesColumn:
            return QVariant::fromValue(quint64(t.totalFiles(node)));
        case PrunedByColumn:
            return prunedByText(node);
        }
        return {};
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return FileTree::displayName(t.name(node));
        case SizeColumn:
            return units::localBytes(t.totalBytes(node));
        case KeptColumn:
            return units::localBytes(keptBytes(node));
        case PercentColumn: {
            const std::uint64_t parentBytes = t.totalBytes(t.parent(node));
            if (parentBytes == 0)
                return QStringLiteral("–");
            return QStringLiteral("%1 %").arg(100.0 * double(t.totalBytes(node)) / double(parentBytes), 0, 'f', 1);
        }
        case FilesColumn:
            return t.isDir(node) ? QVariant(QLocale().toString(t.totalFiles(node))) : QVariant();
        case PrunedByColumn:
            return prunedByText(node);
        }
        return {};
    default:
        return {};
    }
}

QVariant FileTreeModel::checksData(FileTree::Index node, int role) const
{
    const CheckMarks &marks = m_document->checkMarks();
    const CheckMarks::Level level = marks.level(node);
    switch (role) {
    case Qt::DisplayRole:
        return marks.text(node);
    case Qt::ToolTipRole:
        return marks.toolTip(node);
    case SortRole:
        return int(level);
    case Qt::TextAlignmentRole:
        return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        return level == CheckMarks::Level::None ? QVariant() : QVariant(QBrush(levelColor(level).darker(130)));
    case Qt::DecorationRole:
        if (level == CheckMarks::Level::None)
            return {};
        return m_levelIcons[std::size_t(level)];
    default:
        return {};
    }
}

QColor FileTreeModel::levelColor(CheckMarks::Level level)
{
    switch (level) {
    case CheckMarks::Level::Passed:
        return QColor(0x2e, 0x9d, 0x48);
    case CheckMarks::Level::Warning:
        return QColor(0xef, 0x8f, 0x00);
    case CheckMarks::Level::Error:
        return QColor(0xd3, 0x2f, 0x2f);
    case CheckMarks::Level::None:
        break;
    }
    return QColor(Qt::gray);
}

bool FileTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!m_document || !index.isValid() || role != Qt::CheckStateRole || index.column() != NameColumn)
        return false;
    const auto state = Qt::CheckState(value.toInt());
    m_document->mark(nodeOf(index), state == Qt::Unchecked ? SizeLedger::Mark::Prune : SizeLedger::Mark::Keep);
    return true;
}

Qt::ItemFlags FileTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == NameColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant FileTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return section == NameColumn || section == PrunedByColumn || section == ChecksColumn
                   ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case NameColumn:
            return tr("Checked entries are kept in the layer; uncheck to prune.");
        case SizeColumn:
            return tr("Bytes of the regular files below, as Lambda counts them.");
        case KeptColumn:
            return tr("Bytes that stay in the layer with the current selection.");
        case PercentColumn:
            return tr("Share of the parent folder's bytes.");
        case FilesColumn:
            return tr("Regular files below.");
        case PrunedByColumn:
            return tr("The rule, or your manual choice, that leaves the entry out.");
        case ChecksColumn:
            return tr(
                "Lint findings and verify results, once the Checks panel has run them; folders sum what is below.");
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case KeptColumn:
        return tr("Kept");
    case PercentColumn:
        return tr("% of parent");
    case FilesColumn:
        return tr("Files");
    case PrunedByColumn:
        return tr("Pruned by");
    case ChecksColumn:
        return tr("Checks");
    }
    return {};
}
