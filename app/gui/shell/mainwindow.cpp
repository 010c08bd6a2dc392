#include "gui/shell/mainwindow.h"

#include "base/logging.h"
#include "base/units.h"
#include "checks/layertarget.h"
#include "gui/budget/breakdownchart.h"
#include "gui/budget/budgetpanel.h"
#include "gui/budget/limitgauge.h"
#include "gui/checks/checkspanel.h"
#include "gui/compare/comparelauncher.h"
#include "gui/dialogs/exportdialog.h"
#include "gui/dialogs/fitdialog.h"
#include "gui/dialogs/logdialog.h"
#include "gui/dialogs/preferencesdialog.h"
#include "gui/dialogs/stagedialog.h"
#include "gui/explorer/explorerview.h"
#include "gui/explorer/treemapwidget.h"
#include "gui/explorer/treepanel.h"
#include "gui/requirements/requirementspanel.h"
#include "gui/rules/rulespanel.h"
#include "gui/shell/layerdocument.h"
#include "gui/shell/mainactions.h"
#include "gui/shell/recentfiles.h"
#include "gui/shell/scanjob.h"
#include "gui/shell/startpage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLayout>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QUndoGroup>

#include <spdlog/spdlog.h>

#include <utility>

namespace {

// How long a new layer's background passes wait for the treemap's first
// paint before they start anyway: in a window not on screen, which never
// paints, and at the latest in one that is.
constexpr int kBackgroundDelayMs = 400;
constexpr int kBackgroundLatestMs = 5000;

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_undoGroup(new QUndoGroup(this))
    , m_recent(new RecentFiles(this))
    , m_stack(new QStackedWidget(this))
    , m_startPage(new StartPage(m_recent, this))
    , m_explorer(new ExplorerView(this))
    , m_compare(new CompareLauncher(this))
    , m_totals(new QLabel(this))
    , m_verdict(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
{
    setWindowIcon(QIcon(QStringLiteral(":/icons/layerslim.svg")));
    setAcceptDrops(true);
    m_actions = new MainActions(this, m_undoGroup);
    m_stack->addWidget(m_startPage);
    m_stack->addWidget(m_explorer);
    setCentralWidget(m_stack);

    m_progress->setMaximumWidth(220);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop scanning (Esc)"));
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancel->hide();
    m_verdict->setObjectName(QStringLiteral("verdictLabel"));
    m_verdict->setTextFormat(Qt::RichText);
    statusBar()->addWidget(m_totals, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    statusBar()->addPermanentWidget(m_verdict);

    connectActions();
    connect(m_startPage, &StartPage::openRequested, this, &MainWindow::openPath);
    connect(m_startPage, &StartPage::openFolderRequested, this, &MainWindow::chooseFolder);
    connect(m_startPage, &StartPage::openZipRequested, this, &MainWindow::chooseZip);
    connect(m_startPage, &StartPage::newFromRequirementsRequested, this, &MainWindow::newFromRequirements);
    connect(m_recent, &RecentFiles::openRequested, this, &MainWindow::openPath);
    connect(m_explorer, &ExplorerView::navigationChanged, this, &MainWindow::updateNavigation);
    connect(m_explorer, &ExplorerView::hoverMessage, this, [this](const QString &text) {
        text.isEmpty() ? statusBar()->clearMessage() : statusBar()->showMessage(text);
    });
    connect(m_explorer->budgetPanel(), &BudgetPanel::reserveChanged, this, &MainWindow::updateStatus);
    connect(m_explorer->budgetPanel(), &BudgetPanel::limitChanged, this, &MainWindow::updateStatus);
    connect(m_explorer->budgetPanel(), &BudgetPanel::othersBytesChanged, this, &MainWindow::updateStatus);
    connect(m_explorer->budgetPanel(), &BudgetPanel::fitRequested, this, &MainWindow::makeItFit);

    // Verify, culprits and lint dock below the explorer; View > Checks (Ctrl+3) shows and hides them.
    auto *checks = m_checks = new ChecksPanel(this);
    auto *checksDock = new QDockWidget(tr("Checks"), this);
    checksDock->setObjectName(QStringLiteral("checksDock"));
    checksDock->setWidget(checks);
    addDockWidget(Qt::BottomDockWidgetArea, checksDock);
    checksDock->toggleViewAction()->setShortcut(QKeySequence(tr("Ctrl+3")));
    for (QObject *menu : m_actions->focusRules->associatedObjects())
        if (qobject_cast<QMenu *>(menu))
            static_cast<QMenu *>(menu)->addAction(checksDock->toggleViewAction());
    // Lint takes a moment and needs nothing from the user: its badges are in the tree from the start.
    connect(this, &MainWindow::layerOpened, checks, [this, checks] {
        checks->setDocument(m_document);
        // A new layer is checked for what it says, until a profile or the user names a target.
        m_profile.namesRuntime = m_profile.namesArch = false;
        chooseTarget();
    });
    // Lint takes the cores with the other background passes, after the first paint.
    connect(this, &MainWindow::backgroundStarted, checks, &ChecksPanel::startLint);
    // A target picked by hand is the one exports use and profiles save.
    connect(checks, &ChecksPanel::targetChosen, this, [this](const QString &runtime, const QString &arch) {
        m_profile.runtime = runtime;
        m_profile.arch = arch;
        m_profile.namesRuntime = m_profile.namesArch = true;
        m_targetOrigin = QStringLiteral("chosen in the Checks panel");
    });
    // The kept-bytes donut beside them (View > Breakdown, Ctrl+4).
    m_breakdown = new BreakdownChart(this);
    auto *breakdownDock = new QDockWidget(tr("Breakdown"), this);
    breakdownDock->setObjectName(QStringLiteral("breakdownDock"));
    breakdownDock->setWidget(m_breakdown);
    splitDockWidget(checksDock, breakdownDock, Qt::Horizontal);
    breakdownDock->toggleViewAction()->setShortcut(QKeySequence(tr("Ctrl+4")));
    for (QObject *menu : m_actions->focusRules->associatedObjects())
        if (qobject_cast<QMenu *>(menu))
            static_cast<QMenu *>(menu)->addAction(breakdownDock->toggleViewAction());
    connect(checks, &ChecksPanel::nodeActivated, m_explorer, &ExplorerView::selectNode);
    // Requirements and duplicates, tabbed with the checks (View > Requirements, Ctrl+5).
    m_requirements = new RequirementsPanel(this);
    auto *requirementsDock = new QDockWidget(tr("Requirements"), this);
    requirementsDock->setObjectName(QStringLiteral("requirementsDock"));
    requirementsDock->setWidget(m_requirements);
    tabifyDockWidget(checksDock, requirementsDock);
    checksDock->raise();
    requirementsDock->toggleViewAction()->setShortcut(QKeySequence(tr("Ctrl+5")));
    for (QObject *menu : m_actions->focusRules->associatedObjects())
        if (qobject_cast<QMenu *>(menu))
            static_cast<QMenu *>(menu)->addAction(requirementsDock->toggleViewAction());
    connect(m_requirements, &RequirementsPanel::nodeActivated, m_explorer, &ExplorerView::selectNode);
    connect(m_explorer, &ExplorerView::currentNodeChanged, m_requirements, &RequirementsPanel::showWhy);

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1600, 1000);
    if (!restoreState(settings.value(QStringLiteral("window/state")).toByteArray())) {
        resizeDocks({checksDock}, {230}, Qt::Vertical); // the explorer keeps most of the height
        resizeDocks({checksDock, breakdownDock}, {1100, 500}, Qt::Horizontal);
    }
    // The docks show a layer's checks and breakdown: the start page goes without
    // them, and they come back as the user last left them.
    for (QDockWidget *dock : {checksDock, breakdownDock, requirementsDock}) {
        m_docks.push_back({dock, !dock->isHidden()});
        connect(dock->toggleViewAction(), &QAction::triggered, this, [this, dock](bool shown) {
            for (DockState &d : m_docks)
                if (d.dock == dock)
                    d.wanted = shown;
        });
    }
    m_explorer->restoreLayout();
    m_actions->hidePruned->setChecked(settings.value(QStringLiteral("view/hidePruned"), false).toBool());
    m_actions->colorByDistribution->setChecked(
        settings.value(QStringLiteral("view/colorByDistribution"), false).toBool());
    setDocument(nullptr);
}

MainWindow::~MainWindow()
{
    delete m_scan;
    setDocument(nullptr);
}

void MainWindow::connectActions()
{
    MainActions *a = m_actions;
    connect(a->newFromRequirements, &QAction::triggered, this, &MainWindow::newFromRequirements);
    connect(a->openFolder, &QAction::triggered, this, &MainWindow::chooseFolder);
    connect(a->openZip, &QAction::triggered, this, &MainWindow::chooseZip);
    connect(a->recentMenu, &QMenu::aboutToShow, this, [this] { m_recent->populate(m_actions->recentMenu); });
    connect(a->openProfile, &QAction::triggered, this, &MainWindow::openProfile);
    connect(a->saveProfile, &QAction::triggered, this, &MainWindow::saveProfile);
    connect(a->exportLayer, &QAction::triggered, this, &MainWindow::exportLayer);
    connect(a->closeLayer, &QAction::triggered, this, &MainWindow::closeLayer);
    const auto compareTarget = [this] { return Target::find(m_profile.runtime, m_profile.arch).value_or(Target{}); };
    connect(a->compareZip, &QAction::triggered, this, [this, compareTarget] {
        if (m_document)
            m_compare->choose(CompareLauncher::Pick::Zip, *m_document, compareTarget());
    });
    connect(a->compareFolder, &QAction::triggered, this, [this, compareTarget] {
        if (m_document)
            m_compare->choose(CompareLauncher::Pick::Folder, *m_document, compareTarget());
    });
    connect(a->quit, &QAction::triggered, this, &QWidget::close);
    connect(a->find, &QAction::triggered, this, [this] { m_explorer->treePanel()->focusFilter(); });
    connect(a->pruneCurrent, &QAction::triggered, this, [this] { markCurrent(int(SizeLedger::Mark::Prune)); });
    connect(a->keepCurrent, &QAction::triggered, this, [this] { markCurrent(int(SizeLedger::Mark::Keep)); });
    connect(a->inheritCurrent, &QAction::triggered, this, [this] { markCurrent(int(SizeLedger::Mark::Inherit)); });
    connect(a->resetAll, &QAction::triggered, this, [this] {
        if (m_document)
            m_document->resetSelection();
    });
    connect(a->back, &QAction::triggered, m_explorer, &ExplorerView::goBack);
    connect(a->up, &QAction::triggered, m_explorer, &ExplorerView::goUp);
    connect(a->top, &QAction::triggered, m_explorer, &ExplorerView::goTop);
    connect(a->zoomIn, &QAction::triggered, m_explorer, &ExplorerView::zoomIntoCurrent);
    connect(a->colorByDistribution, &QAction::toggled, this, [this](bool on) {
        m_explorer->setColorByDistribution(on);
        QSettings().setValue(QStringLiteral("view/colorByDistribution"), on);
    });
    connect(a->hidePruned, &QAction::toggled, this, [this](bool on) {
        m_explorer->setHidePruned(on);
        QSettings().setValue(QStringLiteral("view/hidePruned"), on);
    });
    connect(a->focusTree, &QAction::triggered, this, [this] { m_explorer->treePanel()->view()->setFocus(); });
    connect(a->focusRules, &QAction::triggered, this, [this] { m_explorer->rulesPanel()->view()->setFocus(); });
    for (std::size_t r = 0; r < a->rules.size(); ++r)
        connect(a->rules[r], &QAction::triggered, this, [this, r](bool on) {
            if (m_document)
                m_document->setRuleEnabled(int(r), on);
        });
    connect(a->editExceptions, &QAction::triggered, this, [this] { m_explorer->rulesPanel()->editExceptions(); });
    connect(a->showLog, &QAction::triggered, this, [this] {
        auto *dialog = new LogDialog(logging::logFilePath(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    connect(a->preferences, &QAction::triggered, this, [this] { PreferencesDialog(this).exec(); });
    connect(a->about, &QAction::triggered, this, &MainWindow::about);
    connect(a->aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a layer folder or site-packages"),
                                                          QSettings().value(QStringLiteral("lastDir")).toString());
    if (!dir.isEmpty()) {
        QSettings().setValue(QStringLiteral("lastDir"), QFileInfo(dir).absolutePath());
        openPath(dir);
    }
}

void MainWindow::chooseZip()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Open a layer zip"),
                                                      QSettings().value(QStringLiteral("lastDir")).toString(),
                                                      tr("Zip archives (*.zip);;All files (*)"));
    if (!file.isEmpty()) {
        QSettings().setValue(QStringLiteral("lastDir"), QFileInfo(file).absolutePath());
        openPath(file);
    }
}

void MainWindow::newFromRequirements()
{
    StageDialog dialog(this);
    connect(&dialog, &StageDialog::staged, this, &MainWindow::openPath); // scans while the dialog reports
    dialog.exec();
}

void MainWindow::openPath(const QString &path)
{
    delete m_scan; // cancels a scan still running
    m_scan = new ScanJob(QFileInfo(path).absoluteFilePath(), this);
    connect(m_scan, &ScanJob::progress, this, [this](quint64 files, quint64 bytes, const QString &current) {
        m_totals->setText(
            tr("Scanning… %1 files, %2 — %3").arg(QLocale().toString(files), units::localBytes(bytes), current));
    });
    connect(m_scan, &ScanJob::finished, this, &MainWindow::scanFinished);
    connect(m_cancel, &QToolButton::clicked, m_scan, &ScanJob::cancel);
    m_totals->setText(tr("Scanning %1…").arg(QDir::toNativeSeparators(path)));
    m_progress->show();
    m_cancel->show();
    m_scan->start();
}

void MainWindow::scanFinished(std::shared_ptr<Layer> layer, const QString &error, bool cancelled)
{
    const QString path = m_scan->path();
    m_scan->deleteLater();
    m_scan = nullptr;
    m_progress->hide();
    m_cancel->hide();
    if (!layer) {
        updateStatus();
        statusBar()->showMessage(error, 8000);
        Q_EMIT openFailed(error);
        if (!cancelled)
            QMessageBox::warning(this, tr("Cannot open layer"), error);
        return;
    }
    // The background passes and lint wait for the treemap's first paint
    // (queued: they start after that frame, not inside it). A window not on
    // screen never paints: its passes start after a moment; one on screen
    // that does not paint (minimized) starts them a little later. The recent
    // list waits with them (saving it writes the settings file), unless the
    // layer is closed or replaced first.
    auto *document = new LayerDocument(std::move(layer), path, this, LayerDocument::Background::Later);
    setDocument(document);
    m_unlisted = path;
    // The docks are shown: settle the window's size, and lay the treemap out
    // while the window paints its new panels.
    if (layout())
        layout()->activate();
    m_explorer->treemap()->startPendingLayout();
    const QPointer<LayerDocument> opened(document);
    auto begin = [this, opened] {
        if (opened && opened == m_document && !opened->isBackgroundStarted()) {
            opened->startBackgroundWork();
            listOpened();
            Q_EMIT backgroundStarted();
        }
    };
    TreemapWidget *treemap = m_explorer->treemap();
    connect(treemap, &TreemapWidget::treemapPainted, document, begin,
            Qt::ConnectionType(Qt::QueuedConnection | Qt::SingleShotConnection));
    QTimer::singleShot(treemap->isVisible() ? kBackgroundLatestMs : kBackgroundDelayMs, document, begin);
    const auto &issues = document->tree().issues();
    if (!issues.empty())
        statusBar()->showMessage(
            tr("%n entries could not be read; see the log for the paths.", nullptr, int(issues.size())), 10000);
    Q_EMIT layerOpened();
}

void MainWindow::listOpened()
{
    if (!m_unlisted.isEmpty())
        m_recent->add(std::exchange(m_unlisted, QString()));
}

void MainWindow::setDocument(LayerDocument *document)
{
    listOpened(); // the layer going away was opened all the same
    LayerDocument *old = m_document;
    m_document = document;
    m_explorer->setDocument(document);
    m_breakdown->setDocument(document);
    m_requirements->setDocument(document);
    if (old) {
        m_undoGroup->removeStack(old->undoStack());
        old->deleteLater();
    }
    if (document) {
        m_undoGroup->addStack(document->undoStack());
        m_undoGroup->setActiveStack(document->undoStack());
        connect(document, &LayerDocument::selectionChanged, this, &MainWindow::updateStatus);
        connect(document, &LayerDocument::selectionChanged, this, &MainWindow::updateRuleActions);
        connect(document, &LayerDocument::traceNeeded, this, &MainWindow::chooseTrace);
        m_explorer->setHidePruned(m_actions->hidePruned->isChecked());
    }
    m_stack->setCurrentWidget(document ? static_cast<QWidget *>(m_explorer) : m_startPage);
    for (const DockState &d : m_docks) {
        d.dock->setVisible(document && d.wanted);
        d.dock->toggleViewAction()->setEnabled(document != nullptr);
    }
    if (!document) // asks the interpreters once the event loop runs, unless a scan has started by then
        QTimer::singleShot(0, this, [this] {
            if (!m_document && !m_scan)
                m_startPage->probe();
        });
    m_actions->setLayerOpen(document != nullptr);
    m_explorer->budgetPanel()->setPrefix(m_profile.prefix);
    updateRuleActions();
    updateNavigation();
    updateStatus();
    updateTitle();
}

void MainWindow::closeLayer()
{
    setDocument(nullptr);
}

void MainWindow::markCurrent(int mark)
{
    const FileTree::Index node = m_explorer->currentNode();
    if (m_document && node != 0)
        m_document->mark(node, SizeLedger::Mark(mark));
}

void MainWindow::updateRuleActions()
{
    for (std::size_t r = 0; r < m_actions->rules.size(); ++r)
        m_actions->rules[r]->setChecked(m_document && m_document->ledger().ruleEnabled(int(r)));
}

void MainWindow::updateNavigation()
{
    const bool open = m_document != nullptr;
    m_actions->back->setEnabled(open && m_explorer->canGoBack());
    m_actions->up->setEnabled(open && m_explorer->canGoUp());
    m_actions->top->setEnabled(open && m_explorer->canGoUp());
}

void MainWindow::updateStatus()
{
    if (!m_document) {
        m_totals->setText(tr("Open a layer folder or zip, or drop one here."));
        m_verdict->clear();
        return;
    }
    const FileTree &tree = m_document->tree();
    const LedgerTotals t = m_document->ledger().totals();
    m_totals->setText(tr("%1 files, %2 folders, %3 — kept %4 in %5 files — pruned %6 in %7 files")
                          .arg(QLocale().toString(tree.fileCount()), QLocale().toString(tree.dirCount()),
                               units::localBytes(tree.totalBytes(0)), units::localBytes(t.layerBytes),
                               QLocale().toString(t.keptFiles), units::localBytes(t.prunedBytes),
                               QLocale().toString(t.prunedFiles)));
    // Core's verdict and words, in the colour the gauge gives them.
    const LimitGauge *gauge = m_explorer->budgetPanel()->unzippedGauge();
    QString verdict;
    if (const std::optional<LayerBudget::Verdict> v = gauge->verdict()) {
        const char *color = *v == LayerBudget::Verdict::Fits          ? "#2e7d32"
                            : *v == LayerBudget::Verdict::IntoReserve ? "#ef8f00"
                                                                      : "#c62828";
        verdict = QStringLiteral("<span style='color:%1'>● %2</span>")
                      .arg(QLatin1String(color), gauge->budget().verdictTitle(*v).toHtmlEscaped());
        m_verdict->setToolTip(gauge->verdictText());
    }
    m_verdict->setText(verdict);
}

void MainWindow::updateTitle()
{
    if (m_document)
        setWindowTitle(tr("%1 — LayerSlim").arg(QDir::toNativeSeparators(m_document->path())));
    else
        setWindowTitle(tr("LayerSlim"));
}

void MainWindow::openProfile()
{
    if (!m_document)
        return;
    const QString file = QFileDialog::getOpenFileName(this, tr("Open a profile"),
                                                      QSettings().value(QStringLiteral("profileDir")).toString(),
                                                      tr("LayerSlim profiles (*.json);;All files (*)"));
    if (file.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("profileDir"), QFileInfo(file).absolutePath());
    QString error;
    const std::optional<Profile> profile = Profile::load(file, &error);
    if (!profile || !applyProfile(*profile, &error)) {
        QMessageBox::warning(this, tr("Cannot apply profile"), error);
        return;
    }
    statusBar()->showMessage(tr("Applied %1").arg(QDir::toNativeSeparators(file)), 5000);
}

bool MainWindow::applyProfile(const Profile &profile, QString *error)
{
    if (!m_document || !m_document->applyProfile(profile, error))
        return false;
    m_profile = profile;
    m_explorer->budgetPanel()->applyProfile(profile);
    chooseTarget();
    return true;
}

void MainWindow::chooseTarget()
{
    if (!m_document)
        return;
    const QString byProfile = QStringLiteral("the profile");
    const LintTarget target = LayerTarget::infer(m_document->tree(), m_document->layer().zipEntries)
                                  .choose(m_profile.namesRuntime ? m_profile.runtime : QString(), byProfile,
                                          m_profile.namesArch ? m_profile.arch : QString(), byProfile);
    m_profile.runtime = target.runtime;
    m_profile.arch = target.arch;
    m_targetOrigin = target.origin;
    m_checks->setTarget(target.runtime, target.arch, target.origin);
}

void MainWindow::saveProfile()
{
    if (!m_document)
        return;
    QString file = QFileDialog::getSaveFileName(this, tr("Save the choices as a profile"),
                                                QSettings().value(QStringLiteral("profileDir")).toString() +
                                                    QStringLiteral("/layerslim-profile.json"),
                                                tr("LayerSlim profiles (*.json)"));
    if (file.isEmpty())
        return;
    if (QFileInfo(file).suffix().isEmpty())
        file += QStringLiteral(".json");
    QSettings().setValue(QStringLiteral("profileDir"), QFileInfo(file).absolutePath());
    Profile base = m_profile;
    base.limitBytes = m_explorer->budgetPanel()->limitBytes();
    base.reserveBytes = m_explorer->budgetPanel()->reserveBytes();
    QString error;
    if (!m_document->profile(base).save(file, &error)) {
        QMessageBox::warning(this, tr("Cannot save profile"), error);
        return;
    }
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(file)), 5000);
}

void MainWindow::exportLayer()
{
    if (!m_document)
        return;
    Profile base = m_profile;
    base.limitBytes = m_explorer->budgetPanel()->limitBytes();
    base.reserveBytes = m_explorer->budgetPanel()->reserveBytes();
    ExportDialog dialog(m_document, base, this);
    dialog.setTargetOrigin(m_targetOrigin);
    dialog.setPython(m_checks->python()); // compiles bytecode when it is the target's version
    dialog.exec();
    // The zip's prefix and level used last are what the next export and a saved profile start from.
    m_profile.prefix = dialog.prefix();
    m_profile.level = dialog.level();
    m_explorer->budgetPanel()->setPrefix(m_profile.prefix);
}

void MainWindow::chooseTrace(int rule)
{
    updateRuleActions(); // the refused tick goes back
    const QString title = RuleCatalog::all()[std::size_t(rule)].displayTitle();
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Choose the trace for “%1” (from layerslim-cli trace)").arg(title),
        QSettings().value(QStringLiteral("traceDir")).toString(), tr("Traces (*.json);;All files (*)"));
    if (file.isEmpty() || !m_document)
        return;
    QSettings().setValue(QStringLiteral("traceDir"), QFileInfo(file).absolutePath());
    QString error;
    QStringList warnings;
    if (!m_document->loadTrace(file, {}, &error, &warnings)) {
        QMessageBox::warning(this, tr("Cannot use the trace"), error);
        return;
    }
    if (!warnings.isEmpty())
        QMessageBox::information(this, tr("Trace loaded"), warnings.join(QLatin1Char('\n')));
    m_document->setRuleEnabled(rule, true);
}

void MainWindow::makeItFit()
{
    if (!m_document)
        return;
    // The other layers and code sharing the limit come off it; the reserve stays.
    const LayerBudget &budget = m_explorer->budgetPanel()->budget();
    FitGoal goal;
    goal.limitBytes = budget.limitBytes() - std::min(budget.othersBytes(), budget.limitBytes());
    goal.reserveBytes = std::min(budget.reserveBytes(), goal.limitBytes);
    Profile base = m_profile;
    base.limitBytes = budget.limitBytes();
    base.reserveBytes = budget.reserveBytes();
    FitDialog dialog(m_document, base, goal, this);
    dialog.setPython(m_checks->pythonPath()); // steps are verified as Verify would
    dialog.exec();
}

void MainWindow::compareWith(const QString &path)
{
    if (m_document)
        m_compare->start(*m_document, Target::find(m_profile.runtime, m_profile.arch).value_or(Target{}), path);
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About LayerSlim"),
        tr("<h3>LayerSlim %1</h3>"
           "<p>Fits Python dependencies into AWS Lambda layers: it shows what takes the space, prunes it with "
           "rules whose risk is spelled out, keeps a live count against Lambda's 250 MB (262,144,000 bytes) "
           "unzipped limit and exports a reproducible layer zip.</p>"
           "<p>The scanned folder is never written to. Profiles saved here replay with "
           "<code>layerslim-cli</code>.</p><p>Log file: %2</p>")
            .arg(QStringLiteral(LAYERSLIM_VERSION), logging::logFilePath().toHtmlEscaped()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    for (const DockState &d : m_docks) // saved as the user wants them, not as the start page hides them
        d.dock->setVisible(d.wanted);
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    m_explorer->saveLayout();
    QMainWindow::closeEvent(event);
}

QString MainWindow::droppedPath(const QMimeData *mime)
{
    if (!mime->hasUrls() || mime->urls().size() != 1)
        return {};
    const QUrl url = mime->urls().first();
    if (!url.isLocalFile())
        return {};
    const QFileInfo info(url.toLocalFile());
    if (info.isDir() || (info.isFile() && info.suffix().compare(QStringLiteral("zip"), Qt::CaseInsensitive) == 0))
        return info.absoluteFilePath();
    return {};
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedPath(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = droppedPath(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openPath(path);
}
