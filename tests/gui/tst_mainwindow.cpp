// The explorer window on the real demo layer, driven through its widgets:
// ticking a rule in the rules panel moves the gauge by exactly that rule's
// marginal bytes, unchecking a folder in the tree prunes it, and Undo / Redo
// restore the ledger's State exactly; the zipped gauge's exact figure is the
// size of the zip the Export dialog then writes, to the byte.
#include "gui/budget/breakdownchart.h"
#include "gui/budget/budgetpanel.h"
#include "gui/budget/limitgauge.h"
#include "gui/checks/checkspanel.h"
#include "gui/dialogs/exportdialog.h"
#include "gui/explorer/explorerview.h"
#include "gui/explorer/filetreemodel.h"
#include "gui/explorer/treemapwidget.h"
#include "gui/explorer/treepanel.h"
#include "gui/rules/rulesmodel.h"
#include "gui/rules/rulespanel.h"
#include "gui/shell/layerdocument.h"
#include "gui/shell/mainactions.h"
#include "gui/shell/mainwindow.h"
#include "gui/shell/recentfiles.h"
#include "guisupport.h"
#include "testsupport.h"
#include "transform/bytecodecompiler.h"
#include "tree/nodecategory.h"

#include <QAction>
#include <QBarSet>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPieSeries>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void opensTheDemoLayer();
    void tickingARuleMovesTheGaugeByItsMarginalBytes();
    void uncheckingAFolderInTheTreePrunesIt();
    void undoRestoresEveryPreviousState();
    void reserveSegmentFollowsTheSpinBox();
    void profileLimitAndReserveDriveTheVerdict();
    void exportWritesTheZipTheGaugePredicted();
    void exportPrecompilesWithVerifysInterpreter();
    void breakdownSlicesAddUpToTheKeptBytes();
    void targetComesFromTheLayer();
    void exportDialogNamesAndLabels();
    void startPageHasNoEmptyDocks();
    void backgroundPassesWaitForTheFirstTreemap();
    void aNewLayerIsLaidOutOnceAtItsShownSize();
    void aLayerClosedBeforeItsFirstFrameIsListed();

private:
    [[nodiscard]] std::uint64_t gaugeBytes() const;
    // Toggles rule `rule`'s checkbox with the keyboard, as a user would.
    void toggleRule(int rule);

    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    Q_INIT_RESOURCE(layerslim);
    guisupport::openDemoWindow(m_window);
}

void TestMainWindow::cleanupTestCase()
{
    m_window.reset();
    QSettings().clear();
}

std::uint64_t TestMainWindow::gaugeBytes() const
{
    const LimitGauge *gauge = m_window->explorer()->budgetPanel()->unzippedGauge();
    return gauge->value().value_or(~std::uint64_t{0});
}

void TestMainWindow::toggleRule(int rule)
{
    QTreeView *view = m_window->explorer()->rulesPanel()->view();
    view->setFocus();
    view->setCurrentIndex(view->model()->index(rule, RulesModel::RuleColumn));
    QTest::keyClick(view, Qt::Key_Space);
}

void TestMainWindow::opensTheDemoLayer()
{
    const FileTree &tree = m_window->document()->tree();
    QCOMPARE(gaugeBytes(), tree.totalBytes(0)); // nothing pruned yet
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("python")));
    QCOMPARE(m_window->explorer()->treePanel()->proxy()->rowCount(), int(tree.childCount(0)));
    // Classified once for the treemap, its legend, the breakdown and the zip estimate.
    QVERIFY(m_window->document()->categories() == NodeClassifier::classifyAll(tree));
}

