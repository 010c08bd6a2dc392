// FileTree and DirectoryScanner on generated trees, checked against find/stat.
#include "scan/directoryscanner.h"
#include "scan/layer.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using testsupport::quoted;
using testsupport::sh;

class TestFileTree : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void preorderRangesAndTotals();
    void specialFilesAreListedNotOpened();
    void nonUtf8NamesRoundTrip();
    void missingRootIsAnError();
    void matchesFindOnGeneratedTree();
    void packageRootFindsPythonFolder();
    void cancelStopsTheScan();
    void parallelScanEqualsPreorder();
    void appendTreeClosesWhatAFragmentLeftOpen();
    void appendTreeCopiesAFolderFromTheMiddle();
};

static void writeFile(const QString &path, qsizetype bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(bytes, 'x'));
}

void TestFileTree::preorderRangesAndTotals()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("a/x.py")), 10);
    writeFile(dir.filePath(QStringLiteral("a/b/y.so")), 300);
    writeFile(dir.filePath(QStringLiteral("a.txt")), 7);
    writeFile(dir.filePath(QStringLiteral("c/z")), 0);

    QString error;
    auto tree = DirectoryScanner::scan(dir.path(), &error);
    QVERIFY2(tree, qPrintable(error));
    QCOMPARE(tree->fileCount(), 4u);
    QCOMPARE(tree->dirCount(), 3u);
    QCOMPARE(tree->totalBytes(0), quint64(317));

    const FileTree::Index a = tree->find("a");
    QVERIFY(a != FileTree::kNone);
    QCOMPARE(tree->totalBytes(a), quint64(310));
    QCOMPARE(tree->totalFiles(a), 2u);
    // Everything under a/ is the contiguous range [a, end).
    for (FileTree::Index i = a + 1; i < tree->subtreeEnd(a); ++i)
        QVERIFY(tree->path(i).startsWith("a/"));
    const FileTree::Index y = tree->find("a/b/y.so");
    QCOMPARE(tree->path(y), QByteArray("a/b/y.so"));
    QCOMPARE(tree->size(y), quint64(300));
    QCOMPARE(tree->parent(y), tree->find("a/b"));
    QCOMPARE(tree->depth(y), 3);
    QVERIFY(tree->find("a/nope") == FileTree::kNone);
}

void TestFileTree::specialFilesAreListedNotOpened()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("pkg/real.py")), 5);
    writeFile(dir.filePath(QStringLiteral("other/x.py")), 0); // two folders: walked in parallel
    const QByteArray base = QFile::encodeName(dir.path());
    QCOMPARE(mkfifo((base + "/pkg/pipe").constData(), 0644), 0); // opening it would block forever
    QCOMPARE(symlink("real.py", (base + "/pkg/link").constData()), 0);
    QCOMPARE(symlink("../../../etc/passwd", (base + "/pkg/escape").constData()), 0);
    QCOMPARE(symlink("missing", (base + "/pkg/dangling").constData()), 0);
    QCOMPARE(symlink("loop", (base + "/pkg/loop").constData()), 0);
    QCOMPARE(symlink("..", (base + "/pkg/up").constData()), 0); // a directory loop if followed

    QString error;
    auto tree = DirectoryScanner::scan(dir.path(), &error);
    QVERIFY(tree);
    QCOMPARE(tree->kind(tree->find("pkg/pipe")), NodeKind::Fifo);
    QCOMPARE(tree->kind(tree->find("pkg/link")), NodeKind::Symlink);
    QCOMPARE(tree->kind(tree->find("pkg/up")), NodeKind::Symlink);
    QVERIFY(tree->flags(tree->find("pkg/escape")) & FlagLinkOutside);
    QVERIFY(!(tree->flags(tree->find("pkg/link")) & FlagLinkOutside));
    QVERIFY(tree->flags(tree->find("pkg/dangling")) & FlagLinkDangling);
    QVERIFY(tree->flags(tree->find("pkg/loop")) & FlagLinkDangling);
    QCOMPARE(tree->fileCount(), 2u); // only the regular files count
    QCOMPARE(tree->totalBytes(0), quint64(5));
    bool loopReported = false;
    for (const ScanIssue &issue : tree->issues())
        loopReported = loopReported || (issue.path == "pkg/loop" && issue.reason.contains(QStringLiteral("loop")));
    QVERIFY(loopReported);
}

void TestFileTree::nonUtf8NamesRoundTrip()
{
    QTemporaryDir dir;
    const QByteArray name("caf\xe9\n\\x.py");
    const QByteArray path = QFile::encodeName(dir.path()) + '/' + name;
    const int fd = ::open(path.constData(), O_CREAT | O_WRONLY, 0644);
    QVERIFY(fd >= 0);
    QCOMPARE(::write(fd, "abc", 3), ssize_t(3));
    ::close(fd);

    QString error;
    auto tree = DirectoryScanner::scan(dir.path(), &error);
    QVERIFY(tree);
    const FileTree::Index node = tree->find(name);
    QVERIFY(node != FileTree::kNone);
    QCOMPARE(tree->name(node).toByteArray(), name);
    QVERIFY(tree->flags(node) & FlagNonUtf8Name);
    QCOMPARE(tree->displayPath(node), QStringLiteral("caf\\xe9\n\\x.py"));
    QCOMPARE(::unlink(path.constData()), 0); // QTemporaryDir cannot remove names that are not UTF-8
}

