// Export of hostile sources: byte names round-trip into the zip, special
// files and unsafe zip entries stay out, a chain past PATH_MAX exports whole,
// a folder swapped for a link is not followed, an output inside the source is
// refused, and the source is never written.
#include "export/exporter.h"
#include "exportsuite.h"
#include "scan/layer.h"
#include "select/sizeledger.h"

#include <QtTest>

#include <sys/stat.h>
#include <sys/sysmacros.h>

using hostile::reliability;
using hostile::temporaries;
using hostile::writeBytes;
using hostile::zipNames;
using testsupport::quoted;
using testsupport::sh;

class TestHostileExportSource : public hostile::ExportSuite
{
    Q_OBJECT

private Q_SLOTS:
    void init() { makeScratch(); }
    void cleanup() { removeScratch(); }
    void byteNamesRoundTrip();
    void specialFilesAndLinks();
    void unsafeZipSources();
    void deepChain();
    void folderSwappedForLink();
    void outputInsideTheSource();
};

void TestHostileExportSource::byteNamesRoundTrip()
{
    const QList<QByteArray> names{"caf\xe9.py",
                                  "new\nline.py",
                                  "back\\slash.py",
                                  "\xff\xfe.bin",
                                  "tab\there.py",
                                  "sp ace.py",
                                  "\xe6\x97\xa5\xe6\x9c\xac.py"};
    for (const QByteArray &n : names)
        QVERIFY(writeBytes(srcBytes() + "/python/pkg/" + n, "content of " + n));
    hostile::SourceGuard guard(src());
    const auto run = hostile::cli({QStringLiteral("export"), src(), QStringLiteral("-o"), out("names.zip")}, 60000);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    bool sound = false;
    QList<QByteArray> got = zipNames(out("names.zip"), &sound);
    QVERIFY(sound);
    got.removeIf([](const QByteArray &n) { return n.endsWith('/'); });
    QList<QByteArray> expected;
    for (const QByteArray &n : names)
        expected << "python/pkg/" + n;
    std::sort(expected.begin(), expected.end());
    QCOMPARE(got, expected);
    // And the zip scanner reads the same bytes back.
    QString error;
    const Layer back = Layer::open(out("names.zip"), &error);
    QVERIFY2(back.tree, qPrintable(error));
    for (const QByteArray &n : expected)
        QVERIFY2(back.tree->find(n) != FileTree::kNone, n.constData());
    QVERIFY(guard.unchanged());
    reliability(QStringLiteral("export of names not valid UTF-8, with newline, tab, backslash"),
                QStringLiteral("names written byte-exact (checked from the central directory's raw bytes); the "
                               "zip tests sound; rescanning it finds every name"));
}

void TestHostileExportSource::specialFilesAndLinks()
{
    QVERIFY(writeBytes(srcBytes() + "/python/pkg/mod.py", "x = 1\n"));
    const QByteArray p = srcBytes() + "/python/pkg/";
    QCOMPARE(mkfifo(p + "pipe", 0644), 0);
    if (geteuid() == 0)
        QCOMPARE(mknod(p + "zero", S_IFCHR | 0666, makedev(1, 5)), 0);
    QCOMPARE(symlink("mod.py", p + "inside"), 0);
    QCOMPARE(symlink("/etc/passwd", p + "absolute"), 0);
    QCOMPARE(symlink("../../../../../../etc", p + "climb"), 0);
    QCOMPARE(symlink("loop", p + "loop"), 0);
    hostile::SourceGuard guard(src());
    const auto run = hostile::cli({QStringLiteral("export"), src(), QStringLiteral("-o"), out("special.zip")}, 30000);
    QVERIFY2(run.finished, "export hung on a FIFO or device");
    QVERIFY2(run.exitCode == 0, run.err.constData());
    bool sound = false;
    const QList<QByteArray> names = zipNames(out("special.zip"), &sound);
    QVERIFY(sound);
    // Exactly the file and the four links, stored as links: the FIFO and the
    // device are left out, and nothing outside the tree is pulled in.
    const QList<QByteArray> expected{"python/",           "python/pkg/",     "python/pkg/absolute", "python/pkg/climb",
                                     "python/pkg/inside", "python/pkg/loop", "python/pkg/mod.py"};
    QCOMPARE(names, expected);
    QVERIFY(guard.unchanged());
    QStringList links;
    for (const char *l : {"inside", "absolute", "climb", "loop"})
        links << QStringLiteral("%1 %2").arg(QLatin1String(l), names.contains(QByteArray("python/pkg/") + l)
                                                                   ? QStringLiteral("kept")
                                                                   : QStringLiteral("left out"));
    reliability(QStringLiteral("export of a tree with a FIFO, /dev/zero, and links inside, to /etc/passwd, "
                               "climbing out, looping"),
                QStringLiteral("exit %1 in %2 ms; FIFO and device never opened nor exported; links: %3")
                    .arg(run.exitCode)
                    .arg(run.millis)
                    .arg(links.join(QStringLiteral(", "))));
}

