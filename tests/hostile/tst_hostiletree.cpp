// Hostile folders, built at test time: special files, symlink traps, trees
// that change under the scanner, unreadable parts (as an unprivileged user),
// byte names, a 4,000-level chain past PATH_MAX, sparse files, hard links,
// and cancel timing. Every CLI run also proves the source was not written.
#include "hostilesupport.h"
#include "scan/directoryscanner.h"

#include <QtTest>

#include <atomic>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

using hostile::reliability;
using testsupport::quoted;
using testsupport::sh;

class TestHostileTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void specialFilesAreNeverOpened();
    void devicesAreListed();
    void symlinkTraps();
    void treeChangingDuringScan();
    void unreadableAsUnprivilegedUser();
    void byteNames();
    void deepChainPastPathMax();
    void sparseFilesAndHardLinks();
    void cancelIsPrompt();

private:
    QByteArray base() const { return QFile::encodeName(m_dir->path()); }
    void write(const QByteArray &rel, qsizetype bytes);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestHostileTree::init()
{
    m_dir = std::make_unique<QTemporaryDir>(hostile::scratchTemplate());
    QVERIFY(m_dir->isValid());
}

void TestHostileTree::cleanup()
{
    // rm copes with unreadable folders, byte names and paths past PATH_MAX.
    sh(QStringLiteral("chmod -R u+rwX %1 2>/dev/null; rm -rf %1").arg(quoted(m_dir->path())));
    m_dir.reset();
}

void TestHostileTree::write(const QByteArray &rel, qsizetype bytes)
{
    const QByteArray path = base() + '/' + rel;
    QVERIFY(QDir().mkpath(QFile::decodeName(path.left(path.lastIndexOf('/')))));
    const int fd = ::open(path.constData(), O_CREAT | O_WRONLY | O_TRUNC, 0644);
    QVERIFY(fd >= 0);
    const QByteArray data(bytes, 'x');
    QCOMPARE(::write(fd, data.constData(), size_t(data.size())), ssize_t(bytes));
    ::close(fd);
}

void TestHostileTree::specialFilesAreNeverOpened()
{
    write("python/pkg/mod.py", 11);
    QCOMPARE(mkfifo(base() + "/python/pkg/pipe", 0644), 0); // opening it would block forever
    const int s = socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    const QByteArray sockPath = base() + "/python/pkg/sock";
    QVERIFY(sockPath.size() < qsizetype(sizeof addr.sun_path));
    qstrcpy(addr.sun_path, sockPath.constData());
    QCOMPARE(bind(s, reinterpret_cast<sockaddr *>(&addr), sizeof addr), 0);

    hostile::SourceGuard guard(m_dir->path());
    QString error;
    auto tree = DirectoryScanner::scan(m_dir->path(), &error);
    QVERIFY2(tree, qPrintable(error));
    QCOMPARE(tree->kind(tree->find("python/pkg/pipe")), NodeKind::Fifo);
    QCOMPARE(tree->kind(tree->find("python/pkg/sock")), NodeKind::Socket);
    const auto run = hostile::cli({QStringLiteral("scan"), m_dir->path(), QStringLiteral("--json")}, 20000);
    ::close(s);
    QVERIFY2(run.finished, "the CLI hung on a FIFO or socket");
    QCOMPARE(run.exitCode, 0);
    const QJsonObject o = run.json();
    QCOMPARE(o.value(QStringLiteral("files")).toInt(),
             sh(QStringLiteral("find %1 -type f | wc -l").arg(quoted(m_dir->path()))).trimmed().toInt());
    QCOMPARE(o.value(QStringLiteral("bytes")).toInteger(), 11);
    QVERIFY(guard.unchanged());
    reliability(QStringLiteral("FIFO and Unix socket in the tree"),
                QStringLiteral("listed as fifo/socket, never opened (CLI scan done in %1 ms), not counted, "
                               "never exported; source unchanged")
                    .arg(run.millis));
}

