#include "gui/requirements/requirementspanel.h"

#include "base/units.h"
#include "gui/shell/layerdocument.h"
#include "select/distributions.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <optional>

namespace {

constexpr int kDistRole = Qt::UserRole + 1; // the distribution index of a row
constexpr int kNodeRole = Qt::UserRole + 2; // the tree node of a duplicate copy
constexpr int kSortRole = Qt::UserRole + 3; // bytes as numbers, names in lower case

QStandardItem *bytesItem(std::uint64_t bytes)
{
    auto *item = new QStandardItem(units::localBytes(bytes));
    item->setData(qulonglong(bytes), kSortRole);
    item->setData(units::localGroupedBytes(bytes), Qt::ToolTipRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setEditable(false);
    return item;
}

void setBytes(QStandardItem *item, std::uint64_t bytes)
{
    item->setText(units::localBytes(bytes));
    item->setData(qulonglong(bytes), kSortRole);
    item->setData(units::localGroupedBytes(bytes), Qt::ToolTipRole);
}

QString nameAndVersion(const Distribution &d)
{
    return d.version.isEmpty() ? d.name : QStringLiteral("%1 %2").arg(d.name, d.version);
}

} // namespace

RequirementsPanel::RequirementsPanel(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_summary(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_model(new QStandardItemModel(this))
    , m_drop(new QPushButton(tr("&Drop with Its Own Dependencies"), this))
    , m_fromFile(new QPushButton(tr("Top Level from &File…"), this))
    , m_why(new QLabel(this))
    , m_dupSummary(new QLabel(this))
    , m_dupFind(new QPushButton(tr("&Find Duplicates"), this))
    , m_dupView(new QTreeView(this))
    , m_dupModel(new QStandardItemModel(this))
{
    m_model->setHorizontalHeaderLabels({tr("Requirement"), tr("Installed"), tr("Kept"), tr("Dropping frees")});
    m_model->setSortRole(kSortRole);
    m_view->setModel(m_model);
    m_view->setObjectName(QStringLiteral("requirementsView"));
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ExclusiveColumn, Qt::DescendingOrder); // until the user sorts otherwise
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_view->header()->setStretchLastSection(false);
    for (int c = BytesColumn; c < ColumnCount; ++c)
        m_view->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_drop->setEnabled(false);
    m_drop->setToolTip(tr("Prune the selected distribution and every distribution it needs that nothing else kept "
                          "needs. One step: Undo brings it back."));
    m_summary->setWordWrap(true);
    m_why->setWordWrap(true);
    m_why->setTextFormat(Qt::RichText);
    m_why->setObjectName(QStringLiteral("whyLabel"));
    m_why->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *requirements = new QWidget(this);
    auto *rl = new QVBoxLayout(requirements);
    rl->setContentsMargins(4, 4, 4, 4);
    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_fromFile);
    top->addWidget(m_drop);
    rl->addLayout(top);
    rl->addWidget(m_view, 1);
    rl->addWidget(m_why);
    m_tabs->addTab(requirements, tr("Requirements"));

    m_dupModel->setHorizontalHeaderLabels({tr("File"), tr("One copy"), tr("Copies"), tr("Wasted")});
    m_dupModel->setSortRole(kSortRole);
    m_dupView->setModel(m_dupModel);
    m_dupView->setObjectName(QStringLiteral("duplicatesView"));
    m_dupView->setSortingEnabled(true);
    m_dupView->setUniformRowHeights(true);
    m_dupView->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_dupView->header()->setStretchLastSection(false);
    m_dupSummary->setWordWrap(true);
    m_dupSummary->setText(tr("Files with the same content stored more than once. Pruning a copy is your choice; "
                             "verify proves the layer still imports."));
    auto *duplicates = new QWidget(this);
    auto *dl = new QVBoxLayout(duplicates);
    dl->setContentsMargins(4, 4, 4, 4);
    auto *dtop = new QHBoxLayout;
    dtop->addWidget(m_dupSummary, 1);
    dtop->addWidget(m_dupFind);
    dl->addLayout(dtop);
    dl->addWidget(m_dupView, 1);
    m_tabs->addTab(duplicates, tr("Duplicates"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    connect(m_drop, &QPushButton::clicked, this, &RequirementsPanel::dropSelected);
    connect(m_fromFile, &QPushButton::clicked, this, &RequirementsPanel::chooseRequirementsFile);
    m_fromFile->setToolTip(tr("Take the top-level requirements from your requirements.txt instead of "
                              "\u201crequired by nothing installed\u201d"));
    connect(m_dupFind, &QPushButton::clicked, this, &RequirementsPanel::findDuplicates);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { m_drop->setEnabled(selectedDistribution() != Distributions::kNone); });
    connect(m_dupView, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QVariant node = index.siblingAtColumn(0).data(kNodeRole);
        if (node.isValid())
            Q_EMIT nodeActivated(FileTree::Index(node.toUInt()));
    });
    connect(&m_dupWatcher, &QFutureWatcher<std::vector<DuplicateGroup>>::finished, this, [this] {
        m_dupFind->setEnabled(m_document != nullptr);
        if (!m_document || &m_document->layer() != m_dupLayer)
            return; // a search of a layer closed since
        m_groups = m_dupWatcher.result();
        m_dupSearched = true;
        refreshDuplicates();
    });
    setDocument(nullptr);
}

RequirementsPanel::~RequirementsPanel()
{
    m_dupWatcher.waitForFinished();
}

void RequirementsPanel::setDocument(LayerDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_groups.clear();
    m_dupSearched = false;
    m_whyNode = FileTree::kNone;
    m_dupModel->removeRows(0, m_dupModel->rowCount());
    m_dupFind->setEnabled(document && !m_dupWatcher.isRunning());
    if (document) {
        connect(document, &LayerDocument::distributionsReady, this, &RequirementsPanel::rebuild);
        connect(document, &LayerDocument::selectionChanged, this, [this] {
            refreshBytes();
            refreshDuplicates();
            showWhy(m_whyNode);
        });
    }
    rebuild();
}

const Distributions *RequirementsPanel::distributions() const
{
    return m_document ? m_document->distributions() : nullptr;
}

void RequirementsPanel::rebuild()
{
    m_model->removeRows(0, m_model->rowCount());
    m_drop->setEnabled(false);
    const Distributions *dists = distributions();
    m_fromFile->setEnabled(dists != nullptr);
    if (!dists) {
        m_summary->setText(m_document ? tr("Reading the installed distributions…") : QString());
        m_why->clear();
        return;
    }
    for (int d = 0; d < dists->count(); ++d) {
        if (!dists->at(d).topLevel)
            continue;
        QList<QStandardItem *> row;
        auto *name = new QStandardItem(nameAndVersion(dists->at(d)));
        name->setData(d, kDistRole);
        name->setData(dists->at(d).normalized, kSortRole);
        name->setEditable(false);
        row << name << bytesItem(dists->at(d).bytes) << bytesItem(0) << bytesItem(0);
        m_model->appendRow(row);
        std::vector<bool> shown(std::size_t(dists->count()), false);
        shown[std::size_t(d)] = true;
        addDependencies(name, d, shown);
    }
    refreshBytes();
    m_model->sort(m_view->header()->sortIndicatorSection(), m_view->header()->sortIndicatorOrder());
    showWhy(m_whyNode);
}

void RequirementsPanel::addDependencies(QStandardItem *parent, int d, std::vector<bool> &shown)
{
    // Each distribution once under a top-level row, as near the top as it is
    // needed: the direct requirements first, then what they need in turn.
    // Dense graphs stay small and cycles end.
    const Distributions &dists = *distributions();
    std::vector<std::pair<QStandardItem *, int>> added;
    for (int dep : dists.at(d).dependencies) {
        if (shown[std::size_t(dep)])
            continue;
        shown[std::size_t(dep)] = true;
        auto *name = new QStandardItem(nameAndVersion(dists.at(dep)));
        name->setData(dep, kDistRole);
        name->setData(dists.at(dep).normalized, kSortRole);
        name->setEditable(false);
        auto *none = new QStandardItem;
        none->setEditable(false);
        parent->appendRow({name, bytesItem(dists.at(dep).bytes), bytesItem(0), none});
        added.emplace_back(name, dep);
    }
    for (const auto &[item, dep] : added)
        addDependencies(item, dep, shown);
}

namespace {

// Whether the rows below `parent`, and theirs, are sorted by the bytes of
// `column`. Cells without bytes (the dependencies' "Dropping frees") are in
// any order.
bool inOrder(const QStandardItem *parent, int column, Qt::SortOrder order)
{
    std::optional<qulonglong> previous;
    for (int r = 0; r < parent->rowCount(); ++r) {
        if (const QStandardItem *cell = parent->child(r, column); cell && cell->data(kSortRole).isValid()) {
            const qulonglong bytes = cell->data(kSortRole).toULongLong();
            if (previous && (order == Qt::AscendingOrder ? bytes < *previous : bytes > *previous))
                return false;
            previous = bytes;
        }
        if (const QStandardItem *name = parent->child(r, RequirementsPanel::NameColumn);
            name && !inOrder(name, column, order))
            return false;
    }
    return true;
}

} // namespace

void RequirementsPanel::refreshBytes()
{
    const Distributions *dists = distributions();
    if (!dists)
        return;
    const SizeLedger &ledger = m_document->ledger();
    const std::vector<std::uint64_t> kept = dists->keptBytes(&ledger);
    std::uint64_t keptOwned = 0;
    for (std::uint64_t k : kept)
        keptOwned += k;
    const QColor dropped = palette().color(QPalette::Disabled, QPalette::Text);
    std::function<void(QStandardItem *, bool)> visit = [&](QStandardItem *name, bool topLevel) {
        const int d = name->data(kDistRole).toInt();
        const QModelIndex index = name->index();
        QStandardItem *parentItem = name->parent() ? name->parent() : m_model->invisibleRootItem();
        setBytes(parentItem->child(index.row(), KeptColumn), kept[std::size_t(d)]);
        if (topLevel) {
            setBytes(parentItem->child(index.row(), ExclusiveColumn), dists->exclusiveBytes(d, kept));
        }
        const bool gone = kept[std::size_t(d)] == 0 && dists->at(d).bytes > 0;
        for (int c = 0; c < ColumnCount; ++c)
            if (QStandardItem *cell = parentItem->child(index.row(), c))
                gone ? cell->setForeground(dropped) : cell->setData(QVariant(), Qt::ForegroundRole);
        for (int r = 0; r < name->rowCount(); ++r)
            visit(name->child(r, NameColumn), false);
    };
    {
        // The items change quietly and the view hears of it once: each change
        // it heard of would have it measure every row again for the columns
        // sized to their contents.
        const QSignalBlocker quiet(m_model);
        for (int r = 0; r < m_model->rowCount(); ++r)
            visit(m_model->item(r, NameColumn), true);
    }
    if (const int rows = m_model->rowCount(); rows > 0)
        Q_EMIT m_model->dataChanged(m_model->index(0, 0), m_model->index(rows - 1, ColumnCount - 1));
    // A sort by the bytes that changed follows them: the model sorts only
    // when asked. Selection, current row and open rows stay with their items;
    // rows still in order are not sorted, as a sort has the view lay out again.
    if (const int sorted = m_view->header()->sortIndicatorSection();
        (sorted == KeptColumn || sorted == ExclusiveColumn) &&
        !inOrder(m_model->invisibleRootItem(), sorted, m_view->header()->sortIndicatorOrder()))
        m_model->sort(sorted, m_view->header()->sortIndicatorOrder());
    int topLevel = 0;
    for (const Distribution &d : dists->all())
        topLevel += d.topLevel ? 1 : 0;
    const std::uint64_t unowned =
        m_document->ledger().totals().keptBytes - std::min(keptOwned, m_document->ledger().totals().keptBytes);
    QString summary =
        tr("%n installed distribution(s), %1 top-level; %2 kept belongs to none.", nullptr, dists->count())
            .arg(topLevel)
            .arg(units::localBytes(unowned));
    if (!m_document->requirementsFile().isEmpty())
        summary += QLatin1Char(' ') +
                   tr("Top-level: the names in %1.").arg(QDir::toNativeSeparators(m_document->requirementsFile()));
    m_summary->setText(summary);
}

int RequirementsPanel::selectedDistribution() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !distributions())
        return Distributions::kNone;
    const QVariant d = current.siblingAtColumn(NameColumn).data(kDistRole);
    return d.isValid() ? d.toInt() : Distributions::kNone;
}

