// writeAll and copyOpenFile on real files, a FIFO, a descriptor that cannot
// be read and /dev/full: a copy is byte for byte, a source that grew or shrank
// since the scan is told (and nothing past the scanned size is written), and
// read and write failures say which side failed and why.
#include "base/fdio.h"
#include "base/uniquefd.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {

QByteArray pattern(qsizetype size)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = char((i * 7 + i / 251) & 0xff);
    return out;
}

} // namespace

class TestFdIo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void copiesEveryByte_data();
    void copiesEveryByte();
    void grownFileIsToldAndCutAtTheScannedSize();
    void shrunkFileIsTold();
    void fifoIsNotCopied();
    void readFailureIsTheSource();
    void writeFailureIsTheCopy();
    void writeAllWritesEveryByte();

private:
    QString write(const QString &name, const QByteArray &bytes);
    UniqueFd openRead(const QString &path) const;
    UniqueFd openCopy(const QString &name);
    QByteArray read(const QString &name) const;

    QTemporaryDir m_tmp;
};

QString TestFdIo::write(const QString &name, const QByteArray &bytes)
{
    QFile f(m_tmp.filePath(name));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(f.fileName()));
    return f.fileName();
}

UniqueFd TestFdIo::openRead(const QString &path) const
{
    return UniqueFd(::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC));
}

UniqueFd TestFdIo::openCopy(const QString &name)
{
    return UniqueFd(
        ::open(QFile::encodeName(m_tmp.filePath(name)).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
}

QByteArray TestFdIo::read(const QString &name) const
{
    QFile f(m_tmp.filePath(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("(missing)");
}

void TestFdIo::init()
{
    QVERIFY(m_tmp.isValid());
}

void TestFdIo::copiesEveryByte_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::newRow("empty") << qsizetype(0);
    QTest::newRow("one byte") << qsizetype(1);
    QTest::newRow("one buffer exactly") << qsizetype(1 << 20);
    QTest::newRow("three buffers and a bit") << qsizetype((3 << 20) + 12345);
}

void TestFdIo::copiesEveryByte()
{
    QFETCH(qsizetype, size);
    const QByteArray bytes = pattern(size);
    const UniqueFd in = openRead(write(QStringLiteral("source"), bytes));
    const UniqueFd out = openCopy(QStringLiteral("copy"));
    QString why;
    QCOMPARE(copyOpenFile(in.get(), std::uint64_t(size), out.get(), &why), CopyOutcome::Copied);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(read(QStringLiteral("copy")), bytes);
}

void TestFdIo::grownFileIsToldAndCutAtTheScannedSize()
{
    // The scan saw 100 bytes; the file has 3 MiB now.
    const QByteArray bytes = pattern(3 << 20);
    const UniqueFd in = openRead(write(QStringLiteral("grown"), bytes));
    const UniqueFd out = openCopy(QStringLiteral("grown-copy"));
    QString why;
    QCOMPARE(copyOpenFile(in.get(), 100, out.get(), &why), CopyOutcome::Changed);
    QCOMPARE(why, QStringLiteral("changed since the scan; scan again"));
    QVERIFY2(read(QStringLiteral("grown-copy")).size() <= 100, "wrote past the scanned size");
}

void TestFdIo::shrunkFileIsTold()
{
    const UniqueFd in = openRead(write(QStringLiteral("shrunk"), pattern(4000)));
    const UniqueFd out = openCopy(QStringLiteral("shrunk-copy"));
    QString why;
    QCOMPARE(copyOpenFile(in.get(), 5000, out.get(), &why), CopyOutcome::Changed);
    QCOMPARE(why, QStringLiteral("changed since the scan; scan again"));
}

void TestFdIo::fifoIsNotCopied()
{
    // Opened without blocking and never read: a FIFO is refused by its type.
    const QByteArray fifo = QFile::encodeName(m_tmp.filePath(QStringLiteral("fifo")));
    QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
    const UniqueFd in(::open(fifo.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    QVERIFY(in.valid());
    const UniqueFd out = openCopy(QStringLiteral("fifo-copy"));
    QString why;
    QCOMPARE(copyOpenFile(in.get(), 10, out.get(), &why), CopyOutcome::Changed);
    QCOMPARE(read(QStringLiteral("fifo-copy")), QByteArray());
}

void TestFdIo::readFailureIsTheSource()
{
    // A regular file open for writing only cannot be read (EBADF).
    const QString path = write(QStringLiteral("write-only"), pattern(10));
    const UniqueFd in(::open(QFile::encodeName(path).constData(), O_WRONLY | O_CLOEXEC));
    QVERIFY(in.valid());
    const UniqueFd out = openCopy(QStringLiteral("write-only-copy"));
    QString why;
    QCOMPARE(copyOpenFile(in.get(), 10, out.get(), &why), CopyOutcome::ReadFailed);
    QCOMPARE(why, QStringLiteral("read error: %1").arg(QString::fromLocal8Bit(strerror(EBADF))));
}

void TestFdIo::writeFailureIsTheCopy()
{
    const UniqueFd in = openRead(write(QStringLiteral("to-full"), pattern(5000)));
    const UniqueFd full(::open("/dev/full", O_WRONLY | O_CLOEXEC));
    QVERIFY(full.valid());
    QString why;
    QCOMPARE(copyOpenFile(in.get(), 5000, full.get(), &why), CopyOutcome::WriteFailed);
    QCOMPARE(why, QStringLiteral("cannot write: %1").arg(QString::fromLocal8Bit(strerror(ENOSPC))));
}

void TestFdIo::writeAllWritesEveryByte()
{
    // Through a pipe far smaller than the data, drained 4 KiB at a time by a second thread.
    int ends[2];
    QCOMPARE(::pipe(ends), 0);
    const UniqueFd readEnd(ends[0]);
    UniqueFd writeEnd(ends[1]);
    const QByteArray bytes = pattern(1 << 20);
    QByteArray got;
    std::thread reader([&] {
        char buf[4096];
        for (ssize_t n; (n = ::read(readEnd.get(), buf, sizeof buf)) > 0;)
            got.append(buf, n);
    });
    const bool wrote = writeAll(writeEnd.get(), bytes.constData(), std::size_t(bytes.size()));
    writeEnd.reset(); // the reader sees the end
    reader.join();
    QVERIFY(wrote);
    QCOMPARE(got, bytes);
    const UniqueFd full(::open("/dev/full", O_WRONLY | O_CLOEXEC));
    errno = 0;
    QVERIFY(!writeAll(full.get(), bytes.constData(), 10));
    QCOMPARE(errno, ENOSPC);
}

QTEST_GUILESS_MAIN(TestFdIo)
#include "tst_fdio.moc"
