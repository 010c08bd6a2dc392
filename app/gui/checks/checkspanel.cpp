#include "gui/checks/checkspanel.h"

#include "gui/checks/linttab.h"
#include "gui/checks/verifyjob.h"
#include "gui/checks/verifytab.h"
#include "gui/shell/layerdocument.h"
#include "select/profile.h"
#include "select/targets.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

ChecksPanel::ChecksPanel(QWidget *parent)
    : QWidget(parent)
    , m_job(new VerifyJob(this))
    , m_runtime(new QComboBox(this))
    , m_arch(new QComboBox(this))
    , m_origin(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_verify(new VerifyTab(m_job, m_tabs))
    , m_lint(new LintTab(m_job, m_tabs))
{
    m_runtime->addItems(Target::runtimes());
    m_arch->addItems(Target::architectures());
    m_runtime->setToolTip(tr("Lambda runtime the layer must load on"));
    m_arch->setToolTip(tr("Lambda architecture the layer must load on"));
    const Profile defaults;
    m_runtime->setCurrentText(defaults.runtime);
    m_arch->setCurrentText(defaults.arch);
    m_verify->setTarget(runtime(), arch());
    m_lint->setTarget(runtime(), arch());

    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(new QLabel(tr("Target:"), this));
    targetRow->addWidget(m_runtime);
    targetRow->addWidget(m_arch);
    m_origin->setObjectName(QStringLiteral("targetOrigin"));
    m_origin->setEnabled(false); // greyed: a note, not a control
    m_origin->setTextInteractionFlags(Qt::TextSelectableByMouse);
    targetRow->addWidget(m_origin, 1);

    m_tabs->addTab(m_verify, tr("Verify"));
    m_tabs->addTab(m_lint, tr("Lint"));

    m_progress->setMaximumWidth(200);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cancel->setToolTip(tr("Stop the running check"));
    m_cancel->hide();
    m_status->setWordWrap(true);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_cancel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(targetRow);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(statusRow);

    connect(m_cancel, &QPushButton::clicked, this, &ChecksPanel::cancel);
    connect(m_runtime, &QComboBox::currentTextChanged, this, &ChecksPanel::targetChanged);
    connect(m_arch, &QComboBox::currentTextChanged, this, &ChecksPanel::targetChanged);
    connect(m_verify, &VerifyTab::statusMessage, m_status, &QLabel::setText);
    connect(m_lint, &LintTab::statusMessage, m_status, &QLabel::setText);
    connect(m_verify, &VerifyTab::nodeActivated, this, &ChecksPanel::nodeActivated);
    connect(m_lint, &LintTab::nodeActivated, this, &ChecksPanel::nodeActivated);
    connect(m_job, &VerifyJob::started, this, [this](const QString &what) {
        m_status->setText(what);
        m_progress->setRange(0, 0);
        m_progress->show();
        m_cancel->show();
        updateButtons();
    });
    connect(m_job, &VerifyJob::progress, this, [this](quint64 done, quint64 total, const QString &current) {
        if (total > 0) {
            m_progress->setRange(0, int(total));
            m_progress->setValue(int(done));
            m_status->setText(tr("%1 of %2 done, last: %3").arg(done).arg(total).arg(current));
        }
    });
    connect(m_job, &VerifyJob::finished, this, [this] {
        m_progress->hide();
        m_cancel->hide();
        updateButtons();
        Q_EMIT jobFinished();
    });
    updateButtons();
}

ChecksPanel::~ChecksPanel() = default;

void ChecksPanel::setDocument(LayerDocument *document)
{
    if (m_document == document)
        return;
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    cancel();
    m_document = document;
    m_verify->setDocument(document);
    m_lint->setDocument(document);
    m_status->clear();
    if (document) {
        connect(document, &LayerDocument::selectionChanged, this, &ChecksPanel::selectionChanged);
        connect(document, &QObject::destroyed, this, [this] { setDocument(nullptr); });
    }
    updateButtons();
}

void ChecksPanel::setTarget(const QString &runtime, const QString &arch, const QString &origin)
{
    m_settingTarget = true;
    m_runtime->setCurrentText(runtime);
    m_arch->setCurrentText(arch);
    m_settingTarget = false;
    m_origin->setText(origin);
    m_origin->setToolTip(m_origin->text());
    m_verify->pickPython(runtime);
}

QString ChecksPanel::targetOrigin() const
{
    return m_origin->text();
}

// Lint results (and the tree's badges) follow the target; verify waits for the user.
void ChecksPanel::targetChanged()
{
    m_verify->setTarget(runtime(), arch());
    m_lint->setTarget(runtime(), arch());
    if (!m_settingTarget) {
        m_origin->setText(tr("chosen here"));
        m_origin->setToolTip(QString());
        Q_EMIT targetChosen(runtime(), arch());
    }
    if (m_lint->report() && !isBusy())
        startLint();
}

QString ChecksPanel::runtime() const
{
    return m_runtime->currentText();
}

QString ChecksPanel::arch() const
{
    return m_arch->currentText();
}

bool ChecksPanel::choosePython(const QString &path, QString *error)
{
    return m_verify->choosePython(path, error);
}

QString ChecksPanel::pythonPath() const
{
    return m_verify->pythonPath();
}

std::optional<PythonInfo> ChecksPanel::python() const
{
    const PythonInfo *python = m_verify->currentPython();
    return python ? std::optional<PythonInfo>(*python) : std::nullopt;
}

void ChecksPanel::updateButtons()
{
    m_verify->updateButtons();
    m_lint->updateButtons();
    m_runtime->setEnabled(!m_job->isRunning());
    m_arch->setEnabled(!m_job->isRunning());
}

bool ChecksPanel::isBusy() const
{
    return m_job->isRunning();
}

void ChecksPanel::cancel()
{
    m_job->cancel();
}

void ChecksPanel::startVerify()
{
    m_verify->startVerify();
}

void ChecksPanel::startCulpritSearch()
{
    m_verify->startCulpritSearch();
}

void ChecksPanel::keepCulprits()
{
    m_verify->culprits()->keep();
}

void ChecksPanel::startLint()
{
    m_lint->startLint();
}

void ChecksPanel::selectionChanged()
{
    if (verifyReport() || lintReport())
        m_status->setText(tr("The selection changed since these results; run the checks again."));
}

const VerifyReport *ChecksPanel::verifyReport() const
{
    return m_verify->report();
}

const BisectResult *ChecksPanel::bisectResult() const
{
    return m_verify->culprits()->result();
}

const LintReport *ChecksPanel::lintReport() const
{
    return m_lint->report();
}

QTreeWidget *ChecksPanel::verifyList() const
{
    return m_verify->list();
}

QTreeWidget *ChecksPanel::lintList() const
{
    return m_lint->list();
}
