// The Checks panel in the explorer window on the real demo layer, driven
// through its buttons: with the seed rules and pandas/_testing pruned, verify
// with testsupport::python() fails pandas and passes numpy, the culprit search
// names pandas/_testing and "Keep" restores it as one undo step; lint for
// the host Python's runtime and CPU (python3.11/x86_64 on Debian 12) has no
// ABI-tag or machine errors (only the glibc ones readelf confirms) and flags
// exactly the kept extensions of that CPython for another runtime; clicking a
// finding selects its file in the explorer.
#include "gui/checks/checkspanel.h"
#include "gui/checks/linttab.h"
#include "gui/checks/resultlist.h"
#include "gui/checks/verifytab.h"
#include "gui/explorer/explorerview.h"
#include "gui/explorer/filetreemodel.h"
#include "gui/explorer/treepanel.h"
#include "gui/shell/layerdocument.h"
#include "gui/shell/mainwindow.h"
#include "guisupport.h"
#include "select/rules.h"
#include "select/targets.h"
#include "testsupport.h"

#include <QPushButton>
#include <QSet>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVersionNumber>
#include <QtTest>

#include <set>

class TestChecksPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void verifyFailsPandasAndPassesNumpy();
    void culpritIsPandasTestingAndKeepIsOneUndoStep();
    void lintForTheLayersOwnRuntimeFlagsOnlyGlibc();
    void lintFlagsEveryKeptExtensionForAnotherRuntime();
    void clickingAFindingSelectsItsFile();
    void treeShowsTheFindingsAsBadges();

private:
    void click(const char *button);
    void runLint(const QString &runtime);
    [[nodiscard]] const CheckResult *result(const QString &module) const;
    [[nodiscard]] QTreeWidgetItem *verifyRow(const QString &module) const;

    std::unique_ptr<MainWindow> m_window;
    ChecksPanel *m_panel = nullptr;
    LayerDocument *m_document = nullptr;
};

void TestChecksPanel::initTestCase()
{
    Q_INIT_RESOURCE(layerslim);
    guisupport::openDemoWindow(m_window);
    if (QTest::currentTestFailed())
        return;
    m_document = m_window->document();
    m_panel = m_window->findChild<ChecksPanel *>();
    QVERIFY(m_panel);
    QVERIFY(m_panel->isVisible());

    for (const char *id : {"tests", "bytecode", "dist-info", "pyproject", "datasets"}) {
        const int rule = RuleCatalog::indexOf(QString::fromLatin1(id));
        QVERIFY2(rule >= 0, id);
        m_document->setRuleEnabled(rule, true);
    }
    const FileTree::Index testing = m_document->tree().find("pandas/_testing", m_document->tree().packageRoot());
    QVERIFY(testing != FileTree::kNone);
    m_document->mark(testing, SizeLedger::Mark::Prune);
    QVERIFY(m_document->ledger().isPruned(testing));

    QString error;
    QVERIFY2(m_panel->choosePython(testsupport::python(), &error), qPrintable(error));
}

void TestChecksPanel::cleanupTestCase()
{
    m_window.reset();
    QSettings().clear();
}

void TestChecksPanel::click(const char *button)
{
    auto *b = m_panel->findChild<QPushButton *>(QLatin1String(button));
    QVERIFY2(b, button);
    QTRY_VERIFY_WITH_TIMEOUT(b->isEnabled(), 30000);
    QTest::mouseClick(b, Qt::LeftButton);
    QVERIFY(m_panel->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isBusy(), 300000);
}

const CheckResult *TestChecksPanel::result(const QString &module) const
{
    for (const CheckResult &r : m_panel->verifyReport()->results)
        if (r.check.name == module)
            return &r;
    return nullptr;
}

QTreeWidgetItem *TestChecksPanel::verifyRow(const QString &module) const
{
    const auto rows = m_panel->verifyList()->findItems(module, Qt::MatchExactly, 0);
    return rows.size() == 1 ? rows.first() : nullptr;
}

