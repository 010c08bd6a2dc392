// The persistent cache of per-file compressed sizes: a second exact pass takes
// every size from it and predicts the zip export writes to the byte; a file
// rewritten at the same size with a new modification time is deflated again;
// a corrupt cache file is ignored, an unwritable cache folder only warns; the
// bound drops the entries used longest ago; an export fills it. And `scan`: an
// estimate by default, the exact size with --exact-zip, through the cache in
// $XDG_CACHE_HOME.
#include "export/compressedsizecache.h"
#include "export/exporter.h"
#include "export/zipsizepredictor.h"
#include "scan/layer.h"
#include "testsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>

using testsupport::quoted;
using testsupport::sh;

class TestCompressedSizeCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void secondPassComesFromTheCache();
    void exportFillsTheCache();
    void changedFileIsDeflatedAgain();
    void fileWithItsOldTimesPutBackIsDeflatedAgain();
    void corruptCacheIsIgnored();
    void unwritableFolderOnlyWarns();
    void boundDropsTheOldest();
    void scanEstimatesUnlessAskedForExact();

private:
    // The layer at m_tmp/layer/python, scanned now.
    [[nodiscard]] Layer openLayer() const;
    // The prediction for the whole layer under python/, with `cache` (or none).
    [[nodiscard]] std::uint64_t predict(const Layer &layer, CompressedSizeCache *cache, QString *warning = nullptr);
    void writeFile(const QString &relative, const QByteArray &bytes) const;

    QTemporaryDir m_tmp;
    QString m_root;
    int m_files = 0;
};

void TestCompressedSizeCache::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_root = m_tmp.filePath(QStringLiteral("layer/python"));
    QRandomGenerator random(16);
    for (int i = 0; i < 40; ++i) {
        // Text that deflates well, and bytes that do not.
        writeFile(QStringLiteral("pkg%1/mod%2.py").arg(i % 4).arg(i),
                  QByteArray("def f():\n    return %1\n").repeated(200 + i * 13));
        QByteArray noise(4096 + i * 100, Qt::Uninitialized);
        random.fillRange(reinterpret_cast<quint32 *>(noise.data()), noise.size() / 4);
        writeFile(QStringLiteral("pkg%1/lib%2.so").arg(i % 4).arg(i), noise);
        m_files += 2;
    }
}

