// The Checks panel beside the explorer: Verify (import every top-level
// package of the kept set with a chosen Python, find the pruned paths a
// failure needs and keep them, undoably) and Lint (native files against the
// target runtime and architecture; a finding selects its file).
#pragma once

#include "checks/culpritfinder.h"
#include "checks/lint.h"
#include "checks/pythonfinder.h"
#include "checks/verifier.h"
#include "tree/filetree.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class LayerDocument;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;
class VerifyJob;

class ChecksPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ChecksPanel(QWidget *parent = nullptr);
    ~ChecksPanel() override;

    // The layer to check; null clears the panel (a running job is cancelled).
    void setDocument(LayerDocument *document);
    // The target the layer must run on (a profile's runtime and architecture).
    void setTarget(const QString &runtime, const QString &arch);
    // Probes `path` and makes it the interpreter verify uses; false with `error` when it is no CPython 3.
    bool choosePython(const QString &path, QString *error = nullptr);

    void startVerify();
    // Bisects the pruned paths for the failed check selected in the results (else the first failure).
    void startCulpritSearch();
    // Marks the culprits found Keep, as one undo step.
    void keepCulprits();
    void startLint();
    void cancel();

    [[nodiscard]] bool isBusy() const;
    // The last finished runs (null before the first); kept until the next run of the same kind.
    [[nodiscard]] const VerifyReport *verifyReport() const { return m_verify ? &*m_verify : nullptr; }
    [[nodiscard]] const BisectResult *bisectResult() const { return m_bisect ? &*m_bisect : nullptr; }
    [[nodiscard]] const LintReport *lintReport() const { return m_lint ? &*m_lint : nullptr; }
    [[nodiscard]] QTreeWidget *verifyList() const { return m_verifyList; }
    [[nodiscard]] QTreeWidget *lintList() const { return m_lintList; }
    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }

Q_SIGNALS:
    // The user picked a file or package in the results: select it in tree and treemap.
    void nodeActivated(FileTree::Index node);
    // A verify, bisection or lint run ended (finished or cancelled).
    void jobFinished();

private:
    void buildVerifyTab();
    void buildLintTab();
    void pythonsDetected(std::vector<PythonInfo> found);
    void updatePythonWarning();
    void targetChanged();
    void updateButtons();
    void selectionChanged();
    void showVerify();
    void showCulprits();
    void showLint();
    void showDetail(QTreeWidgetItem *item);
    [[nodiscard]] const PythonInfo *currentPython() const;
    [[nodiscard]] VerifyOptions verifyOptions() const;
    [[nodiscard]] QString runtime() const;
    [[nodiscard]] QString arch() const;
    // Copies the document's tree and zip index for a worker, so closing the layer cannot pull them away.
    void snapshot();
    void run(const QString &what, std::function<void(JobControl &)> work, std::function<void(bool)> done);
    [[nodiscard]] FileTree::Index moduleNode(const QString &module) const;

    QPointer<LayerDocument> m_document;
    VerifyJob *m_job;
    std::function<void(bool)> m_done;

    std::vector<PythonInfo> m_pythons;
    bool m_pythonChosen = false; // the user (or a caller) picked one: detection must not override it

    // What the last verify ran on, for bisection and for "keep".
    std::shared_ptr<const FileTree> m_tree;
    std::shared_ptr<const std::vector<ZipEntryRef>> m_zipEntries;
    Bitset m_verifiedPruned;
    VerifyOptions m_verifiedOptions;
    std::optional<VerifyReport> m_verify;
    std::optional<BisectResult> m_bisect;
    std::optional<LintReport> m_lint;

    QComboBox *m_runtime;
    QComboBox *m_arch;
    QTabWidget *m_tabs;
    // Verify tab
    QComboBox *m_python;
    QPushButton *m_browsePython;
    QLabel *m_pythonWarning;
    QPushButton *m_verifyButton;
    QPushButton *m_culpritButton;
    QLabel *m_verifySummary;
    QTreeWidget *m_verifyList;
    QPlainTextEdit *m_detail;
    QWidget *m_culpritBox;
    QLabel *m_culpritLabel;
    QTreeWidget *m_culpritList;
    QPushButton *m_keepButton;
    // Lint tab
    QPushButton *m_lintButton;
    QLabel *m_lintSummary;
    QTreeWidget *m_lintList;
    // Shared
    QLabel *m_status;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
};
