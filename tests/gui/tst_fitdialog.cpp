// Make It Fit in the window: on a layer the suite writes (alpha with headers
// and an unused tests folder; needy, whose import needs needy/tests/fixture.py
// beside a blob), the dialog's plan step by step, Apply as one undo step, and
// its saved profile replayed by layerslim-cli to the same bytes; with the
// zipped goal, the summary gives the zip's size and says when it is only an
// estimate.
#include "fitsupport.h"
#include "gui/dialogs/fitdialog.h"
#include "gui/shell/layerdocument.h"
#include "scan/layer.h"
#include "select/rules.h"
#include "testsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <memory>
#include <optional>

using testsupport::quoted;
using testsupport::sh;

namespace {

// The goal every plan here is made for: 200,000 bytes (the limit less the reserve).
FitGoal needyGoal()
{
    FitGoal goal;
    goal.limitBytes = 300000;
    goal.reserveBytes = 100000;
    return goal;
}

// The needy layer written afresh at `site` and opened in a document, its
// metadata reads done, with alpha/tests pruned by hand.
struct PrunedNeedy {
    std::shared_ptr<Layer> layer;
    std::unique_ptr<LayerDocument> document;
};

std::optional<PrunedNeedy> openPrunedNeedy(const QString &site, QString *error)
{
    fitsupport::writeNeedyLayer(site);
    PrunedNeedy out;
    out.layer = std::make_shared<Layer>(Layer::open(site, error));
    if (!out.layer->tree)
        return std::nullopt;
    out.document = std::make_unique<LayerDocument>(out.layer, site);
    if (!QTest::qWaitFor([&] { return out.document->metadataSparesKnown(); }, 60000)) {
        *error = QStringLiteral("%1: the metadata reads did not finish").arg(site);
        return std::nullopt;
    }
    const FileTree &tree = *out.layer->tree;
    const FileTree::Index alphaTests = tree.find("tests", tree.find("alpha", tree.packageRoot()));
    if (alphaTests == FileTree::kNone) {
        *error = QStringLiteral("%1: no alpha/tests").arg(site);
        return std::nullopt;
    }
    out.document->mark(alphaTests, SizeLedger::Mark::Prune);
    return out;
}

} // namespace

class TestFitDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void planApplyUndoAndReplay();
    void traceRuleAsksForATrace();
    void zippedSizeSaysWhenItIsAnEstimate();
    void backedOutStepSaysWhyNoCulpritHelped();

private:
    QTemporaryDir m_dir;
    QString m_site;
    QString m_python;
};

void TestFitDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_site = m_dir.filePath(QStringLiteral("site"));
    fitsupport::writeNeedyLayer(m_site);
    // Plans are verified with the interpreter given (as the Checks panel's Verify uses), not one it looks for.
    // A name no search finds: a link to the system's python3 in the test's folder.
    m_python = m_dir.filePath(QStringLiteral("chosen-python3"));
    QVERIFY(QFile::link(QStringLiteral("/usr/bin/python3"), m_python));
}

