// The budget pane's other layers and code: a zip, a folder and a typed size
// each become a segment of the unzipped gauge with the bytes Python's zipfile
// and find count, the verdict and "may still take" follow them, and the list
// comes back in the next session. Zips and folders are measured on a worker
// thread (the window opens before they are measured, and may close while they
// are), and the gauge's bar sets go with it.
#include "base/units.h"
#include "gui/budget/budgetpanel.h"
#include "gui/budget/limitgauge.h"
#include "gui/shell/layerdocument.h"
#include "scan/layer.h"
#include "testsupport.h"

#include <QBarSet>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QPointer>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

class TestBudgetPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void zipFolderAndSizeBecomeSegments();
    void unreadablePathIsRefusedWithItsName();
    void othersComeBackInTheNextSession();
    void restoringMeasuresOffTheGuiThread();
    void closingWhileMeasuringIsSafe();
    void barSetsGoWithTheGauge();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<LayerDocument> m_document;
    QString m_zip;
    QString m_folder;
};

void TestBudgetPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LayerSlimTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_budgetpanel"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    // The layer being slimmed: 3 MB of a module.
    const QString layer = m_dir.filePath(QStringLiteral("layer/python"));
    m_zip = m_dir.filePath(QStringLiteral("other-layer.zip"));
    m_folder = m_dir.filePath(QStringLiteral("function"));
    int rc = -1;
    testsupport::sh(
        QStringLiteral(
            "set -e; mkdir -p %1/pkg %2/sub; head -c 3000000 /dev/urandom > %1/pkg/big.bin; "
            "echo 'x = 1' > %1/pkg/__init__.py; head -c 123457 /dev/urandom > %2/handler.bin; "
            "head -c 777 /dev/zero > %2/sub/conf.txt; "
            "python3 -c \"import zipfile, sys; z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED); "
            "z.writestr('python/a.txt', b'a' * 5000000); z.writestr('python/b/c.txt', b'c' * 1234); z.close()\" %3")
            .arg(testsupport::quoted(layer), testsupport::quoted(m_folder), testsupport::quoted(m_zip)),
        &rc);
    QCOMPARE(rc, 0);
    QString error;
    auto opened = std::make_shared<Layer>(Layer::open(layer, &error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_document = std::make_unique<LayerDocument>(opened, layer);
}

void TestBudgetPanel::cleanupTestCase()
{
    QSettings().clear();
}

void TestBudgetPanel::zipFolderAndSizeBecomeSegments()
{
    BudgetPanel panel;
    panel.setDocument(m_document.get());
    const LimitGauge *gauge = panel.unzippedGauge();
    QCOMPARE(gauge->othersBytes(), std::uint64_t{0});
    const std::uint64_t kept = *gauge->value();

    QSignalSpy measured(&panel, &BudgetPanel::measuringFinished);
    panel.addOther(m_zip);
    QVERIFY(measured.wait(30000));
    const std::uint64_t zipBytes =
        testsupport::sh(QStringLiteral("python3 -c \"import zipfile, sys; print(sum(i.file_size for i in "
                                       "zipfile.ZipFile(sys.argv[1]).infolist()))\" %1")
                            .arg(testsupport::quoted(m_zip)))
            .trimmed()
            .toULongLong();
    QCOMPARE(zipBytes, std::uint64_t(5001234));
    QCOMPARE(gauge->othersBytes(), zipBytes);

    panel.addOther(m_folder);
    QVERIFY(measured.wait(30000));
    const std::uint64_t folderBytes =
        testsupport::sh(QStringLiteral("find %1 -type f -printf '%s\\n' | awk '{s += $1} END {print s}'")
                            .arg(testsupport::quoted(m_folder)))
            .trimmed()
            .toULongLong();
    QCOMPARE(gauge->othersBytes(), zipBytes + folderBytes);

    // One segment per item, in MB, before the layer's own.
    QCOMPARE(gauge->otherSets().size(), std::size_t(2));
    QVERIFY(qAbs(gauge->otherSets()[0]->at(0) * double(units::kMB) - double(zipBytes)) < 1.0);
    QVERIFY(qAbs(gauge->otherSets()[1]->at(0) * double(units::kMB) - double(folderBytes)) < 1.0);
    QCOMPARE(panel.findChild<QListWidget *>(QStringLiteral("othersList"))->count(), 2);
    QCOMPARE(gauge->room(), units::kLambdaUnzippedLimit - panel.reserveBytes() - zipBytes - folderBytes);
    QCOMPARE(gauge->verdict().value(), LayerBudget::Verdict::Fits);

    // A function package that leaves less than the reserve, then one too many.
    const std::uint64_t tight = gauge->room() - kept + panel.reserveBytes() / 2;
    panel.addOtherSize(QStringLiteral("function code"), tight);
    QCOMPARE(gauge->verdict().value(), LayerBudget::Verdict::IntoReserve);
    QVERIFY2(gauge->verdictText().startsWith(QStringLiteral("eats into the reserve")),
             qPrintable(gauge->verdictText()));
    panel.addOtherSize(QStringLiteral("another layer"), panel.reserveBytes());
    QCOMPARE(gauge->verdict().value(), LayerBudget::Verdict::OverLimit);
    panel.removeOther(3);
    QCOMPARE(gauge->verdict().value(), LayerBudget::Verdict::IntoReserve);
    // LAYERSLIM_SHOT_DIR=DIR saves the pane as drawn, to look at.
    if (const QString shots = qEnvironmentVariable("LAYERSLIM_SHOT_DIR"); !shots.isEmpty()) {
        panel.resize(480, 330);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.grab().save(QDir(shots).filePath(QStringLiteral("budgetpanel.png"))));
    }
    QCOMPARE(gauge->othersBytes(), zipBytes + folderBytes + tight);
}