void TestFileTree::missingRootIsAnError()
{
    QString error;
    auto tree = DirectoryScanner::scan(QStringLiteral("/nonexistent/layer"), &error);
    QVERIFY(!tree);
    QVERIFY(error.contains(QStringLiteral("/nonexistent/layer")));
    QVERIFY(error.contains(QStringLiteral("No such file")));
    const Layer layer = Layer::open(QStringLiteral("/nonexistent/layer"), &error);
    QVERIFY(!layer.tree);
}

void TestFileTree::matchesFindOnGeneratedTree()
{
    QTemporaryDir dir;
    // A few hundred files of varied sizes in nested packages.
    for (int p = 0; p < 7; ++p)
        for (int d = 0; d < 6; ++d)
            for (int f = 0; f < 9; ++f)
                writeFile(dir.filePath(QStringLiteral("pkg%1/sub%2/f%3.py").arg(p).arg(d).arg(f)),
                          (p * 131 + d * 17 + f * 7) % 997);
    QString error;
    auto tree = DirectoryScanner::scan(dir.path(), &error);
    QVERIFY(tree);
    const QString q = quoted(dir.path());
    QCOMPARE(QString::number(tree->fileCount()),
             QString::fromLatin1(sh(QStringLiteral("find %1 -type f | wc -l").arg(q))).trimmed());
    QCOMPARE(QString::number(tree->dirCount()),
             QString::fromLatin1(sh(QStringLiteral("find %1 -mindepth 1 -type d | wc -l").arg(q))).trimmed());
    QCOMPARE(
        QString::number(tree->totalBytes(0)),
        QString::fromLatin1(sh(QStringLiteral("find %1 -type f -printf '%s\\n' | awk '{s+=$1} END {print s}'").arg(q)))
            .trimmed());
    QCOMPARE(QString::number(tree->totalBytes(tree->find("pkg3"))),
             QString::fromLatin1(
                 sh(QStringLiteral("find %1/pkg3 -type f -printf '%s\\n' | awk '{s+=$1} END {print s}'").arg(q)))
                 .trimmed());
}

void TestFileTree::packageRootFindsPythonFolder()
{
    QTemporaryDir dir;
    writeFile(dir.filePath(QStringLiteral("python/numpy/__init__.py")), 3);
    QString error;
    auto tree = DirectoryScanner::scan(dir.path(), &error);
    QCOMPARE(tree->packageRoot(), tree->find("python"));
    const FileTree::Index init = tree->find("python/numpy/__init__.py");
    QCOMPARE(tree->packagePath(init), QByteArray("numpy/__init__.py"));
    QCOMPARE(tree->topLevelOf(init), tree->find("python/numpy"));

    QTemporaryDir site;
    writeFile(site.filePath(QStringLiteral("python/lib/python3.10/site-packages/six.py")), 3);
    tree = DirectoryScanner::scan(site.path(), &error);
    QCOMPARE(tree->packageRoot(), tree->find("python/lib/python3.10/site-packages"));
}

void TestFileTree::cancelStopsTheScan()
{
    QTemporaryDir dir;
    for (int i = 0; i < 2000; ++i)
        writeFile(dir.filePath(QStringLiteral("d%1/f").arg(i)), 1);
    JobControl control;
    control.cancel();
    QString error;
    auto tree = DirectoryScanner::scan(dir.path(), &error, &control);
    QVERIFY(tree);
    QVERIFY(tree->fileCount() < 2000u);
}

void TestFileTree::parallelScanEqualsPreorder()
{
    // Folders are walked on several threads and spliced; the result must be the
    // byte-sorted preorder that `find | sort` describes.
    QTemporaryDir dir;
    for (int p = 0; p < 9; ++p)
        for (int d = 0; d < 4; ++d)
            writeFile(dir.filePath(QStringLiteral("python/p%1/d%2/m.py").arg(p).arg(d)), p + d);
    writeFile(dir.filePath(QStringLiteral("python/top.py")), 1);
    // Issues met inside the folders the workers walk keep their full paths.
    QVERIFY(QFile::link(QStringLiteral("loop"), dir.filePath(QStringLiteral("python/p2/d1/loop"))));
    QVERIFY(QFile::link(QStringLiteral("self"), dir.filePath(QStringLiteral("python/p7/self"))));
    QString error;
    auto tree = DirectoryScanner::scan(dir.path(), &error);
    QVERIFY(tree);
    QByteArrayList issues;
    for (const ScanIssue &issue : tree->issues()) {
        QCOMPARE(issue.reason, QStringLiteral("symlink loop"));
        issues << issue.path;
    }
    std::sort(issues.begin(), issues.end());
    QCOMPARE(issues, QByteArrayList({"python/p2/d1/loop", "python/p7/self"}));
    const QByteArray bytes = sh(QStringLiteral("find %1 -type f -printf '%s\\n' | awk '{ s += $1 } END { print s }'")
                                    .arg(quoted(dir.filePath(QStringLiteral("python/p3")))))
                                 .trimmed();
    QCOMPARE(tree->totalBytes(tree->find("python/p3")), bytes.toULongLong());
    QByteArrayList paths;
    for (FileTree::Index i = 1; i < tree->count(); ++i) {
        paths << tree->path(i);
        QVERIFY(tree->parent(i) < i);
        QVERIFY(tree->subtreeEnd(i) <= tree->subtreeEnd(tree->parent(i)));
    }
    const QByteArrayList expected =
        sh(QStringLiteral("cd %1 && find . -mindepth 1 | sed 's#^./##' | LC_ALL=C sort -t/ -k1,1 -k2,2 -k3,3 -k4,4")
               .arg(quoted(dir.path())))
            .trimmed()
            .split('\n');
    QCOMPARE(paths, expected);
}

