// Export on generated trees: byte-exact odd names, modes, symlinks, empty
// folders, SOURCE_DATE_EPOCH, a 70,000-entry zip64 archive, and the failure
// paths (ulimit -f, cancel, stale temporaries, foreign folders).
#include "export/exporter.h"
#include "export/exportplan.h"
#include "export/zipsizepredictor.h"
#include "scan/layer.h"
#include "select/sizeledger.h"
#include "testsupport.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

namespace {

QString zipcheck()
{
    return QStringLiteral("python3 " LAYERSLIM_SOURCE_DIR "/tests/core/zipcheck.py");
}

QString cli()
{
    return QStringLiteral(LAYERSLIM_CLI);
}

bool unzipOk(const QString &zip)
{
    return sh(QStringLiteral("unzip -tq %1").arg(quoted(zip))).startsWith("No errors detected");
}

} // namespace

class TestZipWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void namesModesAndLinks();
    void sourceDateEpoch();
    void badSourceDateEpochIsRefused_data();
    void badSourceDateEpochIsRefused();
    void zip64With70000Entries();
    void writeFailureKeepsOldOutput();
    void staleTemporaryIsRemoved();
    void cancelLeavesNothing();
    void foreignFolderIsNotReplaced();
    void folderExportKeepsOddNames();
    void cleanupTestCase();

private:
    ExportResult exportSmall(ExportOptions o, JobControl *control = nullptr, std::uint64_t *predicted = nullptr);

    QTemporaryDir m_tmp;
    QString m_src; // a small tree with every kind of node
};

void TestZipWriter::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_src = m_tmp.filePath(QStringLiteral("src"));
    int rc = -1;
    sh(QStringLiteral("set -e; mkdir -p %1/pkg/empty %1/pkg/sub; cd %1/pkg; "
                      "printf 'latin-1 name\\n' > $'caf\\xe9.txt'; printf 'utf-8 name\\n' > 'café.txt'; "
                      "printf '#!/bin/sh\\necho hi\\n' > run.sh; chmod 755 run.sh; ln -s run.sh link; "
                      "ln -s ../nowhere dangling; mkfifo fifo; head -c 100000 /dev/urandom > random.bin; "
                      "yes layerslim | head -c 200000 > sub/text.txt; : > sub/zero-length")
           .arg(quoted(m_src)),
       &rc);
    QCOMPARE(rc, 0);
}

ExportResult TestZipWriter::exportSmall(ExportOptions o, JobControl *control, std::uint64_t *predicted)
{
    QString error;
    const Layer layer = Layer::open(m_src, &error);
    if (!layer.tree)
        return ExportResult{false, false, error};
    const SizeLedger ledger(*layer.tree);
    if (predicted) {
        ZipSizePredictor p(*layer.tree, layer.zipEntries);
        p.compute(o.level);
        *predicted = p.predict(ledger.pruned(), *ExportPlan::normalizePrefix(o.prefix, nullptr)).bytes;
    }
    return Exporter::run(*layer.tree, ledger.pruned(), layer.zipEntries, o, control);
}

