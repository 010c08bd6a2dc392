#include "export/zipsizepredictor.h"

#include "base/oserror.h"
#include "base/parallelruns.h"
#include "export/compressedsizecache.h"
#include "export/exportplan.h"
#include "export/zip/deflatepipeline.h"
#include "export/zip/entryencoder.h"
#include "export/zip/zipwriter.h"
#include "select/rules.h"

#include <QFile>

#include <algorithm>
#include <atomic>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

double ZipSizePredictor::approximateRatio(NodeCategory category)
{
    switch (category) {
    case NodeCategory::Native:
        return 0.35;
    case NodeCategory::Source:
        return 0.25;
    case NodeCategory::Bytecode:
        return 0.38;
    case NodeCategory::Tests:
        return 0.29;
    case NodeCategory::Data:
        return 0.87; // mostly already-compressed sample data
    case NodeCategory::Metadata:
        return 0.42;
    case NodeCategory::Build:
        return 0.19;
    case NodeCategory::Other:
        break;
    }
    return 0.35;
}

QString ZipSizePredictor::methodId(Method method)
{
    switch (method) {
    case Method::Deflated:
        return QStringLiteral("deflated");
    case Method::CentralDirectory:
        return QStringLiteral("central-directory");
    case Method::CategoryRatios:
        break;
    }
    return QStringLiteral("category-ratios");
}

