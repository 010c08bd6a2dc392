// The start page's demo entry: found at run time, from $LAYERSLIM_DEMO_LAYER
// (what `make run` passes) or demo/python in the user's data folder, and
// absent, with its group, when neither holds a demo layer, as on a machine
// that installed the package.
#include "gui/shell/recentfiles.h"
#include "gui/shell/startpage.h"
#include "testsupport.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

class TestStartPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void noDemoEntryWithoutADemoLayer();
    void noDemoEntryForAFolderWithoutOne();
    void demoEntryFromTheEnvironment();
    void demoEntryFromTheDataFolder();

private:
    // The demo group's rows, or nullptr when the page shows no demo group.
    static QTreeWidgetItem *visibleDemoGroup(const StartPage &page);
    QString dataDemo() const;
};

void TestStartPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LayerSlimTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_startpage"));
    QVERIFY2(testsupport::haveDemoLayer(), testsupport::kDemoMissing);
}

QString TestStartPage::dataDemo() const
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/demo");
}

void TestStartPage::init()
{
    qunsetenv(StartPage::kDemoLayerVariable);
    QVERIFY(!QFileInfo::exists(dataDemo() + QStringLiteral("/python")));
}

void TestStartPage::cleanup()
{
    qunsetenv(StartPage::kDemoLayerVariable);
    // Only the link this suite made: never a removal that could follow it into the demo layer.
    QFile::remove(dataDemo() + QStringLiteral("/python"));
    QDir().rmdir(dataDemo());
}

QTreeWidgetItem *TestStartPage::visibleDemoGroup(const StartPage &page)
{
    QTreeWidget *list = page.list();
    for (int i = 0; i < list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *group = list->topLevelItem(i);
        if (group->text(0) == StartPage::tr("Demo layer"))
            return group->isHidden() ? nullptr : group;
    }
    return nullptr;
}

void TestStartPage::noDemoEntryWithoutADemoLayer()
{
    RecentFiles recent;
    StartPage page(&recent);
    QCOMPARE(StartPage::demoLayerPath(), QString());
    QVERIFY(!visibleDemoGroup(page));
    // No row anywhere on the page points at a demo layer.
    QTreeWidget *list = page.list();
    for (int i = 0; i < list->topLevelItemCount(); ++i)
        for (int j = 0; j < list->topLevelItem(i)->childCount(); ++j)
            QVERIFY2(!list->topLevelItem(i)->child(j)->text(0).contains(QStringLiteral("demo")),
                     qPrintable(list->topLevelItem(i)->child(j)->text(0)));
}

void TestStartPage::noDemoEntryForAFolderWithoutOne()
{
    // A path that names nothing, or a folder that holds no numpy, is no demo layer.
    QTemporaryDir empty;
    QVERIFY(empty.isValid());
    for (const QString &path : {empty.path(), empty.filePath(QStringLiteral("missing/python"))}) {
        qputenv(StartPage::kDemoLayerVariable, QFile::encodeName(path));
        RecentFiles recent;
        StartPage page(&recent);
        QCOMPARE(StartPage::demoLayerPath(), QString());
        QVERIFY2(!visibleDemoGroup(page), qPrintable(path));
    }
}

void TestStartPage::demoEntryFromTheEnvironment()
{
    qputenv(StartPage::kDemoLayerVariable, QFile::encodeName(testsupport::demoLayer()));
    RecentFiles recent;
    StartPage page(&recent);
    const QString canonical = QFileInfo(testsupport::demoLayer()).canonicalFilePath();
    QCOMPARE(StartPage::demoLayerPath(), canonical);
    QTreeWidgetItem *group = visibleDemoGroup(page);
    QVERIFY(group);
    QCOMPARE(group->childCount(), 1);
    QCOMPARE(group->child(0)->text(0), QDir::toNativeSeparators(canonical));
    // Activating the row opens that folder.
    QSignalSpy opened(&page, &StartPage::openRequested);
    Q_EMIT page.list()->itemActivated(group->child(0), 0);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(opened.first().first().toString(), canonical);
}

void TestStartPage::demoEntryFromTheDataFolder()
{
    // A demo layer staged into the user's data folder (here a link to the fixture) shows without any variable.
    QVERIFY(QDir().mkpath(dataDemo()));
    QVERIFY(QFile::link(testsupport::demoLayer(), dataDemo() + QStringLiteral("/python")));
    RecentFiles recent;
    StartPage page(&recent);
    const QString canonical = QFileInfo(testsupport::demoLayer()).canonicalFilePath();
    QCOMPARE(StartPage::demoLayerPath(), canonical);
    QTreeWidgetItem *group = visibleDemoGroup(page);
    QVERIFY(group);
    QCOMPARE(group->childCount(), 1);
    QCOMPARE(group->child(0)->text(0), QDir::toNativeSeparators(canonical));
}

QTEST_MAIN(TestStartPage)
#include "tst_startpage.moc"