void TestCompressedSizeCache::writeFile(const QString &relative, const QByteArray &bytes) const
{
    const QString path = m_root + QLatin1Char('/') + relative;
    QVERIFY(QDir().mkpath(QFileInfo(path).path()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

Layer TestCompressedSizeCache::openLayer() const
{
    QString error;
    Layer layer = Layer::open(m_root, &error);
    if (!layer.tree)
        qFatal("cannot open %s: %s", qPrintable(m_root), qPrintable(error));
    return layer;
}

std::uint64_t TestCompressedSizeCache::predict(const Layer &layer, CompressedSizeCache *cache, QString *warning)
{
    ZipSizePredictor predictor(*layer.tree, layer.zipEntries);
    predictor.setCache(cache);
    QString error;
    if (!predictor.compute(6, nullptr, 2, &error))
        qFatal("prediction failed: %s", qPrintable(error));
    if (warning)
        *warning = predictor.cacheWarning();
    const ZipSizePredictor::Prediction p = predictor.predict(Bitset(layer.tree->count()), "python/");
    if (!p.exact || p.method != ZipSizePredictor::Method::Deflated)
        qFatal("a computed prediction is exact and deflated");
    return p.bytes;
}

void TestCompressedSizeCache::secondPassComesFromTheCache()
{
    const Layer layer = openLayer();
    const QString folder = m_tmp.filePath(QStringLiteral("cache-reuse"));
    const std::uint64_t uncached = predict(layer, nullptr);

    CompressedSizeCache first(folder);
    QCOMPARE(first.entries(), std::size_t(0));
    QCOMPARE(predict(layer, &first), uncached);
    QCOMPARE(first.misses(), std::uint64_t(m_files));
    QVERIFY(QFileInfo::exists(first.filePath()));
    QCOMPARE(QFileInfo(first.filePath()).size(), qint64(24 + m_files * CompressedSizeCache::kRecordBytes));

    // A new process: everything from the file, nothing deflated.
    CompressedSizeCache second(folder);
    QVERIFY2(second.loadProblem().isEmpty(), qPrintable(second.loadProblem()));
    QCOMPARE(second.entries(), std::size_t(m_files));
    QCOMPARE(predict(layer, &second), uncached);
    QCOMPARE(second.hits(), std::uint64_t(m_files));
    QCOMPARE(second.misses(), std::uint64_t(0));

    // And it is the size export writes.
    ExportOptions options;
    options.output = m_tmp.filePath(QStringLiteral("whole.zip"));
    const ExportResult r = Exporter::run(*layer.tree, Bitset(layer.tree->count()), layer.zipEntries, options);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(std::uint64_t(QFileInfo(options.output).size()), uncached);
}

void TestCompressedSizeCache::exportFillsTheCache()
{
    const Layer layer = openLayer();
    const QString folder = m_tmp.filePath(QStringLiteral("cache-export"));
    // The whole layer exported to m_tmp/NAME with a cache of its own on `folder`, which the export saves.
    const auto exportTo = [&](const QString &name) {
        CompressedSizeCache cache(folder);
        ExportOptions options;
        options.output = m_tmp.filePath(name);
        options.sizeCache = &cache;
        const ExportResult r = Exporter::run(*layer.tree, Bitset(layer.tree->count()), layer.zipEntries, options);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(cache.entries(), std::size_t(m_files));
    };
    exportTo(QStringLiteral("filled.zip"));
    if (QTest::currentTestFailed())
        return;
    // The exact pass after it deflates nothing and predicts the zip export wrote.
    CompressedSizeCache cache(folder);
    QCOMPARE(cache.entries(), std::size_t(m_files));
    QCOMPARE(predict(layer, &cache), std::uint64_t(QFileInfo(m_tmp.filePath(QStringLiteral("filled.zip"))).size()));
    QCOMPARE(cache.misses(), std::uint64_t(0));

    // Exporting the same files again finds the sizes it has: the file is not
    // written again (a save replaces it, with a new inode).
    const auto inode = [&] {
        struct stat st {
        };
        return ::stat(QFile::encodeName(cache.filePath()).constData(), &st) == 0 ? st.st_ino : ino_t(0);
    };
    const ino_t before = inode();
    QVERIFY(before != 0);
    exportTo(QStringLiteral("again.zip"));
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(inode(), before);
    // A size that differs is news, and is saved.
    CompressedSizeCache changed(folder);
    struct stat st {
    };
    QCOMPARE(::stat(QFile::encodeName(m_root + QStringLiteral("/pkg0/mod0.py")).constData(), &st), 0);
    const CompressedSizeCache::Key key = CompressedSizeCache::keyOf(st, 6);
    const std::optional<std::uint64_t> size = changed.find(key);
    QVERIFY(size);
    changed.insert(key, *size + 1);
    QVERIFY(changed.save());
    QVERIFY(inode() != before);
    QCOMPARE(CompressedSizeCache(folder).find(key), std::optional<std::uint64_t>(*size + 1));
}

void TestCompressedSizeCache::changedFileIsDeflatedAgain()
{
    const QString folder = m_tmp.filePath(QStringLiteral("cache-changed"));
    const std::uint64_t before = [&] {
        CompressedSizeCache cache(folder);
        return predict(openLayer(), &cache);
    }();

    // Same size, same inode, other bytes (noise instead of text), a later mtime.
    const QString path = m_root + QStringLiteral("/pkg1/mod5.py");
    const qint64 size = QFileInfo(path).size();
    QByteArray noise(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        noise[i] = char(QRandomGenerator::global()->bounded(256));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QCOMPARE(f.write(noise), size);
    f.close();
    struct stat st {
    };
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    const timespec times[2] = {st.st_atim, {st.st_mtim.tv_sec + 7, st.st_mtim.tv_nsec}};
    QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0), 0);

    const Layer layer = openLayer();
    CompressedSizeCache cache(folder);
    const std::uint64_t after = predict(layer, &cache);
    QCOMPARE(cache.misses(), std::uint64_t(1));
    QCOMPARE(cache.hits(), std::uint64_t(m_files - 1));
    QCOMPARE(after, predict(layer, nullptr));
    QVERIFY2(after > before + std::uint64_t(size) / 2, "the noise deflates far worse than the text did");
}

void TestCompressedSizeCache::fileWithItsOldTimesPutBackIsDeflatedAgain()
{
    const QString folder = m_tmp.filePath(QStringLiteral("cache-times-back"));
    const QString path = m_root + QStringLiteral("/pkg2/mod6.py");
    const QByteArray name = QFile::encodeName(path);
    struct stat original {
    };
    QCOMPARE(::stat(name.constData(), &original), 0);
    std::uint64_t before = 0;
    {
        CompressedSizeCache cache(folder);
        before = predict(openLayer(), &cache);
        QVERIFY(cache.save());
    }

    // Other text of the same length, deflating to another size, written into
    // the same inode; then the old access and modification times put back.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray bytes = f.readAll();
    f.close();
    for (qsizetype i = 0; i < bytes.size(); i += 3)
        bytes[i] = char('a' + (i * 7) % 26);
    QThread::msleep(20); // a change time the clock can tell from the first
    QVERIFY(f.open(QIODevice::ReadWrite));
    QCOMPARE(f.write(bytes), qint64(bytes.size()));
    f.close();
    const timespec times[2] = {original.st_atim, original.st_mtim};
    QCOMPARE(::utimensat(AT_FDCWD, name.constData(), times, 0), 0);
    struct stat now {
    };
    QCOMPARE(::stat(name.constData(), &now), 0);
    QCOMPARE(now.st_ino, original.st_ino);
    QCOMPARE(now.st_size, original.st_size);
    QCOMPARE(now.st_mtim.tv_sec, original.st_mtim.tv_sec);
    QCOMPARE(now.st_mtim.tv_nsec, original.st_mtim.tv_nsec);
    QVERIFY(!CompressedSizeCache::sameVersion(original, now));

    const Layer layer = openLayer();
    CompressedSizeCache cache(folder);
    const std::uint64_t after = predict(layer, &cache);
    QCOMPARE(cache.misses(), std::uint64_t(1));
    QCOMPARE(after, predict(layer, nullptr));
    QVERIFY2(after != before, "the new text deflates to another size, so a stale entry would show");
}

void TestCompressedSizeCache::corruptCacheIsIgnored()
{
    const Layer layer = openLayer();
    const std::uint64_t uncached = predict(layer, nullptr);
    const QString folder = m_tmp.filePath(QStringLiteral("cache-corrupt"));
    {
        CompressedSizeCache cache(folder);
        QCOMPARE(predict(layer, &cache), uncached);
    }
    // One flipped byte in an entry: the checksum no longer matches.
    QFile file(folder + QStringLiteral("/compressed-sizes.bin"));
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    bytes[40] = char(bytes[40] ^ 0x5a);
    QVERIFY(file.seek(0));
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();
    {
        CompressedSizeCache cache(folder);
        QVERIFY2(cache.loadProblem().contains(QStringLiteral("checksum mismatch")), qPrintable(cache.loadProblem()));
        QVERIFY(cache.loadProblem().contains(file.fileName()));
        QCOMPARE(cache.entries(), std::size_t(0));
        QCOMPARE(predict(layer, &cache), uncached);
    }
    // Cut short, and not a cache at all.
    for (const QByteArray &junk : {bytes.left(100), QByteArray("not a cache at all, just text")}) {
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(junk);
        file.close();
        CompressedSizeCache cache(folder);
        QVERIFY(!cache.loadProblem().isEmpty());
        QCOMPARE(predict(layer, &cache), uncached);
    }
    // The pass wrote a sound file again.
    CompressedSizeCache rewritten(folder);
    QVERIFY2(rewritten.loadProblem().isEmpty(), qPrintable(rewritten.loadProblem()));
    QCOMPARE(rewritten.entries(), std::size_t(m_files));
}

void TestCompressedSizeCache::unwritableFolderOnlyWarns()
{
    const Layer layer = openLayer();
    const std::uint64_t uncached = predict(layer, nullptr);
    // A folder inside a regular file cannot be made, not even by root.
    const QString blocker = m_tmp.filePath(QStringLiteral("blocker"));
    writeFile(QStringLiteral("../../blocker"), "a file");
    CompressedSizeCache cache(blocker + QStringLiteral("/layerslim"));
    QString warning;
    QCOMPARE(predict(layer, &cache, &warning), uncached);
    QVERIFY2(warning.contains(blocker + QStringLiteral("/layerslim/compressed-sizes.bin")), qPrintable(warning));
    QCOMPARE(cache.misses(), std::uint64_t(m_files));

    // The CLI: exact all the same, with a warning naming the file.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), blocker);
    const testsupport::CliRun run = testsupport::cli(
        {QStringLiteral("scan"), m_root, QStringLiteral("--exact-zip"), QStringLiteral("--json")}, env);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains("warning: cannot write the compressed-size cache"), run.err.constData());
    const QJsonObject o = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(o.value(QStringLiteral("zip_estimate_exact")).toBool(false), true);
    QCOMPARE(std::uint64_t(o.value(QStringLiteral("zip_bytes_estimate")).toInteger()), uncached);
    // fit, planning against the zipped limit, says so too.
    const testsupport::CliRun fit =
        testsupport::cli({QStringLiteral("fit"), m_root, QStringLiteral("--zipped"), QStringLiteral("-o"),
                          m_tmp.filePath(QStringLiteral("fit-profile.json"))},
                         env);
    QVERIFY2(fit.err.contains("fit: warning: cannot write the compressed-size cache"), fit.err.constData());
}

void TestCompressedSizeCache::boundDropsTheOldest()
{
    const QString folder = m_tmp.filePath(QStringLiteral("cache-bound"));
    const std::uint64_t twoEntries = 24 + 2 * CompressedSizeCache::kRecordBytes;
    const CompressedSizeCache::Key a{1, 10, 100, 1000, 6}, b{1, 11, 100, 1000, 6}, c{1, 12, 100, 1000, 6};
    {
        CompressedSizeCache cache(folder, twoEntries);
        cache.insert(a, 50);
        QVERIFY(cache.save());
    }
    QThread::msleep(20); // a later use
    {
        CompressedSizeCache cache(folder, twoEntries);
        cache.insert(b, 60);
        QVERIFY(cache.save());
    }
    QThread::msleep(20);
    {
        CompressedSizeCache cache(folder, twoEntries);
        QCOMPARE(cache.entries(), std::size_t(2));
        cache.insert(c, 70);
        QVERIFY(cache.save());
        QCOMPARE(cache.entries(), std::size_t(2));
    }
    CompressedSizeCache cache(folder, twoEntries);
    QCOMPARE(QFileInfo(cache.filePath()).size(), qint64(twoEntries));
    QCOMPARE(cache.find(a), std::nullopt);
    QCOMPARE(cache.find(b), std::optional<std::uint64_t>(60));
    QCOMPARE(cache.find(c), std::optional<std::uint64_t>(70));
    // Another level is another entry.
    QCOMPARE(cache.find({1, 11, 100, 1000, 9}), std::nullopt);
    // Hits on fresh entries leave the file as it is.
    const QDateTime written = QFileInfo(cache.filePath()).lastModified();
    QThread::msleep(20);
    QVERIFY(cache.save());
    QCOMPARE(QFileInfo(cache.filePath()).lastModified(), written);
}

void TestCompressedSizeCache::scanEstimatesUnlessAskedForExact()
{
    QVERIFY2(testsupport::haveDemoLayer(), "the demo layer is staged by ctest's stage_demo_layer");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString cacheHome = m_tmp.filePath(QStringLiteral("xdg-cache"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheHome);
    const QStringList seed{QStringLiteral("scan"), testsupport::demoLayer(), QStringLiteral("--rules"),
                           QStringLiteral("tests,bytecode,dist-info,pyproject,datasets"), QStringLiteral("--json")};
    auto scan = [&](const QStringList &extra) {
        const testsupport::CliRun run = testsupport::cli(seed + extra, env);
        if (run.exitCode != 0)
            qWarning("%s", run.err.constData());
        return QJsonDocument::fromJson(run.out).object();
    };
    const QJsonObject estimate = scan({});
    QCOMPARE(estimate.value(QStringLiteral("zip_estimate_exact")).toBool(true), false);
    QCOMPARE(estimate.value(QStringLiteral("zip_estimate_method")).toString(), QStringLiteral("category-ratios"));
    QVERIFY2(!QFileInfo::exists(cacheHome), "the estimate deflates nothing, so writes no cache");

    const QJsonObject exact = scan({QStringLiteral("--exact-zip")});
    QCOMPARE(exact.value(QStringLiteral("zip_estimate_exact")).toBool(false), true);
    QCOMPARE(exact.value(QStringLiteral("zip_estimate_method")).toString(), QStringLiteral("deflated"));
    QVERIFY(QFileInfo(cacheHome + QStringLiteral("/layerslim/compressed-sizes.bin")).size() > 24);
    const double e = estimate.value(QStringLiteral("zip_bytes_estimate")).toDouble();
    const double x = exact.value(QStringLiteral("zip_bytes_estimate")).toDouble();
    qInfo("demo layer, seed rules: estimate %.0f, exact %.0f (%+.1f%%)", e, x, (e / x - 1) * 100);
    QVERIFY2(std::abs(e / x - 1) < 0.15, "the per-category ratios are within 15% on the layer they come from");
    // The rest of the answer does not depend on how the zip was sized.
    for (const char *key : {"kept_bytes", "pruned_bytes", "files", "verdict"})
        QCOMPARE(estimate.value(QLatin1String(key)), exact.value(QLatin1String(key)));

    // Warm: the same exact size, and export writes it.
    QCOMPARE(scan({QStringLiteral("--exact-zip")}).value(QStringLiteral("zip_bytes_estimate")).toDouble(), x);
    const QString zip = m_tmp.filePath(QStringLiteral("demo.zip"));
    const testsupport::CliRun exported = testsupport::cli(
        {QStringLiteral("export"), testsupport::demoLayer(), QStringLiteral("-o"), zip, QStringLiteral("--rules"),
         QStringLiteral("tests,bytecode,dist-info,pyproject,datasets"), QStringLiteral("--no-report")},
        env);
    QVERIFY2(exported.exitCode == 0 || exported.exitCode == 2, exported.err.constData());
    QCOMPARE(double(QFileInfo(zip).size()), x);
}

QTEST_GUILESS_MAIN(TestCompressedSizeCache)
#include "tst_compressedsizecache.moc"
