// File ▸ Export Layer: output path, prefix and compression level, then the
// export on a worker thread (core's Exporter) with progress and Cancel, and
// the result (size, files, time) at the end. Like the CLI, it writes
// NAME.report.md and NAME.report.json beside the zip unless told not to.
#pragma once

#include "checks/pythonfinder.h"
#include "select/profile.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>
#include <optional>

class JobControl;
class LayerDocument;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
struct ExportOutcome;

class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    // `base` gives the target (for the report's lint), the prefix and the level offered first.
    ExportDialog(LayerDocument *document, const Profile &base, QWidget *parent = nullptr);
    // Cancels an export still running and waits for it (nothing is left behind).
    ~ExportDialog() override;

    // The zip name offered first: "numpy-stack-layer.zip" for ~/numpy-stack/python,
    // ~/proj/.venv/lib/python3.11/site-packages or ~/numpy-stack.zip (the folders
    // pip installs into say nothing); "python3.11-layer.zip" when no folder
    // above them is named by a person (a pyenv or the system's site-packages).
    [[nodiscard]] static QString defaultZipName(const QString &source);

    // Where the target came from ("the layer (…)"), for the report.
    void setTargetOrigin(const QString &origin) { m_targetOrigin = origin; }
    // The interpreter Verify uses, as probed. Precompiling takes it when it
    // is of the target's version, else the one PythonFinder picks for the target.
    void setPython(std::optional<PythonInfo> python) { m_python = std::move(python); }

    [[nodiscard]] QString prefix() const;
    [[nodiscard]] int level() const;
    // Whether zip input is compressed again: the user changed the level
    // (without that, its entries are copied as they are stored).
    [[nodiscard]] bool recompresses() const;
    [[nodiscard]] QComboBox *bytecodeBox() const { return m_bytecode; }
    [[nodiscard]] QLineEdit *outputEdit() const { return m_output; }
    // Starts the export (what the Export button does).
    void start();

Q_SIGNALS:
    // The export ended; `ok` is false on failure or cancel.
    void finished(bool ok);

protected:
    void reject() override;

private:
    void browse();
    void updateSummary();
    void exportFinished();
    void setInputsEnabled(bool on);

    LayerDocument *m_document;
    QLineEdit *m_output;
    QComboBox *m_prefix;
    QSpinBox *m_level;
    QComboBox *m_bytecode;
    QCheckBox *m_writeReport;
    QLabel *m_summary;
    QProgressBar *m_progress;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QPushButton *m_exportButton;
    QString m_targetOrigin;
    std::optional<PythonInfo> m_python;
    Profile m_base;
    bool m_levelChosen = false; // the user changed the level since the dialog opened
    std::shared_ptr<JobControl> m_control;
    QFutureWatcher<std::shared_ptr<ExportOutcome>> m_watcher;
};
