#include "export/compressedsizecache.h"

#include "export/zip/entryencoder.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstring>
#include <sys/stat.h>
#include <vector>

namespace {

// The file: a header (magic, version, entry count, CRC-32 of the entries),
// then fixed-size entries in this machine's byte order (the cache never
// leaves it).
constexpr char kMagic[8] = {'L', 'S', 'Z', 'S', 'I', 'Z', 'E', 'S'};
constexpr std::uint32_t kVersion = 2;
constexpr std::size_t kHeaderBytes = 24;

struct Record {
    std::uint64_t device;
    std::uint64_t inode;
    std::uint64_t size;
    std::int64_t mtimeNs;
    std::int64_t ctimeNs;
    std::uint64_t compressed;
    std::int64_t lastUsed;
    std::int32_t level;
    std::uint32_t unused;
};
static_assert(sizeof(Record) == CompressedSizeCache::kRecordBytes);

} // namespace

std::size_t CompressedSizeCache::KeyHash::operator()(const Key &k) const noexcept
{
    std::uint64_t h = k.inode * 0x9E3779B97F4A7C15ULL;
    h ^= (k.device + 0x632BE59BD9B4E019ULL + (h << 6) + (h >> 2));
    h ^= (k.size + std::uint64_t(k.mtimeNs) * 31 + std::uint64_t(k.ctimeNs) * 17 + std::uint64_t(k.level) + (h << 6) +
          (h >> 2));
    return std::size_t(h);
}

CompressedSizeCache::CompressedSizeCache(QString folder, std::uint64_t maxBytes)
    : m_path(folder + QStringLiteral("/compressed-sizes.bin"))
    , m_maxBytes(maxBytes)
    , m_now(QDateTime::currentMSecsSinceEpoch())
{
    load();
}

QString CompressedSizeCache::defaultFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + QStringLiteral("/layerslim");
}

CompressedSizeCache &CompressedSizeCache::standard()
{
    static CompressedSizeCache cache(defaultFolder());
    return cache;
}

CompressedSizeCache::Key CompressedSizeCache::keyOf(const struct stat &st, int level)
{
    const auto ns = [](const timespec &t) { return std::int64_t(t.tv_sec) * 1'000'000'000 + t.tv_nsec; };
    return Key{std::uint64_t(st.st_dev), std::uint64_t(st.st_ino), std::uint64_t(st.st_size),
               ns(st.st_mtim),           ns(st.st_ctim),           level};
}

bool CompressedSizeCache::sameVersion(const struct stat &a, const struct stat &b)
{
    return keyOf(a, 0) == keyOf(b, 0);
}

void CompressedSizeCache::load()
{
    QFile file(m_path);
    if (!file.exists())
        return;
    auto ignore = [this](const QString &why) {
        m_loadProblem = QStringLiteral("%1: %2").arg(m_path, why);
        spdlog::warn("ignoring the compressed-size cache {}", m_loadProblem.toStdString());
    };
    if (!file.open(QIODevice::ReadOnly))
        return ignore(file.errorString());
    const QByteArray bytes = file.readAll();
    if (bytes.size() < qsizetype(kHeaderBytes) || std::memcmp(bytes.constData(), kMagic, sizeof kMagic) != 0)
        return ignore(QStringLiteral("not a LayerSlim size cache"));
    std::uint32_t version = 0, count = 0, crc = 0;
    std::memcpy(&version, bytes.constData() + 8, 4);
    std::memcpy(&count, bytes.constData() + 12, 4);
    std::memcpy(&crc, bytes.constData() + 16, 4);
    if (version != kVersion)
        return ignore(QStringLiteral("version %1, not %2").arg(version).arg(kVersion));
    if (std::uint64_t(bytes.size()) != kHeaderBytes + std::uint64_t(count) * kRecordBytes)
        return ignore(QStringLiteral("%1 bytes where %2 entries need %3")
                          .arg(bytes.size())
                          .arg(count)
                          .arg(kHeaderBytes + std::uint64_t(count) * kRecordBytes));
    const char *data = bytes.constData() + kHeaderBytes;
    if (EntryEncoder::crc32(0, data, std::size_t(count) * kRecordBytes) != crc)
        return ignore(QStringLiteral("checksum mismatch"));
    m_map.reserve(count);
    for (std::uint32_t n = 0; n < count; ++n) {
        Record r;
        std::memcpy(&r, data + std::size_t(n) * kRecordBytes, sizeof r);
        m_map[Key{r.device, r.inode, r.size, r.mtimeNs, r.ctimeNs, r.level}] = Value{r.compressed, r.lastUsed};
    }
}

std::optional<std::uint64_t> CompressedSizeCache::find(const Key &key)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_map.find(key);
    if (it == m_map.end()) {
        ++m_misses;
        return std::nullopt;
    }
    ++m_hits;
    // A use refreshes the entry's stamp, but rewrites the file only when the
    // stamp was a day old: a layer opened again and again costs no writes.
    if (m_now - it->second.lastUsed > kRefreshAfterMs) {
        it->second.lastUsed = m_now;
        m_dirty = true;
    }
    return it->second.compressed;
}