void TestHostileTree::devicesAreListed()
{
    if (geteuid() != 0)
        QSKIP("mknod needs root");
    write("python/pkg/mod.py", 3);
    QCOMPARE(mknod(base() + "/python/pkg/null", S_IFCHR | 0666, makedev(1, 3)), 0);
    QCOMPARE(mknod(base() + "/python/pkg/zero", S_IFCHR | 0666, makedev(1, 5)), 0); // reading it never ends
    hostile::SourceGuard guard(m_dir->path());
    QString error;
    auto tree = DirectoryScanner::scan(m_dir->path(), &error);
    QVERIFY(tree);
    QCOMPARE(tree->kind(tree->find("python/pkg/zero")), NodeKind::Device);
    QCOMPARE(tree->totalBytes(0), quint64(3));
    const auto run = hostile::cli({QStringLiteral("scan"), m_dir->path(), QStringLiteral("--json")}, 20000);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().value(QStringLiteral("files")).toInt(), 1);
    QVERIFY(guard.unchanged());
    reliability(QStringLiteral("character devices (/dev/zero, /dev/null made with mknod)"),
                QStringLiteral("listed as device, never opened, not counted, never exported"));
}

void TestHostileTree::symlinkTraps()
{
    write("python/pkg/real.py", 5);
    const QByteArray p = base() + "/python/pkg/";
    QCOMPARE(symlink("b", p + "a"), 0);
    QCOMPARE(symlink("a", p + "b"), 0);       // a <-> b loop
    QCOMPARE(symlink("self", p + "self"), 0); // self loop
    QCOMPARE(symlink("..", p + "parent"), 0); // a folder loop if followed
    QCOMPARE(symlink("nothing/here", p + "dangling"), 0);
    QCOMPARE(symlink("/etc", p + "absolute"), 0); // escapes, and is a real folder
    QCOMPARE(symlink("../../../..", p + "climb"), 0);
    QCOMPARE(symlink("../pkg/real.py", p + "inside"), 0);

    hostile::SourceGuard guard(m_dir->path());
    QString error;
    auto tree = DirectoryScanner::scan(m_dir->path(), &error);
    QVERIFY(tree);
    for (const char *name : {"a", "b", "self", "parent", "dangling", "absolute", "climb", "inside"})
        QCOMPARE(tree->kind(tree->find(QByteArray("python/pkg/") + name)), NodeKind::Symlink);
    QCOMPARE(tree->count(), FileTree::Index(1 + 2 + 9)); // root, python, pkg, real.py and 8 links: nothing followed
    for (const char *name : {"a", "b", "self", "dangling"})
        QVERIFY2(tree->flags(tree->find(QByteArray("python/pkg/") + name)) & FlagLinkDangling, name);
    for (const char *name : {"absolute", "climb"})
        QVERIFY2(tree->flags(tree->find(QByteArray("python/pkg/") + name)) & FlagLinkOutside, name);
    QVERIFY(!(tree->flags(tree->find("python/pkg/inside")) & (FlagLinkOutside | FlagLinkDangling)));
    QVERIFY(!(tree->flags(tree->find("python/pkg/parent")) & FlagLinkOutside));
    int loops = 0;
    for (const ScanIssue &issue : tree->issues())
        loops += issue.reason.contains(QStringLiteral("loop")) && issue.path.startsWith("python/pkg/");
    QCOMPARE(loops, 3);
    const auto run = hostile::cli({QStringLiteral("scan"), m_dir->path()}, 20000);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains("python/pkg/self: symlink loop"), run.err.constData());
    QVERIFY(guard.unchanged());
    reliability(QStringLiteral("symlink loops (a↔b, self, link to ..), dangling links, links to /etc and ../../.."),
                QStringLiteral("recorded as links, never followed; loops reported by path (\"symlink loop\"), "
                               "dangling and escaping links flagged"));
}

