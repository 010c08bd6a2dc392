// Export under hostile input and faults: byte names round-trip into the zip,
// special files and unsafe zip entries stay out, kill -9 and `ulimit -f`
// leave the previous output intact and no temporary behind, a tree changing
// under the exporter gives a sound zip or a clear error, cancel is prompt,
// and the source is never written.
#include "export/exporter.h"
#include "hostilesupport.h"
#include "scan/layer.h"
#include "select/sizeledger.h"

#include <QDirIterator>
#include <QtTest>

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <thread>
#include <unistd.h>

using hostile::reliability;
using testsupport::quoted;
using testsupport::sh;

namespace {

// The central directory's names as raw bytes, read with struct (not zipfile's
// decoding), then `testzip()` over every entry; "NAMES-ERROR" when unreadable.
const char *kZipNames = R"PY(
import struct, sys, zipfile
data = open(sys.argv[1], 'rb').read()
end = data.rfind(b'PK\x05\x06')
count, size, offset = struct.unpack('<HII', data[end + 10:end + 20])
pos, names = offset, []
for _ in range(count):
    n, e, c = struct.unpack('<HHH', data[pos + 28:pos + 34])
    names.append(data[pos + 46:pos + 46 + n])
    pos += 46 + n + e + c
bad = zipfile.ZipFile(sys.argv[1]).testzip()
if bad is not None:
    print('CORRUPT', bad)
for n in sorted(names):
    print(n.hex())
)PY";

QList<QByteArray> zipNames(const QString &zip, bool *sound)
{
    const QByteArray out =
        sh(QStringLiteral("python3 -c %1 %2").arg(quoted(QString::fromLatin1(kZipNames)), quoted(zip)));
    QList<QByteArray> names;
    *sound = !out.isEmpty() && !out.startsWith("CORRUPT");
    for (const QByteArray &line : out.split('\n'))
        if (!line.isEmpty() && !line.startsWith("CORRUPT"))
            names << QByteArray::fromHex(line);
    return names;
}

QStringList temporaries(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral("*.layerslim-tmp-*")}, QDir::AllEntries | QDir::Hidden | QDir::System);
}

bool writeBytes(const QByteArray &path, const QByteArray &data)
{
    const int fd = ::open(path.constData(), O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, data.constData(), size_t(data.size())) == ssize_t(data.size());
    ::close(fd);
    return ok;
}

} // namespace

class TestHostileExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void byteNamesRoundTrip();
    void specialFilesAndLinks();
    void unsafeZipSources();
    void killDuringExport();
    void fileSizeLimit();
    void diskFull();
    void treeChangingDuringExport();
    void cancelIsPrompt();
    void deepChain();
    void folderSwappedForLink();
    void outputInsideTheSource();

private:
    QString src() const { return m_dir->filePath(QStringLiteral("src")); }
    QByteArray srcBytes() const { return QFile::encodeName(src()); }
    QString out(const char *name) const { return m_dir->filePath(QStringLiteral("out/") + QLatin1String(name)); }
    void makeBulk(qint64 megabytes);
    // A message for the README: the scratch folder shown as $TMP.
    QString tidy(QString message) const { return message.replace(m_dir->path(), QStringLiteral("$TMP")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestHostileExport::init()
{
    m_dir = std::make_unique<QTemporaryDir>(hostile::scratchTemplate());
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir().mkpath(src() + QStringLiteral("/python/pkg")));
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("out"))));
}

void TestHostileExport::cleanup()
{
    sh(QStringLiteral("chmod -R u+rwX %1 2>/dev/null; rm -rf %1").arg(quoted(m_dir->path())));
    m_dir.reset();
}

// Incompressible data, so that an export takes a while at level 12.
void TestHostileExport::makeBulk(qint64 megabytes)
{
    sh(QStringLiteral("cd %1/python/pkg && for i in $(seq 1 %2); do head -c 1048576 /dev/urandom > bulk$i.bin; done")
           .arg(quoted(src()))
           .arg(megabytes));
}

