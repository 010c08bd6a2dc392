// Turns one file or symlink into the bytes an export stores: CRC-32 and raw
// deflate by libdeflate (stored when deflate does not shrink it). Exporter and
// ZipSizePredictor both use it, so a predicted size is the written size.
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <functional>

struct libdeflate_compressor;

struct EncodedEntry {
    std::uint32_t crc = 0;
    std::uint16_t method = 0; // 0 stored, 8 deflated
    std::uint64_t uncompressedSize = 0;
    std::uint64_t compressedSize = 0;
    QByteArray data;       // the stored bytes, unless streamed or not asked for
    bool streamed = false; // too large to hold: stream() produces the bytes again
};

class EntryEncoder
{
public:
    // Files above this are deflated in pieces with zlib (libdeflate needs the
    // whole buffer), keeping in-flight memory bounded whatever the input.
    static constexpr std::uint64_t kWholeBufferLimit = std::uint64_t(32) << 20;
    using Sink = std::function<bool(const char *, std::size_t)>;

    explicit EntryEncoder(int level); // 0..12; 0 stores everything
    ~EntryEncoder();
    EntryEncoder(const EntryEncoder &) = delete;
    EntryEncoder &operator=(const EntryEncoder &) = delete;

    // Reads the regular file at `path` (which the scan saw with `expectedSize`
    // bytes) and encodes it; `keepData` false only measures.
    [[nodiscard]] bool encodeFile(const QByteArray &path, std::uint64_t expectedSize, bool keepData, EncodedEntry *out,
                                  QString *error);
    // The same from a descriptor already open for reading (see NodeOpener); the caller closes it.
    [[nodiscard]] bool encodeFile(int fd, std::uint64_t expectedSize, bool keepData, EncodedEntry *out, QString *error);
    // A symlink's target, stored as its data.
    [[nodiscard]] static bool encodeSymlink(const QByteArray &path, EncodedEntry *out, QString *error);
    // The same from a target already read.
    static void encodeLinkTarget(QByteArray target, EncodedEntry *out);
    // Produces a streamed entry's stored bytes again, piece by piece, checking
    // that they match what encodeFile() measured.
    [[nodiscard]] bool stream(const QByteArray &path, const EncodedEntry &e, const Sink &sink, QString *error);
    [[nodiscard]] bool stream(int fd, const EncodedEntry &e, const Sink &sink, QString *error);
    // Peak memory of encoding a file this big.
    [[nodiscard]] static std::uint64_t peakMemory(std::uint64_t size);

    // Nanoseconds this encoder spent in each phase of encodeFile() and stream().
    struct Times {
        std::uint64_t readNs = 0;
        std::uint64_t crcNs = 0;
        std::uint64_t deflateNs = 0;
    };
    [[nodiscard]] const Times &times() const { return m_times; }

    // libdeflate's CRC-32, chainable from a previous value.
    [[nodiscard]] static std::uint32_t crc32(std::uint32_t crc, const char *data, std::size_t size);

private:
    struct ChunkTotals {
        std::uint32_t crc = 0;
        std::uint64_t read = 0;    // bytes read from the file
        std::uint64_t written = 0; // bytes handed on: deflated, or the read bytes as they are
    };
    // Reads `fd` to its end in chunks, keeping the CRC, deflating each chunk
    // when `deflating`, and hands every output chunk to `sink` (none: only counted).
    bool pump(int fd, bool deflating, const Sink &sink, ChunkTotals *totals, QString *error);
    bool encodeLarge(int fd, std::uint64_t size, EncodedEntry *out, QString *error);

    int m_level;
    libdeflate_compressor *m_compressor = nullptr;
    Times m_times;
};
