#include "gui/dialogs/stagedialog.h"

#include "select/targets.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMetaMethod>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QTimer>
#include <QToolButton>
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

QString settingsKey(const char *name)
{
    return QStringLiteral("stage/") + QLatin1String(name);
}

// pip options as typed, split like a shell would (quotes kept together), with "~/" expanded.
QStringList splitOptions(const QString &text)
{
    QStringList args = QProcess::splitCommand(text);
    for (QString &arg : args)
        if (arg.startsWith(QLatin1String("~/")))
            arg = QDir::home().filePath(arg.mid(2));
    return args;
}

} // namespace

StageDialog::StageDialog(QWidget *parent)
    : QDialog(parent)
    , m_requirements(new QLineEdit(this))
    , m_output(new QLineEdit(this))
    , m_replace(new QCheckBox(tr("&Replace an existing python/ folder once pip has succeeded"), this))
    , m_outputNote(new QLabel(this))
    , m_runtime(new QComboBox(this))
    , m_arch(new QComboBox(this))
    , m_targetNote(new QLabel(this))
    , m_python(new QComboBox(this))
    , m_pipOptions(new QLineEdit(this))
    , m_log(new QPlainTextEdit(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_drainTimer(new QTimer(this))
{
    setWindowTitle(tr("New Layer from Requirements"));
    const QSettings settings;

    const auto browseButton = [this](const QString &tip, void (StageDialog::*slot)()) {
        auto *button = new QToolButton(this);
        button->setText(tr("…"));
        button->setToolTip(tip);
        connect(button, &QToolButton::clicked, this, slot);
        return button;
    };
    const auto row = [](QWidget *main, QWidget *side) {
        auto *layout = new QHBoxLayout;
        layout->addWidget(main, 1);
        layout->addWidget(side);
        return layout;
    };
    const auto noteStyle = [](QLabel *label) {
        label->setWordWrap(true);
        label->setForegroundRole(QPalette::PlaceholderText);
    };

    m_requirements->setObjectName(QStringLiteral("stageRequirements"));
    m_requirements->setPlaceholderText(tr("requirements.txt, as pip reads it"));
    const QString lastRequirements = settings.value(settingsKey("requirements")).toString();
    if (QFileInfo(lastRequirements).isFile())
        m_requirements->setText(lastRequirements);

    m_output->setObjectName(QStringLiteral("stageOutput"));
    m_output->setPlaceholderText(tr("the layer folder; the packages go to its python/ folder"));
    m_output->setText(settings.value(settingsKey("outputDir")).toString());
    noteStyle(m_outputNote);
    connect(m_output, &QLineEdit::textChanged, this, &StageDialog::updateOutputNote);
    connect(m_replace, &QCheckBox::toggled, this, &StageDialog::updateOutputNote);

    m_runtime->addItems(Target::runtimes());
    m_arch->addItems(Target::architectures());
    m_runtime->setCurrentText(settings.value(settingsKey("runtime"), QStringLiteral("python3.12")).toString());
    m_arch->setCurrentText(settings.value(settingsKey("arch"), QStringLiteral("x86_64")).toString());
    noteStyle(m_targetNote);
    connect(m_runtime, &QComboBox::currentTextChanged, this, &StageDialog::updateTargetNote);
    connect(m_arch, &QComboBox::currentTextChanged, this, &StageDialog::updateTargetNote);
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_runtime, 1);
    targetRow->addWidget(m_arch, 1);

    // Any CPython 3 with pip will do: --platform and --python-version choose the
    // wheels, so the interpreter need not match the runtime. The one that does is
    // offered first all the same, once the interpreters have said what they are.
    m_python->setObjectName(QStringLiteral("stagePython"));
    m_python->setToolTip(tr("The Python whose pip runs; it need not be the runtime's version"));
    const QString lastPython = settings.value(settingsKey("python")).toString();
    if (lastPython.isEmpty()) {
        m_python->addItem(tr("python3 on PATH"), QStringLiteral("python3"));
    } else {
        m_python->addItem(lastPython, lastPython);
        m_keepPython = true;
    }
    connect(m_python, &QComboBox::activated, this, [this] { m_keepPython = true; });
    connect(&m_detect, &QFutureWatcher<std::vector<PythonInfo>>::finished, this, &StageDialog::pythonsFound);
    m_detect.setFuture(QtConcurrent::run(&PythonFinder::detect));

    m_pipOptions->setObjectName(QStringLiteral("stagePipOptions"));
    m_pipOptions->setPlaceholderText(tr("e.g. --no-index --find-links ~/wheelhouse, or --index-url URL"));
    m_pipOptions->setToolTip(tr("Passed to pip install after LayerSlim's own options"));
    m_pipOptions->setText(settings.value(settingsKey("pipOptions")).toString());

    // A field with its notes under it, so that a note reads as part of its field.
    const auto block = [](QLayout *field, std::initializer_list<QWidget *> notes) {
        auto *layout = new QVBoxLayout;
        layout->addLayout(field);
        for (QWidget *note : notes)
            layout->addWidget(note);
        return layout;
    };
    // Labels made here, not by the form, so that their mnemonics reach the field beside them.
    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    auto *form = new QFormLayout;
    form->addRow(
        label(tr("Re&quirements file:"), m_requirements),
        row(m_requirements, browseButton(tr("Choose the requirements file"), &StageDialog::browseRequirements)));
    form->addRow(
        label(tr("&Layer folder:"), m_output),
        block(row(m_output, browseButton(tr("Choose the folder for the new layer"), &StageDialog::browseOutput)),
              {m_outputNote, m_replace}));
    form->addRow(label(tr("&Target runtime:"), m_runtime), block(targetRow, {m_targetNote}));
    form->addRow(label(tr("P&ython:"), m_python),
                 row(m_python, browseButton(tr("Choose another interpreter"), &StageDialog::browsePython)));
    form->addRow(label(tr("Extra &pip options:"), m_pipOptions), m_pipOptions);

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
    layout->addLayout(form);
    layout->addSpacing(6);
    layout->addWidget(logLabel);
    layout->addWidget(m_log, 1);
    layout->addLayout(statusRow);
    layout->addWidget(m_buttons);
    resize(780, 640);
    updateTargetNote();
    updateOutputNote();
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
    m_requirements->setText(file);
}

void StageDialog::setOutputDir(const QString &dir)
{
    m_output->setText(dir);
}

void StageDialog::setTarget(const QString &runtime, const QString &arch)
{
    m_runtime->setCurrentText(runtime);
    m_arch->setCurrentText(arch);
}

void StageDialog::setPython(const QString &path)
{
    int index = m_python->findData(path);
    if (index < 0) {
        m_python->addItem(path, path);
        index = m_python->count() - 1;
    }
    m_python->setCurrentIndex(index);
    m_keepPython = true;
}

void StageDialog::setPipOptions(const QString &options)
{
    m_pipOptions->setText(options);
}

void StageDialog::setReplace(bool replace)
{
    m_replace->setChecked(replace);
}

QString StageDialog::python() const
{
    return m_python->currentData().toString();
}

bool StageDialog::isRunning() const
{
    return m_watcher.isRunning();
}

QPushButton *StageDialog::closeButton() const
{
    return m_buttons->button(QDialogButtonBox::Close);
}

void StageDialog::browseRequirements()
{
    const QString start = m_requirements->text().isEmpty()
                              ? QSettings().value(settingsKey("requirementsDir"), QDir::homePath()).toString()
                              : m_requirements->text();
    const QString file = QFileDialog::getOpenFileName(this, tr("Choose a requirements file"), start,
                                                      tr("Requirements files (*.txt *.in);;All files (*)"));
    if (file.isEmpty())
        return;
    m_requirements->setText(file);
    QSettings().setValue(settingsKey("requirementsDir"), QFileInfo(file).absolutePath());
    // A layer folder beside the requirements is the usual place; offered when none is chosen yet.
    if (m_output->text().trimmed().isEmpty())
        m_output->setText(QDir(QFileInfo(file).absolutePath()).filePath(QStringLiteral("layer")));
}

void StageDialog::browseOutput()
{
    const QString start = m_output->text().isEmpty()
                              ? QSettings().value(settingsKey("outputParent"), QDir::homePath()).toString()
                              : m_output->text();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose the folder for the new layer"), start);
    if (dir.isEmpty())
        return;
    m_output->setText(dir);
    QSettings().setValue(settingsKey("outputParent"), QFileInfo(dir).absolutePath());
}

void StageDialog::browsePython()
{
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Choose a Python interpreter"), QFileInfo(python()).absolutePath());
    if (file.isEmpty())
        return;
    QString error;
    if (!PythonFinder::probe(file, &error)) {
        m_status->setText(tr("<b>Not a usable Python 3:</b> %1").arg(error.toHtmlEscaped()));
        return;
    }
    setPython(file);
}

void StageDialog::pythonsFound()
{
    m_found = m_detect.result();
    for (const PythonInfo &info : m_found) {
        const QString text =
            tr("%1 — Python %2 (%3)").arg(QDir::toNativeSeparators(info.path), info.version, info.origin);
        const int index = m_python->findData(info.path);
        if (index >= 0)
            m_python->setItemText(index, text);
        else
            m_python->addItem(text, info.path);
    }
    if (!m_keepPython && !m_found.empty()) {
        const int placeholder = m_python->findData(QStringLiteral("python3"));
        const int best = PythonFinder::pick(m_found, m_runtime->currentText());
        m_python->setCurrentIndex(m_python->findData(m_found[std::size_t(best)].path));
        if (placeholder >= 0)
            m_python->removeItem(placeholder);
    }
    Q_EMIT pythonsDetected();
}

void StageDialog::updateTargetNote()
{
    const auto target = Target::find(m_runtime->currentText(), m_arch->currentText());
    if (!target) {
        m_targetNote->clear();
        return;
    }
    m_targetNote->setText(tr("%1 with glibc %2: pip takes only %3 wheels for CPython %4 and compiles no bytecode.")
                              .arg(target->osName(), target->glibc(), target->pipPlatforms().join(QStringLiteral(", ")),
                                   target->pythonVersion()));
    // Before the user picks an interpreter, the one matching the runtime is the natural choice.
    if (!m_keepPython && !m_found.empty())
        m_python->setCurrentIndex(
            m_python->findData(m_found[std::size_t(PythonFinder::pick(m_found, target->runtime()))].path));
}

void StageDialog::updateOutputNote()
{
    const QString dir = m_output->text().trimmed();
    if (dir.isEmpty()) {
        m_outputNote->setText(tr("Choose or type a folder; it is created when needed."));
        return;
    }
    const QString layer =
        QDir::toNativeSeparators(QDir(QFileInfo(dir).absoluteFilePath()).filePath(QStringLiteral("python")));
    if (!QFileInfo::exists(layer))
        m_outputNote->setText(tr("The packages go to %1.").arg(layer));
    else if (m_replace->isChecked())
        m_outputNote->setText(tr("%1 exists; it is replaced once pip has succeeded and kept if pip fails.").arg(layer));
    else
        m_outputNote->setText(tr("%1 exists already: tick Replace, or choose another folder.").arg(layer));
}

StageRequest StageDialog::request() const
{
    StageRequest r;
    r.requirements = QFileInfo(m_requirements->text().trimmed()).absoluteFilePath();
    r.outputDir = QFileInfo(m_output->text().trimmed()).absoluteFilePath();
    r.target = Target::find(m_runtime->currentText(), m_arch->currentText()).value_or(Target{});
    r.python = python();
    r.extraPipArgs = splitOptions(m_pipOptions->text());
    r.replace = m_replace->isChecked();
    return r;
}

bool StageDialog::start()
{
    if (m_watcher.isRunning())
        return false;
    const auto refuse = [this](const QString &why) {
        m_status->setText(QStringLiteral("<b>%1</b>").arg(why.toHtmlEscaped()));
        return false;
    };
    const QString requirementsText = m_requirements->text().trimmed();
    if (requirementsText.isEmpty())
        return refuse(tr("Choose a requirements file."));
    const StageRequest r = request();
    if (!QFileInfo(r.requirements).isFile() || !QFileInfo(r.requirements).isReadable())
        return refuse(tr("%1 is not a readable file.").arg(QDir::toNativeSeparators(r.requirements)));
    if (m_output->text().trimmed().isEmpty())
        return refuse(tr("Choose a folder for the new layer."));
    const QString layer = QDir(r.outputDir).filePath(QStringLiteral("python"));
    if (QFileInfo::exists(layer) && !r.replace)
        return refuse(
            tr("%1 exists already: tick Replace, or choose another folder.").arg(QDir::toNativeSeparators(layer)));
    if (r.python.isEmpty())
        return refuse(tr("Choose a Python interpreter."));

    QSettings settings;
    settings.setValue(settingsKey("requirements"), r.requirements);
    settings.setValue(settingsKey("requirementsDir"), QFileInfo(r.requirements).absolutePath());
    settings.setValue(settingsKey("outputDir"), r.outputDir);
    settings.setValue(settingsKey("outputParent"), QFileInfo(r.outputDir).absolutePath());
    settings.setValue(settingsKey("runtime"), m_runtime->currentText());
    settings.setValue(settingsKey("arch"), m_arch->currentText());
    settings.setValue(settingsKey("python"), r.python);
    settings.setValue(settingsKey("pipOptions"), m_pipOptions->text().trimmed());

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
    setInputsEnabled(false);
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
    setInputsEnabled(true);
    const int items = int(m_feed->items.load(std::memory_order_relaxed));

    switch (r.outcome) {
    case Stager::Outcome::Staged: {
        m_resultPath = r.layerDir;
        const QString where = QDir::toNativeSeparators(r.layerDir).toHtmlEscaped();
        const auto target = Target::find(m_runtime->currentText(), m_arch->currentText());
        QString text = tr("<b>Staged</b> %n distribution(s) for %1 into %2.", nullptr, items)
                           .arg(target ? target->runtime() + QLatin1Char(' ') + target->archName() : QString(), where);
        if (isSignalConnected(QMetaMethod::fromSignal(&StageDialog::staged)))
            text += QLatin1Char(' ') + tr("The explorer opens it now.");
        m_status->setText(text);
        appendNote(tr("Staged into %1.").arg(QDir::toNativeSeparators(r.layerDir)));
        spdlog::info("staged into {}", r.layerDir.toStdString());
        updateOutputNote();
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

void StageDialog::setInputsEnabled(bool on)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_requirements, m_output, m_replace, m_runtime, m_arch, m_python,
                                                       m_pipOptions})
        w->setEnabled(on);
    // The browse buttons sit beside their fields.
    const auto buttons = findChildren<QToolButton *>();
    for (QToolButton *b : buttons)
        b->setEnabled(on);
}

void StageDialog::reject()
{
    if (m_watcher.isRunning()) {
        cancel(); // stageFinished() follows; the dialog stays open to say so
        return;
    }
    QDialog::reject();
}