namespace {

// Sizes the files of candidates[from, to) (in preorder) whose version `cache`
// knows, without reading them: each is looked up by fstatat() beside its
// folder's descriptor, so no path is resolved twice. Appends the rest to `rest`.
void takeCachedSizes(const FileTree &tree, CompressedSizeCache &cache, int level,
                     const std::vector<FileTree::Index> &candidates, std::size_t from, std::size_t to,
                     BigVector<std::uint64_t> &stored, std::vector<FileTree::Index> &rest)
{
    int dirFd = -1;
    FileTree::Index dir = FileTree::kNone;
    std::string name;
    for (std::size_t k = from; k < to; ++k) {
        const FileTree::Index i = candidates[k];
        if (tree.isFile(i)) {
            if (const FileTree::Index p = tree.parent(i); p != dir) {
                if (dirFd >= 0)
                    ::close(dirFd);
                dir = p;
                dirFd = ::open(DeflatePipeline::sourcePath(tree, p).constData(), O_PATH | O_DIRECTORY | O_CLOEXEC);
            }
            const QByteArrayView n = tree.name(i);
            name.assign(n.data(), std::size_t(n.size()));
            struct stat st; // filled by fstatat()
            if (dirFd >= 0 && ::fstatat(dirFd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
                std::uint64_t(st.st_size) == tree.size(i))
                if (const auto hit = cache.find(CompressedSizeCache::keyOf(st, level))) {
                    stored[i] = *hit;
                    continue;
                }
        }
        rest.push_back(i);
    }
    if (dirFd >= 0)
        ::close(dirFd);
}

// The same over every candidate on up to `threads` threads, each over a
// contiguous run (one stat a file is all a warm cache costs, so it is
// spread like the deflating). Returns the files left to deflate, in order.
std::vector<FileTree::Index> takeCachedSizes(const FileTree &tree, CompressedSizeCache &cache, int level,
                                             const std::vector<FileTree::Index> &candidates,
                                             BigVector<std::uint64_t> &stored, int threads)
{
    // A thread is worth starting for a few thousand stats.
    constexpr std::size_t kPerThread = 2048;
    const auto threadCount = unsigned(std::max(1, threads));
    std::vector<std::vector<FileTree::Index>> rests(parallel::runCount(candidates.size(), threadCount, kPerThread));
    parallel::parallelRuns(candidates.size(), threadCount, kPerThread,
                           [&](std::size_t run, std::size_t from, std::size_t to) {
                               takeCachedSizes(tree, cache, level, candidates, from, to, stored, rests[run]);
                           });
    std::vector<FileTree::Index> rest;
    for (const auto &r : rests)
        rest.insert(rest.end(), r.begin(), r.end());
    return rest;
}

} // namespace

ZipSizePredictor::ZipSizePredictor(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries,
                                   const std::vector<NodeCategory> *categoriesGiven)
    : m_tree(tree)
    , m_zipEntries(zipEntries)
    , m_mask(tree)
    , m_nameLength(tree.count(), 0)
    , m_uncompressed(tree.count(), 0)
    , m_approximate(tree.count(), 0)
    , m_zipSource(tree.source() == FileTree::Source::Zip)
{
    const FileTree::Index root = tree.packageRoot();
    std::vector<NodeCategory> classified;
    if (!m_zipSource && !categoriesGiven)
        classified = NodeClassifier::classifyAll(tree);
    const std::vector<NodeCategory> &categories = categoriesGiven ? *categoriesGiven : classified;
    auto zip = std::make_shared<Sizes>();
    zip->level = 0;
    if (m_zipSource)
        zip->stored.assign(tree.count(), 0);
    for (FileTree::Index i = root + 1; i < tree.subtreeEnd(root); ++i) {
        const FileTree::Index p = tree.parent(i);
        const std::uint32_t parentLength = p == root ? 0 : m_nameLength[p];
        m_nameLength[i] = parentLength + std::uint32_t(tree.name(i).size()) + (tree.isDir(i) ? 1 : 0);
        if (!ExportMask::carriesData(tree.kind(i)))
            continue;
        m_uncompressed[i] = tree.size(i);
        if (!m_zipSource)
            m_approximate[i] = std::uint64_t(double(tree.size(i)) * approximateRatio(categories[i]));
        if (m_zipSource) {
            const std::uint32_t ref = tree.sourceRef(i);
            if (ref < zipEntries.size()) {
                m_uncompressed[i] = zipEntries[ref].uncompressedSize;
                zip->stored[i] = zipEntries[ref].compressedSize;
            }
        }
    }
    if (m_zipSource)
        m_exact = std::move(zip);
}

QString ZipSizePredictor::cacheWarning() const
{
    std::lock_guard lock(m_mutex);
    return m_cacheWarning;
}

int ZipSizePredictor::level() const
{
    std::lock_guard lock(m_mutex);
    return m_exact && !m_zipSource ? m_exact->level : -1;
}

bool ZipSizePredictor::compute(int level, JobControl *control, int threads, QString *error)
{
    if (m_zipSource)
        return true; // raw copies: already exact at any level
    auto sizes = std::make_shared<Sizes>();
    sizes->level = level;
    sizes->stored.assign(m_tree.count(), 0);
    std::vector<FileTree::Index> work;
    const FileTree::Index root = m_tree.packageRoot();
    for (FileTree::Index i = root; i < m_tree.subtreeEnd(root); ++i)
        if (ExportMask::carriesData(m_tree.kind(i)))
            work.push_back(i);
    CompressedSizeCache *const cache = m_cache;
    const std::size_t files = work.size();
    if (threads <= 0)
        threads = int(parallel::allCores());
    if (cache)
        work = takeCachedSizes(m_tree, *cache, level, work, sizes->stored, threads);
    // Largest first, so that one big file does not finish alone at the end.
    std::stable_sort(work.begin(), work.end(),
                     [this](FileTree::Index a, FileTree::Index b) { return m_tree.size(a) > m_tree.size(b); });

    std::atomic<std::size_t> next{0};
    std::atomic_bool failed{false};
    std::mutex progressMutex;
    JobProgress progress;
    progress.totalItems = files;
    progress.items = files - work.size(); // sized from the cache
    QString firstError;
    // A file's stored size, deflated and, when the file did not change while
    // it was read, recorded in the cache.
    auto encodeFile = [&](EntryEncoder &encoder, const QByteArray &path, FileTree::Index i, std::uint64_t *stored,
                          QString *why) {
        if (!cache) {
            EncodedEntry e;
            if (!encoder.encodeFile(path, m_tree.size(i), false, &e, why))
                return false;
            *stored = e.compressedSize;
            return true;
        }
        const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) {
            *why = QStringLiteral("cannot open: %1").arg(errnoText());
            return false;
        }
        struct stat opened; // filled by fstat() when statOk
        struct stat after;
        const bool statOk = ::fstat(fd, &opened) == 0;
        EncodedEntry e;
        const bool ok = encoder.encodeFile(fd, m_tree.size(i), false, &e, why);
        if (ok && statOk && ::fstat(fd, &after) == 0 && CompressedSizeCache::sameVersion(opened, after))
            cache->insert(CompressedSizeCache::keyOf(opened, level), e.compressedSize);
        ::close(fd);
        *stored = e.compressedSize;
        return ok;
    };
    auto worker = [&] {
        EntryEncoder encoder(level);
        for (std::size_t k = next.fetch_add(1); k < work.size(); k = next.fetch_add(1)) {
            if (failed.load() || (control && control->cancelled()))
                return;
            const FileTree::Index i = work[k];
            const QByteArray path = DeflatePipeline::sourcePath(m_tree, i);
            std::uint64_t stored = 0;
            QString why;
            bool ok = false;
            if (m_tree.isFile(i)) {
                ok = encodeFile(encoder, path, i, &stored, &why);
            } else {
                EncodedEntry e;
                ok = EntryEncoder::encodeSymlink(path, &e, &why);
                stored = e.compressedSize;
            }
            std::lock_guard lock(progressMutex);
            if (!ok) {
                if (!failed.exchange(true))
                    firstError = QStringLiteral("%1: %2").arg(QFile::decodeName(path), why);
                return;
            }
            sizes->stored[i] = stored;
            ++progress.items;
            progress.bytes += m_tree.size(i);
            if (control)
                control->report(progress);
        }
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back(worker);
    for (std::thread &t : pool)
        t.join();
    // What was deflated is kept even when the pass failed or was cancelled.
    QString cacheWhy;
    if (cache)
        cache->save(&cacheWhy);
    {
        std::lock_guard lock(m_mutex);
        m_cacheWarning = cacheWhy;
    }
    if (failed.load() || (control && control->cancelled())) {
        if (error)
            *error = failed.load() ? firstError : QStringLiteral("size prediction cancelled");
        return false;
    }
    // A symlink's uncompressed size (its target's length) only matters past
    // 4 GiB, so it is not recorded.
    std::lock_guard lock(m_mutex);
    m_exact = std::move(sizes);
    return true;
}

bool ZipSizePredictor::useTransform(const ExportTransform &transform, int level, QString *error)
{
    auto replaced = std::make_shared<ReplacedMap>();
    EntryEncoder encoder(level);
    for (const auto &[node, file] : transform.replacements()) {
        EncodedEntry e;
        QString why;
        if (!encoder.encodeFile(file.path, file.size, false, &e, &why)) {
            if (error)
                *error = QStringLiteral("%1: %2").arg(QFile::decodeName(file.path), why);
            return false;
        }
        (*replaced)[node] = {e.compressedSize, file.size};
    }
    std::lock_guard lock(m_mutex);
    m_replaced = std::move(replaced);
    m_stripLookedAt = std::make_shared<const Bitset>(transform.stripLookedAt());
    m_bytecodeUnpredicted = transform.summary().bytecode != BytecodeMode::Keep;
    return true;
}

bool ZipSizePredictor::compute(SizeLedger &ledger, int level, JobControl *control, int threads, QString *error)
{
    if (!compute(level, control, threads, error))
        return false;
    const int strip = RuleCatalog::indexOf(RuleId::Strip);
    if (!ledger.ruleEnabled(strip) || !ledger.ruleMatches(strip).any())
        return true;
    auto savings = measureStrip(ledger.ruleMatches(strip), level, control, threads, error);
    if (!savings)
        return false;
    ledger.setTransformSavings(strip, std::move(*savings));
    return true;
}

bool ZipSizePredictor::measureStripSavings(SizeLedger &ledger, const std::vector<ZipEntryRef> &zipEntries, int level,
                                           JobControl *control, int threads, QString *error)
{
    const int strip = RuleCatalog::indexOf(RuleId::Strip);
    if (!ledger.ruleEnabled(strip) || ledger.transformMeasured(strip) || !ledger.ruleMatches(strip).any())
        return true;
    ZipSizePredictor predictor(ledger.tree(), zipEntries);
    auto savings = predictor.measureStrip(ledger.ruleMatches(strip), level, control, threads, error);
    if (!savings)
        return false;
    ledger.setTransformSavings(strip, std::move(*savings));
    return true;
}

std::optional<std::unordered_map<FileTree::Index, std::uint64_t>>
ZipSizePredictor::measureStrip(const Bitset &stripMatches, int level, JobControl *control, int threads, QString *error)
{
    // Every match is stripped, pruned or not, so that later selections are
    // predicted without stripping again.
    ExportOptions options;
    options.level = level;
    options.threads = threads;
    options.strip = stripMatches;
    ExportTransform transform;
    QString why;
    if (!transform.prepare(m_tree, m_zipEntries, Bitset(m_tree.count()), options, control, &why) ||
        !useTransform(transform, level, &why)) {
        if (error)
            *error = why;
        return std::nullopt;
    }
    std::unordered_map<FileTree::Index, std::uint64_t> savings;
    for (const auto &[node, file] : transform.replacements())
        savings[node] = m_uncompressed[node] - file.size;
    return savings;
}

ZipSizePredictor::Prediction ZipSizePredictor::predict(const Bitset &pruned, const QByteArray &prefix) const
{
    return predictWith(pruned, prefix, nullptr);
}

ZipSizePredictor::Prediction ZipSizePredictor::predict(const SizeLedger &ledger, const QByteArray &prefix) const
{
    const int strip = RuleCatalog::indexOf(RuleId::Strip);
    const Bitset none(m_tree.count());
    return predictWith(ledger.pruned(), prefix, ledger.ruleEnabled(strip) ? &ledger.ruleMatches(strip) : &none);
}

ZipSizePredictor::Prediction ZipSizePredictor::predictWith(const Bitset &pruned, const QByteArray &prefix,
                                                           const Bitset *strip) const
{
    std::shared_ptr<const Sizes> exact;
    std::shared_ptr<const ReplacedMap> replaced;
    std::shared_ptr<const Bitset> lookedAt;
    bool bytecodeUnpredicted = false;
    {
        std::lock_guard lock(m_mutex);
        exact = m_exact;
        replaced = m_replaced;
        lookedAt = m_stripLookedAt;
        bytecodeUnpredicted = m_bytecodeUnpredicted;
    }
    const BigVector<std::uint64_t> &stored = exact ? exact->stored : m_approximate;
    const Bitset exported = m_mask.exported(pruned);
    const FileTree::Index root = m_tree.packageRoot();
    Prediction p;
    p.exact = bool(exact) && !bytecodeUnpredicted;
    p.method = !exact ? Method::CategoryRatios : m_zipSource ? Method::CentralDirectory : Method::Deflated;
    if (strip) {
        // A kept file strip rewrites but whose stripped size is unknown leaves the size unknown.
        Bitset unknown = *strip;
        unknown &= exported;
        if (lookedAt)
            unknown.subtract(*lookedAt);
        unknown.forEach([&](std::size_t n) {
            if (m_tree.isFile(FileTree::Index(n)))
                p.exact = false;
        });
    }
    if (!exported.test(root)) {
        p.bytes = ZipWriter::endRecordsSize(0, 0, 0);
        return p;
    }
    std::uint64_t entries = 0, local = 0, central = 0;
    const std::uint64_t prefixLength = std::uint64_t(prefix.size());
    exported.forEach([&](std::size_t n) {
        const auto i = FileTree::Index(n);
        if (i == root)
            return;
        const std::uint64_t name = prefixLength + m_nameLength[i];
        local += ZipWriter::localHeaderSize(name, stored[i], m_uncompressed[i]) + stored[i];
        central += ZipWriter::centralHeaderSize(name, stored[i], m_uncompressed[i], 0);
        ++entries;
    });
    // Stripped copies stand in for their sources: swap their headers and data.
    if (replaced)
        for (const auto &[i, r] : *replaced) {
            if (!exported.test(i) || (strip && !strip->test(i)))
                continue;
            const std::uint64_t name = prefixLength + m_nameLength[i];
            local -= ZipWriter::localHeaderSize(name, stored[i], m_uncompressed[i]) + stored[i];
            central -= ZipWriter::centralHeaderSize(name, stored[i], m_uncompressed[i], 0);
            local += ZipWriter::localHeaderSize(name, r.stored, r.uncompressed) + r.stored;
            central += ZipWriter::centralHeaderSize(name, r.stored, r.uncompressed, 0);
        }
    for (const QByteArray &folder : ExportPlan::prefixFolders(prefix)) {
        local += ZipWriter::localHeaderSize(std::uint64_t(folder.size()), 0, 0);
        central += ZipWriter::centralHeaderSize(std::uint64_t(folder.size()), 0, 0, 0);
        ++entries;
    }
    // Past 4 GiB some local headers sit at offsets that need zip64 fields, and
    // which ones depends on the order: walk the plan then.
    if (local >= ZipWriter::kMax32) {
        p.bytes = exactWalk(exported, prefix, exact ? *exact : Sizes{-1, m_approximate}, replaced.get(), strip);
        return p;
    }
    p.bytes = local + central + ZipWriter::endRecordsSize(entries, local, central);
    return p;
}

std::uint64_t ZipSizePredictor::exactWalk(const Bitset &exported, const QByteArray &prefix, const Sizes &s,
                                          const ReplacedMap *replaced, const Bitset *strip) const
{
    const ExportPlan plan = ExportPlan::build(m_tree, exported, prefix);
    std::uint64_t offset = 0, central = 0;
    for (const PlanEntry &e : plan.entries()) {
        std::uint64_t data = e.node == FileTree::kNone ? 0 : s.stored[e.node];
        std::uint64_t size = e.node == FileTree::kNone ? 0 : m_uncompressed[e.node];
        if (replaced && e.node != FileTree::kNone && (!strip || strip->test(e.node)))
            if (const auto it = replaced->find(e.node); it != replaced->end()) {
                data = it->second.stored;
                size = it->second.uncompressed;
            }
        const std::uint64_t name = std::uint64_t(e.name.size());
        central += ZipWriter::centralHeaderSize(name, data, size, offset);
        offset += ZipWriter::localHeaderSize(name, data, size) + data;
    }
    return offset + central + ZipWriter::endRecordsSize(plan.entries().size(), offset, central);
}
