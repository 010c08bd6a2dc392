// File ▸ New Layer from Requirements: a requirements file, a layer folder, a
// Lambda target and the Python whose pip runs; core's Stager then runs pip on
// a worker thread while its output streams into a log pane, with Cancel. On
// success `staged` names DIR/python so that the main window can open it.
#pragma once

#include "checks/pythonfinder.h"
#include "stage/stager.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTimer;
struct StageFeed;

class StageDialog : public QDialog
{
    Q_OBJECT

public:
    explicit StageDialog(QWidget *parent = nullptr);
    // Cancels a run still going and waits for pip to stop (its files are removed).
    ~StageDialog() override;

    // The fields, for tests and for callers that know some answers already.
    void setRequirements(const QString &file);
    void setOutputDir(const QString &dir);
    void setTarget(const QString &runtime, const QString &arch);
    // Selects `path` among the interpreters, adding it when it was not detected.
    void setPython(const QString &path);
    void setPipOptions(const QString &options);
    void setReplace(bool replace);

    [[nodiscard]] QString python() const;
    [[nodiscard]] bool isRunning() const;
    // DIR/python after a successful run, else empty.
    [[nodiscard]] QString resultPath() const { return m_resultPath; }
    [[nodiscard]] QPlainTextEdit *log() const { return m_log; }
    [[nodiscard]] QLabel *status() const { return m_status; }
    [[nodiscard]] QPushButton *stageButton() const { return m_stageButton; }
    [[nodiscard]] QPushButton *closeButton() const;

    // Starts staging (what the Stage button does); false when an input is
    // missing or wrong, which the status line then names.
    bool start();
    // Stops pip (what Cancel does while staging runs).
    void cancel();

Q_SIGNALS:
    // pip succeeded; `layerDir` is the new DIR/python.
    void staged(const QString &layerDir);
    // A run ended, staged or not.
    void finished(bool ok);
    // The interpreters on this machine have been asked what they are.
    void pythonsDetected();

protected:
    void reject() override;

private:
    void browseRequirements();
    void browseOutput();
    void browsePython();
    void pythonsFound();
    void updateTargetNote();
    void updateOutputNote();
    void drainFeed();
    void appendLine(Stager::Stream stream, const QString &line);
    void appendNote(const QString &text);
    void stageFinished();
    void setInputsEnabled(bool on);
    [[nodiscard]] StageRequest request() const;

    QLineEdit *m_requirements;
    QLineEdit *m_output;
    QCheckBox *m_replace;
    QLabel *m_outputNote;
    QComboBox *m_runtime;
    QComboBox *m_arch;
    QLabel *m_targetNote;
    QComboBox *m_python;
    QLineEdit *m_pipOptions;
    QPlainTextEdit *m_log;
    QProgressBar *m_progress;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPushButton *m_stageButton;
    QTimer *m_drainTimer;
    QString m_resultPath;
    std::vector<PythonInfo> m_found; // what detection found, in PythonFinder's order
    bool m_keepPython = false;       // the interpreter was chosen (now or last time); detection leaves it
    std::shared_ptr<StageFeed> m_feed;
    QFutureWatcher<Stager::Result> m_watcher;
    QFutureWatcher<std::vector<PythonInfo>> m_detect;
};