void TestZipWriter::namesModesAndLinks()
{
    ExportOptions o;
    o.output = m_tmp.filePath(QStringLiteral("small.zip"));
    std::uint64_t predicted = 0;
    const ExportResult r = exportSmall(o, nullptr, &predicted);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(predicted, std::uint64_t(QFileInfo(o.output).size()));
    QVERIFY(unzipOk(o.output));
    const QString kept = m_tmp.filePath(QStringLiteral("small.lst"));
    sh(QStringLiteral("cd %1 && find . \\( -type f -o -type l \\) -printf '%P\\0' > %2")
           .arg(quoted(m_src), quoted(kept)));
    QCOMPARE(
        sh(QStringLiteral("%1 check %2 %3 python/ %4").arg(zipcheck(), quoted(o.output), quoted(m_src), quoted(kept)))
            .trimmed(),
        QByteArray("ok"));
    QCOMPARE(r.symlinks, std::uint64_t(2));
    QCOMPARE(r.files, std::uint64_t(6));
    // What zipcheck leaves implicit: flags, methods, the empty folder, no FIFO.
    const QByteArray facts =
        sh(QStringLiteral("python3 -c \"import zipfile, sys\n"
                          "z = zipfile.ZipFile(sys.argv[1])\n"
                          "for i in z.infolist(): print(i.filename.encode('utf-8' if i.flag_bits & 0x800 else "
                          "'cp437').hex(), i.flag_bits & 0x800, i.compress_type, oct(i.external_attr >> 16))\" %1")
               .arg(quoted(o.output)));
    QVERIFY2(facts.contains(QByteArray("python/pkg/caf\xe9.txt").toHex() + " 0 0 0o100644"), facts.constData());
    QVERIFY2(facts.contains(QByteArray("python/pkg/caf\xc3\xa9.txt").toHex() + " 2048 0 0o100644"), facts.constData());
    QVERIFY2(facts.contains(QByteArray("python/pkg/empty/").toHex() + " 0 0 0o40755"), facts.constData());
    QVERIFY2(facts.contains(QByteArray("python/pkg/random.bin").toHex() + " 0 0 0o100644"),
             facts.constData()); // stored
    QVERIFY2(facts.contains(QByteArray("python/pkg/sub/text.txt").toHex() + " 0 8 0o100644"), facts.constData());
    QVERIFY2(facts.contains(QByteArray("python/pkg/run.sh").toHex() + " 0 0 0o100755"), facts.constData());
    QVERIFY2(facts.contains(QByteArray("python/pkg/dangling").toHex() + " 0 0 0o120777"), facts.constData());
    QVERIFY(!facts.contains(QByteArray("python/pkg/fifo").toHex()));
    // unzip restores the links as links.
    const QString out = m_tmp.filePath(QStringLiteral("small-x"));
    sh(QStringLiteral("mkdir -p %1 && cd %1 && unzip -q %2").arg(quoted(out), quoted(o.output)));
    QCOMPARE(QFileInfo(out + QStringLiteral("/python/pkg/link")).symLinkTarget(),
             out + QStringLiteral("/python/pkg/run.sh"));
}

void TestZipWriter::sourceDateEpoch()
{
    ExportOptions o;
    o.output = m_tmp.filePath(QStringLiteral("epoch-explicit.zip"));
    o.epoch = 1700000001; // 2023-11-14 22:13:21 UTC; DOS time keeps even seconds
    QVERIFY(exportSmall(o).ok);
    const QByteArray stamp = sh(QStringLiteral("python3 -c \"import zipfile, sys; print(sorted({i.date_time for i in "
                                               "zipfile.ZipFile(sys.argv[1]).infolist()}))\" %1")
                                    .arg(quoted(o.output)));
    QCOMPARE(stamp.trimmed(), QByteArray("[(2023, 11, 14, 22, 13, 20)]"));
    qputenv("SOURCE_DATE_EPOCH", "1700000001");
    ExportOptions e;
    e.output = m_tmp.filePath(QStringLiteral("epoch-env.zip"));
    const bool ok = exportSmall(e).ok;
    qunsetenv("SOURCE_DATE_EPOCH");
    QVERIFY(ok);
    int rc = -1;
    sh(QStringLiteral("cmp %1 %2").arg(quoted(o.output), quoted(e.output)), &rc);
    QCOMPARE(rc, 0);
}

void TestZipWriter::badSourceDateEpochIsRefused_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("reason");
    const QString notNumber = QStringLiteral("is not a whole number of seconds");
    const QString outside = QStringLiteral("is outside what a zip can hold");
    QTest::newRow("letters") << QByteArray("abc") << notNumber;
    QTest::newRow("negative") << QByteArray("-5") << notNumber;
    QTest::newRow("trailing junk") << QByteArray("12x") << notNumber;
    QTest::newRow("leading space") << QByteArray(" 1700000000") << notNumber;
    QTest::newRow("past 2^63") << QByteArray("99999999999999999999") << notNumber;
    QTest::newRow("zero, before 1980") << QByteArray("0") << outside;
    QTest::newRow("1979-12-31 23:59:59") << QByteArray("315532799") << outside;
    QTest::newRow("2108-01-01 00:00:00") << QByteArray("4354819200") << outside;
}