void TestHostileTree::treeChangingDuringScan()
{
    for (int d = 0; d < 20; ++d)
        for (int f = 0; f < 30; ++f)
            write(QStringLiteral("python/d%1/f%2.py").arg(d).arg(f).toUtf8(), f);
    std::atomic_bool stop{false};
    const QByteArray root = base() + "/python";
    // Creates, grows, truncates, renames and deletes files and folders as fast as it can.
    std::thread mutator([&] {
        for (unsigned n = 0; !stop.load(); ++n) {
            const QByteArray dir = root + "/d" + QByteArray::number(n % 20);
            const QByteArray file = dir + "/f" + QByteArray::number(n % 30) + ".py";
            switch (n % 5) {
            case 0:
                ::unlink(file.constData());
                break;
            case 1: {
                const int fd = ::open(file.constData(), O_CREAT | O_WRONLY | O_APPEND, 0644);
                if (fd >= 0) {
                    (void)!::write(fd, "growing\n", 8);
                    ::close(fd);
                }
                break;
            }
            case 2:
                (void)!::truncate(file.constData(), 0);
                break;
            case 3:
                ::rename(dir.constData(), (dir + ".moved").constData());
                ::rename((dir + ".moved").constData(), dir.constData());
                break;
            case 4: {
                const QByteArray tmp = root + "/t" + QByteArray::number(n % 7);
                ::mkdir(tmp.constData(), 0755);
                ::rmdir(tmp.constData());
                break;
            }
            }
        }
    });
    int scans = 0;
    int issues = 0;
    QElapsedTimer timer;
    timer.start();
    while (scans < 40 || timer.elapsed() < 500) {
        QString error;
        auto tree = DirectoryScanner::scan(m_dir->path(), &error);
        QVERIFY2(tree, qPrintable(error));
        // Whatever the walk saw, the tree is consistent.
        std::uint64_t bytes = 0;
        for (FileTree::Index i = 1; i < tree->count(); ++i) {
            QVERIFY(tree->parent(i) < i);
            QVERIFY(tree->subtreeEnd(i) <= tree->subtreeEnd(tree->parent(i)));
            bytes += tree->size(i);
        }
        QCOMPARE(tree->totalBytes(0), bytes);
        for (const ScanIssue &issue : tree->issues()) {
            QVERIFY(!issue.path.isEmpty());
            QVERIFY(!issue.reason.isEmpty());
        }
        issues += int(tree->issues().size());
        ++scans;
        if (timer.elapsed() > 5000)
            break;
    }
    stop = true;
    mutator.join();
    reliability(QStringLiteral("files and folders vanishing, growing, truncated and renamed during the scan "
                               "(a thread mutating the tree)"),
                QStringLiteral("%1 scans, each a consistent tree (parents, ranges, totals); %2 vanished paths "
                               "reported by path with a reason; no crash")
                    .arg(scans)
                    .arg(issues));
}

void TestHostileTree::unreadableAsUnprivilegedUser()
{
    const hostile::Unprivileged nobody;
    QVERIFY2(nobody.available(), qPrintable(nobody.error));
    write("python/ok/mod.py", 4);
    write("python/locked/inner.py", 100);
    write("python/noexec/hidden.py", 7);
    write("python/noexec/sub/deeper.py", 11);
    write("python/ok/deep/locked/inner.py", 100);
    write("python/secret.py", 9);
    QCOMPARE(::chmod(base() + "/python/locked", 0), 0);
    QCOMPARE(::chmod(base() + "/python/ok/deep/locked", 0), 0); // below the folders split between threads
    QCOMPARE(::chmod(base() + "/python/noexec", 0644), 0);      // names readable, entries not
    QCOMPARE(::chmod(base() + "/python/secret.py", 0), 0);
    hostile::openUp(m_dir->path());
    QCOMPARE(::chmod(base() + "/python", 0755), 0);

    hostile::SourceGuard guard(m_dir->path());
    const auto run = nobody.cli({QStringLiteral("scan"), m_dir->path(), QStringLiteral("--json")}, 20000);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains("python/locked: Permission denied"), run.err.constData());
    QVERIFY2(run.err.contains("python/noexec/hidden.py: Permission denied"), run.err.constData());
    QVERIFY2(run.err.contains("python/noexec/sub: Permission denied"), run.err.constData());
    QVERIFY2(run.err.contains("python/ok/deep/locked: Permission denied"), run.err.constData());
    const QJsonObject o = run.json();
    QCOMPARE(o.value(QStringLiteral("files")).toInt(), 2); // ok/mod.py and secret.py (listing needs no read)
    QCOMPARE(o.value(QStringLiteral("bytes")).toInteger(), 13);
    const auto denied = hostile::run(QStringLiteral("true"), {}, 5000, nobody.prefix);
    QCOMPARE(denied.exitCode, 0); // the prefix itself works
    QVERIFY(guard.unchanged());
    reliability(
        QStringLiteral("unreadable folder (mode 000), folder without x (0644), unreadable file, %1")
            .arg(geteuid() == 0 ? QStringLiteral("as uid 65534 via setpriv") : QStringLiteral("as a non-root user")),
        QStringLiteral("scan completes (exit 0); each refusal named: \"python/locked: Permission denied\"; "
                       "the unreadable file is listed (scanning never opens files)"));
}

