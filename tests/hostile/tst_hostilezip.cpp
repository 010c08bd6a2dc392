// Hostile zips, crafted byte by byte at test time by craftzip.py: not a zip,
// truncated, corrupt central directory, zip slip names, duplicates,
// encrypted entries, unknown methods, bombs, zip64 edge cases, empty zips.
// Each must give a clear error or a safe skip with a warning, in bounded
// memory and time, with nothing written anywhere.
#include "hostilesupport.h"
#include "scan/layer.h"

#include <QDirIterator>
#include <QtTest>

#include <atomic>
#include <thread>

using hostile::reliability;
using testsupport::quoted;
using testsupport::sh;

namespace {

struct Expect {
    const char *zip;
    const char *error;                          // non-null: Layer::open must fail with this in the message
    QList<QByteArray> files;                    // the files and links listed, exactly (when no error)
    QList<std::pair<const char *, int>> issues; // reason fragment -> how many issues carry it
    const char *input;                          // for the reliability table
};

QList<QByteArray> listedFiles(const FileTree &tree)
{
    QList<QByteArray> out;
    for (FileTree::Index i = 0; i < tree.count(); ++i)
        if (!tree.isDir(i))
            out << tree.path(i);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

class TestHostileZip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eachZip_data();
    void eachZip();
    void validZipsMatchPython_data();
    void validZipsMatchPython();
    void truncatedTailIsErrorOrExact();
    void bombsDoNotWrapTotals();
    void cliNeverHangsNorWrites();
    void cancelIsPrompt();

private:
    QString zips() const { return m_dir.filePath(QStringLiteral("zips")); }
    QString zip(const char *name) const
    {
        return zips() + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".zip");
    }
    QTemporaryDir m_dir{hostile::scratchTemplate()};
    const QList<Expect> *m_rows = nullptr;
};

void TestHostileZip::initTestCase()
{
    QVERIFY(m_dir.isValid());
    int rc = 0;
    sh(QStringLiteral("python3 %1/craftzip.py %2").arg(quoted(QStringLiteral(LAYERSLIM_HOSTILE_DIR)), quoted(zips())),
       &rc);
    QCOMPARE(rc, 0);
}

void TestHostileZip::eachZip_data()
{
    QTest::addColumn<int>("row");
    static const QList<Expect> rows = {
        {"notzip", "not a zip file", {}, {}, "a text file named .zip"},
        {"empty_file", "empty file", {}, {}, "a 0-byte .zip"},
        {"empty", "empty zip", {}, {}, "an empty zip (end record only)"},
        {"truncated_half", "no end of central directory", {}, {}, "a zip cut in half"},
        {"cd_offset_past_end", "truncated or corrupt", {}, {}, "central directory offset past the end"},
        {"zip64_bad_locator", "truncated or corrupt", {}, {}, "zip64 locator pointing 2^62 bytes away"},
        {"corrupt_cd",
         nullptr,
         {"python/pkg/__init__.py"},
         {{"central directory is corrupt", 1}},
         "corrupt central directory (2nd record's signature overwritten)"},
        {"count_lie",
         nullptr,
         {"python/pkg/__init__.py", "python/pkg/data.bin", "python/pkg/zeros.bin"},
         {{"shorter than declared", 1}},
         "end record declaring 60,000 entries for 3"},
        {"zip64_count_lie",
         nullptr,
         {"python/pkg/a.py"},
         {{"shorter than declared", 1}},
         "zip64 end record declaring 2^40 entries for 1"},
        {"slip",
         nullptr,
         {"python/ok/dot.py", "python/ok/fine.py"},
         {{"zip slip", 3}, {"absolute path", 2}, {"drive-letter path", 2}, {"NUL byte", 1}},
         "zip slip names: ../x, a/../../x, /etc/x, C:/x, C:\\x, ..\\x, \\x, NUL in name, ./a//b"},
        {"duplicates",
         nullptr,
         {"python/pkg/a.py", "python/pkg/b", "python/pkg/d/e.py", "python/pkg/link"},
         {{"duplicate entry name", 3}, {"not a folder", 2}},
         "duplicate names (also as a//b, a/./b), a file and a link used as folders"},
        {"encrypted",
         nullptr,
         {"python/plain.py", "python/secret.py"},
         {{"encrypted entry", 1}},
         "an encrypted (ZipCrypto) entry"},
        {"methods",
         nullptr,
         {"python/aes.py", "python/bz.py", "python/plain.py", "python/zstd.py"},
         {{"unsupported compression method", 3}},
         "compression methods 12 (bzip2), 93 (zstd), 99 (AES)"},
        {"bomb",
         nullptr,
         {"python/fine.py"},
         {{"zip bomb", 2}, {"compressed bytes in a", 1}},
         "declared sizes far beyond the data (3.75 GiB from 11 deflated bytes, 1 GiB stored in 50 B, 4 GiB past the "
         "end)"},
        {"bomb64", nullptr, {"python/fine.py"}, {{"zip bomb", 2}}, "two zip64 entries declaring 2^63 bytes each"},
        {"zip64_short_extra",
         nullptr,
         {},
         {{"compressed bytes in a", 1}},
         "zip64 sizes (0xFFFFFFFF) without a zip64 field"},
        {"names_bytes",
         nullptr,
         {"python/back\\slash.py", "python/caf\xe9.py", "python/new\nline.py", "python/\xff\xfe.bin"},
         {},
         "entry names not valid UTF-8, with newline and backslash"},
        {"deep",
         nullptr,
         {"python/" + QByteArray("d/").repeated(32000) + "leaf.py"},
         {},
         "one entry 32,000 folders deep (a 64 KB name)"},
    };
    for (int i = 0; i < rows.size(); ++i)
        QTest::newRow(rows[i].zip) << i;
    m_rows = &rows;
}

