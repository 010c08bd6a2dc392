#include "gui/compare/comparelauncher.h"

#include "gui/compare/comparedialog.h"
#include "gui/compare/comparejob.h"
#include "gui/shell/layerdocument.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSettings>

CompareLauncher::CompareLauncher(QWidget *window)
    : QObject(window)
    , m_window(window)
{
}

void CompareLauncher::choose(Pick pick, const LayerDocument &document, const Target &target)
{
    const QString dir = QSettings().value(QStringLiteral("compareDir")).toString();
    const QString path =
        pick == Pick::Zip
            ? QFileDialog::getOpenFileName(m_window, tr("Compare with a layer zip"), dir,
                                           tr("Zip archives (*.zip);;All files (*)"))
            : QFileDialog::getExistingDirectory(m_window, tr("Compare with a layer folder or site-packages"), dir);
    if (path.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("compareDir"), QFileInfo(path).absolutePath());
    start(document, target, path);
}

void CompareLauncher::start(const LayerDocument &document, const Target &target, const QString &path)
{
    delete m_job; // cancels one still running
    delete m_progress;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_job = new CompareJob(document, target, absolute, this);
    m_progress =
        new QProgressDialog(tr("Scanning %1…").arg(QDir::toNativeSeparators(absolute)), tr("Cancel"), 0, 0, m_window);
    m_progress->setWindowTitle(tr("Compare With"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, m_job, &CompareJob::cancel);
    connect(m_job, &CompareJob::progress, m_progress, &QProgressDialog::setLabelText);
    const QString nameA = QFileInfo(absolute).fileName();
    const QString nameB = tr("this layer (%1) as kept").arg(QFileInfo(document.path()).fileName());
    connect(m_job, &CompareJob::finished, this,
            [this, nameA, nameB](std::shared_ptr<const LayerDiff> diff, const QString &error, bool cancelled) {
                m_job->deleteLater();
                m_job = nullptr;
                delete m_progress;
                if (!diff) {
                    Q_EMIT failed(error, cancelled);
                    if (!cancelled) {
                        auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot compare"), error, QMessageBox::Ok,
                                                    m_window);
                        box->setAttribute(Qt::WA_DeleteOnClose);
                        box->open();
                    }
                    return;
                }
                auto *dialog = new CompareDialog(std::move(diff), nameA, nameB, m_window);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                dialog->show();
                Q_EMIT shown(dialog);
            });
    m_job->start();
}