void TestFitDialog::planApplyUndoAndReplay()
{
    QString error;
    auto layer = std::make_shared<Layer>(Layer::open(m_site, &error));
    QVERIFY2(layer->tree, qPrintable(error));
    LayerDocument document(layer, m_site);
    QTRY_VERIFY_WITH_TIMEOUT(document.metadataSparesKnown(), 60000); // Plan waits for the sources' metadata reads
    const std::uint64_t start = document.ledger().totals().keptBytes;
    FitDialog dialog(&document, Profile{}, needyGoal());
    dialog.setPython(m_python);
    dialog.show();
    QVERIFY(!dialog.applyButton()->isEnabled());
    QSignalSpy finished(&dialog, &FitDialog::planFinished);
    dialog.start();
    QVERIFY(dialog.isRunning());
    QVERIFY(finished.wait(180000));
    QVERIFY(dialog.plan());
    const FitPlan &plan = *dialog.plan();
    QVERIFY2(plan.error.isEmpty(), qPrintable(plan.error));
    QVERIFY(plan.fits);

    // One row a step, as decided: headers and tests in alpha, tests in needy with its fixture kept.
    QTreeWidget *steps = dialog.stepsView();
    QCOMPARE(steps->topLevelItemCount(), 3);
    QCOMPARE(steps->topLevelItem(0)->text(0), QStringLiteral("C headers in alpha"));
    QCOMPARE(steps->topLevelItem(1)->text(0), QStringLiteral("Test suites in alpha"));
    QCOMPARE(steps->topLevelItem(2)->text(0), QStringLiteral("Test suites in needy"));
    QCOMPARE(steps->topLevelItem(2)->text(3), QStringLiteral("verified, culprits kept"));
    QVERIFY2(steps->topLevelItem(2)->toolTip(0).contains(QStringLiteral("kept needy/tests/fixture.py")),
             qPrintable(steps->topLevelItem(2)->toolTip(0)));
    QVERIFY2(dialog.summaryLabel()->text().contains(QStringLiteral("Fits")), qPrintable(dialog.summaryLabel()->text()));
    QVERIFY2(dialog.summaryLabel()->text().contains(QStringLiteral("verified with %1").arg(m_python)),
             qPrintable(dialog.summaryLabel()->text()));
    // The document is untouched until Apply.
    QCOMPARE(document.ledger().totals().keptBytes, start);
    QVERIFY(dialog.applyButton()->isEnabled());

    // The saved plan replays in the CLI to the bytes the plan reports.
    const QString profile = m_dir.filePath(QStringLiteral("gui-fit.json"));
    QVERIFY2(dialog.saveProfile(profile, &error), qPrintable(error));
    const auto scan = testsupport::cli(
        {QStringLiteral("scan"), m_site, QStringLiteral("--profile"), profile, QStringLiteral("--json")});
    QVERIFY2(scan.exitCode == 0, scan.err.constData());
    QCOMPARE(QJsonDocument::fromJson(scan.out).object().value(QStringLiteral("kept_bytes")).toInteger(),
             qint64(plan.keptBytes));

    // Apply is one step; Undo takes every byte back.
    dialog.apply();
    QCOMPARE(document.ledger().totals().keptBytes, plan.keptBytes);
    QCOMPARE(start - plan.keptBytes, std::uint64_t(1000000 + 50000 + 600000));
    QCOMPARE(document.undoStack()->count(), 1);
    document.undoStack()->undo();
    QCOMPARE(document.ledger().totals().keptBytes, start);
}

// Ticking "Not used by the traced run" without a trace is refused and asks
// for one; with a real trace (a run that imports alpha only) it prunes
// needy and alpha.tests, and a saved profile names the trace so the CLI keeps the same bytes.
void TestFitDialog::traceRuleAsksForATrace()
{
    QString error;
    auto layer = std::make_shared<Layer>(Layer::open(m_site, &error));
    QVERIFY2(layer->tree, qPrintable(error));
    LayerDocument document(layer, m_site);
    const int rule = RuleCatalog::indexOf(RuleId::NotTraced);
    QSignalSpy needed(&document, &LayerDocument::traceNeeded);
    document.setRuleEnabled(rule, true);
    QCOMPARE(needed.count(), 1);
    QVERIFY(!document.ledger().ruleEnabled(rule));
    QCOMPARE(document.undoStack()->count(), 0);

    const QString smoke = m_dir.filePath(QStringLiteral("smoke.py"));
    sh(QStringLiteral("printf 'import alpha\\nprint(alpha.A)\\n' > %1").arg(quoted(smoke)));
    const QString trace = m_dir.filePath(QStringLiteral("trace.json"));
    const auto traced = testsupport::cli(
        {QStringLiteral("trace"), m_site, QStringLiteral("--smoke"), smoke, QStringLiteral("-o"), trace});
    QVERIFY2(traced.exitCode == 0, traced.err.constData());
    QStringList warnings;
    QVERIFY2(document.loadTrace(trace, {}, &error, &warnings), qPrintable(error));
    const std::uint64_t before = document.ledger().totals().keptBytes;
    document.setRuleEnabled(rule, true);
    QVERIFY(document.ledger().ruleEnabled(rule));
    // The run never imported needy, nor alpha.tests (a package of its own): both go, file for file.
    const std::uint64_t unused =
        sh(QStringLiteral("cd %1 && find needy alpha/tests -type f -printf '%s\\n' | awk '{s+=$1} END {print s}'")
               .arg(quoted(m_site)))
            .trimmed()
            .toULongLong();
    QCOMPARE(before - document.ledger().totals().keptBytes, unused);
    QCOMPARE(unused, std::uint64_t(1600065));

    const QString profile = m_dir.filePath(QStringLiteral("traced.json"));
    QVERIFY2(document.profile(Profile{}).save(profile, &error), qPrintable(error));
    const auto scan = testsupport::cli(
        {QStringLiteral("scan"), m_site, QStringLiteral("--profile"), profile, QStringLiteral("--json")});
    QVERIFY2(scan.exitCode == 0, scan.err.constData());
    QCOMPARE(QJsonDocument::fromJson(scan.out).object().value(QStringLiteral("kept_bytes")).toInteger(),
             qint64(document.ledger().totals().keptBytes));
}