void TestMainWindow::tickingARuleMovesTheGaugeByItsMarginalBytes()
{
    const SizeLedger &ledger = m_window->document()->ledger();
    const RulesModel *rules = m_window->explorer()->rulesPanel()->model();
    const LimitGauge *gauge = m_window->explorer()->budgetPanel()->unzippedGauge();
    int moved = 0;
    for (const char *id : {"tests", "bytecode", "datasets", "dist-info", "headers", "sources"}) {
        const int rule = RuleCatalog::indexOf(QString::fromLatin1(id));
        QVERIFY(!ledger.ruleEnabled(rule));
        const std::uint64_t before = gaugeBytes();
        const double barBefore = gauge->valueSet()->at(0);
        // What the panel shows in its "In union" column for the rule, before ticking it.
        const std::uint64_t marginal =
            rules->index(rule, RulesModel::MarginalColumn).data(RulesModel::BytesRole).toULongLong();
        QCOMPARE(marginal, ledger.ruleBytes(rule).marginalBytes);
        toggleRule(rule);
        QVERIFY2(ledger.ruleEnabled(rule), id);
        QCOMPARE(before - gaugeBytes(), marginal);
        QCOMPARE(gaugeBytes(), ledger.totals().keptBytes);
        QVERIFY(qAbs((barBefore - gauge->valueSet()->at(0)) * 1048576.0 - double(marginal)) < 1.0);
        moved += marginal > 0;
    }
    QVERIFY(moved >= 4); // the demo layer has tests, bytecode, .dat files and metadata

    // And unticking gives the same bytes back.
    const int tests = RuleCatalog::indexOf(u"tests");
    const std::uint64_t before = gaugeBytes();
    const std::uint64_t marginal = ledger.ruleBytes(tests).marginalBytes;
    toggleRule(tests);
    QVERIFY(!ledger.ruleEnabled(tests));
    QCOMPARE(gaugeBytes() - before, marginal);
    toggleRule(tests);
}

void TestMainWindow::uncheckingAFolderInTheTreePrunesIt()
{
    LayerDocument *document = m_window->document();
    const FileTree &tree = document->tree();
    const SizeLedger &ledger = document->ledger();
    const FileTree::Index sparse = tree.find("scipy/sparse");
    QVERIFY(sparse != FileTree::kNone);
    const std::uint64_t kept = ledger.keptBytes(sparse);
    const std::uint64_t before = gaugeBytes();
    QVERIFY(kept > 1000000);

    TreePanel *panel = m_window->explorer()->treePanel();
    m_window->explorer()->selectNode(sparse);
    QCOMPARE(panel->currentNode(), sparse);
    panel->view()->setFocus();
    // Its tests/ and __pycache__/ are pruned by rules, so the box is partly checked;
    // the first toggle keeps everything below, the second prunes it all.
    QCOMPARE(Qt::CheckState(panel->view()->currentIndex().data(Qt::CheckStateRole).toInt()), Qt::PartiallyChecked);
    QTest::keyClick(panel->view(), Qt::Key_Space); // the checkbox of the current row
    QCOMPARE(ledger.keptBytes(sparse), tree.totalBytes(sparse));
    QCOMPARE(gaugeBytes() - before, tree.totalBytes(sparse) - kept);
    QCOMPARE(Qt::CheckState(panel->view()->currentIndex().data(Qt::CheckStateRole).toInt()), Qt::Checked);
    QTest::keyClick(panel->view(), Qt::Key_Space);

    for (FileTree::Index i = sparse; i < tree.subtreeEnd(sparse); ++i)
        QVERIFY2(ledger.isPruned(i), qPrintable(tree.displayPath(i)));
    QCOMPARE(before - gaugeBytes(), kept);
    QCOMPARE(ledger.prunedBy(sparse), SizeLedger::kManual);
    QCOMPARE(Qt::CheckState(panel->view()->currentIndex().data(Qt::CheckStateRole).toInt()), Qt::Unchecked);
}

