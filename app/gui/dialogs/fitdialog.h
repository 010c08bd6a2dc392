// Make It Fit: plans the least risky selection that fits the budget
// (FitPlanner) on a worker, each step verified with a real Python, shows the
// plan step by step as it is decided (rule and package, bytes freed, risk,
// outcome, time), and applies it as one undo step or saves it as a profile.
#pragma once

#include "checks/fitplanner.h"
#include "select/profile.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>
#include <optional>

class JobControl;
class LayerDocument;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

class FitDialog : public QDialog
{
    Q_OBJECT

public:
    // `base`: the target (its runtime picks the interpreter), export settings,
    // limit and reserve carried into a saved profile; `goal`: what the plan
    // must fit (the limit less the other layers sharing it, and the reserve).
    FitDialog(LayerDocument *document, const Profile &base, FitGoal goal, QWidget *parent = nullptr);
    // Cancels a plan still running and waits for its worker.
    ~FitDialog() override;

    // Plans from the document's selection (the options as set in the dialog).
    void start();
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_watcher.isRunning(); }
    // The last plan, once it has finished.
    [[nodiscard]] const std::optional<FitPlan> &plan() const { return m_plan; }
    // Puts the planned selection into the document as one undo step.
    void apply();
    // Writes the planned selection as a profile; false with `error`.
    bool saveProfile(const QString &path, QString *error) const;

    void setSmokeScript(const QString &path);
    // The interpreter each step is verified with: the one the Checks panel's
    // Verify uses. Empty (the default): the one on PATH that matches the target.
    void setPython(const QString &path);
    void setZipped(bool on);
    [[nodiscard]] QTreeWidget *stepsView() const { return m_steps; }
    [[nodiscard]] QLabel *summaryLabel() const { return m_summary; }
    [[nodiscard]] QPushButton *applyButton() const { return m_apply; }

Q_SIGNALS:
    // A plan ended (fits or not, or it could not be made).
    void planFinished();

private:
    // What the worker hands back: the plan and the selection it leaves.
    struct Outcome {
        FitPlan plan;
        SizeLedger::State state;
        QString python;
        QString zipProblem; // why zipped sizes stay estimates (a file could not be deflated), when they do
    };
    void addStep(const FitStep &step);
    void finish();
    void updateButtons();

    LayerDocument *m_document;
    Profile m_base;
    FitGoal m_goal;
    std::shared_ptr<JobControl> m_control;
    QFutureWatcher<Outcome> m_watcher;
    std::optional<FitPlan> m_plan;
    SizeLedger::State m_state; // the planned selection
    QLabel *m_header;
    QCheckBox *m_zipped;
    QLineEdit *m_smoke;
    QString m_python;
    QTreeWidget *m_steps;
    QLabel *m_summary;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QPushButton *m_apply;
    QPushButton *m_save;
};
