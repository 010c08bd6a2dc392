// hugepages::allocate against the kernel's own view of the process
// (/proc/self/smaps): a large block starts at a 2 MiB boundary, its mapping
// ends where the block ends (so no huge page reaches past it), what is
// resident after every byte is touched is within footprint(), and the memory
// is gone once freed. BigVector keeps its values as it grows past the
// threshold.
#include "base/hugepages.h"

#include <QFile>
#include <QtTest>

#include <cctype>
#include <cstdint>
#include <cstring>

namespace {

constexpr std::size_t kMiB = std::size_t(1) << 20;

struct Mapping {
    bool found = false;
    std::uintptr_t start = 0;
    std::uintptr_t end = 0;
    std::size_t rssBytes = 0;
};

// The mapping holding `p`, as /proc/self/smaps lists it.
Mapping mappingOf(const void *p)
{
    Mapping out;
    QFile smaps(QStringLiteral("/proc/self/smaps"));
    if (!smaps.open(QIODevice::ReadOnly))
        return out;
    const auto at = reinterpret_cast<std::uintptr_t>(p);
    bool inside = false;
    for (const QByteArray &line : smaps.readAll().split('\n')) {
        const qsizetype dash = line.indexOf('-');
        const qsizetype space = line.indexOf(' ');
        const bool header = !line.isEmpty() && (std::isdigit(uchar(line[0])) || (line[0] >= 'a' && line[0] <= 'f'));
        if (header && dash > 0 && space > dash) { // "start-end perms offset dev inode [path]"; keys are "Rss:" etc.
            bool ok1 = false, ok2 = false;
            const std::uintptr_t start = line.left(dash).toULongLong(&ok1, 16);
            const std::uintptr_t end = line.mid(dash + 1, space - dash - 1).toULongLong(&ok2, 16);
            inside = ok1 && ok2 && start <= at && at < end;
            if (inside) {
                out.found = true;
                out.start = start;
                out.end = end;
            }
        } else if (inside && line.startsWith("Rss:")) {
            out.rssBytes = std::size_t(line.mid(4).trimmed().split(' ').first().toULongLong()) * 1024;
        }
    }
    return out;
}

} // namespace

class TestHugePages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smallBlocksComeFromTheHeap();
    void largeBlockEndsWhereItsBytesEnd();
    void bigVectorKeepsItsValuesAsItGrows();
};

void TestHugePages::smallBlocksComeFromTheHeap()
{
    const std::size_t bytes = hugepages::kThreshold - 1;
    QCOMPARE(hugepages::footprint(bytes), bytes);
    void *p = hugepages::allocate(bytes);
    std::memset(p, 0x5a, bytes);
    QCOMPARE(static_cast<unsigned char *>(p)[bytes - 1], 0x5a);
    hugepages::deallocate(p, bytes);
}

void TestHugePages::largeBlockEndsWhereItsBytesEnd()
{
    // 2.5 MiB and a bit: one whole huge page and a tail that is not one.
    const std::size_t bytes = 5 * kMiB / 2 + 100;
    const std::size_t footprint = hugepages::footprint(bytes);
    QVERIFY(footprint >= bytes);
    QVERIFY2(footprint < bytes + 64 * 1024, "a block takes no more than its last small page");
    auto *p = static_cast<unsigned char *>(hugepages::allocate(bytes));
    QCOMPARE(reinterpret_cast<std::uintptr_t>(p) % (2 * kMiB), std::uintptr_t(0));
    for (std::size_t i = 0; i < bytes; ++i)
        p[i] = static_cast<unsigned char>(i * 31);
    for (std::size_t i = 0; i < bytes; i += 4093)
        QCOMPARE(p[i], static_cast<unsigned char>(i * 31));

    const Mapping m = mappingOf(p);
    QVERIFY(m.found);
    // The mapping ends with the block, not at the next 2 MiB boundary (its
    // start is not compared: the kernel may merge it with a mapping before).
    QCOMPARE(m.end, reinterpret_cast<std::uintptr_t>(p) + footprint);
    if (m.start == reinterpret_cast<std::uintptr_t>(p)) // a mapping of its own: its Rss is the block's
        QVERIFY2(m.rssBytes <= footprint,
                 qPrintable(QStringLiteral("resident %1 of %2").arg(m.rssBytes).arg(footprint)));

    hugepages::deallocate(p, bytes);
    QVERIFY(!mappingOf(p).found);
}

void TestHugePages::bigVectorKeepsItsValuesAsItGrows()
{
    // From the heap into a mapped block and through several mapped blocks.
    BigVector<std::uint64_t> v;
    const std::size_t n = 3 * kMiB; // 24 MiB of values at the end
    for (std::size_t i = 0; i < n; ++i)
        v.push_back(i * 2654435761u);
    QVERIFY(v.capacity() * sizeof(std::uint64_t) >= hugepages::kThreshold);
    for (std::size_t i = 0; i < n; i += 997)
        QCOMPARE(v[i], std::uint64_t(i * 2654435761u));
    QCOMPARE(v.back(), std::uint64_t((n - 1) * 2654435761u));
}

QTEST_GUILESS_MAIN(TestHugePages)
#include "tst_hugepages.moc"