void CompressedSizeCache::insert(const Key &key, std::uint64_t compressedSize)
{
    std::lock_guard lock(m_mutex);
    const auto [it, added] = m_map.try_emplace(key, Value{compressedSize, m_now});
    // The same size again (an export of files a scan deflated) is a use, as
    // in find(): the file is rewritten only for news or a day-old stamp.
    if (!added) {
        if (it->second.compressed == compressedSize && m_now - it->second.lastUsed <= kRefreshAfterMs)
            return;
        it->second = Value{compressedSize, m_now};
    }
    m_dirty = true;
}

bool CompressedSizeCache::save(QString *error)
{
    std::lock_guard lock(m_mutex);
    if (!m_dirty)
        return true;
    std::vector<Record> records;
    records.reserve(m_map.size());
    for (const auto &[k, v] : m_map)
        records.push_back(
            Record{k.device, k.inode, k.size, k.mtimeNs, k.ctimeNs, v.compressed, v.lastUsed, k.level, 0});
    // Newest use first, so that the bound drops the entries used longest ago.
    const std::size_t keep =
        std::size_t((m_maxBytes - std::min<std::uint64_t>(m_maxBytes, kHeaderBytes)) / kRecordBytes);
    if (records.size() > keep) {
        std::nth_element(records.begin(), records.begin() + std::ptrdiff_t(keep), records.end(),
                         [](const Record &a, const Record &b) { return a.lastUsed > b.lastUsed; });
        records.resize(keep);
    }
    QByteArray bytes(qsizetype(kHeaderBytes + records.size() * kRecordBytes), '\0');
    char *data = bytes.data() + kHeaderBytes;
    if (!records.empty())
        std::memcpy(data, records.data(), records.size() * kRecordBytes);
    const auto count = std::uint32_t(records.size());
    const std::uint32_t crc = EntryEncoder::crc32(0, data, records.size() * kRecordBytes);
    std::memcpy(bytes.data(), kMagic, sizeof kMagic);
    std::memcpy(bytes.data() + 8, &kVersion, 4);
    std::memcpy(bytes.data() + 12, &count, 4);
    std::memcpy(bytes.data() + 16, &crc, 4);

    const QString folder = QFileInfo(m_path).absolutePath();
    QSaveFile file(m_path);
    if (!QDir().mkpath(folder) || !file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() ||
        !file.commit()) {
        const QString why =
            QStringLiteral("cannot write the compressed-size cache %1: %2")
                .arg(m_path, QDir(folder).exists() ? file.errorString() : QStringLiteral("cannot create the folder"));
        if (error)
            *error = why;
        return false;
    }
    if (records.size() < m_map.size()) {
        std::unordered_map<Key, Value, KeyHash> kept;
        for (const Record &r : records)
            kept[Key{r.device, r.inode, r.size, r.mtimeNs, r.ctimeNs, r.level}] = Value{r.compressed, r.lastUsed};
        m_map = std::move(kept);
    }
    m_dirty = false;
    return true;
}

std::size_t CompressedSizeCache::entries() const
{
    std::lock_guard lock(m_mutex);
    return m_map.size();
}

std::uint64_t CompressedSizeCache::hits() const
{
    std::lock_guard lock(m_mutex);
    return m_hits;
}

std::uint64_t CompressedSizeCache::misses() const
{
    std::lock_guard lock(m_mutex);
    return m_misses;
}