void TestHostileExportSource::unsafeZipSources()
{
    int rc = 0;
    sh(QStringLiteral("python3 %1/craftzip.py %2")
           .arg(quoted(QStringLiteral(LAYERSLIM_HOSTILE_DIR)), quoted(m_dir->filePath(QStringLiteral("zips")))),
       &rc);
    QCOMPARE(rc, 0);
    hostile::SourceGuard guard(m_dir->filePath(QStringLiteral("zips")));
    QStringList rows;
    // Not "deep": its one 32,000-level entry implies 32,000 folder entries whose
    // names alone make a 2 GB zip; deepChain() covers deep exports.
    for (const char *zip : {"slip", "duplicates", "bomb", "bomb64", "encrypted", "methods", "names_bytes"}) {
        const QString in = m_dir->filePath(QStringLiteral("zips/%1.zip").arg(QLatin1String(zip)));
        const QString target = out(zip) + QStringLiteral(".zip");
        const auto run = hostile::cli({QStringLiteral("export"), in, QStringLiteral("-o"), target}, 30000);
        QVERIFY2(run.finished, zip);
        QVERIFY2(run.exitCode == 0 || run.exitCode == 1, zip);
        QVERIFY(temporaries(m_dir->filePath(QStringLiteral("out"))).isEmpty());
        if (run.exitCode == 1) {
            QVERIFY2(!QFile::exists(target), zip); // a failed export leaves no partial file
            const QByteArray last = run.err.trimmed().split('\n').last();
            QVERIFY2(last.contains(": "), run.err.constData()); // names what and why
            rows << QStringLiteral("%1: refused (\"%2\")")
                        .arg(QLatin1String(zip), tidy(QString::fromUtf8(last.mid(last.indexOf(": ") + 2))));
            continue;
        }
        bool sound = false;
        const QList<QByteArray> names = zipNames(target, &sound);
        QVERIFY2(sound, zip);
        QSet<QByteArray> unique;
        for (const QByteArray &n : names) {
            QVERIFY2(n.startsWith("python/"), n.constData());
            QVERIFY2(!n.split('/').contains("..") && !n.contains('\0') && !n.contains("\\..") && !n.contains(":"),
                     n.constData());
            QVERIFY2(!unique.contains(n), n.constData());
            unique.insert(n);
        }
        rows << QStringLiteral("%1: %2 safe entries").arg(QLatin1String(zip)).arg(names.size());
    }
    QVERIFY(guard.unchanged());
    reliability(QStringLiteral("export from the crafted zips (slip, duplicates, bombs, encrypted, methods, byte "
                               "names)"),
                QStringLiteral("every entry under python/, none with .., NUL, drive letter or twice; zip tests sound; "
                               "%1")
                    .arg(rows.join(QStringLiteral("; "))));
}

