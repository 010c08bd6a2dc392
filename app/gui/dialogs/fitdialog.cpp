#include "gui/dialogs/fitdialog.h"

#include "base/jobcontrol.h"
#include "base/units.h"
#include "checks/metadatausers.h"
#include "checks/pythonfinder.h"
#include "export/compressedsizecache.h"
#include "export/exportplan.h"
#include "export/zipsizepredictor.h"
#include "gui/shell/layerdocument.h"
#include "select/rules.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <spdlog/spdlog.h>

namespace {

enum Column { StepColumn, BytesColumn, RiskColumn, OutcomeColumn, TimeColumn };

QString outcomeText(FitOutcome o)
{
    switch (o) {
    case FitOutcome::Taken:
        return FitDialog::tr("verified");
    case FitOutcome::TakenWithCulprits:
        return FitDialog::tr("verified, culprits kept");
    case FitOutcome::BackedOut:
        return FitDialog::tr("backed out");
    case FitOutcome::NotTried:
        break;
    }
    return FitDialog::tr("not tried");
}

} // namespace

FitDialog::FitDialog(LayerDocument *document, const Profile &base, FitGoal goal, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_base(base)
    , m_goal(goal)
    , m_header(new QLabel(this))
    , m_zipped(new QCheckBox(tr("Also fit the 50 MB direct-upload limit, &zipped"), this))
    , m_smoke(new QLineEdit(this))
    , m_steps(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_start(new QPushButton(tr("&Plan"), this))
    , m_cancel(new QPushButton(tr("&Cancel"), this))
    , m_apply(new QPushButton(tr("&Apply"), this))
    , m_save(new QPushButton(tr("&Save as Profile…"), this))
{
    setWindowTitle(tr("Make It Fit"));
    resize(860, 560);
    m_header->setWordWrap(true);
    m_header->setText(tr("Finds the least risky selection that fits <b>%1</b> (the limit %2 less the reserve %3): "
                         "safe rules first, then caution, then risky ones, and within a rule the package where it "
                         "frees most first. Every step is proved by importing the kept set with a real Python "
                         "(and your smoke script); a step that breaks an import keeps the files it needs, or is "
                         "backed out.")
                          .arg(units::localBytes(goal.unzippedTarget()), units::localBytes(goal.limitBytes),
                               units::localBytes(goal.reserveBytes)));
    m_smoke->setPlaceholderText(tr("optional: a script that calls your handler"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    auto *smokeLabel = new QLabel(tr("S&moke script:"), this);
    smokeLabel->setBuddy(m_smoke);
    auto *smokeRow = new QHBoxLayout;
    smokeRow->addWidget(smokeLabel);
    smokeRow->addWidget(m_smoke, 1);
    smokeRow->addWidget(browse);

    m_steps->setObjectName(QStringLiteral("fitSteps"));
    m_steps->setHeaderLabels({tr("Step"), tr("Frees"), tr("Risk"), tr("Verified"), tr("Time")});
    m_steps->setRootIsDecorated(false);
    m_steps->setUniformRowHeights(true);
    m_steps->setAlternatingRowColors(true);
    m_steps->header()->setSectionResizeMode(StepColumn, QHeaderView::Stretch);
    m_steps->header()->setStretchLastSection(false);
    for (int c = BytesColumn; c <= TimeColumn; ++c)
        m_steps->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setObjectName(QStringLiteral("fitSummary"));

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    buttons->addButton(m_apply, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Close);
    m_apply->setToolTip(tr("Put the planned selection in the layer as one step (Undo takes it back)"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_zipped);
    layout->addLayout(smokeRow);
    layout->addWidget(m_steps, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Choose a smoke script"), m_smoke->text(),
                                                          tr("Python scripts (*.py);;All files (*)"));
        if (!file.isEmpty())
            m_smoke->setText(file);
    });
    connect(m_start, &QPushButton::clicked, this, &FitDialog::start);
    connect(m_cancel, &QPushButton::clicked, this, &FitDialog::cancel);
    connect(m_apply, &QPushButton::clicked, this, [this] {
        apply();
        accept();
    });
    connect(m_save, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getSaveFileName(this, tr("Save the plan as a profile"), QStringLiteral("layerslim-fit.json"),
                                         tr("LayerSlim profiles (*.json)"));
        QString error;
        if (!file.isEmpty() && !saveProfile(file, &error))
            QMessageBox::warning(this, tr("Cannot save profile"), error);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &FitDialog::finish);
    updateButtons();
}

FitDialog::~FitDialog()
{
    if (m_control)
        m_control->cancel();
    m_watcher.waitForFinished();
}

void FitDialog::setSmokeScript(const QString &path)
{
    m_smoke->setText(path);
}

void FitDialog::setPython(const QString &path)
{
    m_python = path;
}

void FitDialog::setZipped(bool on)
{
    m_zipped->setChecked(on);
}

void FitDialog::start()
{
    if (isRunning())
        return;
    // The metadata rules spare what the code reads once the sources are read: plan on that selection.
    if (!m_document->metadataSparesKnown()) {
        m_summary->setText(tr("Still reading the layer's sources for metadata reads; plan again in a moment."));
        return;
    }
    VerifyOptions options;
    options.smokeScript = m_smoke->text().trimmed();
    options.timingRuns = 0;
    if (!options.smokeScript.isEmpty())
        if (const QString why = Verifier::smokeScriptProblem(options.smokeScript); !why.isEmpty()) {
            m_summary->setText(why.toHtmlEscaped());
            return;
        }
    FitGoal goal = m_goal;
    if (m_zipped->isChecked())
        goal.zipLimitBytes = units::kLambdaZipUploadLimit;
    m_steps->clear();
    m_plan.reset();
    m_summary->setText(tr("Planning: each step is verified before the next…"));
    m_control = std::make_shared<JobControl>();
    // The worker plans on its own copy of the selection; the document is untouched until Apply.
    auto ledger = std::make_shared<SizeLedger>(m_document->ledger());
    const MetadataUsers *users = m_document->metadataUsers();
    const QString runtime = m_base.runtime;
    const int level = m_base.level;
    const QByteArray prefix = ExportPlan::normalizePrefix(m_base.prefix, nullptr).value_or(QByteArray("python/"));
    m_watcher.setFuture(QtConcurrent::run([this, layer = m_document->sharedLayer(), ledger, users, goal, options,
                                           runtime, level, prefix, python = m_python, control = m_control]() mutable {
        Outcome out;
        if (python.isEmpty()) {
            const std::vector<PythonInfo> found = PythonFinder::detect();
            const int pick = PythonFinder::pick(found, runtime);
            if (pick < 0) {
                out.plan.error = tr("No Python 3 found on PATH or in ~/.pyenv.");
                return out;
            }
            python = found[std::size_t(pick)].path;
        }
        options.python = out.python = python;
        ZipSizePredictor predictor(*layer->tree, layer->zipEntries);
        if (goal.zipLimitBytes) {
            predictor.setCache(&CompressedSizeCache::standard());
            QString error;
            if (!predictor.compute(level, control.get(), 0, &error) && !control->cancelled())
                out.zipProblem = error;
            if (const QString warning = predictor.cacheWarning(); !warning.isEmpty())
                spdlog::warn("{}", warning.toStdString());
        }
        FitPlanner planner(*layer->tree, &layer->zipEntries, options);
        out.plan = planner.plan(
            *ledger, goal,
            [&](const SizeLedger &l) {
                const ZipSizePredictor::Prediction p = predictor.predict(l, prefix);
                return FitPlanner::ZipEstimate{p.bytes, p.exact};
            },
            [users](SizeLedger &l) {
                if (users)
                    users->spareIn(l);
            },
            [this](const FitStep &step) { QMetaObject::invokeMethod(this, [this, step] { addStep(step); }); },
            control.get());
        out.state = ledger->state();
        return out;
    }));
    updateButtons();
}

void FitDialog::cancel()
{
    if (m_control)
        m_control->cancel();
}

void FitDialog::addStep(const FitStep &step)
{
    const Rule &rule = RuleCatalog::all()[std::size_t(step.rule)];
    auto *item = new QTreeWidgetItem(m_steps);
    item->setText(StepColumn, tr("%1 in %2").arg(rule.displayTitle(), FileTree::displayName(step.package)));
    item->setText(BytesColumn,
                  step.outcome == FitOutcome::BackedOut ? QStringLiteral("–") : units::localBytes(step.bytes));
    item->setTextAlignment(BytesColumn, Qt::AlignRight | Qt::AlignVCenter);
    item->setText(RiskColumn, RuleCatalog::riskName(rule.risk));
    item->setText(OutcomeColumn, outcomeText(step.outcome));
    item->setText(TimeColumn, tr("%1 s").arg(double(step.millis) / 1000.0, 0, 'f', 1));
    QStringList tip;
    if (!step.failure.isEmpty())
        tip << step.failure;
    for (const QByteArray &c : step.keptCulprits)
        tip << tr("kept %1").arg(FileTree::displayName(c));
    item->setToolTip(StepColumn, tip.join(QLatin1Char('\n')));
    if (step.outcome == FitOutcome::BackedOut)
        for (int c = 0; c <= TimeColumn; ++c)
            item->setForeground(c, palette().color(QPalette::Disabled, QPalette::Text));
    m_steps->scrollToItem(item);
}

void FitDialog::finish()
{
    Outcome out = m_watcher.result();
    m_plan = out.plan;
    m_state = std::move(out.state);
    const FitPlan &plan = *m_plan;
    // With the zipped goal, its size and whether it is exact follow the verdict.
    QString zipped;
    if (plan.zipBytes && plan.zipExact)
        zipped = tr("<br>Zipped: %1 of %2.")
                     .arg(units::localBytes(*plan.zipBytes), units::localBytes(units::kLambdaZipUploadLimit));
    else if (plan.zipBytes && !out.zipProblem.isEmpty())
        zipped = tr("<br><b>Zipped: about %1 of %2</b>, an estimate from per-category ratios, since not every "
                    "file could be deflated: %3")
                     .arg(units::localBytes(*plan.zipBytes), units::localBytes(units::kLambdaZipUploadLimit),
                          out.zipProblem.toHtmlEscaped());
    else if (plan.zipBytes) // every file deflated; what strip rewrites is measured at export
        zipped = tr("<br><b>Zipped: about %1 of %2</b>: the files the strip rule rewrites are sized at export.")
                     .arg(units::localBytes(*plan.zipBytes), units::localBytes(units::kLambdaZipUploadLimit));
    if (!plan.error.isEmpty()) {
        m_summary->setText(tr("<b>No plan:</b> %1").arg(plan.error.toHtmlEscaped()));
    } else if (plan.fits) {
        m_summary->setText(
            tr("<b style='color:#1a7f37'>Fits:</b> %1 of %2 after %n step(s), each verified with %3 "
               "(%4 checks run). Apply puts it in the layer as one step.",
               nullptr, int(plan.steps.size()))
                .arg(units::localBytes(plan.keptBytes), units::localBytes(plan.targetBytes), out.python.toHtmlEscaped())
                .arg(plan.verifyRuns) +
            zipped);
    } else if (plan.shortfall() == 0) { // fits unzipped; the zip is what stays over
        m_summary->setText(tr("<b style='color:#b42318'>Cannot fit:</b> %1 of %2 fits unzipped, but the zip stays "
                              "over its limit after every step the rules allow. Pruning by hand is what is left.")
                               .arg(units::localBytes(plan.keptBytes), units::localBytes(plan.targetBytes)) +
                           zipped);
    } else {
        m_summary->setText(tr("<b style='color:#b42318'>Cannot fit:</b> %1 of %2, %3 over after every step the "
                              "rules allow. Strip native libraries (measured at export), a larger limit or a "
                              "smaller reserve, or pruning by hand are what is left.")
                               .arg(units::localBytes(plan.keptBytes), units::localBytes(plan.targetBytes),
                                    units::localBytes(plan.shortfall())) +
                           zipped);
    }
    updateButtons();
    Q_EMIT planFinished();
}

void FitDialog::updateButtons()
{
    const bool running = isRunning();
    const bool fits = m_plan && m_plan->fits && m_plan->error.isEmpty();
    m_start->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_apply->setEnabled(!running && fits && !m_plan->steps.empty());
    m_save->setEnabled(!running && fits);
    m_zipped->setEnabled(!running);
    m_smoke->setEnabled(!running);
}

void FitDialog::apply()
{
    if (m_plan && m_plan->fits)
        m_document->setSelection(m_state, tr("Make it fit"));
}

bool FitDialog::saveProfile(const QString &path, QString *error) const
{
    SizeLedger planned = m_document->ledger();
    planned.restore(m_state);
    return m_document->profileOf(planned, m_base).save(path, error);
}
