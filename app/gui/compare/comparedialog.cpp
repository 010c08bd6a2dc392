#include "gui/compare/comparedialog.h"

#include "base/units.h"
#include "gui/compare/difftreemap.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

// A cell that sorts by kSortRole, so sizes sort as numbers.
class SortItem : public QTableWidgetItem
{
public:
    SortItem(const QString &text, const QVariant &key)
        : QTableWidgetItem(text)
    {
        setData(CompareDialog::kSortRole, key);
    }
    bool operator<(const QTableWidgetItem &other) const override
    {
        return QVariant::compare(data(CompareDialog::kSortRole), other.data(CompareDialog::kSortRole)) ==
               QPartialOrdering::Less;
    }
};

QTableWidgetItem *textItem(const QString &text)
{
    return new SortItem(text, text);
}

QTableWidgetItem *bytesItem(std::uint64_t bytes, bool present = true)
{
    auto *item = new SortItem(present ? units::localBytes(bytes) : QString(), qint64(bytes));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setToolTip(present ? units::localGroupedBytes(bytes) : QString());
    return item;
}

// Sorted by how much changed, either way: the largest change first when descending.
QTableWidgetItem *changeItem(std::int64_t change)
{
    auto *item = new SortItem(units::localChange(change), qint64(std::abs(change)));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (change != 0)
        item->setForeground(change > 0 ? DiffTreemap::grewColor().darker(120) : DiffTreemap::shrankColor().darker(130));
    return item;
}

// A version, or a dash with why there is none.
QTableWidgetItem *versionItem(const QString &version)
{
    if (!version.isEmpty())
        return textItem(version);
    QTableWidgetItem *item = textItem(QStringLiteral("–"));
    item->setToolTip(CompareDialog::tr("No metadata names it in this layer: not installed, or its dist-info or "
                                       "egg-info was left out (its files then count as no distribution's)."));
    return item;
}

QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    return table;
}

} // namespace