int RequirementsPanel::topLevelRow(const QString &name) const
{
    for (int r = 0; r < m_model->rowCount(); ++r)
        if (m_model->item(r, NameColumn)->data(kSortRole).toString() == name)
            return r;
    return -1;
}

void RequirementsPanel::chooseRequirementsFile()
{
    if (!m_document)
        return;
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Choose your requirements file"), m_document->requirementsFile(),
                                     tr("Requirements (*.txt *.in);;All files (*)"));
    if (file.isEmpty())
        return;
    QStringList missing;
    QString error;
    if (!m_document->setRequirementsFile(file, &missing, &error))
        QMessageBox::warning(this, tr("Cannot read the requirements"), error);
    else if (!missing.isEmpty())
        QMessageBox::information(this, tr("Not installed"),
                                 tr("%1 asks for distributions the layer does not have: %2")
                                     .arg(QDir::toNativeSeparators(file), missing.join(QStringLiteral(", "))));
}

void RequirementsPanel::dropSelected()
{
    const int d = selectedDistribution();
    if (d == Distributions::kNone)
        return;
    QString error;
    if (!m_document->dropDistributions({distributions()->at(d).name}, &error))
        QMessageBox::warning(this, tr("Cannot drop"), error);
}

void RequirementsPanel::showWhy(FileTree::Index node)
{
    m_whyNode = node;
    const Distributions *dists = distributions();
    if (!dists || node == FileTree::kNone || node >= m_document->tree().count()) {
        m_why->clear();
        return;
    }
    const FileTree &tree = m_document->tree();
    const QString path =
        node == 0 ? tr("the whole layer") : FileTree::displayName(tree.packagePath(node)).toHtmlEscaped();
    const int owner = dists->ownerOf(node);
    if (owner == Distributions::kNone) {
        m_why->setText(
            tree.isDir(node)
                ? tr("<b>Why is %1 here?</b> Its files come from several distributions, or from none.").arg(path)
                : tr("<b>Why is %1 here?</b> No installed distribution lists it (unowned).").arg(path));
        return;
    }
    QStringList links;
    for (int d : dists->requiredChain(owner))
        links << QStringLiteral("<b>%1</b>").arg(nameAndVersion(dists->at(d)).toHtmlEscaped());
    QString text;
    if (links.size() > 1)
        text = tr("<b>Why is %1 here?</b> Installed by %2, required by %3 (top-level).")
                   .arg(path, links.first(), links.mid(1).join(QStringLiteral(" ← ")));
    else if (dists->at(owner).topLevel)
        text = tr("<b>Why is %1 here?</b> Installed by %2, a top-level requirement.").arg(path, links.first());
    else
        text = tr("<b>Why is %1 here?</b> Installed by %2, which only a requirement cycle holds.")
                   .arg(path, links.first());
    m_why->setText(text);
}

