// The Checks panel's Verify tab: picks the Python (detected on PATH and in
// pyenv, or chosen), imports every top-level package of the kept set with it,
// lists each check with its output, and hosts the culprit search for a failure.
#pragma once

#include "checks/pythonfinder.h"
#include "checks/verifier.h"
#include "gui/checks/culpritsearch.h"
#include "tree/filetree.h"

#include <QPointer>
#include <QWidget>

#include <optional>
#include <vector>

class LayerDocument;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;
class VerifyJob;

class VerifyTab : public QWidget
{
    Q_OBJECT

public:
    // Runs its checks on `job`, which the other checks share.
    VerifyTab(VerifyJob *job, QWidget *parent = nullptr);

    // The layer to verify; clears the results.
    void setDocument(LayerDocument *document);
    // The target the layer must run on: the Python warning compares against it.
    void setTarget(const QString &runtime, const QString &arch);
    // Offers the interpreter that matches `runtime`, unless one was chosen.
    void pickPython(const QString &runtime);
    // Probes `path` and makes it the interpreter verify uses; false with `error` when it is no CPython 3.
    bool choosePython(const QString &path, QString *error = nullptr);
    // The interpreter verify uses; empty while none is detected.
    [[nodiscard]] QString pythonPath() const;
    // The interpreter verify uses, as probed; null while none is detected.
    [[nodiscard]] const PythonInfo *currentPython() const;

    void startVerify();
    // Bisects the pruned paths for the failed check selected in the results (else the first failure).
    void startCulpritSearch();
    void updateButtons();

    // The last finished verify (null before the first); kept until the next one.
    [[nodiscard]] const VerifyReport *report() const { return m_verify ? &*m_verify : nullptr; }
    [[nodiscard]] QTreeWidget *list() const { return m_list; }
    [[nodiscard]] CulpritSearch *culprits() const { return m_culprits; }

Q_SIGNALS:
    // The user activated a module: select its package in tree and treemap.
    void nodeActivated(FileTree::Index node);
    // A line for the panel's status row (empty clears it).
    void statusMessage(const QString &text);

private:
    void pythonsDetected(std::vector<PythonInfo> found);
    void updatePythonWarning();
    void showVerify();
    void showDetail(QTreeWidgetItem *item);
    [[nodiscard]] FileTree::Index moduleNode(const QString &module) const;

    VerifyJob *m_job;
    QPointer<LayerDocument> m_document;
    QString m_runtime;
    QString m_arch;

    std::vector<PythonInfo> m_pythons;
    bool m_pythonChosen = false; // the user (or a caller) picked one: detection must not override it

    VerifiedRun m_run; // what the last verify ran on, for the culprit search and the module rows
    std::optional<VerifyReport> m_verify;

    QComboBox *m_python;
    QPushButton *m_browsePython;
    QLabel *m_pythonWarning;
    QPushButton *m_verifyButton;
    QPushButton *m_culpritButton;
    QLabel *m_summary;
    QTreeWidget *m_list;
    QPlainTextEdit *m_detail;
    CulpritSearch *m_culprits;
};