void TestChecksPanel::verifyFailsPandasAndPassesNumpy()
{
    m_panel->tabs()->setCurrentIndex(0);
    click("verifyButton");
    if (QTest::currentTestFailed())
        return;
    const VerifyReport *report = m_panel->verifyReport();
    QVERIFY(report);
    QVERIFY2(report->error.isEmpty(), qPrintable(report->error));
    QCOMPARE(m_panel->verifyList()->topLevelItemCount(), int(report->results.size()));

    const CheckResult *pandas = result(QStringLiteral("pandas"));
    const CheckResult *numpy = result(QStringLiteral("numpy"));
    QVERIFY(pandas && numpy);
    QCOMPARE(pandas->status, CheckStatus::Failed);
    QVERIFY2(pandas->output.contains(QStringLiteral("pandas._testing")), qPrintable(pandas->output));
    QCOMPARE(numpy->status, CheckStatus::Passed);
    QVERIFY2(numpy->exitCode == 0, qPrintable(numpy->output));

    QTreeWidgetItem *pandasRow = verifyRow(QStringLiteral("pandas"));
    QTreeWidgetItem *numpyRow = verifyRow(QStringLiteral("numpy"));
    QVERIFY(pandasRow && numpyRow);
    QCOMPARE(pandasRow->text(1), VerifyTab::tr("failed"));
    QCOMPARE(numpyRow->text(1), VerifyTab::tr("passed"));
    QCOMPARE(pandasRow->toolTip(1), pandas->error);
    // The import time column: numpy's median cold import ± half its spread; none for a failed import.
    QCOMPARE(numpy->timing.runs, VerifyOptions{}.timingRuns);
    QVERIFY(numpy->timing.minMs > 0 && numpy->timing.minMs <= numpy->timing.medianMs);
    QCOMPARE(m_panel->verifyList()->headerItem()->text(3), VerifyTab::tr("Import time"));
    QCOMPARE(numpyRow->text(3), VerifyTab::tr("%1 ms ± %2")
                                    .arg(numpy->timing.medianMs, 0, 'f', 1)
                                    .arg((numpy->timing.maxMs - numpy->timing.minMs) / 2, 0, 'f', 1));
    QVERIFY(pandasRow->text(3).isEmpty());
    // The first failure is selected and its traceback shown.
    QVERIFY(m_panel->verifyList()->currentItem() != nullptr);
    QVERIFY(!result(m_panel->verifyList()->currentItem()->text(0))->passed());
}

void TestChecksPanel::culpritIsPandasTestingAndKeepIsOneUndoStep()
{
    QVERIFY(m_panel->verifyReport());
    m_panel->verifyList()->setCurrentItem(verifyRow(QStringLiteral("pandas")));
    click("culpritButton");
    if (QTest::currentTestFailed())
        return;
    const BisectResult *bisect = m_panel->bisectResult();
    QVERIFY(bisect);
    QCOMPARE(bisect->check.name, QStringLiteral("pandas"));
    QCOMPARE(bisect->outcome, BisectResult::Outcome::Found);
    QCOMPARE(bisect->culprits.size(), std::size_t(1));
    QCOMPARE(bisect->culprits.front().path, QByteArray("pandas/_testing"));

    if (const QByteArray shot = qgetenv("LAYERSLIM_CHECKS_SCREENSHOT"); !shot.isEmpty()) {
        QTest::qWait(500);
        QVERIFY(m_window->grab().save(QString::fromLocal8Bit(shot)));
    }

    const FileTree::Index testing = bisect->culprits.front().node;
    const SizeLedger::State before = m_document->ledger().state();
    const int steps = m_document->undoStack()->count();
    auto *keep = m_panel->findChild<QPushButton *>(QStringLiteral("keepButton"));
    QVERIFY(keep && keep->isVisible() && keep->isEnabled());
    QTest::mouseClick(keep, Qt::LeftButton);
    QVERIFY(!m_document->ledger().isPruned(testing));
    QVERIFY(m_document->ledger().manualKeeps().test(testing));
    QCOMPARE(m_document->undoStack()->count(), steps + 1);
    m_document->undoStack()->undo();
    QVERIFY(m_document->ledger().state() == before);
    QVERIFY(m_document->ledger().isPruned(testing));
}

