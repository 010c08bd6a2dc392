// The Checks panel beside the explorer: the target the layer must run on, a
// Verify tab (import every top-level package of the kept set with a chosen
// Python, find the pruned paths a failure needs and keep them, undoably) and
// a Lint tab (native files against the target runtime and architecture; a
// finding selects its file), with one status row for whichever job runs.
#pragma once

#include "checks/culpritfinder.h"
#include "checks/lint.h"
#include "checks/pythonfinder.h"
#include "checks/verifier.h"
#include "tree/filetree.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class LayerDocument;
class LintTab;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class VerifyJob;
class VerifyTab;

class ChecksPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ChecksPanel(QWidget *parent = nullptr);
    ~ChecksPanel() override;

    // The layer to check; null clears the panel (a running job is cancelled).
    void setDocument(LayerDocument *document);
    // The target the layer must run on (a profile's runtime and architecture,
    // or what the layer says) and where it came from, shown beside it.
    void setTarget(const QString &runtime, const QString &arch, const QString &origin = {});
    [[nodiscard]] QString targetOrigin() const;
    // Probes `path` and makes it the interpreter verify uses; false with `error` when it is no CPython 3.
    bool choosePython(const QString &path, QString *error = nullptr);
    // The interpreter verify uses; empty while none is detected.
    [[nodiscard]] QString pythonPath() const;
    // The same interpreter as probed (version, cache tag); nullopt while none is detected.
    [[nodiscard]] std::optional<PythonInfo> python() const;

    void startVerify();
    // Bisects the pruned paths for the failed check selected in the results (else the first failure).
    void startCulpritSearch();
    // Marks the culprits found Keep, as one undo step.
    void keepCulprits();
    void startLint();
    void cancel();

    [[nodiscard]] bool isBusy() const;
    // The last finished runs (null before the first); kept until the next run of the same kind.
    [[nodiscard]] const VerifyReport *verifyReport() const;
    [[nodiscard]] const BisectResult *bisectResult() const;
    [[nodiscard]] const LintReport *lintReport() const;
    [[nodiscard]] QTreeWidget *verifyList() const;
    [[nodiscard]] QTreeWidget *lintList() const;
    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }

Q_SIGNALS:
    // The user picked a file or package in the results: select it in tree and treemap.
    void nodeActivated(FileTree::Index node);
    // A verify, bisection or lint run ended (finished or cancelled).
    void jobFinished();
    // The user picked another runtime or architecture.
    void targetChosen(const QString &runtime, const QString &arch);

private:
    void targetChanged();
    void updateButtons();
    void selectionChanged();
    [[nodiscard]] QString runtime() const;
    [[nodiscard]] QString arch() const;

    QPointer<LayerDocument> m_document;
    VerifyJob *m_job; // the one job the tabs share: a verify, a bisection or a lint at a time

    QComboBox *m_runtime;
    QComboBox *m_arch;
    QLabel *m_origin;             // where the target came from
    bool m_settingTarget = false; // combos changed by setTarget, not by the user
    QTabWidget *m_tabs;
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    VerifyTab *m_verify;
    LintTab *m_lint;
};
