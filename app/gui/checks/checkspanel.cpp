#include "gui/checks/checkspanel.h"

#include "base/units.h"
#include "gui/checks/statusdot.h"
#include "gui/checks/verifyjob.h"
#include "gui/shell/layerdocument.h"
#include "select/profile.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace {

constexpr int kNodeRole = Qt::UserRole;       // FileTree::Index of a row, or kNone
constexpr int kResultRole = Qt::UserRole + 1; // index into VerifyReport::results

QColor statusColour(CheckStatus s)
{
    switch (s) {
    case CheckStatus::Passed:
        return QColor(0x2e, 0x7d, 0x32);
    case CheckStatus::Failed:
    case CheckStatus::Crashed:
        return QColor(0xc6, 0x28, 0x28);
    case CheckStatus::TimedOut:
        return QColor(0xef, 0x8f, 0x00);
    case CheckStatus::Cancelled:
    case CheckStatus::NotStarted:
        break;
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

QString statusText(CheckStatus s)
{
    switch (s) {
    case CheckStatus::Passed:
        return ChecksPanel::tr("passed");
    case CheckStatus::Failed:
        return ChecksPanel::tr("failed");
    case CheckStatus::Crashed:
        return ChecksPanel::tr("crashed");
    case CheckStatus::TimedOut:
        return ChecksPanel::tr("timed out");
    case CheckStatus::Cancelled:
        return ChecksPanel::tr("cancelled");
    case CheckStatus::NotStarted:
        break;
    }
    return ChecksPanel::tr("not run");
}

QString checkText(LintCheck c)
{
    switch (c) {
    case LintCheck::Machine:
        return ChecksPanel::tr("machine");
    case LintCheck::AbiTag:
        return ChecksPanel::tr("ABI tag");
    case LintCheck::Glibc:
        return ChecksPanel::tr("glibc");
    case LintCheck::NonElf:
        return ChecksPanel::tr("not ELF");
    case LintCheck::Unreadable:
        break;
    }
    return ChecksPanel::tr("unreadable");
}

QTreeWidget *makeList(const QStringList &headers, QWidget *parent)
{
    auto *list = new QTreeWidget(parent);
    list->setHeaderLabels(headers);
    list->setRootIsDecorated(false);
    list->setUniformRowHeights(true);
    list->setAlternatingRowColors(true);
    list->header()->setStretchLastSection(true);
    return list;
}

} // namespace

ChecksPanel::ChecksPanel(QWidget *parent)
    : QWidget(parent)
    , m_job(new VerifyJob(this))
    , m_runtime(new QComboBox(this))
    , m_arch(new QComboBox(this))
    , m_tabs(new QTabWidget(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    m_runtime->addItems(Profile::knownRuntimes());
    m_arch->addItems(Profile::knownArchitectures());
    m_runtime->setToolTip(tr("Lambda runtime the layer must load on"));
    m_arch->setToolTip(tr("Lambda architecture the layer must load on"));
    const Profile defaults;
    m_runtime->setCurrentText(defaults.runtime);
    m_arch->setCurrentText(defaults.arch);

    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(new QLabel(tr("Target:"), this));
    targetRow->addWidget(m_runtime);
    targetRow->addWidget(m_arch);
    targetRow->addStretch(1);

    buildVerifyTab();
    buildLintTab();

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
    connect(m_job, &VerifyJob::progress, this, [this](quint64 done, quint64 total, const QString &current) {
        if (total > 0) {
            m_progress->setRange(0, int(total));
            m_progress->setValue(int(done));
            m_status->setText(tr("%1 of %2 done, last: %3").arg(done).arg(total).arg(current));
        }
    });
    connect(m_job, &VerifyJob::finished, this, [this](bool cancelled) {
        m_progress->hide();
        m_cancel->hide();
        if (m_done)
            std::exchange(m_done, nullptr)(cancelled);
        updateButtons();
        Q_EMIT jobFinished();
    });

    // Asking each interpreter its version takes a moment: off the GUI thread.
    auto *watcher = new QFutureWatcher<std::vector<PythonInfo>>(this);
    connect(watcher, &QFutureWatcher<std::vector<PythonInfo>>::finished, this, [this, watcher] {
        pythonsDetected(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([] { return PythonFinder::detect(); }));
    updateButtons();
}

ChecksPanel::~ChecksPanel() = default;

void ChecksPanel::buildVerifyTab()
{
    auto *page = new QWidget(m_tabs);
    m_python = new QComboBox(page);
    m_python->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_python->setToolTip(tr("Interpreter that imports the kept set (-S -I, clean environment)"));
    m_python->setPlaceholderText(tr("Looking for Python…"));
    m_browsePython = new QPushButton(tr("Other…"), page);
    m_browsePython->setToolTip(tr("Use an interpreter that is not on PATH or in pyenv"));
    m_pythonWarning = new QLabel(page);
    m_pythonWarning->setStyleSheet(QStringLiteral("color: #b26a00"));
    m_pythonWarning->setWordWrap(true);
    m_pythonWarning->hide();
    m_verifyButton = new QPushButton(tr("&Verify"), page);
    m_verifyButton->setObjectName(QStringLiteral("verifyButton"));
    m_verifyButton->setToolTip(tr("Build the kept set in a scratch folder and import every top-level package"));
    m_culpritButton = new QPushButton(tr("Find &Culprit"), page);
    m_culpritButton->setObjectName(QStringLiteral("culpritButton"));
    m_culpritButton->setToolTip(tr("Bisect the pruned paths for the smallest set the failed import needs"));
    m_verifySummary = new QLabel(page);

    auto *pythonRow = new QHBoxLayout;
    pythonRow->addWidget(new QLabel(tr("Python:"), page));
    pythonRow->addWidget(m_python, 1);
    pythonRow->addWidget(m_browsePython);
    pythonRow->addWidget(m_verifyButton);
    pythonRow->addWidget(m_culpritButton);

    m_verifyList = makeList({tr("Module"), tr("Result"), tr("Time")}, page);
    m_verifyList->setObjectName(QStringLiteral("verifyList"));
    m_detail = new QPlainTextEdit(page);
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(tr("Select a module to see its output"));
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);

    m_culpritBox = new QWidget(page);
    m_culpritLabel = new QLabel(m_culpritBox);
    m_culpritLabel->setWordWrap(true);
    m_culpritList = makeList({tr("Pruned path"), tr("Size"), tr("Files")}, m_culpritBox);
    m_keepButton = new QPushButton(tr("&Keep These Paths"), m_culpritBox);
    m_keepButton->setObjectName(QStringLiteral("keepButton"));
    m_keepButton->setToolTip(tr("Mark the culprits Keep (one undo step)"));
    auto *culpritLayout = new QVBoxLayout(m_culpritBox);
    culpritLayout->setContentsMargins(0, 0, 0, 0);
    auto *culpritRow = new QHBoxLayout;
    culpritRow->addWidget(m_culpritLabel, 1);
    culpritRow->addWidget(m_keepButton);
    culpritLayout->addLayout(culpritRow);
    culpritLayout->addWidget(m_culpritList);
    m_culpritBox->hide();

    auto *splitter = new QSplitter(Qt::Horizontal, page);
    splitter->addWidget(m_verifyList);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(page);
    layout->addLayout(pythonRow);
    layout->addWidget(m_pythonWarning);
    layout->addWidget(m_verifySummary);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_culpritBox);
    m_tabs->addTab(page, tr("Verify"));

    connect(m_python, &QComboBox::activated, this, [this] {
        m_pythonChosen = true;
        updatePythonWarning();
    });
    connect(m_browsePython, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a Python interpreter"));
        QString error;
        if (!path.isEmpty() && !choosePython(path, &error))
            m_status->setText(error);
    });
    connect(m_verifyButton, &QPushButton::clicked, this, &ChecksPanel::startVerify);
    connect(m_culpritButton, &QPushButton::clicked, this, &ChecksPanel::startCulpritSearch);
    connect(m_keepButton, &QPushButton::clicked, this, &ChecksPanel::keepCulprits);
    connect(m_verifyList, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        showDetail(item);
        updateButtons();
    });
    connect(m_verifyList, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const auto node = FileTree::Index(item->data(0, kNodeRole).toUInt());
        if (node != FileTree::kNone)
            Q_EMIT nodeActivated(node);
    });
    connect(m_culpritList, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        Q_EMIT nodeActivated(FileTree::Index(item->data(0, kNodeRole).toUInt()));
    });
}

