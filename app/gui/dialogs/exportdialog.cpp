#include "gui/dialogs/exportdialog.h"

#include "base/units.h"
#include "checks/pythonfinder.h"
#include "export/compressedsizecache.h"
#include "export/exporter.h"
#include "export/exportreport.h"
#include "export/zipsizepredictor.h"
#include "gui/budget/zipestimator.h"
#include "gui/shell/layerdocument.h"
#include "select/rules.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <spdlog/spdlog.h>

// What the worker hands back: the export's result and, when asked for, where
// its report went or why it could not be written.
struct ExportOutcome {
    ExportResult result;
    QString reportPath;
    QString reportError;
    int lintErrors = 0; // lint errors for the target in the kept files (when the report was written)
};

namespace {

// Writes the report for a finished export of `document`'s selection, built by
// core exactly as `layerslim-cli export` builds it.
void writeReport(SizeLedger &ledger, const std::vector<ZipEntryRef> &zipEntries, const Profile &base,
                 const ExportOptions &options, ExportOutcome &outcome)
{
    QString error;
    if (!ZipSizePredictor::measureStripSavings(ledger, zipEntries, options.level, nullptr, options.threads, &error))
        spdlog::warn("the report's strip bytes are not measured: {}", error.toStdString());
    const ExportReportInput report = ExportReport::input(ledger, zipEntries, base, options, outcome.result);
    outcome.lintErrors = report.lint ? report.lint->errors() : 0;
    if (ExportReport::write(report, &outcome.reportError))
        outcome.reportPath = ExportReport::basePath(options.output) + QStringLiteral(".md");
}

} // namespace

QString ExportDialog::defaultZipName(const QString &source)
{
    // Folders every installation has: the name a person gives is above them.
    static const QRegularExpression generic(QStringLiteral(
        R"(^(python|python3(\.\d+)?|site-packages|dist-packages|lib|lib64|\.?venv|env|versions|\.pyenv|usr|local|)"
        R"(\d+(\.\d+)*)$)"));
    static const QRegularExpression versionFolder(QStringLiteral(R"(^python3\.\d+$)"));
    QFileInfo info(source);
    QString name = info.suffix().compare(QLatin1String("zip"), Qt::CaseInsensitive) == 0 ? info.completeBaseName()
                                                                                         : info.fileName();
    QString python; // "python3.11" when the path names one
    const QString home = QDir::homePath();
    for (int up = 0; up < 8 && generic.match(name).hasMatch(); ++up) {
        if (versionFolder.match(name).hasMatch() && python.isEmpty())
            python = name;
        const QString parent = info.absolutePath();
        if (parent == info.absoluteFilePath() || parent == home || parent == QDir::rootPath()) {
            name.clear(); // a user's home or / says nothing about the layer
            break;
        }
        info = QFileInfo(parent);
        name = info.fileName();
    }
    if (generic.match(name).hasMatch())
        name.clear();
    if (name.isEmpty() && python.isEmpty())
        return QStringLiteral("layer.zip");
    return (name.isEmpty() ? python : name) + QStringLiteral("-layer.zip");
}

