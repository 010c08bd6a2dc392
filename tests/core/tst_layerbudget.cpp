// The shared Lambda budget with real zips and folders, measured independently
// with python3's zipfile and find.
#include "select/layerbudget.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QtTest>

#include <numeric>

using testsupport::quoted;
using testsupport::sh;

class TestLayerBudget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void zipsFoldersAndSizes();
    void remainingAndSegments();
    void overTheLimit();
    void unreadablePathLeavesBudgetUnchanged();
    void verdictBands();
    void directUploadLimit();

private:
    QTemporaryDir m_dir;
    QString m_zip;
    QString m_folder;
};

void TestLayerBudget::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_zip = m_dir.filePath(QStringLiteral("function.zip"));
    m_folder = m_dir.filePath(QStringLiteral("other-layer"));
    // A function zip with a folder entry, a stored and a deflated file; a layer folder with nesting.
    sh(QStringLiteral("python3 -S -c \"import zipfile, os; "
                      "z = zipfile.ZipFile('%1', 'w'); z.writestr('lib/', ''); "
                      "z.writestr('handler.py', 'def handler(e, c):\\n    return 1\\n' * 40, zipfile.ZIP_DEFLATED); "
                      "z.writestr('lib/blob.bin', os.urandom(70000), zipfile.ZIP_STORED); z.close()\"")
           .arg(m_zip));
    sh(QStringLiteral(
           "mkdir -p %1/python/pkg/sub && head -c 12345 /dev/urandom > %1/python/pkg/a.so && "
           "printf 'x = 1\\n' > %1/python/pkg/__init__.py && head -c 999 /dev/zero > %1/python/pkg/sub/d.dat")
           .arg(quoted(m_folder)));
}

void TestLayerBudget::zipsFoldersAndSizes()
{
    LayerBudget budget;
    QString error;
    QVERIFY2(budget.addPath(m_zip, &error), qPrintable(error));
    QVERIFY2(budget.addPath(m_folder, &error), qPrintable(error));
    budget.addSize(QStringLiteral("pandas layer from the console"), 45'000'000);
    QCOMPARE(budget.items().size(), std::size_t(3));

    const quint64 zipBytes = sh(QStringLiteral("python3 -S -c \"import zipfile; "
                                               "print(sum(i.file_size for i in zipfile.ZipFile('%1').infolist() "
                                               "if not i.is_dir()))\"")
                                    .arg(m_zip))
                                 .trimmed()
                                 .toULongLong();
    const quint64 folderBytes =
        sh(QStringLiteral("find %1 -type f -printf '%s\\n' | awk '{s+=$1} END {print s}'").arg(quoted(m_folder)))
            .trimmed()
            .toULongLong();
    QVERIFY(zipBytes > 70000);
    QCOMPARE(folderBytes, quint64(12345 + 6 + 999));

    QCOMPARE(budget.items()[0].kind, LayerBudget::ItemKind::Zip);
    QCOMPARE(budget.items()[0].bytes, zipBytes);
    QCOMPARE(budget.items()[0].label, QStringLiteral("function.zip"));
    QCOMPARE(budget.items()[1].kind, LayerBudget::ItemKind::Folder);
    QCOMPARE(budget.items()[1].bytes, folderBytes);
    QCOMPARE(budget.items()[2].kind, LayerBudget::ItemKind::Size);
    QCOMPARE(budget.othersBytes(), zipBytes + folderBytes + 45'000'000);

    budget.removeItem(1);
    QCOMPARE(budget.othersBytes(), zipBytes + 45'000'000);
    budget.removeItem(7); // out of range: ignored
    QCOMPARE(budget.items().size(), std::size_t(2));
}

void TestLayerBudget::remainingAndSegments()
{
    LayerBudget budget(units::kLambdaUnzippedLimit, 20 * 1024 * 1024);
    QString error;
    QVERIFY(budget.addPath(m_folder, &error));
    budget.addSize(QStringLiteral("other"), 1'000'000);
    const quint64 others = budget.othersBytes();
    QCOMPARE(budget.remainingBytes(), quint64(262'144'000) - 20'971'520 - others);

    const quint64 layer = 150'000'000;
    QVERIFY(budget.fits(layer));
    QVERIFY(budget.fits(budget.remainingBytes()));
    QVERIFY(!budget.fits(budget.remainingBytes() + 1));
    QCOMPARE(budget.overBytes(layer), quint64(0));
    QCOMPARE(budget.overBytes(budget.remainingBytes() + 5), quint64(5));

    const auto segments = budget.segments(layer);
    QCOMPARE(segments.size(), std::size_t(5)); // folder, size, layer, free, reserve
    QCOMPARE(segments[0].kind, LayerBudget::SegmentKind::Item);
    QCOMPARE(segments[0].item, 0);
    QCOMPARE(segments[1].item, 1);
    QCOMPARE(segments[2].kind, LayerBudget::SegmentKind::Layer);
    QCOMPARE(segments[2].bytes, layer);
    QCOMPARE(segments[3].kind, LayerBudget::SegmentKind::Free);
    QCOMPARE(segments[3].bytes, budget.remainingBytes() - layer);
    QCOMPARE(segments[4].kind, LayerBudget::SegmentKind::Reserve);
    QCOMPARE(segments[4].bytes, quint64(20 * 1024 * 1024));
    const quint64 sum = std::accumulate(segments.begin(), segments.end(), quint64(0),
                                        [](quint64 s, const LayerBudget::Segment &seg) { return s + seg.bytes; });
    QCOMPARE(sum, units::kLambdaUnzippedLimit);
}