void ChecksPanel::buildLintTab()
{
    auto *page = new QWidget(m_tabs);
    m_lintButton = new QPushButton(tr("&Lint"), page);
    m_lintButton->setObjectName(QStringLiteral("lintButton"));
    m_lintButton->setToolTip(
        tr("Check the kept native files: ELF machine, CPython ABI tag, GLIBC version, macOS/Windows binaries"));
    m_lintSummary = new QLabel(page);
    m_lintSummary->setWordWrap(true);
    auto *row = new QHBoxLayout;
    row->addWidget(m_lintButton);
    row->addWidget(m_lintSummary, 1);
    m_lintList = makeList({tr("Severity"), tr("Check"), tr("Path"), tr("Message")}, page);
    m_lintList->setObjectName(QStringLiteral("lintList"));
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(row);
    layout->addWidget(m_lintList, 1);
    m_tabs->addTab(page, tr("Lint"));

    connect(m_lintButton, &QPushButton::clicked, this, &ChecksPanel::startLint);
    connect(m_lintList, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        const auto node = FileTree::Index(item->data(0, kNodeRole).toUInt());
        if (node != FileTree::kNone)
            Q_EMIT nodeActivated(node);
    });
}

void ChecksPanel::setDocument(LayerDocument *document)
{
    if (m_document == document)
        return;
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    cancel();
    m_document = document;
    m_verify.reset();
    m_bisect.reset();
    m_lint.reset();
    m_tree.reset();
    m_zipEntries.reset();
    showVerify();
    showCulprits();
    showLint();
    m_status->clear();
    if (document) {
        connect(document, &LayerDocument::selectionChanged, this, &ChecksPanel::selectionChanged);
        connect(document, &QObject::destroyed, this, [this] { setDocument(nullptr); });
    }
    updateButtons();
}

