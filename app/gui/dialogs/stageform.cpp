#include "gui/dialogs/stageform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QSettings>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace {

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

StageForm::StageForm(QWidget *parent)
    : QWidget(parent)
    , m_requirements(new QLineEdit(this))
    , m_output(new QLineEdit(this))
    , m_replace(new QCheckBox(tr("&Replace an existing python/ folder once pip has succeeded"), this))
    , m_outputNote(new QLabel(this))
    , m_runtime(new QComboBox(this))
    , m_arch(new QComboBox(this))
    , m_targetNote(new QLabel(this))
    , m_python(new QComboBox(this))
    , m_pipOptions(new QLineEdit(this))
{
    const QSettings settings;

    const auto browseButton = [this](const QString &tip, void (StageForm::*slot)()) {
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
    connect(m_output, &QLineEdit::textChanged, this, &StageForm::updateOutputNote);
    connect(m_replace, &QCheckBox::toggled, this, &StageForm::updateOutputNote);

    m_runtime->addItems(Target::runtimes());
    m_arch->addItems(Target::architectures());
    m_runtime->setCurrentText(settings.value(settingsKey("runtime"), Target{}.runtime()).toString());
    m_arch->setCurrentText(settings.value(settingsKey("arch"), Target{}.archName()).toString());
    noteStyle(m_targetNote);
    connect(m_runtime, &QComboBox::currentTextChanged, this, &StageForm::updateTargetNote);
    connect(m_arch, &QComboBox::currentTextChanged, this, &StageForm::updateTargetNote);
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
    connect(&m_detect, &QFutureWatcher<std::vector<PythonInfo>>::finished, this, &StageForm::pythonsFound);
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
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(label(tr("Re&quirements file:"), m_requirements),
                 row(m_requirements, browseButton(tr("Choose the requirements file"), &StageForm::browseRequirements)));
    form->addRow(label(tr("&Layer folder:"), m_output),
                 block(row(m_output, browseButton(tr("Choose the folder for the new layer"), &StageForm::browseOutput)),
                       {m_outputNote, m_replace}));
    form->addRow(label(tr("&Target runtime:"), m_runtime), block(targetRow, {m_targetNote}));
    form->addRow(label(tr("P&ython:"), m_python),
                 row(m_python, browseButton(tr("Choose another interpreter"), &StageForm::browsePython)));
    form->addRow(label(tr("Extra &pip options:"), m_pipOptions), m_pipOptions);

    updateTargetNote();
    updateOutputNote();
}

void StageForm::setRequirements(const QString &file)
{
    m_requirements->setText(file);
}

void StageForm::setOutputDir(const QString &dir)
{
    m_output->setText(dir);
}

void StageForm::setTarget(const QString &runtime, const QString &arch)
{
    m_runtime->setCurrentText(runtime);
    m_arch->setCurrentText(arch);
}

void StageForm::setPython(const QString &path)
{
    int index = m_python->findData(path);
    if (index < 0) {
        m_python->addItem(path, path);
        index = m_python->count() - 1;
    }
    m_python->setCurrentIndex(index);
    m_keepPython = true;
}

void StageForm::setPipOptions(const QString &options)
{
    m_pipOptions->setText(options);
}

void StageForm::setReplace(bool replace)
{
    m_replace->setChecked(replace);
}

QString StageForm::python() const
{
    return m_python->currentData().toString();
}

void StageForm::browseRequirements()
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

void StageForm::browseOutput()
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

void StageForm::browsePython()
{
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Choose a Python interpreter"), QFileInfo(python()).absolutePath());
    if (file.isEmpty())
        return;
    QString error;
    if (!PythonFinder::probe(file, &error)) {
        Q_EMIT pythonRefused(tr("<b>Not a usable Python 3:</b> %1").arg(error.toHtmlEscaped()));
        return;
    }
    setPython(file);
}

void StageForm::pythonsFound()
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

void StageForm::updateTargetNote()
{
    const auto target = this->target();
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

void StageForm::updateOutputNote()
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

StageRequest StageForm::request() const
{
    StageRequest r;
    r.requirements = QFileInfo(m_requirements->text().trimmed()).absoluteFilePath();
    r.outputDir = QFileInfo(m_output->text().trimmed()).absoluteFilePath();
    r.target = target().value_or(Target{});
    r.python = python();
    r.extraPipArgs = splitOptions(m_pipOptions->text());
    r.replace = m_replace->isChecked();
    return r;
}

std::optional<Target> StageForm::target() const
{
    return Target::find(m_runtime->currentText(), m_arch->currentText());
}

QString StageForm::problem() const
{
    if (m_requirements->text().trimmed().isEmpty())
        return tr("Choose a requirements file.");
    const StageRequest r = request();
    if (!QFileInfo(r.requirements).isFile() || !QFileInfo(r.requirements).isReadable())
        return tr("%1 is not a readable file.").arg(QDir::toNativeSeparators(r.requirements));
    if (m_output->text().trimmed().isEmpty())
        return tr("Choose a folder for the new layer.");
    const QString layer = QDir(r.outputDir).filePath(QStringLiteral("python"));
    if (QFileInfo::exists(layer) && !r.replace)
        return tr("%1 exists already: tick Replace, or choose another folder.").arg(QDir::toNativeSeparators(layer));
    if (r.python.isEmpty())
        return tr("Choose a Python interpreter.");
    return {};
}

void StageForm::remember() const
{
    const StageRequest r = request();
    QSettings settings;
    settings.setValue(settingsKey("requirements"), r.requirements);
    settings.setValue(settingsKey("requirementsDir"), QFileInfo(r.requirements).absolutePath());
    settings.setValue(settingsKey("outputDir"), r.outputDir);
    settings.setValue(settingsKey("outputParent"), QFileInfo(r.outputDir).absolutePath());
    settings.setValue(settingsKey("runtime"), m_runtime->currentText());
    settings.setValue(settingsKey("arch"), m_arch->currentText());
    settings.setValue(settingsKey("python"), r.python);
    settings.setValue(settingsKey("pipOptions"), m_pipOptions->text().trimmed());
}

void StageForm::setInputsEnabled(bool on)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_requirements, m_output, m_replace, m_runtime, m_arch, m_python,
                                                       m_pipOptions})
        w->setEnabled(on);
    // The browse buttons sit beside their fields.
    const auto buttons = findChildren<QToolButton *>();
    for (QToolButton *b : buttons)
        b->setEnabled(on);
}
