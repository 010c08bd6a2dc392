// File ▸ Compare With…: asks for a layer zip or folder, runs a CompareJob
// with a cancellable progress dialog, and opens a CompareDialog on the
// result (or says why the other layer could not be read).
#pragma once

#include "select/targets.h"

#include <QObject>
#include <QPointer>

class CompareDialog;
class CompareJob;
class LayerDocument;
class QProgressDialog;
class QWidget;

class CompareLauncher : public QObject
{
    Q_OBJECT

public:
    // What the user is asked to pick.
    enum class Pick : std::uint8_t {
        Zip,    // a layer zip
        Folder, // a layer folder or site-packages
    };

    explicit CompareLauncher(QWidget *window);

    // Asks for the other layer, then start()s.
    void choose(Pick pick, const LayerDocument &document, const Target &target);
    // Compares `document` as kept now (B) with the layer at `path` (A). A
    // comparison still running is cancelled first.
    void start(const LayerDocument &document, const Target &target, const QString &path);
    [[nodiscard]] bool isRunning() const { return m_job != nullptr; }

Q_SIGNALS:
    // The comparison's window is shown.
    void shown(CompareDialog *dialog);
    // The other layer could not be read (`error` names it and why), or the user cancelled.
    void failed(const QString &error, bool cancelled);

private:
    QWidget *m_window;
    CompareJob *m_job = nullptr;
    QPointer<QProgressDialog> m_progress;
};