ExportDialog::ExportDialog(LayerDocument *document, const Profile &base, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_output(new QLineEdit(this))
    , m_prefix(new QComboBox(this))
    , m_level(new QSpinBox(this))
    , m_bytecode(new QComboBox(this))
    , m_writeReport(new QCheckBox(tr("Write a &report beside the zip (.report.md and .report.json)"), this))
    , m_summary(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_base(base)
{
    const QString &prefix = base.prefix;
    setWindowTitle(tr("Export Layer"));
    const QString dir = QSettings().value(QStringLiteral("export/dir"), QDir::homePath()).toString();
    m_output->setText(QDir(dir).filePath(defaultZipName(document->path())));
    m_output->setObjectName(QStringLiteral("exportOutput"));
    auto *browseButton = new QToolButton(this);
    browseButton->setText(tr("…"));
    browseButton->setToolTip(tr("Choose where to write the zip"));
    connect(browseButton, &QToolButton::clicked, this, &ExportDialog::browse);
    auto *outputRow = new QHBoxLayout;
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(browseButton);

    // Where the package root lands in the zip: Lambda adds python/ and
    // python/lib/pythonX.Y/site-packages/ to sys.path.
    m_prefix->setEditable(true);
    m_prefix->addItem(tr("python/ (any Python runtime)"), QStringLiteral("python/"));
    for (const QString &runtime : Target::runtimes())
        m_prefix->addItem(QStringLiteral("python/lib/%1/site-packages/").arg(runtime),
                          QStringLiteral("python/lib/%1/site-packages/").arg(runtime));
    m_prefix->addItem(tr("none (the zip's root)"), QString());
    const int known = m_prefix->findData(prefix);
    if (known >= 0)
        m_prefix->setCurrentIndex(known);
    else
        m_prefix->setEditText(prefix);

    m_level->setRange(ExportOptions::kMinLevel, ExportOptions::kMaxLevel);
    m_level->setValue(QSettings().value(QStringLiteral("export/level"), base.level).toInt());
    m_level->setToolTip(tr("0 stores; 1–12 are libdeflate's levels (6 is zip's default, 12 the smallest)"));

    auto *form = new QFormLayout;
    // addRow(QString, QLayout *) gives no buddy, and a label without one shows its '&'.
    auto *outputLabel = new QLabel(tr("&Output zip:"), this);
    outputLabel->setBuddy(m_output);
    form->addRow(outputLabel, outputRow);
    form->addRow(tr("&Prefix:"), m_prefix);
    form->addRow(tr("Compression &level:"), m_level);
    // What happens to Python bytecode; precompile and sourceless need a Python of the target's version.
    m_bytecode->setObjectName(QStringLiteral("exportBytecode"));
    m_bytecode->addItem(tr("keep as shipped"), int(BytecodeMode::Keep));
    m_bytecode->addItem(tr("drop (Python rebuilds it; slower cold starts)"), int(BytecodeMode::Drop));
    m_bytecode->addItem(tr("precompile for %1 (unchecked-hash .pyc)").arg(base.runtime), int(BytecodeMode::Precompile));
    m_bytecode->addItem(tr("sourceless (.pyc in place of .py)"), int(BytecodeMode::Sourceless));
    m_bytecode->setToolTip(tr("Precompile and sourceless run compileall with a Python of the target's version"));
    form->addRow(tr("&Bytecode:"), m_bytecode);
    m_writeReport->setChecked(QSettings().value(QStringLiteral("export/report"), true).toBool());
    m_writeReport->setToolTip(
        tr("Rules used, what each removed per package, lint findings and sizes before and after"));
    form->addRow(QString(), m_writeReport);

    m_summary->setWordWrap(true);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exportButton = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_exportButton->setDefault(true);
    connect(m_exportButton, &QPushButton::clicked, this, &ExportDialog::start);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    // Zip input is copied as it is stored, as `export` does without --level;
    // a level the user picks here is honoured as --level is: every entry compressed again.
    connect(m_level, &QSpinBox::valueChanged, this, [this] {
        m_levelChosen = true;
        updateSummary();
    });
    connect(m_prefix, &QComboBox::currentTextChanged, this, &ExportDialog::updateSummary);
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<ExportOutcome>>::finished, this, &ExportDialog::exportFinished);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    resize(620, 300);
    updateSummary();
}

ExportDialog::~ExportDialog()
{
    if (m_watcher.isRunning()) {
        m_control->cancel();
        m_watcher.waitForFinished();
    }
}

QString ExportDialog::prefix() const
{
    const QVariant data = m_prefix->currentData();
    if (m_prefix->currentIndex() >= 0 && m_prefix->itemText(m_prefix->currentIndex()) == m_prefix->currentText())
        return data.toString();
    return m_prefix->currentText().trimmed();
}

int ExportDialog::level() const
{
    return m_level->value();
}

void ExportDialog::browse()
{
    const QString file =
        QFileDialog::getSaveFileName(this, tr("Export layer zip"), m_output->text(), tr("Zip archives (*.zip)"));
    if (!file.isEmpty())
        m_output->setText(QFileInfo(file).suffix().isEmpty() ? file + QStringLiteral(".zip") : file);
}

bool ExportDialog::recompresses() const
{
    return m_levelChosen && !m_document->layer().zipEntries.empty();
}

void ExportDialog::updateSummary()
{
    const LedgerTotals t = m_document->ledger().totals();
    QString text = tr("%1 files, %2 unzipped.").arg(QLocale().toString(t.keptFiles), units::localBytes(t.layerBytes));
    const bool zipInput = !m_document->layer().zipEntries.empty();
    if (const auto estimate = m_document->zipEstimator()->predict(m_document->ledger(), prefix())) {
        if (recompresses())
            text += QLatin1Char(' ') +
                    tr("Every entry of the zip is compressed again at level %1; its size is known after the export.")
                        .arg(level());
        else if (estimate->exact && (zipInput || level() == LayerDocument::kEstimateLevel))
            text += QLatin1Char(' ') +
                    tr("The zip will be %1 bytes (%2).")
                        .arg(units::localGroupedBytes(estimate->bytes), units::localBytes(estimate->bytes));
        else
            text +=
                QLatin1Char(' ') + tr("The zip will be about %1 at level 6.").arg(units::localBytes(estimate->bytes));
        if (zipInput && !recompresses())
            text += QLatin1Char(' ') +
                    tr("Entries are copied as they are stored; change the level to compress them again.");
    } else {
        text += QLatin1Char(' ') + tr("<b>The prefix is not valid.</b>");
    }
    m_summary->setText(text);
}

void ExportDialog::start()
{
    if (m_watcher.isRunning())
        return;
    ExportOptions options;
    options.output = QFileInfo(m_output->text().trimmed()).absoluteFilePath();
    options.prefix = prefix();
    options.level = level();
    options.sizeCache = &CompressedSizeCache::standard(); // a later exact estimate reuses what this export deflates
    options.recompress = recompresses();
    options.runtime = m_base.runtime;
    options.targetOrigin = m_targetOrigin;
    options.bytecode = BytecodeMode(m_bytecode->currentData().toInt());
    // The strip rule transforms instead of deleting: its matches (exceptions left out) go out stripped.
    const int strip = RuleCatalog::indexOf(RuleId::Strip);
    if (m_document->ledger().ruleEnabled(strip))
        options.strip = m_document->ledger().ruleMatches(strip);
    if (m_output->text().trimmed().isEmpty()) {
        m_status->setText(tr("Choose where to write the zip."));
        return;
    }
    QSettings().setValue(QStringLiteral("export/dir"), QFileInfo(options.output).absolutePath());
    QSettings().setValue(QStringLiteral("export/level"), options.level);
    QSettings().setValue(QStringLiteral("export/report"), m_writeReport->isChecked());

    QPointer<ExportDialog> self(this);
    m_control = std::make_shared<JobControl>([self](const JobProgress &p) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, p] {
                if (!self)
                    return;
                self->m_progress->setRange(0, p.totalItems ? int(std::min<std::uint64_t>(p.totalItems, INT_MAX)) : 0);
                self->m_progress->setValue(int(std::min<std::uint64_t>(p.items, INT_MAX)));
                self->m_status->setText(
                    tr("Writing %1 — %2").arg(units::localBytes(p.bytes), QString::fromUtf8(p.current)));
            },
            Qt::QueuedConnection);
    });
    m_progress->setRange(0, 0);
    m_status->setText(tr("Exporting…"));
    m_exportButton->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Close)->setText(tr("&Cancel"));
    setInputsEnabled(false);
    spdlog::info("exporting {} to {}", m_document->path().toStdString(), options.output.toStdString());

    const Layer &layer = m_document->layer();
    // The dialog is modal and waits for the worker before it goes, so the
    // tree stays valid for the whole run. The worker has its own copy of the
    // selection: the exact zip pass may hand the live ledger strip savings meanwhile.
    m_watcher.setFuture(
        QtConcurrent::run([ledger = std::make_shared<SizeLedger>(m_document->ledger()), tree = layer.tree.get(),
                           entries = &layer.zipEntries, options = std::move(options), control = m_control,
                           base = m_base, report = m_writeReport->isChecked(), verifyPython = m_python]() mutable {
            auto outcome = std::make_shared<ExportOutcome>();
            if (options.bytecode == BytecodeMode::Precompile || options.bytecode == BytecodeMode::Sourceless) {
                // Verify's interpreter when it is of the target's version, else
                // the one PythonFinder picks for it; the exporter refuses one of
                // another version and names the runtime when there is none.
                if (verifyPython && verifyPython->runtimeName() == options.runtime) {
                    options.python = *verifyPython;
                } else {
                    const std::vector<PythonInfo> found = PythonFinder::detect();
                    if (const int i = PythonFinder::pick(found, options.runtime); i >= 0)
                        options.python = found[std::size_t(i)];
                }
            }
            outcome->result = Exporter::run(*tree, ledger->pruned(), *entries, options, control.get());
            if (report && outcome->result.ok)
                writeReport(*ledger, *entries, base, options, *outcome);
            return outcome;
        }));
}