void TestBudgetPanel::unreadablePathIsRefusedWithItsName()
{
    BudgetPanel panel;
    QVERIFY(QTest::qWaitFor([&] { return !panel.isMeasuring(); }, 30000)); // what the first test left
    const std::uint64_t items = panel.budget().items().size();
    const QString missing = m_dir.filePath(QStringLiteral("no-such-layer.zip"));
    QSignalSpy refused(&panel, &BudgetPanel::otherRefused);
    panel.addOther(missing);
    QVERIFY(refused.wait(30000));
    QCOMPARE(refused.first().at(0).toString(), missing);
    const QString error = refused.first().at(1).toString();
    QVERIFY2(error.contains(missing), qPrintable(error));
    QCOMPARE(panel.unzippedGauge()->othersBytes(), panel.budget().othersBytes());
    QCOMPARE(panel.budget().items().size(), items);
    // Said in the pane, not in a dialog that would stop the window.
    QVERIFY(panel.findChild<QLabel *>(QStringLiteral("measureStatus"))->text().contains(missing));
}

void TestBudgetPanel::othersComeBackInTheNextSession()
{
    std::uint64_t bytes = 0;
    {
        BudgetPanel first;
        QVERIFY(QTest::qWaitFor([&] { return !first.isMeasuring(); }, 30000));
        bytes = first.unzippedGauge()->othersBytes();
        QVERIFY(bytes > 0); // left by the first test
    }
    BudgetPanel second;
    QSignalSpy measured(&second, &BudgetPanel::measuringFinished);
    QVERIFY(measured.wait(30000));
    QCOMPARE(second.unzippedGauge()->othersBytes(), bytes);
    QCOMPARE(second.budget().items().size(), std::size_t(3));
    QCOMPARE(second.budget().items()[0].path, m_zip);
}

