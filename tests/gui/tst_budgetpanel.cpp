// The budget pane's other layers and code: a zip, a folder and a typed size
// each become a segment of the unzipped gauge with the bytes Python's zipfile
// and find count, the verdict and "may still take" follow them, and the list
// comes back in the next session.
#include "budgetpanel.h"
#include "layer.h"
#include "layerdocument.h"
#include "limitgauge.h"
#include "testsupport.h"
#include "units.h"

#include <QBarSet>
#include <QListWidget>
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
    testsupport::sh(QStringLiteral("set -e; mkdir -p %1/pkg %2/sub; head -c 3000000 /dev/urandom > %1/pkg/big.bin; "
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

    QString error;
    QVERIFY2(panel.addOther(m_zip, &error), qPrintable(error));
    const std::uint64_t zipBytes = testsupport::sh(
        QStringLiteral("python3 -c \"import zipfile, sys; print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()))\" %1")
            .arg(testsupport::quoted(m_zip))).trimmed().toULongLong();
    QCOMPARE(zipBytes, std::uint64_t(5001234));
    QCOMPARE(gauge->othersBytes(), zipBytes);

    QVERIFY2(panel.addOther(m_folder, &error), qPrintable(error));
    const std::uint64_t folderBytes =
        testsupport::sh(QStringLiteral("find %1 -type f -printf '%s\\n' | awk '{s += $1} END {print s}'").arg(testsupport::quoted(m_folder)))
            .trimmed()
            .toULongLong();
    QCOMPARE(gauge->othersBytes(), zipBytes + folderBytes);

    // One segment per item, in MB, before the layer's own.
    QCOMPARE(gauge->otherSets().size(), std::size_t(2));
    QVERIFY(qAbs(gauge->otherSets()[0]->at(0) * double(units::kMB) - double(zipBytes)) < 1.0);
    QVERIFY(qAbs(gauge->otherSets()[1]->at(0) * double(units::kMB) - double(folderBytes)) < 1.0);
    QCOMPARE(panel.findChild<QListWidget *>(QStringLiteral("othersList"))->count(), 2);
    QCOMPARE(gauge->room(), units::kLambdaUnzippedLimit - panel.reserveBytes() - zipBytes - folderBytes);
    QCOMPARE(gauge->status(), LimitGauge::Status::Fits);

    // A function package that leaves less than the reserve, then one too many.
    const std::uint64_t tight = gauge->room() - kept + panel.reserveBytes() / 2;
    panel.addOtherSize(QStringLiteral("function code"), tight);
    QCOMPARE(gauge->status(), LimitGauge::Status::Tight);
    panel.addOtherSize(QStringLiteral("another layer"), panel.reserveBytes());
    QCOMPARE(gauge->status(), LimitGauge::Status::Over);
    panel.removeOther(3);
    QCOMPARE(gauge->status(), LimitGauge::Status::Tight);
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
    const std::uint64_t before = panel.unzippedGauge()->othersBytes();
    const QString missing = m_dir.filePath(QStringLiteral("no-such-layer.zip"));
    QString error;
    QVERIFY(!panel.addOther(missing, &error));
    QVERIFY2(error.contains(missing), qPrintable(error));
    QCOMPARE(panel.unzippedGauge()->othersBytes(), before);
}

void TestBudgetPanel::othersComeBackInTheNextSession()
{
    std::uint64_t bytes = 0;
    {
        BudgetPanel first;
        bytes = first.unzippedGauge()->othersBytes();
        QVERIFY(bytes > 0); // left by the first test
    }
    BudgetPanel second;
    QCOMPARE(second.unzippedGauge()->othersBytes(), bytes);
    QCOMPARE(second.budget().items().size(), std::size_t(3));
    QCOMPARE(second.budget().items()[0].path, m_zip);
}

QTEST_MAIN(TestBudgetPanel)
#include "tst_budgetpanel.moc"