void TestChecksPanel::runLint(const QString &runtime)
{
    m_panel->tabs()->setCurrentIndex(1);
    m_panel->setTarget(runtime, testsupport::host().arch);
    click("lintButton");
    if (QTest::currentTestFailed())
        return;
    QVERIFY(m_panel->lintReport());
    QCOMPARE(m_panel->lintReport()->target.runtime, runtime);
    // One row a cause; every finding is a row that names its file, at the top or under its cause.
    const LintReport *report = m_panel->lintReport();
    QTreeWidget *list = m_panel->lintList();
    QCOMPARE(list->topLevelItemCount(), int(report->groups().size()));
    std::set<FileTree::Index> listed;
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *top = list->topLevelItem(i);
        const auto node = FileTree::Index(top->data(0, kNodeRole).toUInt());
        QCOMPARE(node == FileTree::kNone, top->childCount() > 0);
        if (node != FileTree::kNone)
            listed.insert(node);
        for (int c = 0; c < top->childCount(); ++c)
            listed.insert(FileTree::Index(top->child(c)->data(0, kNodeRole).toUInt()));
    }
    std::set<FileTree::Index> found;
    for (const LintFinding &f : report->findings)
        found.insert(f.node);
    QCOMPARE(listed, found);
}

void TestChecksPanel::lintForTheLayersOwnRuntimeFlagsOnlyGlibc()
{
    // The demo layer copies the host Python's packages: its extensions are built for that CPython and
    // this CPU, so no ABI-tag or machine errors; they are built against the host's glibc (2.36 on Debian
    // 12), so what needs more than the target's (Amazon Linux 2: 2.26) is flagged.
    const testsupport::Host &host = testsupport::host();
    const std::optional<Target> target = Target::find(host.runtime, host.arch);
    QVERIFY2(
        target,
        qPrintable(QStringLiteral("the host Python (%1, %2) is not a Lambda runtime").arg(host.runtime, host.arch)));
    const QVersionNumber targetGlibc = QVersionNumber::fromString(target->glibc());
    runLint(host.runtime);
    if (QTest::currentTestFailed())
        return;
    const LintReport *report = m_panel->lintReport();
    QVERIFY(!report->elfFiles.empty());
    QSet<QByteArray> glibcErrors;
    for (const LintFinding &f : report->findings) {
        if (f.severity != LintSeverity::Error)
            continue;
        QVERIFY2(f.check == LintCheck::Glibc, qPrintable(f.message));
        glibcErrors.insert(f.path);
    }

    // Independently: kept ELF files whose highest GLIBC_ version (binutils' readelf) is above the target's.
    const QString script =
        QStringLiteral("cd %1 && python3 -c \"import os\n"
                       "for d, _, fs in os.walk('.'):\n"
                       "  for f in fs:\n"
                       "    p = os.path.join(d, f)\n"
                       "    if os.path.isfile(p) and not os.path.islink(p) and open(p, 'rb').read(4) == b'\\x7fELF': "
                       "print(p[2:])\" | "
                       "while read -r f; do v=$(readelf -V -W \"$f\" | grep -o 'GLIBC_[0-9][0-9.]*' | "
                       "sed 's/GLIBC_//' | sort -V | tail -1); echo \"$f $v\"; done")
            .arg(testsupport::quoted(testsupport::demoLayer()));
    const FileTree &tree = m_document->tree();
    QSet<QByteArray> expected;
    for (const QByteArray &line : testsupport::sh(script).split('\n')) {
        const QList<QByteArray> parts = line.trimmed().split(' ');
        if (parts.size() != 2 || QVersionNumber::fromString(QString::fromLatin1(parts[1])) <= targetGlibc)
            continue;
        const FileTree::Index node = tree.find(parts[0]);
        QVERIFY2(node != FileTree::kNone, parts[0].constData());
        if (!m_document->ledger().isPruned(node))
            expected.insert(tree.packagePath(node));
    }
    QCOMPARE(glibcErrors, expected);
    qInfo("%s/%s: %d kept ELF files, %d need a glibc newer than %s, no ABI or machine errors", qPrintable(host.runtime),
          qPrintable(host.arch), int(report->elfFiles.size()), int(glibcErrors.size()), qPrintable(target->glibc()));
}