void TestLayerBudget::overTheLimit()
{
    LayerBudget budget(1000, 100);
    budget.addSize(QStringLiteral("function"), 600);
    QCOMPARE(budget.remainingBytes(), quint64(300));
    QCOMPARE(budget.overBytes(450), quint64(150));
    const auto segments = budget.segments(450);
    QCOMPARE(segments[2].kind, LayerBudget::SegmentKind::Free); // nothing free, nothing left of the reserve when over
    QCOMPARE(segments[2].bytes, quint64(0));
    QCOMPARE(segments[3].bytes, quint64(0));
    QCOMPARE(budget.verdict(450), LayerBudget::Verdict::OverLimit);
    budget.addSize(QStringLiteral("huge"), ~quint64(0)); // saturates instead of wrapping
    QCOMPARE(budget.remainingBytes(), quint64(0));
    QVERIFY(!budget.fits(1));
    QVERIFY(!budget.fits(0)); // the others alone are over the limit
    budget.clear();
    QCOMPARE(budget.remainingBytes(), quint64(900));
    budget.setReserveBytes(0);
    budget.setLimitBytes(50);
    QCOMPARE(budget.remainingBytes(), quint64(50));
}

void TestLayerBudget::unreadablePathLeavesBudgetUnchanged()
{
    LayerBudget budget;
    QString error;
    const QString missing = m_dir.filePath(QStringLiteral("no-such.zip"));
    QVERIFY(!budget.addPath(missing, &error));
    QVERIFY2(error.contains(missing), qPrintable(error));
    QVERIFY(budget.items().empty());
    QCOMPARE(budget.remainingBytes(), units::kLambdaUnzippedLimit);
}

// The three verdicts at their edges, with one wording each; "fits" is only the first.
void TestLayerBudget::verdictBands()
{
    const quint64 limit = 1'000'000;
    const quint64 reserve = 100'000;
    LayerBudget budget(limit, reserve);
    QCOMPARE(budget.verdict(limit - reserve), LayerBudget::Verdict::Fits);
    QCOMPARE(budget.verdict(limit - reserve + 1), LayerBudget::Verdict::IntoReserve);
    QCOMPARE(budget.verdict(limit), LayerBudget::Verdict::IntoReserve);
    QCOMPARE(budget.verdict(limit + 1), LayerBudget::Verdict::OverLimit);
    QVERIFY(budget.fits(limit - reserve));
    QVERIFY(!budget.fits(limit - reserve + 1)); // eating into the reserve is not fitting
    QCOMPARE(LayerBudget::verdictId(LayerBudget::Verdict::Fits), QStringLiteral("fits"));
    QCOMPARE(LayerBudget::verdictId(LayerBudget::Verdict::IntoReserve), QStringLiteral("into_reserve"));
    QCOMPARE(LayerBudget::verdictId(LayerBudget::Verdict::OverLimit), QStringLiteral("over_limit"));
    const auto bytes = [](std::uint64_t b) { return QString::number(b) + QStringLiteral(" B"); };
    QCOMPARE(budget.describe(850'000, bytes), QStringLiteral("fits: 50000 B to spare beside the 100000 B reserve"));
    QCOMPARE(budget.describe(950'000, bytes),
             QStringLiteral("eats into the reserve: only 50000 B of the 100000 B reserve left"));
    QCOMPARE(budget.describe(1'000'007, bytes), QStringLiteral("over the limit: 7 B more than the 1000000 B allowed"));
    // Items count before the layer: 200,000 of code moves every edge down by as much.
    budget.addSize(QStringLiteral("code"), 200'000);
    QCOMPARE(budget.verdict(700'000), LayerBudget::Verdict::Fits);
    QCOMPARE(budget.verdict(700'001), LayerBudget::Verdict::IntoReserve);
    QCOMPARE(budget.verdict(800'001), LayerBudget::Verdict::OverLimit);
    QVERIFY(budget.describe(750'000, bytes)
                .endsWith(QStringLiteral("(beside 200000 B of other layers and code; this layer may take 700000 B)")));
    // In the reserve band the gauge draws what is left of the reserve, and the bar still adds up to the limit.
    const auto segments = budget.segments(750'000);
    QCOMPARE(segments[2].kind, LayerBudget::SegmentKind::Free);
    QCOMPARE(segments[2].bytes, quint64(0));
    QCOMPARE(segments[3].kind, LayerBudget::SegmentKind::Reserve);
    QCOMPARE(segments[3].bytes, quint64(50'000));
}

// 50 MB zipped: direct upload or S3, with its own words.
void TestLayerBudget::directUploadLimit()
{
    const LayerBudget upload = LayerBudget::directUpload();
    QCOMPARE(upload.limitBytes(), quint64(52'428'800));
    QCOMPARE(upload.reserveBytes(), quint64(0));
    QVERIFY(upload.fits(52'428'800));
    QCOMPARE(upload.verdict(52'428'801), LayerBudget::Verdict::OverLimit);
    // 57.7 MB, as in the report that found scan silent about it.
    const QString over = upload.describe(60'502'835);
    QVERIFY2(over.startsWith(QStringLiteral("too large to upload directly: ")), qPrintable(over));
    QVERIFY2(over.contains(QStringLiteral("50.0 MB direct-upload limit; upload it through S3")), qPrintable(over));
    QVERIFY(upload.describe(1000).startsWith(QStringLiteral("can be uploaded directly")));
}

QTEST_GUILESS_MAIN(TestLayerBudget)
#include "tst_layerbudget.moc"
