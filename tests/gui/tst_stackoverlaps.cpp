// Stacked layers in the budget panel: two zips exported from the demo layer
// (one under python/, one under python/lib/python3.11/site-packages/) and a
// typed size share the limit with the demo layer as kept; each zip's overlap
// names the six distributions, with bytes from Python's zipfile on one side
// and find on the other, and the copy Python imports.
#include "base/units.h"
#include "gui/budget/budgetpanel.h"
#include "gui/budget/stackoverlaps.h"
#include "gui/shell/layerdocument.h"
#include "scan/layer.h"
#include "select/rules.h"
#include "testsupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

namespace {

// Bytes of the files under python/<prefix>numpy/ and numpy's egg-info in a zip, as zipfile reads them.
qint64 numpyInZip(const QString &zip)
{
    return sh(QStringLiteral("python3 -c \"import re, sys, zipfile; print(sum(i.file_size for i in "
                             "zipfile.ZipFile(sys.argv[1]).infolist() if "
                             "re.match(r'python/(lib/python3\\.11/site-packages/)?numpy(/|-[0-9.]+\\.egg-info/)', "
                             "i.filename)))\" %1")
                  .arg(quoted(zip)))
        .trimmed()
        .toLongLong();
}

// numpy's files in the demo layer outside its tests folders (what the tests rule keeps), as find counts them.
qint64 numpyKeptByFind(const QString &extra = QString())
{
    return sh(QStringLiteral("cd %1 && find numpy numpy-*.egg-info -type f -not -path '*/tests/*' -not -path "
                             "'*/test/*' %2 -printf '%s\\n' | awk '{s+=$1} END {printf \"%d\", s}'")
                  .arg(quoted(testsupport::demoLayer()), extra))
        .toLongLong();
}

const StackOverlap *find(const std::vector<StackOverlap> &list, const QString &name)
{
    for (const StackOverlap &o : list)
        if (o.name == name)
            return &o;
    return nullptr;
}

} // namespace

class TestStackOverlaps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void overlapsAndWinners();
};

void TestStackOverlaps::overlapsAndWinners()
{
    QVERIFY2(testsupport::haveDemoLayer(), testsupport::kDemoMissing);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LayerSlimTests"));
    QSettings().clear();
    QTemporaryDir dir;
    const QString flat = dir.filePath(QStringLiteral("flat.zip")), site = dir.filePath(QStringLiteral("site.zip"));
    for (const auto &[zip, prefix] : {std::pair{flat, QStringLiteral("python/")},
                                      std::pair{site, QStringLiteral("python/lib/python3.11/site-packages/")}}) {
        const auto run = testsupport::cli({QStringLiteral("export"), testsupport::demoLayer(), QStringLiteral("-o"),
                                           zip, QStringLiteral("--prefix"), prefix, QStringLiteral("--no-report")});
        QVERIFY2(run.exitCode == 0 || run.exitCode == 2, run.err.constData());
    }
    QString error;
    auto layer = std::make_shared<Layer>(Layer::open(testsupport::demoLayer(), &error));
    QVERIFY2(layer->tree, qPrintable(error));
    // The overlaps come from the distributions the document reads in the
    // background, not from a second reading on the GUI thread.
    LayerDocument document(layer, testsupport::demoLayer(), nullptr, LayerDocument::Background::Later);
    document.setRuleEnabled(RuleCatalog::indexOf(QStringLiteral("tests")), true);

    BudgetPanel panel;
    panel.setDocument(&document);
    QSignalSpy done(&panel, &BudgetPanel::measuringFinished);
    panel.addOther(flat);
    panel.addOther(site);
    panel.addOtherSize(QStringLiteral("function code"), units::kMB);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isMeasuring(), 120000);
    QCOMPARE(panel.stackOverlaps()->others().size(), std::size_t(3));
    for (const StackOverlaps::Other &other : panel.stackOverlaps()->others())
        QVERIFY(other.overlaps.empty()); // nothing read of this layer yet
    QVERIFY(panel.stackOverlaps()->isHidden());
    document.startBackgroundWork();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.stackOverlaps()->others()[0].overlaps.empty(), 60000);

    const auto &others = panel.stackOverlaps()->others();
    QCOMPARE(others.size(), std::size_t(3));
    QVERIFY(!others[2].layer); // a typed size installs nothing
    QVERIFY(others[2].overlaps.empty());
    const QStringList names{QStringLiteral("numpy"),           QStringLiteral("scipy"), QStringLiteral("pandas"),
                            QStringLiteral("python-dateutil"), QStringLiteral("pytz"),  QStringLiteral("six")};
    for (std::size_t i = 0; i < 2; ++i) {
        QCOMPARE(others[i].overlaps.size(), std::size_t(names.size()));
        for (const QString &name : names)
            QVERIFY2(find(others[i].overlaps, name), qPrintable(name));
        const StackOverlap *numpy = find(others[i].overlaps, QStringLiteral("numpy"));
        QCOMPARE(numpy->versionHere, QStringLiteral("1.24.2"));
        QCOMPARE(numpy->versionOther, QStringLiteral("1.24.2"));
        QCOMPARE(qint64(numpy->bytesOther), numpyInZip(i == 0 ? flat : site)); // every file of the zip
        QCOMPARE(qint64(numpy->bytesHere), numpyKeptByFind());                 // this layer as the tests rule keeps it
        QVERIFY(numpy->bytesHere < numpy->bytesOther);
    }
    // Both under python/: the later layer wins; site-packages comes first on sys.path whatever the order.
    QCOMPARE(others[0].overlaps.front().winner, StackWinner::LaterLayer);
    QCOMPARE(others[1].overlaps.front().winner, StackWinner::Other);
    const QString text = panel.stackOverlaps()->text();
    QVERIFY2(text.contains(QStringLiteral("Also in flat.zip")) && text.contains(QStringLiteral("Also in site.zip")),
             qPrintable(text));
    QVERIFY(text.contains(units::localBytes(find(others[0].overlaps, QStringLiteral("numpy"))->bytesHere)));
    QVERIFY(!panel.stackOverlaps()->isHidden());

    // The selection moves this layer's side: bytecode out of numpy too.
    document.setRuleEnabled(RuleCatalog::indexOf(QStringLiteral("bytecode")), true);
    QCOMPARE(qint64(find(panel.stackOverlaps()->others()[0].overlaps, QStringLiteral("numpy"))->bytesHere),
             numpyKeptByFind(QStringLiteral("-not -path '*/__pycache__/*' -not -name '*.pyc'")));
    // Exported into site-packages itself, this layer's copies win over flat.zip's and tie with site.zip's.
    panel.setPrefix(QStringLiteral("python/lib/python3.11/site-packages/"));
    QCOMPARE(panel.stackOverlaps()->others()[0].overlaps.front().winner, StackWinner::Here);
    QCOMPARE(panel.stackOverlaps()->others()[1].overlaps.front().winner, StackWinner::LaterLayer);
    // Removing a zip removes its overlaps; no layer open, nothing to say.
    panel.removeOther(0);
    QCOMPARE(panel.stackOverlaps()->others().size(), std::size_t(2));
    QCOMPARE(panel.stackOverlaps()->others()[0].label, QStringLiteral("site.zip"));
    panel.setDocument(nullptr);
    QVERIFY(panel.stackOverlaps()->isHidden());
}

QTEST_MAIN(TestStackOverlaps)
#include "tst_stackoverlaps.moc"