void TestChecksPanel::lintFlagsEveryKeptExtensionForAnotherRuntime()
{
    const testsupport::Host &host = testsupport::host();
    runLint(host.otherRuntime);
    if (QTest::currentTestFailed())
        return;
    const LintReport *report = m_panel->lintReport();
    QSet<QByteArray> flagged;
    for (const LintFinding &f : report->findings)
        if (f.check == LintCheck::AbiTag && f.severity == LintSeverity::Error)
            flagged.insert(f.path);
    QVERIFY(!flagged.isEmpty());

    // Independently: every extension of the host's CPython on disk that the selection keeps.
    const FileTree &tree = m_document->tree();
    QSet<QByteArray> expected;
    const QByteArray found = testsupport::sh(QStringLiteral("cd %1 && find . -type f -name '*.%2*.so' | cut -c3-")
                                                 .arg(testsupport::quoted(testsupport::demoLayer()), host.abiTag));
    for (const QByteArray &path : found.split('\n')) {
        if (path.isEmpty())
            continue;
        const FileTree::Index node = tree.find(path);
        QVERIFY2(node != FileTree::kNone, path.constData());
        if (!m_document->ledger().isPruned(node))
            expected.insert(tree.packagePath(node));
    }
    QCOMPARE(flagged, expected);
    // They are one cause, at the top, with every one of them under it.
    QTreeWidgetItem *top = m_panel->lintList()->topLevelItem(0);
    QCOMPARE(top->text(0), LintTab::tr("error"));
    QCOMPARE(top->text(3), QStringLiteral("%1 extension modules are built for CPython %2; the target is %3")
                               .arg(flagged.size())
                               .arg(host.runtime.mid(6), host.otherRuntime));
    QCOMPARE(top->childCount(), int(flagged.size()));
    int errorRows = 0;
    int errorGroups = 0;
    for (int i = 0; i < m_panel->lintList()->topLevelItemCount(); ++i)
        errorRows += m_panel->lintList()->topLevelItem(i)->text(0) == LintTab::tr("error");
    for (const LintGroup &g : report->groups())
        errorGroups += g.severity == LintSeverity::Error;
    QCOMPARE(errorRows, errorGroups);
}

void TestChecksPanel::clickingAFindingSelectsItsFile()
{
    // A file under its cause, opened as a user would.
    QTreeWidget *list = m_panel->lintList();
    QVERIFY(list->topLevelItemCount() > 0);
    QTreeWidgetItem *cause = list->topLevelItem(0);
    QVERIFY(cause->childCount() > 1);
    cause->setExpanded(true);
    const int row = cause->childCount() / 2;
    QTreeWidgetItem *item = cause->child(row);
    list->scrollToItem(item);
    const QRect rect = list->visualItemRect(item);
    QVERIFY(!rect.isEmpty());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
    const LintReport *report = m_panel->lintReport();
    const LintFinding &finding = report->findings[report->groups().front().findings[std::size_t(row)]];
    QCOMPARE(m_window->explorer()->currentNode(), finding.node);
    QCOMPARE(m_document->tree().packagePath(finding.node), finding.path);
}

void TestChecksPanel::treeShowsTheFindingsAsBadges()
{
    runLint(testsupport::host().otherRuntime);
    const LintReport *report = m_panel->lintReport();
    QVERIFY(report && !report->findings.empty());
    const FileTreeModel *model = m_window->explorer()->treePanel()->model();
    const FileTree &tree = m_document->tree();
    const auto cell = [model](FileTree::Index node, int role) {
        return model->data(model->indexOf(node, FileTreeModel::ChecksColumn), role);
    };
    // Each flagged file's badge names its finding; its tooltip carries the full message.
    for (const LintFinding &f : report->findings) {
        QVERIFY(!cell(f.node, Qt::DisplayRole).toString().isEmpty());
        QVERIFY(cell(f.node, Qt::ToolTipRole).toString().contains(f.message));
    }
    // A top-level package sums the errors below it, counted here from the report by path.
    const FileTree::Index scipy = tree.find("scipy", tree.packageRoot());
    int scipyErrors = 0;
    for (const LintFinding &f : report->findings)
        scipyErrors += f.path.startsWith("scipy/") && f.severity == LintSeverity::Error;
    QVERIFY(scipyErrors > 1);
    QCOMPARE(cell(scipy, Qt::DisplayRole).toString(), CheckMarks::tr("%1 errors").arg(scipyErrors));
    QCOMPARE(cell(scipy, FileTreeModel::SortRole).toInt(), int(CheckMarks::Level::Error));
    // six.py is pure Python: lint has nothing on it, and the verify run above imported it.
    const FileTree::Index six = tree.find("six.py", tree.packageRoot());
    QVERIFY(six != FileTree::kNone);
    QCOMPARE(cell(six, Qt::DisplayRole).toString(), CheckMarks::tr("imports"));
    QCOMPARE(cell(six, FileTreeModel::SortRole).toInt(), int(CheckMarks::Level::Passed));
}

QTEST_MAIN(TestChecksPanel)
#include "tst_checkspanel.moc"
