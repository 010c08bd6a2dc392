// Writes a zip archive entry by entry with every header byte decided here:
// sizes and CRC are known before an entry starts, so there are no data
// descriptors, no patching, and the size of every header is a formula the
// ZipSizePredictor shares.
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>

// Why not QuaZip's raw mode: QuaZipNewInfo takes names as QString encoded by
// one QTextCodec per archive and sets the UTF-8 flag for the whole archive,
// so non-UTF-8 names cannot round-trip next to UTF-8 ones; minizip decides the
// zip64 local extra per archive (20 bytes on every entry, or none and wrong
// offsets past 4 GiB), writes the local header before the sizes and seeks back
// to patch it, and its version and extra-field choices would have to be
// reverse-engineered to predict the archive size to the byte. This writer is
// a few hundred lines with each byte specified.
class ZipWriter
{
public:
    static constexpr std::uint64_t kMax32 = 0xffffffffULL; // a 32-bit field holding this means "see zip64"
    static constexpr std::uint16_t kStored = 0;
    static constexpr std::uint16_t kDeflated = 8;

    struct Entry {
        QByteArray name;                // full entry name, '/'-terminated for folders
        std::uint16_t method = kStored; // kStored or kDeflated
        std::uint32_t crc = 0;
        std::uint64_t compressedSize = 0;
        std::uint64_t uncompressedSize = 0;
        std::uint32_t unixMode = 0100644; // file type and permission bits
    };

    // Writes to an open file descriptor positioned at 0; `dosDateTime` is the
    // fixed stamp of every entry (see dosDateTime()).
    ZipWriter(int fd, std::uint32_t dosDateTime);
    ~ZipWriter();
    ZipWriter(const ZipWriter &) = delete;
    ZipWriter &operator=(const ZipWriter &) = delete;

    // Writes the local header; the entry's data must follow with writeData(),
    // exactly compressedSize bytes.
    [[nodiscard]] bool beginEntry(const Entry &e);
    [[nodiscard]] bool writeData(const char *data, std::size_t size);
    // Writes the central directory and the end records and flushes.
    [[nodiscard]] bool finish();

    [[nodiscard]] const QString &error() const { return m_error; }
    [[nodiscard]] std::uint64_t bytesWritten() const { return m_offset; }
    [[nodiscard]] std::uint64_t entryCount() const { return m_entries; }

    // ---- the size formulas (shared with ZipSizePredictor) ----
    [[nodiscard]] static bool needsZip64Local(std::uint64_t compressed, std::uint64_t uncompressed)
    {
        return compressed >= kMax32 || uncompressed >= kMax32;
    }
    [[nodiscard]] static std::uint64_t localHeaderSize(std::uint64_t nameLength, std::uint64_t compressed,
                                                       std::uint64_t uncompressed)
    {
        return 30 + nameLength + (needsZip64Local(compressed, uncompressed) ? 20 : 0);
    }
    [[nodiscard]] static std::uint64_t centralHeaderSize(std::uint64_t nameLength, std::uint64_t compressed,
                                                         std::uint64_t uncompressed, std::uint64_t localOffset)
    {
        const int wide = int(uncompressed >= kMax32) + int(compressed >= kMax32) + int(localOffset >= kMax32);
        return 46 + nameLength + (wide ? 4 + 8 * std::uint64_t(wide) : 0);
    }
    [[nodiscard]] static bool needsZip64End(std::uint64_t entries, std::uint64_t centralOffset,
                                            std::uint64_t centralSize)
    {
        return entries >= 0xffff || centralOffset >= kMax32 || centralSize >= kMax32;
    }
    [[nodiscard]] static std::uint64_t endRecordsSize(std::uint64_t entries, std::uint64_t centralOffset,
                                                      std::uint64_t centralSize)
    {
        return 22 + (needsZip64End(entries, centralOffset, centralSize) ? 56 + 20 : 0);
    }
    // MS-DOS date and time (date in the high 16 bits) of a UTC epoch second,
    // clamped to the format's 1980..2107 range.
    [[nodiscard]] static std::uint32_t dosDateTime(std::int64_t epochSeconds);
    // The earliest and latest times a zip entry can hold: 1980-01-01 00:00:00
    // and 2107-12-31 23:59:59 UTC.
    static constexpr std::int64_t kEarliestEpoch = 315532800;
    static constexpr std::int64_t kLatestEpoch = 4354819199LL;
    // Whether an entry time fits the zip format; `error` says why not. A time
    // outside would be clamped, and the zip would claim a time nobody chose.
    [[nodiscard]] static bool epochInRange(std::int64_t epochSeconds, QString *error);
    // The stamp exports use: SOURCE_DATE_EPOCH when set, otherwise 1980-01-01
    // 00:00 UTC. Set to anything but whole seconds within the zip's range
    // (`abc`, `-5`, `12x`, 0), it is refused with a reason naming the value,
    // rather than replaced by a time the user did not ask for.
    [[nodiscard]] static std::optional<std::int64_t> epochFromEnvironment(QString *error);
    // defaultEpoch() for callers that have already checked it (Exporter::run
    // does, and passes the result on as ExportOptions::epoch).
    [[nodiscard]] static std::int64_t defaultEpoch();

private:
    bool put(const char *data, std::size_t size);
    bool flushBuffer();
    bool writeAll(const char *data, std::size_t size);

    int m_fd;
    std::uint32_t m_dosTime;
    std::uint64_t m_offset = 0;
    std::uint64_t m_onDisk = 0;    // bytes handed to write()
    std::uint64_t m_writeback = 0; // bytes whose writeback has been started
    std::uint64_t m_entries = 0;
    std::uint64_t m_pendingData = 0; // data bytes the current entry still owes
    QByteArray m_buffer;             // small writes are gathered here
    QByteArray m_central;            // central directory, built as entries are written
    QString m_error;
};
