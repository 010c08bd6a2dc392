// The culprit search under the Verify tab's results: bisects the pruned paths
// for the smallest set a failed check needs, lists what it found and marks
// those paths Keep as one undo step.
#pragma once

#include "checks/culpritfinder.h"
#include "checks/verifier.h"
#include "gui/checks/layersnapshot.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class LayerDocument;
class QLabel;
class QPushButton;
class QTreeWidget;
class VerifyJob;

// What a verify ran on, which a culprit search bisects.
struct VerifiedRun {
    LayerSnapshot layer;
    Bitset pruned;
    VerifyOptions options;
};

class CulpritSearch : public QWidget
{
    Q_OBJECT

public:
    // Runs its bisections on `job`, which the other checks share.
    CulpritSearch(VerifyJob *job, QWidget *parent = nullptr);

    // The layer whose marks "keep" changes; clears the last result.
    void setDocument(LayerDocument *document);
    // Forgets the last result and hides the box.
    void clear();
    // Bisects `run.pruned` for what `failed` needs.
    void start(const VerifiedRun &run, const CheckResult &failed);
    // Marks the culprits found Keep, as one undo step.
    void keep();
    void updateButtons();

    // The last finished search (null before the first or after clear()).
    [[nodiscard]] const BisectResult *result() const { return m_bisect ? &*m_bisect : nullptr; }

Q_SIGNALS:
    // The user clicked a culprit: select it in tree and treemap.
    void nodeActivated(FileTree::Index node);
    // A line for the panel's status row (empty clears it).
    void statusMessage(const QString &text);

private:
    void showResult();

    VerifyJob *m_job;
    QPointer<LayerDocument> m_document;
    std::optional<BisectResult> m_bisect;

    QLabel *m_label;
    QTreeWidget *m_list;
    QPushButton *m_keepButton;
};
