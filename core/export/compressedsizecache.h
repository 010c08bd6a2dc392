// A persistent record of how many bytes each file deflates to, so that the
// exact zip-size pass pays for a file version once: reopening a layer is exact
// at once. A file's entry is keyed by what changes when its bytes may have
// changed (device, inode, size, modification and change times in nanoseconds)
// and the level. The change time is what no one can set: a layer unpacked again
// from the same packages gets its files' old modification times and sizes, and
// often their old inode numbers, but never their old change times.
#pragma once

#include <QString>

#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_map>

struct stat;

class CompressedSizeCache
{
public:
    // The identity of one file version at one deflate level.
    struct Key {
        std::uint64_t device = 0; // st_dev
        std::uint64_t inode = 0;  // st_ino
        std::uint64_t size = 0;   // st_size
        std::int64_t mtimeNs = 0; // st_mtim in nanoseconds since the epoch
        std::int64_t ctimeNs = 0; // st_ctim in nanoseconds since the epoch
        std::int32_t level = 0;   // libdeflate level the size is for
        bool operator==(const Key &) const = default;
    };
    // About 1.2 million files; the oldest-used entries go first past this.
    static constexpr std::uint64_t kDefaultMaxBytes = 64ULL * 1024 * 1024;
    // Bytes one entry takes in the file (the eviction bound counts these).
    static constexpr std::uint64_t kRecordBytes = 64;
    // A hit on an entry last used longer ago than this marks it used now.
    static constexpr std::int64_t kRefreshAfterMs = 24LL * 3600 * 1000;

    // Reads `folder`/compressed-sizes.bin when it is there. A file that is not
    // a whole, checksummed cache is ignored (loadProblem() says why, and a
    // warning is logged); a missing one is an empty cache.
    explicit CompressedSizeCache(QString folder, std::uint64_t maxBytes = kDefaultMaxBytes);

    // $XDG_CACHE_HOME/layerslim (~/.cache/layerslim by default).
    [[nodiscard]] static QString defaultFolder();
    // The process's cache in defaultFolder(), loaded on first use.
    [[nodiscard]] static CompressedSizeCache &standard();
    [[nodiscard]] static Key keyOf(const struct stat &st, int level);
    // Both stats name the same file version (the same key at any level): the
    // bytes read between them are that version's, so their size may be recorded.
    [[nodiscard]] static bool sameVersion(const struct stat &a, const struct stat &b);

    // Thread-safe; a hit marks the entry as used now (see kRefreshAfterMs).
    [[nodiscard]] std::optional<std::uint64_t> find(const Key &key);
    // Thread-safe; inserting the size an entry already has is a use, as a hit is.
    void insert(const Key &key, std::uint64_t compressedSize);

    // Writes the cache atomically (a temporary file renamed into place),
    // keeping the most recently used entries within the bound. Does nothing
    // when nothing changed. False with `error` naming the path and the reason
    // (an unwritable folder), for the caller to show or log: the sizes in
    // memory stay right either way.
    bool save(QString *error = nullptr);

    [[nodiscard]] QString filePath() const { return m_path; }
    // Why the file on disk was ignored (empty when it loaded or was absent).
    [[nodiscard]] QString loadProblem() const { return m_loadProblem; }
    [[nodiscard]] std::size_t entries() const;
    [[nodiscard]] std::uint64_t hits() const;
    [[nodiscard]] std::uint64_t misses() const;

private:
    struct KeyHash {
        std::size_t operator()(const Key &k) const noexcept;
    };
    struct Value {
        std::uint64_t compressed = 0; // the deflated size
        std::int64_t lastUsed = 0;    // milliseconds since the epoch, for eviction
    };
    void load();

    QString m_path;
    std::uint64_t m_maxBytes;
    QString m_loadProblem;
    mutable std::mutex m_mutex;
    std::unordered_map<Key, Value, KeyHash> m_map;
    std::int64_t m_now = 0;     // one clock reading (ms) for this cache object's life
    bool m_dirty = false;       // something to save
    std::uint64_t m_hits = 0;   // find() answers
    std::uint64_t m_misses = 0; // find() misses
};