void TestFileTree::appendTreeClosesWhatAFragmentLeftOpen()
{
    // A tree with a/ and a/b/ still open, and the same tree finished: both
    // splice to the same tree.
    for (const bool finished : {false, true}) {
        FileTree fragment;
        fragment.beginDirectory("a", 0755);
        fragment.addLeaf("x", NodeKind::File, 5, 0644);
        fragment.beginDirectory("b", 0755);
        fragment.addLeaf("y", NodeKind::File, 7, 0644);
        if (finished)
            fragment.finish();
        FileTree tree;
        tree.addLeaf("first", NodeKind::File, 1, 0644);
        tree.reserve(7, 16); // less than needed: the splice still grows the tree
        tree.appendTree(fragment, 0, "frag", 0755);
        tree.addLeaf("last", NodeKind::File, 2, 0644);
        tree.finish();
        QByteArrayList paths;
        for (FileTree::Index i = 1; i < tree.count(); ++i)
            paths << tree.path(i);
        QCOMPARE(paths, QByteArrayList({"first", "frag", "frag/a", "frag/a/x", "frag/a/b", "frag/a/b/y", "last"}));
        const FileTree::Index last = tree.find("last");
        QCOMPARE(tree.subtreeEnd(tree.find("frag")), last);
        QCOMPARE(tree.subtreeEnd(tree.find("frag/a")), last);
        QCOMPARE(tree.subtreeEnd(tree.find("frag/a/b")), last);
        QCOMPARE(tree.parent(tree.find("frag/a/b/y")), tree.find("frag/a/b"));
        QCOMPARE(tree.parent(tree.find("frag/a")), tree.find("frag"));
        QCOMPARE(tree.totalBytes(tree.find("frag")), std::uint64_t(12));
        QCOMPARE(tree.totalBytes(0), std::uint64_t(15));
        QCOMPARE(tree.nameBytes(), qsizetype(QByteArray("firstfragaxbylast").size()));
    }
}

void TestFileTree::appendTreeCopiesAFolderFromTheMiddle()
{
    // b/ sits between a/ and d in its tree: only b/ and what is below it
    // move, renamed, with names, parents and ends shifted to where it lands.
    FileTree from;
    from.beginDirectory("a", 0755);
    from.addLeaf("x", NodeKind::File, 3, 0644);
    from.endDirectory();
    const FileTree::Index b = from.beginDirectory("b", 0755);
    from.beginDirectory("c", 0755);
    from.addLeaf("y", NodeKind::File, 5, 0644);
    from.endDirectory();
    from.addLeaf("z", NodeKind::File, 7, 0644);
    from.endDirectory();
    from.addLeaf("d", NodeKind::File, 11, 0644);

    FileTree tree;
    tree.addLeaf("first", NodeKind::File, 1, 0644);
    tree.appendTree(from, b, "B", 0700);
    tree.addLeaf("last", NodeKind::File, 2, 0644);
    tree.finish();
    QByteArrayList paths;
    for (FileTree::Index i = 1; i < tree.count(); ++i)
        paths << tree.path(i);
    QCOMPARE(paths, QByteArrayList({"first", "B", "B/c", "B/c/y", "B/z", "last"}));
    const FileTree::Index copied = tree.find("B");
    QCOMPARE(tree.mode(copied), std::uint16_t(0700));
    QCOMPARE(tree.subtreeEnd(copied), tree.find("last"));
    QCOMPARE(tree.subtreeEnd(tree.find("B/c")), tree.find("B/z"));
    QCOMPARE(tree.parent(tree.find("B/c/y")), tree.find("B/c"));
    QCOMPARE(tree.parent(tree.find("B/z")), copied);
    QCOMPARE(tree.totalBytes(copied), std::uint64_t(12));
    QCOMPARE(tree.totalBytes(0), std::uint64_t(15));
    QCOMPARE(tree.nameBytes(), qsizetype(QByteArray("firstBcyzlast").size()));
}

QTEST_GUILESS_MAIN(TestFileTree)
#include "tst_filetree.moc"
