// The inputs of File ▸ New Layer from Requirements: the requirements file, the
// layer folder (with a note on what becomes of its python/ folder), the Lambda
// target (with what pip takes for it), the Python whose pip runs and extra pip
// options. Each field starts from the last run's answer.
#pragma once

#include "checks/pythonfinder.h"
#include "select/targets.h"
#include "stage/stager.h"

#include <QFutureWatcher>
#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

class StageForm : public QWidget
{
    Q_OBJECT

public:
    explicit StageForm(QWidget *parent = nullptr);

    void setRequirements(const QString &file);
    void setOutputDir(const QString &dir);
    void setTarget(const QString &runtime, const QString &arch);
    // Selects `path` among the interpreters, adding it when it was not detected.
    void setPython(const QString &path);
    void setPipOptions(const QString &options);
    void setReplace(bool replace);

    [[nodiscard]] QString python() const;
    // The runtime and architecture chosen, when Lambda has that pair.
    [[nodiscard]] std::optional<Target> target() const;
    // What the fields ask for: paths made absolute, pip options split like a shell would.
    [[nodiscard]] StageRequest request() const;
    // Why the fields cannot be staged as they are, in one sentence; empty when they can.
    [[nodiscard]] QString problem() const;
    // Keeps the fields as the answers the next dialog starts from.
    void remember() const;
    // Locks the fields and their browse buttons while pip runs.
    void setInputsEnabled(bool on);
    // Says again what becomes of the layer folder's python/ (after a run has made it, say).
    void updateOutputNote();

Q_SIGNALS:
    // The interpreters on this machine have been asked what they are.
    void pythonsDetected();
    // A chosen file is no usable Python: `html` says why, for the dialog's status line.
    void pythonRefused(const QString &html);

private:
    void browseRequirements();
    void browseOutput();
    void browsePython();
    void pythonsFound();
    void updateTargetNote();

    QLineEdit *m_requirements;
    QLineEdit *m_output;
    QCheckBox *m_replace;
    QLabel *m_outputNote;
    QComboBox *m_runtime;
    QComboBox *m_arch;
    QLabel *m_targetNote;
    QComboBox *m_python;
    QLineEdit *m_pipOptions;
    std::vector<PythonInfo> m_found; // what detection found, in PythonFinder's order
    bool m_keepPython = false;       // the interpreter was chosen (now or last time); detection leaves it
    QFutureWatcher<std::vector<PythonInfo>> m_detect;
};