// A saved folder of many files is measured after the pane is built, with
// progress shown, in the order the items were saved.
void TestBudgetPanel::restoringMeasuresOffTheGuiThread()
{
    const QString many = m_dir.filePath(QStringLiteral("many"));
    int rc = -1;
    testsupport::sh(QStringLiteral("set -e; mkdir -p %1; cd %1; for d in $(seq 1 40); do mkdir d$d; "
                                   "for f in $(seq 1 100); do printf '%s' $d$f > d$d/f$f; done; done")
                        .arg(testsupport::quoted(many)),
                    &rc);
    QCOMPARE(rc, 0);
    const std::uint64_t manyBytes =
        testsupport::sh(QStringLiteral("find %1 -type f -printf '%s\\n' | awk '{s += $1} END {print s}'")
                            .arg(testsupport::quoted(many)))
            .trimmed()
            .toULongLong();
    QVERIFY(manyBytes > 0);
    QSettings().setValue(QStringLiteral("budget/others"),
                         QVariantList{QVariantMap{{QStringLiteral("label"), QStringLiteral("code")},
                                                  {QStringLiteral("path"), QString()},
                                                  {QStringLiteral("bytes"), 1000}},
                                      QVariantMap{{QStringLiteral("label"), QStringLiteral("many")},
                                                  {QStringLiteral("path"), many},
                                                  {QStringLiteral("bytes"), 0}},
                                      QVariantMap{{QStringLiteral("label"), QStringLiteral("after")},
                                                  {QStringLiteral("path"), QString()},
                                                  {QStringLiteral("bytes"), 7}}});
    BudgetPanel panel;
    // Built before the folder is measured: the typed size is in, the folder and what follows it are not yet.
    QCOMPARE(panel.budget().items().size(), std::size_t(1));
    QVERIFY(panel.isMeasuring());
    QVERIFY(!panel.findChild<QProgressBar *>(QStringLiteral("measureProgress"))->isHidden());
    QVERIFY(panel.findChild<QLabel *>(QStringLiteral("measureStatus"))->text().contains(many));
    QTRY_COMPARE_WITH_TIMEOUT(panel.budget().items().size(), std::size_t(3), 30000);
    QCOMPARE(panel.budget().items()[1].path, many);
    QCOMPARE(panel.budget().items()[1].bytes, manyBytes);
    QCOMPARE(panel.budget().items()[2].bytes, std::uint64_t(7));
    QCOMPARE(panel.unzippedGauge()->othersBytes(), 1000 + manyBytes + 7);
    QVERIFY(!panel.isMeasuring());
    QVERIFY(panel.findChild<QProgressBar *>(QStringLiteral("measureProgress"))->isHidden());
}

// The window may close while a folder is measured: the worker is cancelled and
// waited for, nothing crashes, and the folder is still listed for next time.
void TestBudgetPanel::closingWhileMeasuringIsSafe()
{
    const QString many = m_dir.filePath(QStringLiteral("many"));
    for (int i = 0; i < 5; ++i) {
        auto panel = std::make_unique<BudgetPanel>();
        QVERIFY(panel->isMeasuring());
        if (i % 2)
            QTest::qWait(5);
        panel.reset();
    }
    const QVariantList saved = QSettings().value(QStringLiteral("budget/others")).toList();
    QCOMPARE(saved.size(), 3);
    QCOMPARE(saved[1].toMap().value(QStringLiteral("path")).toString(), many);
    QSettings().remove(QStringLiteral("budget/others"));
}

// Every bar set the gauge makes, one per other layer, is gone with the gauge
// (LeakSanitizer found the ones setOthers inserted still alive at exit).
void TestBudgetPanel::barSetsGoWithTheGauge()
{
    std::vector<QPointer<QBarSet>> sets;
    {
        LayerBudget budget;
        budget.addSize(QStringLiteral("code"), 5'000'000);
        budget.addSize(QStringLiteral("other"), 7'000'000);
        LimitGauge gauge(QStringLiteral("Unzipped"), budget);
        for (QBarSet *set : gauge.otherSets())
            sets.emplace_back(set);
        budget.removeItem(0);
        gauge.setBudget(budget); // the two sets are replaced by one
        QCOMPARE(gauge.otherSets().size(), std::size_t(1));
        QVERIFY(!sets[0] && !sets[1]);
        sets.emplace_back(gauge.otherSets().front());
        sets.emplace_back(gauge.valueSet());
        QVERIFY(sets[2] && sets[3]);
    }
    for (const QPointer<QBarSet> &set : sets)
        QVERIFY(!set);
}

QTEST_MAIN(TestBudgetPanel)
#include "tst_budgetpanel.moc"