void TestHostileExportSource::deepChain()
{
    // A 400-level chain of 100-byte names: 40 KB paths, past PATH_MAX. Built
    // with mkdirat/openat, as no path to its bottom can be handed to the kernel.
    const QByteArray name(100, 'd');
    int fd = ::open((srcBytes() + "/python/pkg").constData(), O_RDONLY | O_DIRECTORY);
    for (int level = 0; level < 400; ++level) {
        QCOMPARE(mkdirat(fd, name.constData(), 0755), 0);
        const int next = openat(fd, name.constData(), O_RDONLY | O_DIRECTORY);
        ::close(fd);
        fd = next;
    }
    const int leaf = openat(fd, "leaf.py", O_CREAT | O_WRONLY, 0644);
    QCOMPARE(::write(leaf, "deep", 4), ssize_t(4));
    ::close(leaf);
    QCOMPARE(symlinkat("leaf.py", fd, "link.py"), 0);
    ::close(fd);
    hostile::SourceGuard guard(src());
    const auto run = hostile::cli({QStringLiteral("export"), src(), QStringLiteral("-o"), out("deep.zip")}, 60000);
    QVERIFY(run.finished);
    QVERIFY(temporaries(m_dir->filePath(QStringLiteral("out"))).isEmpty());
    QVERIFY2(run.exitCode == 0, run.err.right(400).constData());
    bool sound = false;
    const QList<QByteArray> names = zipNames(out("deep.zip"), &sound);
    QVERIFY(sound);
    // Every folder of the chain, the file and the link, byte-exact and nothing else.
    QList<QByteArray> expected{"python/", "python/pkg/"};
    QByteArray path = "python/pkg/";
    for (int level = 0; level < 400; ++level)
        expected << (path += name + '/');
    expected << path + "leaf.py" << path + "link.py";
    std::sort(expected.begin(), expected.end());
    QCOMPARE(names.size(), expected.size());
    QCOMPARE(names, expected);
    // The bottom entries carry the right bytes (python3 reads them back by name).
    const QByteArray content =
        sh(QStringLiteral("python3 -c %1 %2")
               .arg(quoted(QStringLiteral("import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\n"
                                          "n = [i for i in z.namelist() if i.endswith('.py')]\n"
                                          "print(' '.join(z.read(i).decode() for i in sorted(n)))")),
                    quoted(out("deep.zip"))));
    QCOMPARE(content.trimmed(), QByteArray("deep leaf.py"));
    QVERIFY(guard.unchanged());
    reliability(QStringLiteral("export of a 400-level chain (40 KB path, past PATH_MAX) with a file and a link "
                               "at the bottom"),
                QStringLiteral("exported whole in %1 ms: sources opened relative to their parent folder, so all "
                               "%2 entry names (the longest %3 bytes) are in the zip byte-exact, with the file's "
                               "content and the link's target")
                    .arg(run.millis)
                    .arg(expected.size())
                    .arg(expected.last().size()));
}

// A folder swapped for a symlink between the scan and the export must not be
// followed out of the tree: the export refuses, naming it.
void TestHostileExportSource::folderSwappedForLink()
{
    QVERIFY(writeBytes(srcBytes() + "/python/pkg/mod.py", "x = 1\n"));
    const QString outside = m_dir->filePath(QStringLiteral("outside"));
    QVERIFY(QDir().mkpath(outside));
    QVERIFY(writeBytes(QFile::encodeName(outside) + "/mod.py", "stolen\n"));
    QString error;
    const Layer layer = Layer::open(src(), &error);
    QVERIFY(layer.tree);
    QVERIFY(QFile::rename(src() + QStringLiteral("/python/pkg"), src() + QStringLiteral("/python/moved")));
    QVERIFY(QFile::link(outside, src() + QStringLiteral("/python/pkg")));
    SizeLedger ledger(*layer.tree);
    QStringList rows;
    for (const bool folder : {false, true}) {
        ExportOptions options;
        options.output = out(folder ? "swapped" : "swapped.zip");
        options.toFolder = folder;
        const ExportResult r = Exporter::run(*layer.tree, ledger.pruned(), {}, options);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("python/pkg")) &&
                     r.error.contains(QStringLiteral("no longer a folder")),
                 qPrintable(r.error));
        QVERIFY(!QFile::exists(options.output));
        QVERIFY(temporaries(m_dir->filePath(QStringLiteral("out"))).isEmpty());
        rows << QStringLiteral("%1: \"%2\"")
                    .arg(folder ? QStringLiteral("folder") : QStringLiteral("zip"),
                         r.error.mid(r.error.indexOf(QStringLiteral("cannot open"))));
    }
    reliability(QStringLiteral("a scanned folder swapped for a symlink to outside the tree before the export"),
                QStringLiteral("not followed (O_NOFOLLOW on every folder from the root down): refused, nothing "
                               "written; %1")
                    .arg(rows.join(QStringLiteral("; "))));
}