void TestZipWriter::badSourceDateEpochIsRefused()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, reason);
    // A bad time is refused before anything is written, for a zip and a folder
    // alike, with the variable, its value and the reason in the error.
    for (const bool folder : {false, true}) {
        ExportOptions o;
        o.output = m_tmp.filePath(folder ? QStringLiteral("epoch-bad") : QStringLiteral("epoch-bad.zip"));
        o.toFolder = folder;
        qputenv("SOURCE_DATE_EPOCH", value);
        const ExportResult r = exportSmall(o);
        qunsetenv("SOURCE_DATE_EPOCH");
        QVERIFY2(!r.ok, value.constData());
        QVERIFY2(r.error.contains(QStringLiteral("SOURCE_DATE_EPOCH=\"%1\"").arg(QString::fromLatin1(value))),
                 qPrintable(r.error));
        QVERIFY2(r.error.contains(reason), qPrintable(r.error));
        QVERIFY(!QFileInfo::exists(o.output));
    }
    QCOMPARE(sh(QStringLiteral("ls -A %1 | grep -c layerslim-tmp || true").arg(quoted(m_tmp.path()))).trimmed(),
             QByteArray("0"));
    // The range's ends are accepted and stamped as they are.
    for (const QByteArray &edge : {QByteArray("315532800"), QByteArray("4354819199")}) {
        ExportOptions o;
        o.output = m_tmp.filePath(QStringLiteral("epoch-edge.zip"));
        qputenv("SOURCE_DATE_EPOCH", edge);
        const ExportResult r = exportSmall(o);
        qunsetenv("SOURCE_DATE_EPOCH");
        QVERIFY2(r.ok, qPrintable(r.error));
        const QByteArray stamp =
            sh(QStringLiteral("/usr/bin/python3 -c \"import zipfile, sys; print(sorted({i.date_time for i in "
                              "zipfile.ZipFile(sys.argv[1]).infolist()}))\" %1")
                   .arg(quoted(o.output)));
        QCOMPARE(stamp.trimmed(), edge == "315532800" ? QByteArray("[(1980, 1, 1, 0, 0, 0)]")
                                                      : QByteArray("[(2107, 12, 31, 23, 59, 58)]"));
    }
    // An explicit time outside the range is refused too, not clamped.
    ExportOptions early;
    early.output = m_tmp.filePath(QStringLiteral("epoch-early.zip"));
    early.epoch = 100;
    const ExportResult r = exportSmall(early);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(QStringLiteral("entry time 100 is outside what a zip can hold")), qPrintable(r.error));
    QVERIFY(!QFileInfo::exists(early.output));
}

void TestZipWriter::zip64With70000Entries()
{
    // In memory when possible: 70,000 files are created and removed much faster on tmpfs.
    QTemporaryDir shm(QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm/layerslim-zip64-XXXXXX")
                                                                : m_tmp.filePath(QStringLiteral("many-XXXXXX")));
    QVERIFY(shm.isValid());
    const QString src = shm.filePath(QStringLiteral("many"));
    sh(QStringLiteral("python3 -c \"import os, sys\n"
                      "for d in range(700):\n"
                      "    p = os.path.join(sys.argv[1], 'pkg%03d' % d); os.makedirs(p)\n"
                      "    for f in range(100): open(os.path.join(p, 'm%03d.py' % f), 'w').write('x = %d\\n' % (d * "
                      "100 + f))\" %1")
           .arg(quoted(src)));
    const QString zip = shm.filePath(QStringLiteral("many.zip"));
    int rc = -1;
    const QJsonObject scan =
        QJsonDocument::fromJson(sh(QStringLiteral("%1 scan %2 --exact-zip --json").arg(cli(), quoted(src)), &rc))
            .object();
    QCOMPARE(rc, 0);
    QCOMPARE(scan.value(QStringLiteral("files")).toInteger(), 70000);
    QVERIFY(scan.value(QStringLiteral("zip_estimate_exact")).toBool());
    sh(QStringLiteral("%1 export %2 -o %3").arg(cli(), quoted(src), quoted(zip)), &rc);
    QCOMPARE(rc, 0);
    QCOMPARE(scan.value(QStringLiteral("zip_bytes_estimate")).toInteger(), QFileInfo(zip).size());
    // 70,000 files + 700 package folders + python/; the zip64 end records are there.
    QCOMPARE(sh(QStringLiteral("%1 zip64 %2").arg(zipcheck(), quoted(zip))).trimmed(), QByteArray("70701 1 None"));
    QVERIFY(unzipOk(zip));
    QVERIFY(sh(QStringLiteral("unzip -l %1 | tail -1").arg(quoted(zip))).contains("70701 files"));
}