void TestHostileZip::eachZip()
{
    QFETCH(int, row);
    const Expect &e = (*m_rows)[row];
    QString error;
    const Layer layer = Layer::open(zip(e.zip), &error);
    if (e.error) {
        QVERIFY2(!layer.tree, e.zip);
        QVERIFY2(error.startsWith(zip(e.zip) + QStringLiteral(": ")), qPrintable(error)); // names the path
        QVERIFY2(error.contains(QLatin1String(e.error)), qPrintable(error));
        reliability(QString::fromUtf8(e.input),
                    QStringLiteral("refused: \"%1\"").arg(error.section(QStringLiteral(": "), 1)));
        return;
    }
    QVERIFY2(layer.tree, qPrintable(error));
    QList<QByteArray> expected = e.files;
    std::sort(expected.begin(), expected.end());
    QCOMPARE(listedFiles(*layer.tree), expected);
    QStringList reasons;
    for (const ScanIssue &issue : layer.tree->issues())
        reasons << issue.reason;
    int expectedIssues = 0;
    for (const auto &[fragment, count] : e.issues) {
        QCOMPARE(reasons.filter(QLatin1String(fragment)).size(), count);
        expectedIssues += count;
    }
    QCOMPARE(int(reasons.size()), expectedIssues);
    // Every file listed has a source reference the exporter can use.
    for (FileTree::Index i = 0; i < layer.tree->count(); ++i)
        if (!layer.tree->isDir(i))
            QVERIFY(layer.tree->sourceRef(i) < layer.zipEntries.size());
    QString behaviour = expectedIssues == 0 ? QStringLiteral("read; names kept byte-exact")
                                            : QStringLiteral("read what is sound; warned: \"%1\"").arg(reasons.first());
    if (expectedIssues > 1)
        behaviour += QStringLiteral(" (+%1 more warnings, each naming its entry)").arg(expectedIssues - 1);
    reliability(QString::fromUtf8(e.input), behaviour);
}

void TestHostileZip::validZipsMatchPython_data()
{
    QTest::addColumn<QString>("name");
    for (const char *n : {"valid", "zip64_valid", "comment_too_long", "count_lie"})
        QTest::newRow(n) << QString::fromLatin1(n);
}

void TestHostileZip::validZipsMatchPython()
{
    QFETCH(QString, name);
    // Python's zipfile as the independent reader: names and declared sizes.
    const QByteArray expected =
        sh(QStringLiteral("python3 -c 'import sys, zipfile\n"
                          "for i in sorted(zipfile.ZipFile(sys.argv[1]).infolist(), key=lambda i: i.filename):\n"
                          "    print(i.filename, i.file_size)' %1")
               .arg(quoted(zips() + QLatin1Char('/') + name + QStringLiteral(".zip"))));
    QVERIFY(!expected.isEmpty());
    QString error;
    const Layer layer = Layer::open(zips() + QLatin1Char('/') + name + QStringLiteral(".zip"), &error);
    QVERIFY2(layer.tree, qPrintable(error));
    QByteArray got;
    for (const QByteArray &path : listedFiles(*layer.tree))
        got += path + ' ' + QByteArray::number(layer.tree->size(layer.tree->find(path))) + '\n';
    QCOMPARE(got, expected);
}