void TestHostileExportSource::outputInsideTheSource()
{
    QVERIFY(writeBytes(srcBytes() + "/python/pkg/mod.py", "x\n"));
    QVERIFY(QFile::link(src() + QStringLiteral("/python"), m_dir->filePath(QStringLiteral("out/alias"))));
    int rc = 0;
    sh(QStringLiteral("cd %1 && zip -qr ../out/layer.zip python").arg(quoted(src())), &rc);
    QCOMPARE(rc, 0);
    const QString zip = out("layer.zip");
    hostile::SourceGuard guard(src());
    const auto zipHash = [&] { return sh(QStringLiteral("sha256sum < %1").arg(quoted(zip))); };
    const QByteArray zipBefore = zipHash();
    struct Case {
        QString source;
        QString output;
        bool folder;
        const char *what;
    };
    const QList<Case> cases{
        {src(), src() + QStringLiteral("/python/out.zip"), false, "a zip inside"},
        {src(), src() + QStringLiteral("/python/pkg/../out.zip"), false, "a zip inside, spelled with .."},
        {src(), out("alias") + QStringLiteral("/out.zip"), false, "a zip inside, reached through a symlink"},
        {src(), src() + QStringLiteral("/python/slim"), true, "a folder inside"},
        {src(), src(), true, "the source folder itself"},
        {src() + QStringLiteral("/python"), src(), true, "a folder that holds the source"},
        {zip, zip, false, "the source zip itself"},
    };
    QStringList rows;
    for (const Case &c : cases) {
        QStringList args{QStringLiteral("export"), c.source, QStringLiteral("-o"), c.output};
        if (c.folder)
            args << QStringLiteral("--folder");
        const auto run = hostile::cli(args, 30000);
        QVERIFY(run.finished);
        QVERIFY2(guard.unchanged() && zipHash() == zipBefore, c.what);
        QVERIFY2(run.exitCode == 1, qPrintable(QStringLiteral("%1: exit %2: %3")
                                                   .arg(QLatin1String(c.what))
                                                   .arg(run.exitCode)
                                                   .arg(QString::fromLocal8Bit(run.err))));
        // The message names the output as given and says why.
        QVERIFY2(run.err.contains(QFile::encodeName(c.output) + ": "), run.err.constData());
        QVERIFY2(run.err.contains("source"), run.err.constData());

        // The core refuses on its own too (the GUI calls it without the CLI's check).
        QString error;
        const Layer layer = Layer::open(c.source, &error);
        QVERIFY2(layer.tree, qPrintable(error));
        SizeLedger ledger(*layer.tree);
        ExportOptions options;
        options.output = c.output;
        options.toFolder = c.folder;
        const ExportResult r = Exporter::run(*layer.tree, ledger.pruned(), layer.zipEntries, options);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.startsWith(c.output + QStringLiteral(": ")), qPrintable(r.error));
        QVERIFY2(guard.unchanged() && zipHash() == zipBefore, c.what);
        rows << QStringLiteral("%1: refused").arg(QLatin1String(c.what));
        if (&c == &cases.first())
            rows.last() += QStringLiteral(" (\"%1\")").arg(tidy(QString::fromLocal8Bit(run.err.trimmed())));
    }
    // A sibling of the source is fine.
    const auto beside = hostile::cli({QStringLiteral("export"), src(), QStringLiteral("-o"), out("beside.zip")}, 30000);
    QCOMPARE(beside.exitCode, 0);
    QVERIFY(guard.unchanged());
    reliability(QStringLiteral("export with -o inside the scanned tree (plain, with .., through a symlink), as the "
                               "source itself, or as a folder holding it"),
                QStringLiteral("CLI and core both refuse before writing anything, naming the output; source "
                               "byte-identical; %1")
                    .arg(rows.join(QStringLiteral("; "))));
}

QTEST_GUILESS_MAIN(TestHostileExportSource)
#include "tst_hostileexportsource.moc"