void TestHostileTree::byteNames()
{
    const QList<QByteArray> names{"caf\xe9.py",   "new\nline.py", "back\\slash.py", "\xff\xfe.bin",
                                  "tab\there.py", "-rf",          "*.py",           "sp ace.py"};
    for (const QByteArray &n : names)
        write("python/pkg/" + n, 3);
    hostile::SourceGuard guard(m_dir->path());
    QString error;
    auto tree = DirectoryScanner::scan(m_dir->path(), &error);
    QVERIFY(tree);
    for (const QByteArray &n : names) {
        const FileTree::Index node = tree->find("python/pkg/" + n);
        QVERIFY2(node != FileTree::kNone, n.constData());
        QCOMPARE(tree->name(node).toByteArray(), n);
        QCOMPARE(bool(tree->flags(node) & FlagNonUtf8Name), !FileTree::isValidUtf8(n));
    }
    const auto run = hostile::cli({QStringLiteral("scan"), m_dir->path(), QStringLiteral("--json")}, 20000);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().value(QStringLiteral("files")).toInt(), int(names.size()));
    QVERIFY(guard.unchanged());
    reliability(QStringLiteral("names not valid UTF-8 (\\xe9, \\xff\\xfe), with newline, tab, backslash, '*', "
                               "leading '-'"),
                QStringLiteral("kept as raw bytes (byte-exact), shown with \\xNN escapes, counted"));
}

void TestHostileTree::deepChainPastPathMax()
{
    // 4,000 folders of 100-byte names: the leaf's path is ~404 KB, 100 x PATH_MAX.
    const QByteArray name(100, 'd');
    int fd = ::open(base().constData(), O_RDONLY | O_DIRECTORY);
    for (int level = 0; level < 4000; ++level) {
        QCOMPARE(mkdirat(fd, name.constData(), 0755), 0);
        const int next = openat(fd, name.constData(), O_RDONLY | O_DIRECTORY);
        QVERIFY(next >= 0);
        ::close(fd);
        fd = next;
    }
    const int leaf = openat(fd, "leaf.py", O_CREAT | O_WRONLY, 0644);
    QCOMPARE(::write(leaf, "deep", 4), ssize_t(4));
    ::close(leaf);
    ::close(fd);

    const long rssBefore = hostile::peakRssKiB();
    QElapsedTimer timer;
    timer.start();
    QString error;
    auto tree = DirectoryScanner::scan(m_dir->path(), &error);
    const qint64 ms = timer.elapsed();
    QVERIFY2(tree, qPrintable(error));
    QCOMPARE(tree->dirCount(), 4000u);
    QCOMPARE(tree->fileCount(), 1u);
    QCOMPARE(tree->totalBytes(0), quint64(4));
    const FileTree::Index node = tree->count() - 1;
    QCOMPARE(tree->depth(node), 4001);
    QCOMPARE(tree->path(node).size(), qsizetype(4000 * 101 + 7));
    QVERIFY(tree->issues().empty());
    const long grewKiB = hostile::peakRssKiB() - rssBefore;
    if (hostile::kMemoryBoundsHold)
        QVERIFY2(grewKiB < 150 * 1024, qPrintable(QString::number(grewKiB))); // keeping a path per level took ~900 MB
    const auto run = hostile::cli({QStringLiteral("scan"), m_dir->path(), QStringLiteral("--json")}, 20000);
    QVERIFY2(run.finished, "the CLI took more than 20 s on a deep chain");
    QCOMPARE(run.json().value(QStringLiteral("dirs")).toInt(), 4000);
    reliability(QStringLiteral("4,000-level folder chain, 100-byte names (leaf path 404 KB, ~100x PATH_MAX)"),
                QStringLiteral("scanned whole via openat (%1 ms, peak memory +%2 MB; CLI scan with all rules %3 ms); "
                               "4,000 folders, leaf found")
                    .arg(ms)
                    .arg(grewKiB / 1024)
                    .arg(run.millis));
}