void ChecksPanel::setTarget(const QString &runtime, const QString &arch)
{
    m_runtime->setCurrentText(runtime);
    m_arch->setCurrentText(arch);
    if (!m_pythonChosen && !m_pythons.empty())
        m_python->setCurrentIndex(PythonFinder::pick(m_pythons, runtime));
    updatePythonWarning();
}

// Lint results (and the tree's badges) follow the target; verify waits for the user.
void ChecksPanel::targetChanged()
{
    updatePythonWarning();
    if (m_lint && !isBusy())
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

void ChecksPanel::pythonsDetected(std::vector<PythonInfo> found)
{
    const PythonInfo *chosen = m_pythonChosen ? currentPython() : nullptr;
    const QString chosenPath = chosen ? chosen->path : QString();
    for (PythonInfo &p : found) {
        const bool known =
            std::any_of(m_pythons.begin(), m_pythons.end(), [&](const PythonInfo &q) { return q.path == p.path; });
        if (!known)
            m_pythons.push_back(std::move(p));
    }
    m_python->clear();
    for (const PythonInfo &p : m_pythons)
        m_python->addItem(tr("%1 — Python %2 (%3)").arg(p.path, p.version, p.origin));
    if (m_pythons.empty()) {
        m_python->setPlaceholderText(tr("No Python 3 found on PATH or in ~/.pyenv"));
    } else if (m_pythonChosen) {
        for (std::size_t i = 0; i < m_pythons.size(); ++i)
            if (m_pythons[i].path == chosenPath)
                m_python->setCurrentIndex(int(i));
    } else {
        m_python->setCurrentIndex(PythonFinder::pick(m_pythons, runtime()));
    }
    updatePythonWarning();
    updateButtons();
}

bool ChecksPanel::choosePython(const QString &path, QString *error)
{
    std::optional<PythonInfo> info = PythonFinder::probe(path, error);
    if (!info)
        return false;
    info->origin = QStringLiteral("given");
    m_pythonChosen = true;
    auto it = std::find_if(m_pythons.begin(), m_pythons.end(), [&](const PythonInfo &p) { return p.path == path; });
    if (it == m_pythons.end()) {
        m_pythons.push_back(*info);
        m_python->addItem(tr("%1 — Python %2 (%3)").arg(info->path, info->version, info->origin));
        it = m_pythons.end() - 1;
    }
    m_python->setCurrentIndex(int(it - m_pythons.begin()));
    updatePythonWarning();
    updateButtons();
    return true;
}

const PythonInfo *ChecksPanel::currentPython() const
{
    const int i = m_python->currentIndex();
    return i >= 0 && std::size_t(i) < m_pythons.size() ? &m_pythons[std::size_t(i)] : nullptr;
}

void ChecksPanel::updatePythonWarning()
{
    const PythonInfo *python = currentPython();
    const QString warning = python ? PythonFinder::mismatch(*python, runtime(), arch()) : QString();
    m_pythonWarning->setText(warning.isEmpty() ? QString() : tr("⚠ %1").arg(warning));
    m_pythonWarning->setVisible(!warning.isEmpty());
}

void ChecksPanel::updateButtons()
{
    const bool idle = m_document && !m_job->isRunning();
    m_verifyButton->setEnabled(idle && currentPython());
    m_lintButton->setEnabled(idle);
    m_python->setEnabled(!m_job->isRunning());
    m_browsePython->setEnabled(!m_job->isRunning());
    m_runtime->setEnabled(!m_job->isRunning());
    m_arch->setEnabled(!m_job->isRunning());
    const bool anyFailure = m_verify && !m_verify->failures().empty();
    m_culpritButton->setEnabled(idle && anyFailure && m_verifiedPruned.any());
    m_culpritButton->setVisible(anyFailure);
    m_keepButton->setEnabled(idle && m_bisect && m_bisect->outcome == BisectResult::Outcome::Found);
}

bool ChecksPanel::isBusy() const
{
    return m_job->isRunning();
}

void ChecksPanel::cancel()
{
    m_job->cancel();
}

void ChecksPanel::snapshot()
{
    m_tree = std::make_shared<const FileTree>(m_document->tree());
    m_zipEntries = std::make_shared<const std::vector<ZipEntryRef>>(m_document->layer().zipEntries);
}

void ChecksPanel::run(const QString &what, std::function<void(JobControl &)> work, std::function<void(bool)> done)
{
    if (!m_job->start(std::move(work)))
        return;
    m_done = std::move(done);
    m_status->setText(what);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    updateButtons();
}

VerifyOptions ChecksPanel::verifyOptions() const
{
    VerifyOptions options;
    if (const PythonInfo *python = currentPython())
        options.python = python->path;
    return options;
}

void ChecksPanel::startVerify()
{
    if (!m_document || isBusy() || !currentPython())
        return;
    snapshot();
    m_verifiedPruned = m_document->ledger().pruned();
    m_verifiedOptions = verifyOptions();
    m_bisect.reset();
    showCulprits();
    auto report = std::make_shared<VerifyReport>();
    run(
        tr("Importing every top-level package with %1…").arg(m_verifiedOptions.python),
        [tree = m_tree, zip = m_zipEntries, pruned = m_verifiedPruned, options = m_verifiedOptions,
         report](JobControl &control) {
            Verifier verifier(*tree, zip.get(), options);
            *report = verifier.run(pruned, &control);
        },
        [this, report](bool cancelled) {
            m_verify = std::move(*report);
            showVerify();
            if (m_document)
                m_document->setVerifyResults(*m_verify, [this](const QString &module) { return moduleNode(module); });
            if (cancelled)
                m_status->setText(tr("Verification cancelled."));
            else if (!m_verify->error.isEmpty())
                m_status->setText(m_verify->error);
            else
                m_status->clear();
        });
}

void ChecksPanel::startCulpritSearch()
{
    if (!m_document || isBusy() || !m_verify || !m_tree)
        return;
    const CheckResult *failed = nullptr;
    if (QTreeWidgetItem *item = m_verifyList->currentItem()) {
        const std::size_t i = item->data(0, kResultRole).toULongLong();
        if (i < m_verify->results.size() && !m_verify->results[i].passed())
            failed = &m_verify->results[i];
    }
    if (!failed) {
        const auto failures = m_verify->failures();
        if (failures.empty())
            return;
        failed = failures.front();
    }
    auto result = std::make_shared<BisectResult>();
    run(
        tr("Looking for what %1 needs among the pruned paths…").arg(failed->check.name),
        [tree = m_tree, zip = m_zipEntries, pruned = m_verifiedPruned, options = m_verifiedOptions, failedRun = *failed,
         result](JobControl &control) {
            Verifier verifier(*tree, zip.get(), options);
            CulpritFinder finder(verifier);
            *result = finder.find(pruned, failedRun.check, &control, &failedRun);
        },
        [this, result](bool cancelled) {
            m_bisect = std::move(*result);
            showCulprits();
            m_status->setText(cancelled ? tr("Search cancelled.") : QString());
        });
}

void ChecksPanel::keepCulprits()
{
    if (!m_document || !m_bisect || m_bisect->outcome != BisectResult::Outcome::Found || m_bisect->culprits.empty())
        return;
    QUndoStack *undo = m_document->undoStack();
    undo->beginMacro(tr("Keep %n path(s) %1 needs", nullptr, int(m_bisect->culprits.size())).arg(m_bisect->check.name));
    for (const Culprit &c : m_bisect->culprits)
        m_document->mark(c.node, SizeLedger::Mark::Keep);
    undo->endMacro();
    m_status->setText(tr("Kept %n path(s); verify again to confirm.", nullptr, int(m_bisect->culprits.size())));
}

void ChecksPanel::startLint()
{
    if (!m_document || isBusy())
        return;
    snapshot();
    LintTarget target;
    target.runtime = runtime();
    target.arch = arch();
    auto report = std::make_shared<LintReport>();
    run(
        tr("Linting native files for %1 on %2…").arg(target.runtime, target.arch),
        [tree = m_tree, zip = m_zipEntries, pruned = m_document->ledger().pruned(), target,
         report](JobControl &control) { *report = Lint::run(*tree, zip.get(), target, &pruned, &control); },
        [this, report](bool cancelled) {
            m_lint = std::move(*report);
            showLint();
            if (m_document)
                m_document->setLintResults(*m_lint);
            m_status->setText(cancelled ? tr("Lint cancelled; the list is partial.") : QString());
        });
}

void ChecksPanel::selectionChanged()
{
    if (m_verify || m_lint)
        m_status->setText(tr("The selection changed since these results; run the checks again."));
}

FileTree::Index ChecksPanel::moduleNode(const QString &module) const
{
    if (!m_tree)
        return FileTree::kNone;
    const FileTree::Index root = m_tree->packageRoot();
    const QByteArray name = module.toUtf8();
    FileTree::Index node = m_tree->find(name, root);
    if (node == FileTree::kNone)
        node = m_tree->find(name + ".py", root);
    return node;
}

void ChecksPanel::showVerify()
{
    m_verifyList->clear();
    m_detail->clear();
    if (!m_verify) {
        m_verifySummary->setText(m_document ? tr("Verify imports the kept set with a real Python.") : QString());
        updateButtons();
        return;
    }
    int passed = 0;
    for (std::size_t i = 0; i < m_verify->results.size(); ++i) {
        const CheckResult &r = m_verify->results[i];
        passed += r.passed();
        const QString name = r.check.kind == CheckKind::Import ? r.check.name : tr("smoke: %1").arg(r.check.name);
        auto *item = new QTreeWidgetItem(
            m_verifyList, {name, statusText(r.status), tr("%1 s").arg(double(r.millis) / 1000.0, 0, 'f', 1)});
        item->setIcon(1, statusDot(statusColour(r.status)));
        item->setData(0, kResultRole, qulonglong(i));
        item->setData(0, kNodeRole, uint(moduleNode(r.check.name)));
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        if (!r.error.isEmpty())
            item->setToolTip(1, r.error);
    }
    for (int c = 0; c < m_verifyList->columnCount() - 1; ++c)
        m_verifyList->resizeColumnToContents(c);
    const int total = int(m_verify->results.size());
    m_verifySummary->setText(
        passed == total
            ? tr("<b style='color:#2e7d32'>Verified:</b> all %n check(s) passed.", nullptr, total)
            : tr("<b style='color:#c62828'>Not verified:</b> %1 of %2 checks failed.").arg(total - passed).arg(total));
    // Show the first failure's traceback straight away: it is what the user came for.
    for (int i = 0; i < m_verifyList->topLevelItemCount(); ++i)
        if (!m_verify->results[std::size_t(i)].passed()) {
            m_verifyList->setCurrentItem(m_verifyList->topLevelItem(i));
            break;
        }
    updateButtons();
}

void ChecksPanel::showDetail(QTreeWidgetItem *item)
{
    if (!item || !m_verify) {
        m_detail->clear();
        return;
    }
    const std::size_t i = item->data(0, kResultRole).toULongLong();
    if (i >= m_verify->results.size())
        return;
    const CheckResult &r = m_verify->results[i];
    QString text = tr("%1: %2 in %3 s (exit %4)")
                       .arg(r.check.name, statusText(r.status))
                       .arg(double(r.millis) / 1000.0, 0, 'f', 1)
                       .arg(r.exitCode);
    if (!r.error.isEmpty())
        text += QLatin1Char('\n') + r.error;
    if (!r.output.trimmed().isEmpty())
        text += QStringLiteral("\n\n") + r.output.trimmed();
    if (r.truncated)
        text += QLatin1Char('\n') + tr("(output shortened)");
    m_detail->setPlainText(text);
}

void ChecksPanel::showCulprits()
{
    m_culpritList->clear();
    if (!m_bisect) {
        m_culpritBox->hide();
        updateButtons();
        return;
    }
    const bool found = m_bisect->outcome == BisectResult::Outcome::Found;
    m_culpritLabel->setText(
        found ? tr("<b>%1</b> imports again when these pruned paths are kept (%2 verify runs over %3 pruned subtrees):")
                    .arg(m_bisect->check.name)
                    .arg(m_bisect->runs)
                    .arg(m_bisect->candidates)
              : tr("No culprit for <b>%1</b>: %2").arg(m_bisect->check.name, m_bisect->message.toHtmlEscaped()));
    for (const Culprit &c : m_bisect->culprits) {
        auto *item = new QTreeWidgetItem(
            m_culpritList, {FileTree::displayName(c.path), units::localBytes(c.bytes), QLocale().toString(c.files)});
        item->setData(0, kNodeRole, uint(c.node));
    }
    for (int c = 0; c < m_culpritList->columnCount(); ++c)
        m_culpritList->resizeColumnToContents(c);
    // As tall as its rows (up to four), so the results above keep the room.
    const int rows = std::clamp(m_culpritList->topLevelItemCount(), 1, 4);
    m_culpritList->setFixedHeight(m_culpritList->header()->sizeHint().height() +
                                  rows * std::max(m_culpritList->sizeHintForRow(0), 1) +
                                  2 * m_culpritList->frameWidth() + 2);
    m_culpritList->setVisible(found);
    m_keepButton->setVisible(found);
    m_culpritBox->show();
    updateButtons();
}

void ChecksPanel::showLint()
{
    m_lintList->clear();
    if (!m_lint) {
        m_lintSummary->setText(m_document ? tr("Lint checks the kept native files against the target.") : QString());
        return;
    }
    const QIcon error = statusDot(QColor(0xc6, 0x28, 0x28));
    const QIcon warning = statusDot(QColor(0xef, 0x8f, 0x00));
    for (const LintFinding &f : m_lint->findings) {
        const bool isError = f.severity == LintSeverity::Error;
        auto *item = new QTreeWidgetItem(m_lintList, {isError ? tr("error") : tr("warning"), checkText(f.check),
                                                      FileTree::displayName(f.path), f.message});
        item->setIcon(0, isError ? error : warning);
        item->setData(0, kNodeRole, uint(f.node));
        item->setToolTip(3, f.message);
    }
    for (int c = 0; c < m_lintList->columnCount() - 1; ++c)
        m_lintList->resizeColumnToContents(c);
    const LintTarget &t = m_lint->target;
    m_lintSummary->setText(tr("%1 on %2 (%3, glibc ≤ %4): %5 files checked, %6 ELF — %7 error(s), %8 warning(s)")
                               .arg(t.runtime, t.arch, t.cacheTag(), QString::fromLatin1(t.glibc()))
                               .arg(m_lint->filesChecked)
                               .arg(m_lint->elfFiles.size())
                               .arg(m_lint->errors())
                               .arg(m_lint->warnings()));
}
