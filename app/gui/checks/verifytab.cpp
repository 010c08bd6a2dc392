#include "gui/checks/verifytab.h"

#include "gui/checks/resultlist.h"
#include "gui/checks/statusdot.h"
#include "gui/checks/verifyjob.h"
#include "gui/shell/layerdocument.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <memory>

namespace {

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
        return VerifyTab::tr("passed");
    case CheckStatus::Failed:
        return VerifyTab::tr("failed");
    case CheckStatus::Crashed:
        return VerifyTab::tr("crashed");
    case CheckStatus::TimedOut:
        return VerifyTab::tr("timed out");
    case CheckStatus::Cancelled:
        return VerifyTab::tr("cancelled");
    case CheckStatus::NotStarted:
        break;
    }
    return VerifyTab::tr("not run");
}

} // namespace

VerifyTab::VerifyTab(VerifyJob *job, QWidget *parent)
    : QWidget(parent)
    , m_job(job)
    , m_python(new QComboBox(this))
    , m_browsePython(new QPushButton(tr("Other…"), this))
    , m_pythonWarning(new QLabel(this))
    , m_verifyButton(new QPushButton(tr("&Verify"), this))
    , m_culpritButton(new QPushButton(tr("Find &Culprit"), this))
    , m_summary(new QLabel(this))
    , m_list(makeResultList({tr("Module"), tr("Result"), tr("Time"), tr("Import time")}, this))
    , m_detail(new QPlainTextEdit(this))
    , m_culprits(new CulpritSearch(job, this))
{
    m_python->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_python->setToolTip(tr("Interpreter that imports the kept set (-S -I, clean environment)"));
    m_python->setPlaceholderText(tr("Looking for Python…"));
    m_browsePython->setToolTip(tr("Use an interpreter that is not on PATH or in pyenv"));
    m_pythonWarning->setStyleSheet(QStringLiteral("color: #b26a00"));
    m_pythonWarning->setWordWrap(true);
    m_pythonWarning->hide();
    m_verifyButton->setObjectName(QStringLiteral("verifyButton"));
    m_verifyButton->setToolTip(tr("Build the kept set in a scratch folder and import every top-level package"));
    m_culpritButton->setObjectName(QStringLiteral("culpritButton"));
    m_culpritButton->setToolTip(tr("Bisect the pruned paths for the smallest set the failed import needs"));

    auto *pythonRow = new QHBoxLayout;
    pythonRow->addWidget(new QLabel(tr("Python:"), this));
    pythonRow->addWidget(m_python, 1);
    pythonRow->addWidget(m_browsePython);
    pythonRow->addWidget(m_verifyButton);
    pythonRow->addWidget(m_culpritButton);

    m_list->setObjectName(QStringLiteral("verifyList"));
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setPlaceholderText(tr("Select a module to see its output"));
    m_detail->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_list);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(pythonRow);
    layout->addWidget(m_pythonWarning);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_culprits);

    connect(m_python, &QComboBox::activated, this, [this] {
        m_pythonChosen = true;
        updatePythonWarning();
    });
    connect(m_browsePython, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a Python interpreter"));
        QString error;
        if (!path.isEmpty() && !choosePython(path, &error))
            Q_EMIT statusMessage(error);
    });
    connect(m_verifyButton, &QPushButton::clicked, this, &VerifyTab::startVerify);
    connect(m_culpritButton, &QPushButton::clicked, this, &VerifyTab::startCulpritSearch);
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        showDetail(item);
        updateButtons();
    });
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const auto node = FileTree::Index(item->data(0, kNodeRole).toUInt());
        if (node != FileTree::kNone)
            Q_EMIT nodeActivated(node);
    });
    connect(m_culprits, &CulpritSearch::nodeActivated, this, &VerifyTab::nodeActivated);
    connect(m_culprits, &CulpritSearch::statusMessage, this, &VerifyTab::statusMessage);

    // Asking each interpreter its version takes a moment: off the GUI thread.
    auto *watcher = new QFutureWatcher<std::vector<PythonInfo>>(this);
    connect(watcher, &QFutureWatcher<std::vector<PythonInfo>>::finished, this, [this, watcher] {
        pythonsDetected(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([] { return PythonFinder::detect(); }));
}

void VerifyTab::setDocument(LayerDocument *document)
{
    m_document = document;
    m_verify.reset();
    m_run = {};
    m_culprits->setDocument(document);
    showVerify();
}

void VerifyTab::setTarget(const QString &runtime, const QString &arch)
{
    m_runtime = runtime;
    m_arch = arch;
    updatePythonWarning();
}

void VerifyTab::pickPython(const QString &runtime)
{
    if (!m_pythonChosen && !m_pythons.empty())
        m_python->setCurrentIndex(PythonFinder::pick(m_pythons, runtime));
    updatePythonWarning();
}

void VerifyTab::pythonsDetected(std::vector<PythonInfo> found)
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
        m_python->setCurrentIndex(PythonFinder::pick(m_pythons, m_runtime));
    }
    updatePythonWarning();
    updateButtons();
}

bool VerifyTab::choosePython(const QString &path, QString *error)
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

QString VerifyTab::pythonPath() const
{
    const PythonInfo *python = currentPython();
    return python ? python->path : QString();
}

