// The Requirements dock: the layer's top-level requirements with their own,
// kept and exclusive bytes (what dropping one frees), expandable into what
// they need; "Drop" as one undoable step; why the current file is in the
// layer; and the files stored more than once among the kept ones.
#pragma once

#include "select/duplicates.h"
#include "tree/filetree.h"

#include <QFutureWatcher>
#include <QWidget>

#include <vector>

class Distributions;
class LayerDocument;
class QLabel;
class QPushButton;
class QStandardItem;
class QStandardItemModel;
class QTabWidget;
class QTreeView;

class RequirementsPanel : public QWidget
{
    Q_OBJECT

public:
    // Columns of the requirements tree.
    enum Column {
        NameColumn,      // distribution name, version after it
        BytesColumn,     // every byte it installed
        KeptColumn,      // what the selection keeps of it
        ExclusiveColumn, // what dropping it frees (top-level rows only)
        ColumnCount,
    };

    explicit RequirementsPanel(QWidget *parent = nullptr);
    ~RequirementsPanel() override;

    void setDocument(LayerDocument *document);
    // "Why is this here?" for a node of the tree (the explorer's current one).
    void showWhy(FileTree::Index node);
    // Drops the distribution of the selected row (with its exclusive dependencies).
    void dropSelected();
    // Asks for a pip requirements file whose names become the top-level rows.
    void chooseRequirementsFile();
    // Looks for identical files on a worker; the Duplicates tab fills when it ends.
    void findDuplicates();

    [[nodiscard]] QTreeView *view() const { return m_view; }
    [[nodiscard]] QStandardItemModel *model() const { return m_model; }
    [[nodiscard]] QLabel *whyLabel() const { return m_why; }
    [[nodiscard]] QTreeView *duplicatesView() const { return m_dupView; }
    [[nodiscard]] bool duplicatesSearching() const { return m_dupWatcher.isRunning(); }
    // The row of distribution `name` (PEP 503 spelling) among the top-level rows, or -1.
    [[nodiscard]] int topLevelRow(const QString &name) const;

Q_SIGNALS:
    // The user asked to see a file or folder in the explorer.
    void nodeActivated(FileTree::Index node);

private:
    void rebuild();
    void refreshBytes();
    void refreshDuplicates();
    void addDependencies(QStandardItem *parent, int d, std::vector<bool> &shown);
    [[nodiscard]] int selectedDistribution() const;
    [[nodiscard]] const Distributions *distributions() const;

    LayerDocument *m_document = nullptr;
    QTabWidget *m_tabs;
    QLabel *m_summary;
    QTreeView *m_view;
    QStandardItemModel *m_model;
    QPushButton *m_drop;
    QPushButton *m_fromFile;
    QLabel *m_why;
    QLabel *m_dupSummary;
    QPushButton *m_dupFind;
    QTreeView *m_dupView;
    QStandardItemModel *m_dupModel;
    QFutureWatcher<std::vector<DuplicateGroup>> m_dupWatcher;
    std::vector<DuplicateGroup> m_groups; // over every file; shown for the kept copies
    bool m_dupSearched = false;           // m_groups holds the document's search
    const void *m_dupLayer = nullptr;     // the layer the running or last search reads
    FileTree::Index m_whyNode = FileTree::kNone;
};