void TestZipWriter::writeFailureKeepsOldOutput()
{
    const QString dir = m_tmp.filePath(QStringLiteral("limited"));
    const QString zip = dir + QStringLiteral("/layer.zip");
    sh(QStringLiteral("mkdir -p %1 && head -c 5000 /dev/urandom > %2 && cp %2 %2.orig").arg(quoted(dir), quoted(zip)));
    const QString big = m_tmp.filePath(QStringLiteral("big"));
    sh(QStringLiteral("mkdir -p %1 && head -c 3000000 /dev/urandom > %1/blob.bin").arg(quoted(big)));
    int rc = -1;
    const QByteArray err = sh(
        QStringLiteral("ulimit -f 100; %1 export %2 -o %3 2>&1 >/dev/null").arg(cli(), quoted(big), quoted(zip)), &rc);
    QCOMPARE(rc, 1);
    QVERIFY2(err.contains(zip.toUtf8()) && err.contains("File too large"), err.constData());
    sh(QStringLiteral("cmp %1 %1.orig").arg(quoted(zip)), &rc);
    QCOMPARE(rc, 0);
    QCOMPARE(sh(QStringLiteral("ls -A %1").arg(quoted(dir))), QByteArray("layer.zip\nlayer.zip.orig\n"));
}

void TestZipWriter::staleTemporaryIsRemoved()
{
    const QString dir = m_tmp.filePath(QStringLiteral("stale"));
    // The pid of a process that has exited: its temporary was left by a killed run.
    const QByteArray deadPid = sh(QStringLiteral("bash -c 'echo $$'")).trimmed();
    sh(QStringLiteral("mkdir -p %1 && echo partial > %1/.out.zip.layerslim-tmp-%2")
           .arg(quoted(dir), QString::fromLatin1(deadPid)));
    ExportOptions o;
    o.output = dir + QStringLiteral("/out.zip");
    QVERIFY(exportSmall(o).ok);
    QCOMPARE(sh(QStringLiteral("ls -A %1").arg(quoted(dir))), QByteArray("out.zip\n"));
}

void TestZipWriter::cancelLeavesNothing()
{
    const QString dir = m_tmp.filePath(QStringLiteral("cancel"));
    QVERIFY(QDir().mkpath(dir));
    ExportOptions o;
    o.output = dir + QStringLiteral("/out.zip");
    JobControl *self = nullptr;
    JobControl control([&](const JobProgress &) { self->cancel(); });
    self = &control;
    const ExportResult r = exportSmall(o, &control);
    QVERIFY(!r.ok);
    QVERIFY(r.cancelled);
    QVERIFY2(r.error.contains(o.output), qPrintable(r.error));
    QCOMPARE(sh(QStringLiteral("ls -A %1").arg(quoted(dir))), QByteArray());
}

void TestZipWriter::foreignFolderIsNotReplaced()
{
    const QString dir = m_tmp.filePath(QStringLiteral("mine"));
    sh(QStringLiteral("mkdir -p %1 && echo precious > %1/notes.txt").arg(quoted(dir)));
    ExportOptions o;
    o.output = dir;
    o.toFolder = true;
    const ExportResult r = exportSmall(o);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains(dir) && r.error.contains(QStringLiteral("refusing")), qPrintable(r.error));
    QCOMPARE(sh(QStringLiteral("ls -A %1").arg(quoted(dir))), QByteArray("notes.txt\n"));
}

void TestZipWriter::folderExportKeepsOddNames()
{
    ExportOptions o;
    o.output = m_tmp.filePath(QStringLiteral("unpacked"));
    o.toFolder = true;
    for (int round = 0; round < 2; ++round) { // the second replaces the first, odd names and all
        const ExportResult r = exportSmall(o);
        QVERIFY2(r.ok, qPrintable(r.error));
    }
    int rc = -1;
    // diff compares names byte for byte, link targets, and contents; the FIFO is not exported.
    sh(QStringLiteral("diff -r --no-dereference -x fifo %1/pkg %2/python/pkg").arg(quoted(m_src), quoted(o.output)),
       &rc);
    QCOMPARE(rc, 0);
    QCOMPARE(
        sh(QStringLiteral("cd %1/python/pkg && stat -c '%a %Y' run.sh $'caf\\xe9.txt' empty").arg(quoted(o.output))),
        QByteArray("755 315532800\n644 315532800\n755 315532800\n"));
    // grep -c exits 1 when it counts nothing, which is the outcome wanted here.
    QCOMPARE(sh(QStringLiteral("ls -A %1 | { grep -c layerslim-tmp || true; }").arg(quoted(m_tmp.path()))).trimmed(),
             QByteArray("0"));
}

void TestZipWriter::cleanupTestCase()
{
    sh(QStringLiteral("rm -rf %1/*").arg(quoted(m_tmp.path()))); // QDir would trip over the non-UTF-8 names
}

QTEST_GUILESS_MAIN(TestZipWriter)
#include "tst_zipwriter.moc"