const PythonInfo *VerifyTab::currentPython() const
{
    const int i = m_python->currentIndex();
    return i >= 0 && std::size_t(i) < m_pythons.size() ? &m_pythons[std::size_t(i)] : nullptr;
}

void VerifyTab::updatePythonWarning()
{
    const PythonInfo *python = currentPython();
    const QString warning = python ? PythonFinder::mismatch(*python, m_runtime, m_arch) : QString();
    m_pythonWarning->setText(warning.isEmpty() ? QString() : tr("⚠ %1").arg(warning));
    m_pythonWarning->setVisible(!warning.isEmpty());
}

void VerifyTab::updateButtons()
{
    const bool running = m_job->isRunning();
    const bool idle = m_document && !running;
    m_verifyButton->setEnabled(idle && currentPython());
    m_python->setEnabled(!running);
    m_browsePython->setEnabled(!running);
    const bool anyFailure = m_verify && !m_verify->failures().empty();
    m_culpritButton->setEnabled(idle && anyFailure && m_run.pruned.any());
    m_culpritButton->setVisible(anyFailure);
    m_culprits->updateButtons();
}

void VerifyTab::startVerify()
{
    const PythonInfo *python = currentPython();
    if (!m_document || m_job->isRunning() || !python)
        return;
    m_run.layer = LayerSnapshot::of(*m_document);
    m_run.pruned = m_document->ledger().pruned();
    m_run.options = VerifyOptions{};
    m_run.options.python = python->path;
    m_culprits->clear();
    auto report = std::make_shared<VerifyReport>();
    m_job->start(
        tr("Importing every top-level package with %1…").arg(m_run.options.python),
        [tree = m_run.layer.tree, zip = m_run.layer.zipEntries, pruned = m_run.pruned, options = m_run.options,
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
                Q_EMIT statusMessage(tr("Verification cancelled."));
            else if (!m_verify->error.isEmpty())
                Q_EMIT statusMessage(m_verify->error);
            else
                Q_EMIT statusMessage(QString());
        });
}

void VerifyTab::startCulpritSearch()
{
    if (!m_document || m_job->isRunning() || !m_verify || !m_run.layer.tree)
        return;
    const CheckResult *failed = nullptr;
    if (QTreeWidgetItem *item = m_list->currentItem()) {
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
    m_culprits->start(m_run, *failed);
}

FileTree::Index VerifyTab::moduleNode(const QString &module) const
{
    const FileTree *tree = m_run.layer.tree.get();
    if (!tree)
        return FileTree::kNone;
    const FileTree::Index root = tree->packageRoot();
    const QByteArray name = module.toUtf8();
    FileTree::Index node = tree->find(name, root);
    if (node == FileTree::kNone)
        node = tree->find(name + ".py", root);
    return node;
}

void VerifyTab::showVerify()
{
    m_list->clear();
    m_detail->clear();
    if (!m_verify) {
        m_summary->setText(m_document ? tr("Verify imports the kept set with a real Python.") : QString());
        updateButtons();
        return;
    }
    int passed = 0;
    for (std::size_t i = 0; i < m_verify->results.size(); ++i) {
        const CheckResult &r = m_verify->results[i];
        passed += r.passed();
        const QString name = r.check.kind == CheckKind::Smoke ? tr("smoke: %1").arg(r.check.name) : r.check.name;
        const ImportTiming &t = r.timing;
        const QString importTime =
            t.runs > 0 ? tr("%1 ms ± %2").arg(t.medianMs, 0, 'f', 1).arg((t.maxMs - t.minMs) / 2, 0, 'f', 1)
                       : QString();
        auto *item = new QTreeWidgetItem(
            m_list, {name, statusText(r.status), tr("%1 s").arg(double(r.millis) / 1000.0, 0, 'f', 1), importTime});
        item->setIcon(1, statusDot(statusColour(r.status)));
        item->setData(0, kResultRole, qulonglong(i));
        item->setData(0, kNodeRole, uint(moduleNode(r.check.name)));
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        if (t.runs > 0)
            item->setToolTip(3, tr("Cold import, median of %n fresh process(es): %1..%2 ms; the whole process took "
                                   "%3 ms",
                                   nullptr, t.runs)
                                    .arg(t.minMs, 0, 'f', 1)
                                    .arg(t.maxMs, 0, 'f', 1)
                                    .arg(t.wallMedianMs, 0, 'f', 0));
        if (!r.error.isEmpty())
            item->setToolTip(1, r.error);
    }
    for (int c = 0; c < m_list->columnCount() - 1; ++c)
        m_list->resizeColumnToContents(c);
    const int total = int(m_verify->results.size());
    m_summary->setText(
        passed == total
            ? tr("<b style='color:#2e7d32'>Verified:</b> all %n check(s) passed.", nullptr, total)
            : tr("<b style='color:#c62828'>Not verified:</b> %1 of %2 checks failed.").arg(total - passed).arg(total));
    // Show the first failure's traceback straight away: it is what the user came for.
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        if (!m_verify->results[std::size_t(i)].passed()) {
            m_list->setCurrentItem(m_list->topLevelItem(i));
            break;
        }
    updateButtons();
}

void VerifyTab::showDetail(QTreeWidgetItem *item)
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