CompareDialog::CompareDialog(std::shared_ptr<const LayerDiff> diff, const QString &nameA, const QString &nameB,
                             QWidget *parent)
    : QDialog(parent)
    , m_diff(std::move(diff))
    , m_header(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_treemap(new DiffTreemap(this))
    , m_dists(
          makeTable({tr("Distribution"), tr("Version in A"), tr("Version in B"), tr("A"), tr("B"), tr("Change")}, this))
    , m_files(makeTable({tr("What"), tr("File"), tr("A"), tr("B"), tr("Change")}, this))
{
    setWindowTitle(tr("Compare: %1 → %2").arg(nameA, nameB));
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    fillHeader(nameA, nameB);

    auto *treemapPage = new QWidget(this);
    auto *treemapLayout = new QVBoxLayout(treemapPage);
    treemapLayout->setContentsMargins(0, 0, 0, 0);
    auto *legend = new QLabel(
        tr("<span style='color:%1'>■</span> grew or added &nbsp; <span style='color:%2'>■</span> shrank or removed "
           "&nbsp; — each tile sized by how much the file changed")
            .arg(DiffTreemap::grewColor().name(), DiffTreemap::shrankColor().name()),
        treemapPage);
    treemapLayout->addWidget(m_treemap, 1);
    treemapLayout->addWidget(legend);
    m_treemap->setDiff(*m_diff);
    fillDistributions();
    fillFiles();
    m_tabs->addTab(treemapPage, tr("Treemap"));
    m_tabs->addTab(m_dists, tr("Distributions (%1)").arg(m_dists->rowCount()));
    m_tabs->addTab(m_files, tr("Files (%1)").arg(m_files->rowCount()));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    resize(900, 640);
}

void CompareDialog::fillHeader(const QString &nameA, const QString &nameB)
{
    const LayerDiff &d = *m_diff;
    const std::int64_t change = units::change(d.bytesA, d.bytesB);
    const QColor color = change > 0   ? DiffTreemap::grewColor().darker(120)
                         : change < 0 ? DiffTreemap::shrankColor().darker(130)
                                      : palette().color(QPalette::WindowText);
    const auto files = [](const std::vector<DiffFile> &list) { return int(list.size()); };
    QString text = tr("<b>A</b> %1: %2 &nbsp;→&nbsp; <b>B</b> %3: %4 &nbsp; <span style='color:%5; font-size:large'>"
                      "<b>%6</b></span>")
                       .arg(nameA.toHtmlEscaped(), units::localBytes(d.bytesA), nameB.toHtmlEscaped(),
                            units::localBytes(d.bytesB), color.name(), units::localChange(change));
    text += QStringLiteral("<br>") + tr("%n files added", nullptr, files(d.added)) + QStringLiteral(", ") +
            tr("%n removed", nullptr, files(d.removed)) + QStringLiteral(", ") +
            tr("%n changed", nullptr, files(d.changed)) + QStringLiteral(". ") +
            tr("Unzipped bytes as Lambda counts them; paths compared below the package root.");
    if (!d.problems.isEmpty())
        text += QStringLiteral("<br>") +
                tr("%n files could not be read and count as unchanged; see the log.", nullptr, int(d.problems.size()));
    m_header->setText(text);
}

void CompareDialog::fillDistributions()
{
    const LayerDiff &d = *m_diff;
    m_dists->setRowCount(int(d.distributions.size()) + 1);
    int row = 0;
    for (const DiffDistribution &dist : d.distributions) {
        m_dists->setItem(row, DistName, textItem(dist.name));
        m_dists->setItem(row, DistVersionA, versionItem(dist.versionA));
        m_dists->setItem(row, DistVersionB, versionItem(dist.versionB));
        m_dists->setItem(row, DistBytesA, bytesItem(dist.bytesA, !dist.versionA.isEmpty()));
        m_dists->setItem(row, DistBytesB, bytesItem(dist.bytesB, !dist.versionB.isEmpty()));
        m_dists->setItem(row, DistChange, changeItem(dist.change()));
        ++row;
    }
    m_dists->setItem(row, DistName, textItem(tr("(no distribution)")));
    m_dists->setItem(row, DistVersionA, textItem(QString()));
    m_dists->setItem(row, DistVersionB, textItem(QString()));
    m_dists->setItem(row, DistBytesA, bytesItem(d.unownedA));
    m_dists->setItem(row, DistBytesB, bytesItem(d.unownedB));
    m_dists->setItem(row, DistChange, changeItem(units::change(d.unownedA, d.unownedB)));
    m_dists->setSortingEnabled(true);
    m_dists->sortByColumn(DistChange, Qt::DescendingOrder);
    m_dists->horizontalHeader()->setSectionResizeMode(DistName, QHeaderView::Stretch);
    m_dists->resizeColumnsToContents();
}

void CompareDialog::fillFiles()
{
    const LayerDiff &d = *m_diff;
    m_files->setRowCount(int(d.added.size() + d.removed.size() + d.changed.size()));
    int row = 0;
    const auto add = [&](const std::vector<DiffFile> &list, const QString &kind) {
        for (const DiffFile &f : list) {
            m_files->setItem(row, FileChangeKind, textItem(kind));
            m_files->setItem(row, FilePath, textItem(FileTree::displayName(f.path)));
            m_files->setItem(row, FileBytesA, bytesItem(f.bytesA, &list != &d.added));
            m_files->setItem(row, FileBytesB, bytesItem(f.bytesB, &list != &d.removed));
            m_files->setItem(row, FileChange, changeItem(f.change()));
            ++row;
        }
    };
    m_files->setUpdatesEnabled(false);
    add(d.added, tr("added"));
    add(d.removed, tr("removed"));
    add(d.changed, tr("changed"));
    m_files->setSortingEnabled(true);
    m_files->sortByColumn(FileChange, Qt::DescendingOrder);
    m_files->resizeColumnsToContents();
    m_files->horizontalHeader()->setSectionResizeMode(FilePath, QHeaderView::Stretch);
    m_files->setUpdatesEnabled(true);
}