void TestHostileZip::truncatedTailIsErrorOrExact()
{
    // The end record lost its last 7 bytes: minizip may still find the
    // central directory. Either a clear error or exactly the real entries.
    QString error;
    const Layer layer = Layer::open(zip("truncated_tail"), &error);
    if (!layer.tree) {
        QVERIFY2(error.contains(QStringLiteral("truncated or corrupt")), qPrintable(error));
        reliability(QStringLiteral("a zip missing its last 7 bytes"), QStringLiteral("refused: \"%1\"").arg(error));
        return;
    }
    const Layer valid = Layer::open(zip("valid"), &error);
    QVERIFY(valid.tree);
    QCOMPARE(listedFiles(*layer.tree), listedFiles(*valid.tree));
    QCOMPARE(layer.tree->totalBytes(0), valid.tree->totalBytes(0));
    reliability(QStringLiteral("a zip missing its last 7 bytes (end record cut)"),
                QStringLiteral("central directory still found; exactly the real entries listed"));
}

void TestHostileZip::bombsDoNotWrapTotals()
{
    const long before = hostile::peakRssKiB();
    for (const char *name : {"bomb", "bomb64", "zip64_short_extra", "count_lie", "zip64_count_lie"}) {
        QString error;
        const Layer layer = Layer::open(zip(name), &error);
        QVERIFY(layer.tree);
        QVERIFY(layer.tree->totalBytes(0) < 1024 * 1024 * 2);
    }
    const auto run = hostile::cli({QStringLiteral("scan"), zip("bomb64"), QStringLiteral("--json")}, 20000);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().value(QStringLiteral("bytes")).toInteger(), 5);
    const long grewKiB = hostile::peakRssKiB() - before;
    if (hostile::kMemoryBoundsHold)
        QVERIFY2(grewKiB < 64 * 1024, qPrintable(QString::number(grewKiB)));
    reliability(QStringLiteral("bombs: declared sizes summing past 2^64"),
                QStringLiteral("never allocated by size (peak memory +%1 KB across all bomb scans); totals "
                               "cannot wrap to \"fits\"")
                    .arg(grewKiB));
}

void TestHostileZip::cliNeverHangsNorWrites()
{
    // The zips live in zips/ below the test's own folder: an entry escaping
    // with ../ would land beside them, and the guard covers both.
    hostile::SourceGuard guard(m_dir.path());
    qint64 slowest = 0;
    int runs = 0;
    QDirIterator it(zips(), {QStringLiteral("*.zip")}, QDir::Files);
    while (it.hasNext()) {
        const QString path = it.next();
        const auto run = hostile::cli({QStringLiteral("scan"), path, QStringLiteral("--json")}, 60000);
        QVERIFY2(run.finished, qPrintable(path));
        QVERIFY2(run.exitCode == 0 || run.exitCode == 1, qPrintable(path));
        if (run.exitCode == 1)
            QVERIFY2(run.err.contains(QFile::encodeName(path) + ": "), run.err.constData()); // names the path
        slowest = std::max(slowest, run.millis);
        ++runs;
    }
    QVERIFY(runs >= 20);
    QVERIFY(guard.unchanged());
    reliability(QStringLiteral("layerslim-cli scan on each of the %1 crafted zips").arg(runs),
                QStringLiteral("exit 0 or 1 with the path named, slowest %1 ms; zips and their folder unchanged, "
                               "nothing written (no ../ escapes)")
                    .arg(slowest));
}

void TestHostileZip::cancelIsPrompt()
{
    // 60,000 entries: big enough that a cancel lands mid-directory.
    const QString big = m_dir.filePath(QStringLiteral("many.zip"));
    sh(QStringLiteral("python3 -c 'import sys, zipfile\n"
                      "with zipfile.ZipFile(sys.argv[1], \"w\") as z:\n"
                      "    [z.writestr(\"python/p%d/m%d.py\" % (i // 100, i), b\"\") for i in range(60000)]' %1")
           .arg(quoted(big)));
    QList<qint64> latencies;
    for (int delayMs : {5, 20, 50}) {
        JobControl control;
        QElapsedTimer clock;
        clock.start();
        std::atomic<qint64> cancelledAt{0};
        Layer layer;
        std::thread worker([&] {
            QString error;
            layer = Layer::open(big, &error, &control);
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        cancelledAt = clock.nsecsElapsed();
        control.cancel();
        worker.join();
        latencies << (clock.nsecsElapsed() - cancelledAt) / 1000;
        QVERIFY(layer.tree);
        QVERIFY2(latencies.last() < 2'000'000, qPrintable(QString::number(latencies.last())));
    }
    QFile::remove(big);
    std::sort(latencies.begin(), latencies.end());
    reliability(QStringLiteral("cancel while reading a 60,000-entry central directory"),
                QStringLiteral("stops with a partial listing; cancel-to-return %1–%2 µs")
                    .arg(latencies.first())
                    .arg(latencies.last()));
}

QTEST_GUILESS_MAIN(TestHostileZip)
#include "tst_hostilezip.moc"
