// File ▸ New Layer from Requirements: a requirements file, a layer folder, a
// Lambda target and the Python whose pip runs (the StageForm); core's Stager
// then runs pip on a worker thread while its output streams into a log pane,
// with Cancel. On success `staged` names DIR/python so that the main window
// can open it.
#pragma once

#include "stage/stager.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTimer;
class StageForm;
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
    void drainFeed();
    void appendLine(Stager::Stream stream, const QString &line);
    void appendNote(const QString &text);
    void stageFinished();

    StageForm *m_form;
    QPlainTextEdit *m_log;
    QProgressBar *m_progress;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPushButton *m_stageButton;
    QTimer *m_drainTimer;
    QString m_resultPath;
    std::shared_ptr<StageFeed> m_feed;
    QFutureWatcher<Stager::Result> m_watcher;
};