void TestHostileTree::sparseFilesAndHardLinks()
{
    write("python/pkg/real.py", 1000);
    const QByteArray sparse = base() + "/python/pkg/sparse.bin";
    const int fd = ::open(sparse.constData(), O_CREAT | O_WRONLY, 0644);
    QCOMPARE(ftruncate(fd, qint64(1) << 28), 0); // 256 MiB that take no blocks
    ::close(fd);
    QCOMPARE(::link(base() + "/python/pkg/real.py", base() + "/python/pkg/hard.py"), 0);
    hostile::SourceGuard guard(m_dir->path());
    QString error;
    auto tree = DirectoryScanner::scan(m_dir->path(), &error);
    QVERIFY(tree);
    const quint64 expected =
        sh(QStringLiteral("find %1 -type f -printf '%s\\n' | awk '{s+=$1} END {print s}'").arg(quoted(m_dir->path())))
            .trimmed()
            .toULongLong();
    QCOMPARE(tree->totalBytes(0), expected); // apparent sizes, as the zip (and Lambda) count them
    QCOMPARE(tree->size(tree->find("python/pkg/sparse.bin")), quint64(1) << 28);
    QVERIFY(tree->flags(tree->find("python/pkg/hard.py")) & FlagHardLink);
    QVERIFY(tree->flags(tree->find("python/pkg/real.py")) & FlagHardLink);
    const auto run = hostile::cli({QStringLiteral("scan"), m_dir->path(), QStringLiteral("--json")}, 20000);
    QCOMPARE(run.json().value(QStringLiteral("bytes")).toInteger(), qint64(expected));
    QVERIFY(guard.unchanged());
    reliability(QStringLiteral("sparse 256 MiB file (no blocks), hard links"),
                QStringLiteral("counted at apparent size (what unzip creates and Lambda counts); each hard link "
                               "counted and flagged"));
}

void TestHostileTree::cancelIsPrompt()
{
    // A wide folder (cancel inside one huge listing) and a deep one.
    sh(QStringLiteral("cd %1 && mkdir -p python/wide && cd python/wide && seq 1 30000 | xargs touch")
           .arg(quoted(m_dir->path())));
    QList<qint64> latencies;
    for (int delayMs : {0, 5, 20, 40}) {
        JobControl control;
        std::atomic<qint64> cancelledAt{0};
        QElapsedTimer clock;
        clock.start();
        std::unique_ptr<FileTree> tree;
        std::thread worker([&] {
            QString error;
            tree = DirectoryScanner::scan(m_dir->path(), &error, &control);
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        cancelledAt = clock.nsecsElapsed();
        control.cancel();
        worker.join();
        const qint64 latencyUs = (clock.nsecsElapsed() - cancelledAt) / 1000;
        latencies << latencyUs;
        QVERIFY(tree);
        QVERIFY2(latencyUs < 2'000'000, qPrintable(QString::number(latencyUs))); // sanity bound, not the goal
    }
    std::sort(latencies.begin(), latencies.end());
    reliability(QStringLiteral("cancel during the scan of a 30,000-entry folder"),
                QStringLiteral("scan returns a consistent partial tree; cancel-to-return %1–%2 µs")
                    .arg(latencies.first())
                    .arg(latencies.last()));
}

QTEST_GUILESS_MAIN(TestHostileTree)
#include "tst_hostiletree.moc"