void RequirementsPanel::findDuplicates()
{
    if (!m_document || m_dupWatcher.isRunning())
        return;
    m_dupFind->setEnabled(false);
    m_dupLayer = &m_document->layer();
    m_dupSummary->setText(tr("Comparing files of equal size…"));
    m_dupWatcher.setFuture(QtConcurrent::run(
        [layer = m_document->sharedLayer()] { return Duplicates::find(*layer->tree, layer->zipEntries); }));
}

void RequirementsPanel::refreshDuplicates()
{
    if (!m_document || !m_dupSearched)
        return;
    m_dupModel->removeRows(0, m_dupModel->rowCount());
    const FileTree &tree = m_document->tree();
    const SizeLedger &ledger = m_document->ledger();
    std::uint64_t wasted = 0;
    int groups = 0;
    for (const DuplicateGroup &g : m_groups) {
        std::vector<FileTree::Index> kept;
        for (FileTree::Index n : g.nodes)
            if (!ledger.isPruned(n))
                kept.push_back(n);
        if (kept.size() < 2)
            continue;
        const std::uint64_t waste = g.bytes * (kept.size() - 1);
        wasted += waste;
        ++groups;
        auto *name = new QStandardItem(FileTree::displayName(tree.name(kept.front())));
        name->setData(FileTree::displayName(tree.name(kept.front())).toLower(), kSortRole);
        name->setEditable(false);
        auto *copies = new QStandardItem(QString::number(kept.size()));
        copies->setData(qulonglong(kept.size()), kSortRole);
        copies->setEditable(false);
        for (FileTree::Index n : kept) {
            auto *path = new QStandardItem(FileTree::displayName(tree.packagePath(n)));
            path->setData(n, kNodeRole);
            path->setEditable(false);
            name->appendRow(path);
        }
        m_dupModel->appendRow({name, bytesItem(g.bytes), copies, bytesItem(waste)});
    }
    m_dupView->sortByColumn(3, Qt::DescendingOrder);
    m_dupSummary->setText(tr("%n group(s) of identical kept files; the extra copies take %1. Pruning a copy is your "
                             "choice; verify proves the layer still imports.",
                             nullptr, groups)
                              .arg(units::localBytes(wasted)));
}
