#include "export/zip/deflatepipeline.h"

#include "base/parallelruns.h"
#include "base/phaseclock.h"
#include "export/compressedsizecache.h"
#include "scan/nodeopener.h"

#include <QFile>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

struct Slot {
    EncodedEntry encoded;
    QString error;
    std::uint64_t held = 0; // budget bytes this slot holds until it is written
    bool ready = false;
};

// Shared state of one run. Budget is taken in plan order (a ticket per
// index), and released in plan order by the consumer, so the lowest
// unwritten entry always holds its budget and nothing can deadlock.
struct State {
    std::vector<Slot> slots;
    std::mutex mutex;
    std::condition_variable readyCv;
    std::condition_variable budgetCv;
    std::size_t nextTicket = 0;
    std::uint64_t inUse = 0;
    std::atomic<std::size_t> next{0};
    std::atomic_bool abort{false};
};

} // namespace

DeflatePipeline::DeflatePipeline(const FileTree &tree, const ExportPlan &plan, int level, int threads,
                                 std::uint64_t budget)
    : m_tree(tree)
    , m_plan(plan)
    , m_level(level)
    , m_threads(threads)
    , m_budget(budget)
{
    if (m_threads <= 0)
        m_threads = int(parallel::allCores());
}

QByteArray DeflatePipeline::sourcePath(const FileTree &tree, FileTree::Index node)
{
    return QFile::encodeName(tree.rootPath()) + '/' + tree.path(node);
}

bool DeflatePipeline::run(const Consumer &consume, JobControl *control, QString *error, bool *cancelled)
{
    const auto &entries = m_plan.entries();
    const std::size_t n = entries.size();
    State st;
    st.slots.resize(n);
    m_phases = ExportPhases{};
    constexpr double kSecond = 1e9;

    auto worker = [&] {
        EntryEncoder encoder(m_level);
        NodeOpener opener(m_tree);
        std::uint64_t openNs = 0;
        for (;;) {
            const std::size_t k = st.next.fetch_add(1);
            if (k >= n || st.abort.load())
                break;
            const PlanEntry &e = entries[k];
            const std::uint64_t cost =
                e.kind == NodeKind::File ? EntryEncoder::peakMemory(m_plan.fileSize(m_tree, e)) : 0;
            {
                std::unique_lock lock(st.mutex);
                st.budgetCv.wait(lock, [&] {
                    return st.abort.load() || (st.nextTicket == k && (st.inUse + cost <= m_budget || st.inUse == 0));
                });
                if (st.abort.load())
                    break;
                st.inUse += cost;
                ++st.nextTicket;
            }
            st.budgetCv.notify_all();
            Slot s;
            if (control && control->cancelled()) {
                s.error = QStringLiteral("cancelled");
            } else if (const TransformedFile *t = e.kind == NodeKind::File ? m_plan.transformed(e) : nullptr) {
                if (!encoder.encodeFile(t->path, t->size, true, &s.encoded, &s.error))
                    s.error = QStringLiteral("%1: %2").arg(QFile::decodeName(t->path), s.error);
            } else if (e.kind == NodeKind::File) {
                PhaseClock clock;
                const int fd = opener.openFile(e.node, &s.error);
                openNs += clock.lap();
                struct stat before; // filled by fstat() when `stated`
                struct stat after;
                const bool stated = fd >= 0 && m_cache && ::fstat(fd, &before) == 0;
                if (fd < 0 || !encoder.encodeFile(fd, m_tree.size(e.node), true, &s.encoded, &s.error))
                    s.error = QStringLiteral("%1: %2").arg(QFile::decodeName(sourcePath(m_tree, e.node)), s.error);
                else if (stated && ::fstat(fd, &after) == 0 && CompressedSizeCache::sameVersion(before, after))
                    m_cache->insert(CompressedSizeCache::keyOf(before, m_level), s.encoded.compressedSize);
                if (fd >= 0)
                    ::close(fd);
            } else if (e.kind == NodeKind::Symlink) {
                QByteArray target;
                if (opener.readLink(e.node, &target, &s.error))
                    EntryEncoder::encodeLinkTarget(std::move(target), &s.encoded);
                else
                    s.error = QStringLiteral("%1: %2").arg(QFile::decodeName(sourcePath(m_tree, e.node)), s.error);
            }
            s.held = std::uint64_t(s.encoded.data.size());
            {
                std::lock_guard lock(st.mutex);
                st.inUse = st.inUse - cost + s.held;
                s.ready = true;
                st.slots[k] = std::move(s);
            }
            st.readyCv.notify_all();
            st.budgetCv.notify_all();
        }
        // The pool's phases, added up as each thread leaves (every way out of
        // the loop above has released the lock).
        std::lock_guard lock(st.mutex);
        m_phases.open += double(openNs) / kSecond;
        m_phases.read += double(encoder.times().readNs) / kSecond;
        m_phases.crc += double(encoder.times().crcNs) / kSecond;
        m_phases.deflate += double(encoder.times().deflateNs) / kSecond;
    };

    std::vector<std::thread> pool;
    const int threads = int(std::min<std::size_t>(std::size_t(m_threads), std::max<std::size_t>(n, 1)));
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(worker);

    bool ok = true;
    *cancelled = false;
    std::uint64_t waitNs = 0, writeNs = 0;
    PhaseClock clock;
    for (std::size_t k = 0; k < n && ok; ++k) {
        Slot s;
        {
            std::unique_lock lock(st.mutex);
            st.readyCv.wait(lock, [&] { return st.slots[k].ready; });
            s = std::move(st.slots[k]);
        }
        waitNs += clock.lap();
        if (control && control->cancelled()) {
            *cancelled = true;
            *error = QStringLiteral("cancelled");
            ok = false;
        } else if (!s.error.isEmpty()) {
            *error = s.error;
            ok = false;
        } else {
            ok = consume(k, s.encoded, error);
        }
        writeNs += clock.lap();
        {
            std::lock_guard lock(st.mutex);
            st.inUse -= s.held;
        }
        st.budgetCv.notify_all();
    }
    if (!ok) {
        {
            // Under the lock: a worker between testing its wait's condition
            // and sleeping would otherwise miss this wake-up and never leave.
            std::lock_guard lock(st.mutex);
            st.abort.store(true);
        }
        st.budgetCv.notify_all();
    }
    for (std::thread &t : pool)
        t.join();
    m_phases.write = double(writeNs) / kSecond;
    m_phases.wait = double(waitNs) / kSecond;
    m_phases.threads = threads;
    return ok;
}