void TestHostileExport::byteNamesRoundTrip()
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

void TestHostileExport::specialFilesAndLinks()
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

void TestHostileExport::unsafeZipSources()
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

void TestHostileExport::killDuringExport()
{
    QVERIFY(writeBytes(srcBytes() + "/python/pkg/small.py", "small\n"));
    const QString target = out("layer.zip");
    auto first = hostile::cli({QStringLiteral("export"), src(), QStringLiteral("-o"), target}, 30000);
    QCOMPARE(first.exitCode, 0);
    const QByteArray before = sh(QStringLiteral("sha256sum < %1").arg(quoted(target)));
    makeBulk(24);
    hostile::SourceGuard guard(src());

    QProcess p;
    p.start(QStringLiteral(LAYERSLIM_CLI),
            {QStringLiteral("export"), src(), QStringLiteral("-o"), target, QStringLiteral("--level"),
             QStringLiteral("12"), QStringLiteral("--threads"), QStringLiteral("1")});
    QVERIFY(p.waitForStarted());
    QElapsedTimer timer;
    timer.start();
    while (temporaries(m_dir->filePath(QStringLiteral("out"))).isEmpty() && timer.elapsed() < 20000 &&
           p.state() == QProcess::Running)
        QTest::qWait(5);
    QVERIFY2(p.state() == QProcess::Running, "export finished before it could be killed");
    QTest::qWait(150);
    ::kill(pid_t(p.processId()), SIGKILL);
    p.waitForFinished();
    QCOMPARE(sh(QStringLiteral("sha256sum < %1").arg(quoted(target))), before); // the old output is intact
    const QStringList stray = temporaries(m_dir->filePath(QStringLiteral("out")));
    QVERIFY(guard.unchanged());

    // A different tree this time, so that the next export is seen to replace the output.
    QVERIFY(QFile::remove(src() + QStringLiteral("/python/pkg/bulk1.bin")));
    hostile::SourceGuard guardAgain(src());
    const auto again = hostile::cli(
        {QStringLiteral("export"), src(), QStringLiteral("-o"), target, QStringLiteral("--level"), QStringLiteral("0")},
        60000);
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(temporaries(m_dir->filePath(QStringLiteral("out"))), QStringList());
    bool sound = false;
    const QList<QByteArray> names = zipNames(target, &sound);
    QVERIFY(names.contains("python/pkg/bulk2.bin"));
    QVERIFY(!names.contains("python/pkg/bulk1.bin"));
    QVERIFY(sound);
    QVERIFY(guardAgain.unchanged());
    reliability(QStringLiteral("kill -9 during an export over an existing output"),
                QStringLiteral("old output byte-identical; %1 stray temporary left by the killed run, removed by "
                               "the next export, which succeeds")
                    .arg(stray.size()));
}

void TestHostileExport::fileSizeLimit()
{
    makeBulk(4);
    const QString target = out("limited.zip");
    QVERIFY(writeBytes(QFile::encodeName(target), "previous output"));
    hostile::SourceGuard guard(src());
    // ulimit -f counts 1024-byte blocks: 1 MiB allowed for a 4 MiB zip.
    const auto run = hostile::run(QStringLiteral("bash"),
                                  {QStringLiteral("-c"), QStringLiteral("ulimit -f 1024; exec \"$0\" \"$@\""),
                                   QStringLiteral(LAYERSLIM_CLI), QStringLiteral("export"), src(), QStringLiteral("-o"),
                                   target, QStringLiteral("--level"), QStringLiteral("0")},
                                  60000);
    QVERIFY(run.finished);
    QVERIFY2(run.exitCode == 1,
             qPrintable(QStringLiteral("exit %1: %2").arg(run.exitCode).arg(QString::fromLocal8Bit(run.err))));
    QVERIFY2(run.err.contains("File too large"), run.err.constData());
    QFile previous(target);
    QVERIFY(previous.open(QIODevice::ReadOnly));
    QCOMPARE(previous.readAll(), QByteArray("previous output"));
    QCOMPARE(temporaries(m_dir->filePath(QStringLiteral("out"))), QStringList());
    QVERIFY(guard.unchanged());
    reliability(QStringLiteral("export past `ulimit -f` (1 MiB for a 4 MiB zip)"),
                QStringLiteral("exit 1, \"%1\"; previous output intact, no temporary left")
                    .arg(tidy(QString::fromLocal8Bit(run.err.trimmed().split('\n').last()))));
}

