#include "gui/dialogs/stagedialog.h"

#include "gui/dialogs/stageform.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMetaMethod>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <spdlog/spdlog.h>

#include <atomic>
#include <mutex>
#include <utility>

// What the worker and the dialog share: pip's lines as they come, batched so
// that the log pane is updated every ~100 ms rather than once per line, and
// the run's cancel flag. It outlives the dialog if need be (shared_ptr).
struct StageFeed {
    std::mutex mutex;
    std::vector<std::pair<Stager::Stream, QString>> lines; // not yet shown
    std::atomic<std::uint64_t> items{0};                   // distributions pip has collected
    JobControl control{[this](const JobProgress &p) { items.store(p.items, std::memory_order_relaxed); }};
    QElapsedTimer sinceCancel;

    void push(Stager::Stream stream, const QString &line)
    {
        const std::lock_guard lock(mutex);
        lines.emplace_back(stream, line);
    }
    [[nodiscard]] std::vector<std::pair<Stager::Stream, QString>> take()
    {
        const std::lock_guard lock(mutex);
        return std::exchange(lines, {});
    }
};

namespace {

constexpr int kDrainMs = 100;
constexpr int kLogBlocks = 20000; // pip prints a few lines per distribution; this keeps hours of it

} // namespace

StageDialog::StageDialog(QWidget *parent)
    : QDialog(parent)
    , m_form(new StageForm(this))
    , m_log(new QPlainTextEdit(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_drainTimer(new QTimer(this))
{
    setWindowTitle(tr("New Layer from Requirements"));
    connect(m_form, &StageForm::pythonsDetected, this, &StageDialog::pythonsDetected);
    connect(m_form, &StageForm::pythonRefused, m_status, &QLabel::setText);

    auto *logLabel = new QLabel(tr("pip's &output:"), this);
    logLabel->setBuddy(m_log);
    m_log->setObjectName(QStringLiteral("stageLog"));
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::WidgetWidth); // pip's long lines (and the command) read whole
    m_log->setMaximumBlockCount(kLogBlocks);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setPlaceholderText(tr("pip's messages appear here while it runs; its warnings and errors in red."));
    m_log->setMinimumHeight(220);

    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(160);
    m_progress->hide(); // shown while pip runs
    m_status->setObjectName(QStringLiteral("stageStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_progress, 0, Qt::AlignTop);
    statusRow->addWidget(m_status, 1);

    m_stageButton = m_buttons->addButton(tr("&Stage"), QDialogButtonBox::AcceptRole);
    m_stageButton->setDefault(true);
    m_stageButton->setToolTip(tr("Run pip install for the target into the layer folder"));
    connect(m_stageButton, &QPushButton::clicked, this, &StageDialog::start);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &StageDialog::reject);
    connect(&m_watcher, &QFutureWatcher<Stager::Result>::finished, this, &StageDialog::stageFinished);
    m_drainTimer->setInterval(kDrainMs);
    connect(m_drainTimer, &QTimer::timeout, this, &StageDialog::drainFeed);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addSpacing(6);
    layout->addWidget(logLabel);
    layout->addWidget(m_log, 1);
    layout->addLayout(statusRow);
    layout->addWidget(m_buttons);
    resize(780, 640);
}

StageDialog::~StageDialog()
{
    if (m_watcher.isRunning()) {
        m_feed->control.cancel();
        m_watcher.waitForFinished();
    }
}

void StageDialog::setRequirements(const QString &file)
{
    m_form->setRequirements(file);
}

void StageDialog::setOutputDir(const QString &dir)
{
    m_form->setOutputDir(dir);
}

void StageDialog::setTarget(const QString &runtime, const QString &arch)
{
    m_form->setTarget(runtime, arch);
}

void StageDialog::setPython(const QString &path)
{
    m_form->setPython(path);
}

void StageDialog::setPipOptions(const QString &options)
{
    m_form->setPipOptions(options);
}

void StageDialog::setReplace(bool replace)
{
    m_form->setReplace(replace);
}

QString StageDialog::python() const
{
    return m_form->python();
}

bool StageDialog::isRunning() const
{
    return m_watcher.isRunning();
}

QPushButton *StageDialog::closeButton() const
{
    return m_buttons->button(QDialogButtonBox::Close);
}

bool StageDialog::start()
{
    if (m_watcher.isRunning())
        return false;
    if (const QString why = m_form->problem(); !why.isEmpty()) {
        m_status->setText(QStringLiteral("<b>%1</b>").arg(why.toHtmlEscaped()));
        return false;
    }
    const StageRequest r = m_form->request();
    const QString layer = QDir(r.outputDir).filePath(QStringLiteral("python"));
    m_form->remember();

    m_resultPath.clear();
    m_log->clear();
    // What runs, in the words a user could paste into a shell (pip installs into a
    // staging folder beside python/ and the folder is renamed when pip succeeds).
    appendNote(QStringLiteral("$ %1 %2").arg(r.python, Stager::pipArguments(r, layer).join(QLatin1Char(' '))));
    m_feed = std::make_shared<StageFeed>();
    m_progress->setRange(0, 0);
    m_progress->show();
    m_status->setText(tr("Running pip…"));
    m_stageButton->setEnabled(false);
    closeButton()->setText(tr("&Cancel"));
    closeButton()->setEnabled(true);
    closeButton()->setToolTip(tr("Stop pip; nothing is written"));
    m_form->setInputsEnabled(false);
    m_drainTimer->start();
    spdlog::info("staging {} into {} for {}", r.requirements.toStdString(), r.outputDir.toStdString(),
                 r.target.runtime().toStdString());
    m_watcher.setFuture(QtConcurrent::run([feed = m_feed, r] {
        return Stager::run(
            r, [&feed](Stager::Stream stream, const QString &line) { feed->push(stream, line); }, &feed->control);
    }));
    return true;
}

void StageDialog::cancel()
{
    if (!m_watcher.isRunning() || m_feed->control.cancelled())
        return;
    m_feed->sinceCancel.start();
    m_feed->control.cancel();
    closeButton()->setEnabled(false);
    m_status->setText(tr("<b>Cancelling:</b> stopping pip…"));
    appendNote(tr("Cancel pressed: stopping pip."));
}

void StageDialog::drainFeed()
{
    if (!m_feed)
        return;
    const auto lines = m_feed->take();
    if (!lines.empty()) {
        QScrollBar *bar = m_log->verticalScrollBar();
        const bool follow = bar->value() == bar->maximum(); // stay put while the user reads further up
        for (const auto &[stream, line] : lines)
            appendLine(stream, line);
        if (follow)
            bar->setValue(bar->maximum());
    }
    if (m_watcher.isRunning() && !m_feed->control.cancelled())
        m_status->setText(tr("Running pip: %n distribution(s) collected so far.", nullptr,
                             int(m_feed->items.load(std::memory_order_relaxed))));
}

void StageDialog::appendLine(Stager::Stream stream, const QString &line)
{
    QTextCharFormat format;
    if (stream == Stager::Stream::Err) {
        format.setForeground(QColor(0xc6, 0x28, 0x28));
        if (line.startsWith(QLatin1String("ERROR")))
            format.setFontWeight(QFont::Bold);
    }
    QTextCursor cursor(m_log->document());
    cursor.movePosition(QTextCursor::End);
    if (!m_log->document()->isEmpty())
        cursor.insertBlock();
    cursor.insertText(line, format);
}

void StageDialog::appendNote(const QString &text)
{
    QTextCharFormat format;
    format.setForeground(palette().color(QPalette::PlaceholderText));
    format.setFontItalic(true);
    QTextCursor cursor(m_log->document());
    cursor.movePosition(QTextCursor::End);
    if (!m_log->document()->isEmpty())
        cursor.insertBlock();
    cursor.insertText(text, format);
    m_log->verticalScrollBar()->setValue(m_log->verticalScrollBar()->maximum());
}

void StageDialog::stageFinished()
{
    m_drainTimer->stop();
    drainFeed();
    const Stager::Result r = m_watcher.result();
    m_progress->setRange(0, 1);
    m_progress->setValue(r.outcome == Stager::Outcome::Staged ? 1 : 0);
    m_progress->hide();
    m_stageButton->setEnabled(true);
    closeButton()->setText(tr("&Close"));
    closeButton()->setEnabled(true);
    closeButton()->setToolTip(QString());
    m_form->setInputsEnabled(true);
    const int items = int(m_feed->items.load(std::memory_order_relaxed));

    switch (r.outcome) {
    case Stager::Outcome::Staged: {
        m_resultPath = r.layerDir;
        const QString where = QDir::toNativeSeparators(r.layerDir).toHtmlEscaped();
        const auto target = m_form->target();
        QString text = tr("<b>Staged</b> %n distribution(s) for %1 into %2.", nullptr, items)
                           .arg(target ? target->runtime() + QLatin1Char(' ') + target->archName() : QString(), where);
        if (isSignalConnected(QMetaMethod::fromSignal(&StageDialog::staged)))
            text += QLatin1Char(' ') + tr("The explorer opens it now.");
        m_status->setText(text);
        appendNote(tr("Staged into %1.").arg(QDir::toNativeSeparators(r.layerDir)));
        spdlog::info("staged into {}", r.layerDir.toStdString());
        m_form->updateOutputNote();
        Q_EMIT staged(r.layerDir);
        break;
    }
    case Stager::Outcome::Cancelled: {
        const double seconds = m_feed->sinceCancel.isValid() ? double(m_feed->sinceCancel.elapsed()) / 1000.0 : 0.0;
        m_status->setText(tr("<b>Cancelled:</b> pip was stopped and nothing was written."));
        appendNote(tr("pip stopped %1 s after Cancel; its files were removed.").arg(seconds, 0, 'f', 1));
        break;
    }
    case Stager::Outcome::PipFailed: {
        // pip's verdict is its last ERROR line (shown in bold in the log).
        QString verdict;
        for (QTextBlock b = m_log->document()->lastBlock(); b.isValid() && verdict.isEmpty(); b = b.previous())
            if (b.text().startsWith(QLatin1String("ERROR:")))
                verdict = b.text();
        if (verdict.isEmpty())
            verdict = r.message;
        m_status->setText(tr("<b>pip failed</b> (exit status %1); nothing was written.").arg(r.pipExitCode) +
                          QStringLiteral("<br>") + verdict.toHtmlEscaped());
        appendNote(tr("pip failed with exit status %1.").arg(r.pipExitCode));
        spdlog::warn("staging failed: {}", r.message.toStdString());
        break;
    }
    case Stager::Outcome::BadInput:
        m_status->setText(tr("<b>Nothing was staged:</b> %1").arg(r.message.toHtmlEscaped()));
        appendNote(r.message);
        break;
    }
    Q_EMIT finished(r.outcome == Stager::Outcome::Staged);
}

void StageDialog::reject()
{
    if (m_watcher.isRunning()) {
        cancel(); // stageFinished() follows; the dialog stays open to say so
        return;
    }
    QDialog::reject();
}