void TestMainWindow::undoRestoresEveryPreviousState()
{
    LayerDocument *document = m_window->document();
    const SizeLedger &ledger = document->ledger();
    MainActions *actions = m_window->actions();
    // Everything done so far, newest last, and one step of each other kind.
    document->setRuleExceptions(RuleCatalog::indexOf(u"tests"), {QStringLiteral("pandas/**")});
    m_window->explorer()->selectNode(document->tree().find("numpy/core"));
    actions->keepCurrent->trigger();
    actions->rules[std::size_t(RuleCatalog::indexOf(u"stubs"))]->trigger();

    QUndoStack *stack = document->undoStack();
    QVERIFY(stack->count() >= 10);
    // Replay the history: each step's State, from the clean start.
    std::vector<SizeLedger::State> states;
    while (stack->canUndo()) {
        states.push_back(ledger.state());
        actions->undo->trigger();
    }
    const SizeLedger::State start = ledger.state();
    SizeLedger fresh(document->tree());
    QVERIFY(start == fresh.state()); // all the way back: nothing selected
    QCOMPARE(gaugeBytes(), document->tree().totalBytes(0));
    for (auto it = states.rbegin(); it != states.rend(); ++it) {
        actions->redo->trigger();
        QVERIFY(ledger.state() == *it);
        QCOMPARE(gaugeBytes(), ledger.totals().keptBytes);
    }
    // Undo after redo lands on the same earlier states, exactly.
    for (std::size_t i = 0; i + 1 < states.size(); ++i) {
        actions->undo->trigger();
        QVERIFY(ledger.state() == states[i + 1]);
    }
}

void TestMainWindow::reserveSegmentFollowsTheSpinBox()
{
    BudgetPanel *budget = m_window->explorer()->budgetPanel();
    budget->setReserveBytes(35 * 1048576);
    QCOMPARE(budget->unzippedGauge()->reserve(), std::uint64_t(35) * 1048576);
    QCOMPARE(QSettings().value(QStringLiteral("budget/reserveBytes")).toULongLong(), 35ULL * 1048576);
    budget->setReserveBytes(20 * 1048576);
}

// A profile's limit and reserve (not a whole MB) replace the budget's, and the
// status bar says core's verdict: between limit − reserve and the limit it
// eats into the reserve, as `scan` says.
void TestMainWindow::profileLimitAndReserveDriveTheVerdict()
{
    BudgetPanel *budget = m_window->explorer()->budgetPanel();
    const SizeLedger &ledger = m_window->document()->ledger();
    const QLabel *status = m_window->findChild<QLabel *>(QStringLiteral("verdictLabel"));
    QVERIFY(status);
    Profile profile = Profile::fromLedger(ledger, Profile{});
    const std::uint64_t kept = ledger.totals().keptBytes;
    profile.reserveBytes = 3'000'001;
    profile.limitBytes = kept + profile.reserveBytes / 2;
    QString error;
    QVERIFY2(m_window->applyProfile(profile, &error), qPrintable(error));
    QCOMPARE(ledger.totals().keptBytes, kept);
    QCOMPARE(budget->unzippedGauge()->limit(), profile.limitBytes);
    QCOMPARE(budget->unzippedGauge()->reserve(), profile.reserveBytes);
    QCOMPARE(budget->unzippedGauge()->verdict().value(), LayerBudget::Verdict::IntoReserve);
    QVERIFY2(status->text().contains(QStringLiteral("eats into the reserve")), qPrintable(status->text()));
    profile.limitBytes = kept - 1;
    QVERIFY(m_window->applyProfile(profile, &error));
    QCOMPARE(budget->unzippedGauge()->verdict().value(), LayerBudget::Verdict::OverLimit);
    QVERIFY2(status->text().contains(QStringLiteral("over the limit")), qPrintable(status->text()));
    // Back to Lambda's limit and the usual reserve for the tests that follow.
    profile.limitBytes = units::kLambdaUnzippedLimit;
    profile.reserveBytes = units::kDefaultReserve;
    QVERIFY(m_window->applyProfile(profile, &error));
    QCOMPARE(budget->unzippedGauge()->verdict().value(), LayerBudget::Verdict::Fits);
}