// A 2 MiB tmpfs mounted in a private mount namespace (unshare -rm: no root
// needed, gone when the shell exits) fills up during a 4 MiB export.
void TestHostileExport::diskFull()
{
    makeBulk(4);
    const QString mountPoint = m_dir->filePath(QStringLiteral("out/full"));
    QVERIFY(QDir().mkpath(mountPoint));
    hostile::SourceGuard guard(src());
    const char *script = R"SH(
d=$1; shift
mount -t tmpfs -o size=2m tmpfs "$d" || exit 77
for mode in zip folder; do
    mkdir "$d/previous-$mode" && printf 'previous output' > "$d/previous-$mode/keep"
    if [ $mode = zip ]; then out="$d/layer.zip"; printf 'previous output' > "$out"; set -- "$@" -o "$out";
    else out="$d/layer"; set -- "${@:1:$(($# - 2))}" -o "$out" --folder; fi
    "$@" --level 0 >/dev/null
    echo "rc=$?" >&2
    [ $mode = zip ] && echo "content=$(cat "$out")" >&2
    echo "entries=$(ls -A "$d" | LC_ALL=C sort | tr '\n' ' ')" >&2
    rm -rf "$d"/previous-* "$d/layer.zip"
done
)SH";
    const auto run = hostile::run(QStringLiteral("unshare"),
                                  {QStringLiteral("-rm"), QStringLiteral("bash"), QStringLiteral("-c"),
                                   QString::fromLatin1(script), QStringLiteral("bash"), mountPoint,
                                   QStringLiteral(LAYERSLIM_CLI), QStringLiteral("export"), src()},
                                  60000);
    QVERIFY(run.finished);
    if (run.exitCode == 77 || run.err.contains("unshare failed"))
        QSKIP(qPrintable(QStringLiteral("no private tmpfs here: %1").arg(QString::fromLocal8Bit(run.err))));
    const QList<QByteArray> lines = run.err.split('\n');
    QList<QByteArray> errors, results;
    for (const QByteArray &l : lines) {
        if (l.startsWith("layerslim-cli export: "))
            errors << l;
        else if (l.startsWith("rc=") || l.startsWith("content=") || l.startsWith("entries="))
            results << l;
    }
    const QList<QByteArray> expected{"rc=1", "content=previous output", "entries=layer.zip previous-zip ", "rc=1",
                                     "entries=previous-folder "};
    if (results != expected)
        qWarning("%s", run.err.constData());
    QCOMPARE(results, expected); // no temporary, no half-written output, the previous zip intact
    QCOMPARE(errors.size(), 2);
    for (const QByteArray &e : errors)
        QVERIFY2(e.contains("No space left on device") && e.contains(QFile::encodeName(mountPoint)), e.constData());
    QVERIFY(guard.unchanged());
    reliability(QStringLiteral("export onto a full disk (a 2 MiB tmpfs, 4 MiB to write), zip and folder"),
                QStringLiteral("exit 1 naming the output and \"No space left on device\"; previous zip intact, no "
                               "temporary and no partial folder left"));
}