// A file changed since the layer was opened is not deflated (its bytes are
// not the ones scanned): with the zipped goal the plan still runs (the file is
// pruned), and the summary says the zipped size is an estimate and why.
// Before the change the same plan's zipped size is exact, to the byte of what
// export writes.
void TestFitDialog::zippedSizeSaysWhenItIsAnEstimate()
{
    const QString site = m_dir.filePath(QStringLiteral("zipped-site"));
    QString error;
    const std::optional<PrunedNeedy> opened = openPrunedNeedy(site, &error);
    QVERIFY2(opened, qPrintable(error));

    for (const bool changed : {false, true}) {
        if (changed) {
            QFile grown(site + QStringLiteral("/alpha/tests/blob.bin"));
            QVERIFY(grown.open(QIODevice::Append) && grown.write("more") == 4);
        }
        FitDialog dialog(opened->document.get(), Profile{}, needyGoal());
        dialog.setPython(m_python);
        dialog.setZipped(true);
        QSignalSpy finished(&dialog, &FitDialog::planFinished);
        dialog.start();
        QVERIFY(finished.wait(180000));
        QVERIFY(dialog.plan());
        const FitPlan &plan = *dialog.plan();
        QVERIFY2(plan.error.isEmpty(), qPrintable(plan.error));
        const QString summary = dialog.summaryLabel()->text();
        QVERIFY2(plan.fits, qPrintable(summary));
        QVERIFY(plan.zipBytes);
        QCOMPARE(plan.zipExact, !changed);
        if (changed) {
            QVERIFY2(summary.contains(QStringLiteral("about")) && summary.contains(QStringLiteral("an estimate")),
                     qPrintable(summary));
            QVERIFY2(summary.contains(QStringLiteral("alpha/tests/blob.bin")) &&
                         summary.contains(QStringLiteral("changed since the scan")),
                     qPrintable(summary));
            continue;
        }
        QVERIFY2(summary.contains(QStringLiteral("Zipped: ")) && !summary.contains(QStringLiteral("estimate")),
                 qPrintable(summary));
        // Exact means the bytes export writes for the planned selection.
        const QString profile = m_dir.filePath(QStringLiteral("zipped-plan.json"));
        QVERIFY2(dialog.saveProfile(profile, &error), qPrintable(error));
        const QString zip = m_dir.filePath(QStringLiteral("zipped-plan.zip"));
        const auto exported = testsupport::cli({QStringLiteral("export"), site, QStringLiteral("--profile"), profile,
                                                QStringLiteral("-o"), zip, QStringLiteral("--no-report")});
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QCOMPARE(QFileInfo(zip).size(), qint64(*plan.zipBytes));
    }
}

// A file gone since the layer was opened (pruned, so the plan's own checks
// pass) makes the unpruned layer fail its checks: the culprit search for
// needy's tests cannot run, the step is backed out, and its failure says why
// instead of only "No module named needy.tests".
void TestFitDialog::backedOutStepSaysWhyNoCulpritHelped()
{
    const QString site = m_dir.filePath(QStringLiteral("vanished-site"));
    QString error;
    const std::optional<PrunedNeedy> opened = openPrunedNeedy(site, &error);
    QVERIFY2(opened, qPrintable(error));
    QVERIFY(QFile::remove(site + QStringLiteral("/alpha/tests/blob.bin")));
    FitDialog dialog(opened->document.get(), Profile{}, needyGoal());
    dialog.setPython(m_python);
    QSignalSpy finished(&dialog, &FitDialog::planFinished);
    dialog.start();
    QVERIFY(finished.wait(180000));
    QVERIFY(dialog.plan());
    const FitPlan &plan = *dialog.plan();
    QVERIFY(!plan.fits);
    const auto needy = std::find_if(plan.steps.begin(), plan.steps.end(),
                                    [](const FitStep &s) { return s.package == QByteArray("needy"); });
    QVERIFY(needy != plan.steps.end());
    QCOMPARE(needy->outcome, FitOutcome::BackedOut);
    QVERIFY2(needy->failure.contains(QStringLiteral("No module named")) &&
                 needy->failure.contains(QStringLiteral("culprit search: ")) &&
                 needy->failure.contains(QStringLiteral("alpha/tests/blob.bin")),
             qPrintable(needy->failure));
}

QTEST_MAIN(TestFitDialog)
#include "tst_fitdialog.moc"