void TestMainWindow::exportWritesTheZipTheGaugePredicted()
{
    const QString layer = testsupport::demoLayer();
    const QString listing = QStringLiteral("find %1 -printf '%p %s %T@\\n' | sort").arg(testsupport::quoted(layer));
    const QByteArray sourceBefore = testsupport::sh(listing);
    toggleRule(0);
    const LimitGauge *zipped = m_window->explorer()->budgetPanel()->zippedGauge();
    QTRY_VERIFY_WITH_TIMEOUT(zipped->value() && !zipped->isApproximate(), 300000);
    const std::uint64_t predicted = *zipped->value();

    QTemporaryDir out;
    const QString zip = out.filePath(QStringLiteral("demo-layer.zip"));
    ExportDialog dialog(m_window->document(), Profile{}, m_window.get());
    dialog.outputEdit()->setText(zip);
    QSignalSpy finished(&dialog, &ExportDialog::finished);
    dialog.start();
    QVERIFY(finished.wait(300000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(std::uint64_t(QFileInfo(zip).size()), predicted);

    int rc = -1;
    testsupport::sh(QStringLiteral("unzip -tq %1").arg(testsupport::quoted(zip)), &rc);
    QCOMPARE(rc, 0);
    // Every kept file of the ledger is an entry under python/.
    const QByteArray count = testsupport::sh(
        QStringLiteral(
            "python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
            "print(sum(1 for i in z.infolist() if not i.is_dir() and i.filename.startswith('python/')))\" %1")
            .arg(testsupport::quoted(zip)));
    const LedgerTotals totals = m_window->document()->ledger().totals();
    QCOMPARE(count.trimmed().toULongLong(), totals.keptFiles);
    QVERIFY(QFileInfo::exists(out.filePath(QStringLiteral("demo-layer.report.md"))));
    QVERIFY(QFileInfo::exists(out.filePath(QStringLiteral("demo-layer.report.json"))));
    QCOMPARE(testsupport::sh(listing), sourceBefore);

    // Bytecode "drop": the same selection without a single .pyc.
    const auto pycCount = [](const QString &path) {
        return testsupport::sh(
                   QStringLiteral(
                       "python3 -c \"import sys, zipfile; "
                       "print(sum(n.endswith('.pyc') for n in zipfile.ZipFile(sys.argv[1]).namelist()))\" %1")
                       .arg(testsupport::quoted(path)))
            .trimmed()
            .toInt();
    };
    QVERIFY(pycCount(zip) > 0);
    const QString dropped = out.filePath(QStringLiteral("dropped.zip"));
    ExportDialog dropDialog(m_window->document(), Profile{}, m_window.get());
    dropDialog.outputEdit()->setText(dropped);
    dropDialog.bytecodeBox()->setCurrentIndex(dropDialog.bytecodeBox()->findData(int(BytecodeMode::Drop)));
    QSignalSpy dropFinished(&dropDialog, &ExportDialog::finished);
    dropDialog.start();
    QVERIFY(dropFinished.wait(300000));
    QCOMPARE(dropFinished.first().first().toBool(), true);
    QCOMPARE(pycCount(dropped), 0);
    testsupport::sh(QStringLiteral("unzip -tq %1").arg(testsupport::quoted(dropped)), &rc);
    QCOMPARE(rc, 0);
    QCOMPARE(testsupport::sh(listing), sourceBefore);
    toggleRule(0);
}

// Bytecode is compiled by the interpreter Verify imports with when it is the
// target's version (here one reached through a wrapper that logs its calls),
// not by the first one found on PATH.
void TestMainWindow::exportPrecompilesWithVerifysInterpreter()
{
    const QString python3 = testsupport::python(); // the interpreter host() describes
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString log = dir.filePath(QStringLiteral("calls.log"));
    const QString wrapper = dir.filePath(QStringLiteral("verify-python"));
    QFile script(wrapper);
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write(QStringLiteral("#!/bin/sh\nprintf '%s\\n' \"$*\" >> %1\nexec %2 \"$@\"\n")
                     .arg(testsupport::quoted(log), testsupport::quoted(python3))
                     .toUtf8());
    script.close();
    QVERIFY(script.setPermissions(script.permissions() | QFileDevice::ExeOwner));

    Profile base;
    base.runtime = testsupport::host().runtime;
    ExportDialog dialog(m_window->document(), base, m_window.get());
    QString why;
    const std::optional<PythonInfo> probed = PythonFinder::probe(wrapper, &why);
    QVERIFY2(probed, qPrintable(why));
    dialog.setPython(probed);
    dialog.outputEdit()->setText(dir.filePath(QStringLiteral("precompiled.zip")));
    dialog.bytecodeBox()->setCurrentIndex(dialog.bytecodeBox()->findData(int(BytecodeMode::Precompile)));
    QSignalSpy finished(&dialog, &ExportDialog::finished);
    dialog.start();
    QVERIFY(finished.wait(300000));
    QCOMPARE(finished.first().first().toBool(), true);
    QFile calls(log);
    QVERIFY2(calls.open(QIODevice::ReadOnly), "the wrapper was never run");
    const QByteArray text = calls.readAll();
    QVERIFY2(text.contains("-m compileall"), text.constData());
}

void TestMainWindow::breakdownSlicesAddUpToTheKeptBytes()
{
    BreakdownChart *chart = m_window->breakdown();
    const SizeLedger &ledger = m_window->document()->ledger();
    const auto sliceSum = [chart] { return std::uint64_t(std::llround(chart->series()->sum())); };
    for (const BreakdownChart::Mode mode : {BreakdownChart::Mode::ByCategory, BreakdownChart::Mode::ByPackage}) {
        chart->setMode(mode);
        // Package slices count files inside the package root; loose top-level
        // files (six.py) are their own "package", so both modes cover every kept byte.
        QCOMPARE(sliceSum(), ledger.totals().keptBytes);
        toggleRule(0);
        QCOMPARE(sliceSum(), ledger.totals().keptBytes);
        toggleRule(0);
        QCOMPARE(sliceSum(), ledger.totals().keptBytes);
    }
    // By category the first slice is the native libraries: the kept files NodeClassifier::classify calls native.
    chart->setMode(BreakdownChart::Mode::ByCategory);
    const FileTree &tree = m_window->document()->tree();
    std::uint64_t native = 0;
    for (FileTree::Index i = 0; i < tree.count(); ++i)
        if (tree.kind(i) == NodeKind::File && !ledger.pruned().test(i) &&
            NodeClassifier::classify(tree, i) == NodeCategory::Native)
            native += tree.size(i);
    QVERIFY(native > 0);
    QCOMPARE(std::uint64_t(std::llround(chart->series()->slices().first()->value())), native);
    // The legend beside the donut: a row a slice, its name and size, the share in the tooltip.
    const QTreeWidget *legend = chart->legend();
    const QList<QPieSlice *> slices = chart->series()->slices();
    QCOMPARE(legend->topLevelItemCount(), slices.size());
    for (int i = 0; i < slices.size(); ++i) {
        const QTreeWidgetItem *row = legend->topLevelItem(i);
        QCOMPARE(row->text(0) + QStringLiteral("  ") + row->text(1), slices[i]->label());
        QVERIFY2(row->toolTip(0).startsWith(slices[i]->label()) && row->toolTip(0).contains(QStringLiteral("%")),
                 qPrintable(row->toolTip(0)));
    }
    QCOMPARE(legend->topLevelItem(0)->text(0), NodeClassifier::displayName(NodeCategory::Native));
}

// The demo layer is built for the host's CPython: the Checks panel opens on
// that target and says where it came from; a profile's target wins over it.
void TestMainWindow::targetComesFromTheLayer()
{
    const auto &host = testsupport::host();
    auto *checks = m_window->findChild<ChecksPanel *>();
    QVERIFY(checks);
    const QList<QComboBox *> combos = checks->findChildren<QComboBox *>();
    QStringList shown;
    for (const QComboBox *c : combos)
        shown << c->currentText();
    QVERIFY2(shown.contains(host.runtime) && shown.contains(host.arch), qPrintable(shown.join(u',')));
    QVERIFY2(checks->targetOrigin().startsWith(QStringLiteral("from the layer (")), qPrintable(checks->targetOrigin()));
    QTRY_VERIFY_WITH_TIMEOUT(checks->lintReport(), 120000);
    QCOMPARE(checks->lintReport()->target.runtime, host.runtime);

    Profile named;
    named.runtime = host.otherRuntime;
    named.namesRuntime = true;
    QString error;
    QVERIFY2(m_window->applyProfile(named, &error), qPrintable(error));
    shown.clear();
    for (const QComboBox *c : combos)
        shown << c->currentText();
    QVERIFY2(shown.contains(host.otherRuntime), qPrintable(shown.join(u',')));
    QVERIFY2(checks->targetOrigin().startsWith(QStringLiteral("runtime from the profile")),
             qPrintable(checks->targetOrigin()));
}

void TestMainWindow::exportDialogNamesAndLabels()
{
    ExportDialog dialog(m_window->document(), Profile{}, m_window.get());
    // The output row's label is a real label with a buddy: its '&' makes a shortcut, never shows.
    QLabel *label = nullptr;
    for (QLabel *l : dialog.findChildren<QLabel *>())
        if (l->buddy() == dialog.outputEdit())
            label = l;
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("&Output zip:"));

    const QString home = QDir::homePath();
    QCOMPARE(ExportDialog::defaultZipName(QStringLiteral("/srv/numpy-stack/python")),
             QStringLiteral("numpy-stack-layer.zip"));
    QCOMPARE(ExportDialog::defaultZipName(QStringLiteral("/srv/numpy-stack.zip")),
             QStringLiteral("numpy-stack-layer.zip"));
    QCOMPARE(ExportDialog::defaultZipName(QStringLiteral("/srv/proj/.venv/lib/python3.11/site-packages")),
             QStringLiteral("proj-layer.zip"));
    QCOMPARE(
        ExportDialog::defaultZipName(home + QStringLiteral("/.pyenv/versions/3.11.7/lib/python3.11/site-packages")),
        QStringLiteral("python3.11-layer.zip"));
    QCOMPARE(ExportDialog::defaultZipName(QStringLiteral("/usr/lib/python3/dist-packages")),
             QStringLiteral("layer.zip"));
}

// Without a layer the start page has the window: no empty Checks or Breakdown
// dock; they come back with the next layer as the user left them.
void TestMainWindow::startPageHasNoEmptyDocks()
{
    auto *checksDock = m_window->findChild<QDockWidget *>(QStringLiteral("checksDock"));
    auto *breakdownDock = m_window->findChild<QDockWidget *>(QStringLiteral("breakdownDock"));
    QVERIFY(checksDock && breakdownDock);
    QVERIFY(checksDock->isVisible());
    m_window->actions()->closeLayer->trigger();
    QVERIFY(!m_window->document());
    QVERIFY(!checksDock->isVisible());
    QVERIFY(!breakdownDock->isVisible());
    QVERIFY(!checksDock->toggleViewAction()->isEnabled());
    QSignalSpy opened(m_window.get(), &MainWindow::layerOpened);
    m_window->openPath(testsupport::demoLayer());
    QVERIFY(opened.wait(120000));
    QVERIFY(checksDock->isVisible());
    QVERIFY(breakdownDock->isVisible());
}

QTEST_MAIN(TestMainWindow)
// A new layer's exact zip pass, metadata reads and lint start only once its
// treemap has been painted, so they do not compete with that first paint; a
// window that is not on screen starts them after a moment all the same. The
// recent list, whose saving writes the settings file, waits with them.
void TestMainWindow::backgroundPassesWaitForTheFirstTreemap()
{
    QTemporaryDir dir;
    for (const bool shown : {true, false}) {
        // Opened through a link of this round's own, which no other suite
        // running meanwhile adds to the recent list they share.
        const QString demo = dir.filePath(shown ? QStringLiteral("shown") : QStringLiteral("hidden"));
        QVERIFY(QFile::link(QFileInfo(testsupport::demoLayer()).absoluteFilePath(), demo));
        const auto listed = [&] { return RecentFiles().paths().contains(demo); };
        MainWindow window;
        // Whether the window added to its list: the settings file itself is shared.
        QSignalSpy recentChanged(window.findChild<RecentFiles *>(), &RecentFiles::changed);
        window.resize(1200, 800);
        if (shown)
            window.show();
        QSignalSpy painted(window.explorer()->treemap(), &TreemapWidget::treemapPainted);
        QSignalSpy opened(&window, &MainWindow::layerOpened);
        bool startedAtOpen = true, listedAtOpen = true, listedAtStart = false;
        connect(&window, &MainWindow::layerOpened, this, [&] {
            startedAtOpen = window.document()->isBackgroundStarted();
            listedAtOpen = listed();
        });
        int paintsAtStart = -1;
        connect(&window, &MainWindow::backgroundStarted, this, [&] {
            paintsAtStart = int(painted.count());
            listedAtStart = recentChanged.count() == 1;
        });
        window.openPath(demo);
        QVERIFY(opened.wait(120000));
        QVERIFY2(!startedAtOpen, "the background passes began before the treemap was painted");
        QVERIFY2(!listedAtOpen, "the recent list was saved before the treemap was painted");
        QTRY_VERIFY_WITH_TIMEOUT(window.document()->isBackgroundStarted(), 30000);
        QVERIFY(listedAtStart);
        if (shown)
            QVERIFY2(paintsAtStart >= 1, qPrintable(QString::number(paintsAtStart)));
        else
            QCOMPARE(paintsAtStart, 0);
        // And they do their work: the zipped size becomes exact, the metadata reads arrive.
        QTRY_VERIFY_WITH_TIMEOUT(window.document()->metadataSparesKnown(), 60000);
        const LimitGauge *zipped = window.explorer()->budgetPanel()->zippedGauge();
        QTRY_VERIFY_WITH_TIMEOUT(zipped->value() && !zipped->isApproximate(), 300000);
    }
}

// A layer closed before its first frame (a window that never paints) is in
// the recent files all the same.
void TestMainWindow::aLayerClosedBeforeItsFirstFrameIsListed()
{
    QTemporaryDir dir;
    const QString demo = dir.filePath(QStringLiteral("closed"));
    QVERIFY(QFile::link(QFileInfo(testsupport::demoLayer()).absoluteFilePath(), demo));
    MainWindow window; // never shown: it does not paint
    QSignalSpy opened(&window, &MainWindow::layerOpened);
    QSignalSpy recentChanged(window.findChild<RecentFiles *>(), &RecentFiles::changed);
    window.openPath(demo);
    QVERIFY(opened.wait(120000));
    QCOMPARE(recentChanged.count(), 0);
    QVERIFY(!window.document()->isBackgroundStarted());
    window.actions()->closeLayer->trigger();
    QVERIFY(!window.document());
    QCOMPARE(recentChanged.count(), 1);
    QVERIFY(RecentFiles().paths().contains(demo));
}

// A new layer is laid out once, at the size its treemap is shown at: the
// docks that appear with it settle the window before the layout starts, and
// the layout runs while the window paints its panels.
void TestMainWindow::aNewLayerIsLaidOutOnceAtItsShownSize()
{
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    TreemapWidget *map = window.explorer()->treemap();
    const quint64 before = map->layoutGeneration();
    QSignalSpy opened(&window, &MainWindow::layerOpened);
    window.openPath(testsupport::demoLayer());
    QVERIFY(opened.wait(120000));
    // Waited for without running events: nothing can resize the window meanwhile.
    map->waitForLayout();
    QVERIFY(!map->isLayoutPending());
    QCOMPARE(map->layoutGeneration(), before + 1);
    QCOMPARE(map->layout().bounds().size().toSize(), map->size() * map->devicePixelRatio());
}

#include "tst_mainwindow.moc"