void TestHostileExport::treeChangingDuringExport()
{
    for (int i = 0; i < 40; ++i)
        QVERIFY(writeBytes(srcBytes() + "/python/pkg/f" + QByteArray::number(i) + ".py", QByteArray(2000 + i, 'x')));
    std::atomic_bool stop{false};
    const QByteArray pkg = srcBytes() + "/python/pkg/";
    int oks = 0, errors = 0;
    QString sampleError;
    std::thread mutator([&] {
        for (unsigned n = 0; !stop.load(); ++n) {
            const QByteArray f = pkg + "f" + QByteArray::number(n % 40) + ".py";
            if (n % 3 == 0)
                ::unlink(f.constData());
            else if (n % 3 == 1)
                (void)writeBytes(f, QByteArray(int(n % 5000), 'y'));
            else
                (void)!::truncate(f.constData(), 10);
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    });
    for (int round = 0; round < 12; ++round) {
        QString error;
        const Layer layer = Layer::open(src(), &error);
        QVERIFY(layer.tree);
        SizeLedger ledger(*layer.tree);
        ExportOptions options;
        options.output = out("moving.zip");
        const ExportResult r = Exporter::run(*layer.tree, ledger.pruned(), {}, options);
        QVERIFY(temporaries(m_dir->filePath(QStringLiteral("out"))).isEmpty());
        if (r.ok) {
            bool sound = false;
            zipNames(options.output, &sound);
            QVERIFY(sound);
            ++oks;
        } else {
            QVERIFY2(r.error.contains(QStringLiteral("python/pkg/")) || r.error.contains(src()), qPrintable(r.error));
            sampleError = r.error.mid(r.error.lastIndexOf(QStringLiteral(": ")) + 2);
            ++errors;
        }
    }
    stop = true;
    mutator.join();
    reliability(QStringLiteral("files deleted, rewritten and truncated during export (a thread mutating the tree)"),
                QStringLiteral("%1 exports sound (zip tests clean), %2 refused naming the file (\"%3\"); never a "
                               "temporary left")
                    .arg(oks)
                    .arg(errors)
                    .arg(sampleError));
}

void TestHostileExport::cancelIsPrompt()
{
    makeBulk(24);
    QString error;
    const Layer layer = Layer::open(src(), &error);
    QVERIFY(layer.tree);
    SizeLedger ledger(*layer.tree);
    QList<qint64> latencies;
    for (int delayMs : {30, 100, 250}) {
        ExportOptions options;
        options.output = out("cancelled.zip");
        options.level = 12;
        options.threads = 1;
        JobControl control;
        QElapsedTimer clock;
        clock.start();
        ExportResult r;
        std::thread worker([&] { r = Exporter::run(*layer.tree, ledger.pruned(), {}, options, &control); });
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        const qint64 cancelledAt = clock.nsecsElapsed();
        control.cancel();
        worker.join();
        latencies << (clock.nsecsElapsed() - cancelledAt) / 1000;
        QVERIFY(!r.ok);
        QVERIFY(r.cancelled);
        QVERIFY(!QFile::exists(options.output));
        QVERIFY(temporaries(m_dir->filePath(QStringLiteral("out"))).isEmpty());
        QVERIFY2(latencies.last() < hostile::kCancelBoundMicros,
                 qPrintable(QStringLiteral("%1 µs").arg(latencies.last())));
    }
    std::sort(latencies.begin(), latencies.end());
    reliability(QStringLiteral("cancel during export (24 MiB incompressible, level 12, 1 thread)"),
                QStringLiteral("stops, writes nothing, leaves no temporary; cancel-to-return %1–%2 ms")
                    .arg(latencies.first() / 1000.0, 0, 'f', 1)
                    .arg(latencies.last() / 1000.0, 0, 'f', 1));
}

void TestHostileExport::deepChain()
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
void TestHostileExport::folderSwappedForLink()
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

void TestHostileExport::outputInsideTheSource()
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

QTEST_GUILESS_MAIN(TestHostileExport)
#include "tst_hostileexport.moc"
