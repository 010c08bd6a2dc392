// The Checks panel's Lint tab: checks the kept native files against the
// target runtime and architecture and lists the findings; a finding selects
// its file, and the tree shows them as badges.
#pragma once

#include "checks/lint.h"
#include "tree/filetree.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class LayerDocument;
class QLabel;
class QPushButton;
class QTreeWidget;
class VerifyJob;

class LintTab : public QWidget
{
    Q_OBJECT

public:
    // Runs its checks on `job`, which the other checks share.
    LintTab(VerifyJob *job, QWidget *parent = nullptr);

    // The layer to lint; clears the findings.
    void setDocument(LayerDocument *document);
    // The runtime and architecture the next lint checks for.
    void setTarget(const QString &runtime, const QString &arch);
    void startLint();
    void updateButtons();

    // The last finished lint (null before the first); kept until the next one.
    [[nodiscard]] const LintReport *report() const { return m_lint ? &*m_lint : nullptr; }
    [[nodiscard]] QTreeWidget *list() const { return m_list; }

Q_SIGNALS:
    // The user picked a finding: select its file in tree and treemap.
    void nodeActivated(FileTree::Index node);
    // A line for the panel's status row (empty clears it).
    void statusMessage(const QString &text);

private:
    void showLint();

    VerifyJob *m_job;
    QPointer<LayerDocument> m_document;
    LintTarget m_target;
    std::optional<LintReport> m_lint;

    QPushButton *m_lintButton;
    QLabel *m_summary;
    QTreeWidget *m_list;
};