void ExportDialog::exportFinished()
{
    const std::shared_ptr<ExportOutcome> outcome = m_watcher.result();
    const ExportResult *r = &outcome->result;
    m_exportButton->setEnabled(true);
    m_buttons->button(QDialogButtonBox::Close)->setText(tr("&Close"));
    setInputsEnabled(true);
    m_progress->setRange(0, 1);
    m_progress->setValue(r->ok ? 1 : 0);
    if (r->cancelled) {
        m_status->setText(tr("Cancelled; nothing was written."));
    } else if (!r->ok) {
        m_status->setText(tr("<b>Export failed:</b> %1").arg(r->error.toHtmlEscaped()));
        spdlog::warn("export failed: {}", r->error.toStdString());
    } else {
        m_status->setText(tr("<b>Done.</b> %1: %2 zip (%3 bytes), %4 files, %5 unzipped, in %6 s.")
                              .arg(QDir::toNativeSeparators(m_output->text()).toHtmlEscaped(),
                                   units::localBytes(r->outputBytes), units::localGroupedBytes(r->outputBytes),
                                   QLocale().toString(qulonglong(r->files)), units::localBytes(r->bytes))
                              .arg(r->seconds, 0, 'f', 1));
        spdlog::info("exported {} files, {} bytes zipped in {:.2f} s", r->files, r->outputBytes, r->seconds);
        if (!outcome->reportPath.isEmpty())
            m_status->setText(m_status->text() + QStringLiteral("<br>") +
                              tr("Report: %1").arg(QDir::toNativeSeparators(outcome->reportPath).toHtmlEscaped()));
        else if (!outcome->reportError.isEmpty())
            m_status->setText(m_status->text() + QStringLiteral("<br>") +
                              tr("<b>The report was not written:</b> %1").arg(outcome->reportError.toHtmlEscaped()));
        if (outcome->lintErrors > 0)
            m_status->setText(m_status->text() + QStringLiteral("<br>") +
                              tr("<b>Lint:</b> %1 errors for %2 in the kept files; see the report.")
                                  .arg(QLocale().toString(outcome->lintErrors), m_base.runtime.toHtmlEscaped()));
    }
    Q_EMIT finished(r->ok);
}

void ExportDialog::setInputsEnabled(bool on)
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_output, m_prefix, m_level, m_bytecode, m_writeReport})
        w->setEnabled(on);
}

void ExportDialog::reject()
{
    if (m_watcher.isRunning()) {
        m_control->cancel(); // exportFinished() follows; the dialog stays open to say so
        return;
    }
    QDialog::reject();
}
