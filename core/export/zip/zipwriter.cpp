#include "export/zip/zipwriter.h"

#include "base/fdio.h"
#include "base/oserror.h"
#include "tree/filetree.h"

#include <QtEndian>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace {

constexpr std::size_t kBufferSize = 1 << 20;
// Written bytes are sent on to the disk every this many, so that the fsync
// before the rename into place finds little left to write.
constexpr std::uint64_t kWritebackStep = std::uint64_t(8) << 20;
constexpr std::uint16_t kMadeBy = (3 << 8) | 45; // Unix, spec 4.5 (zip64 aware)
constexpr std::uint16_t kFlagUtf8 = 1 << 11;

void le16(QByteArray &out, std::uint64_t v)
{
    char b[2];
    qToLittleEndian(std::uint16_t(v), b);
    out.append(b, 2);
}
void le32(QByteArray &out, std::uint64_t v)
{
    char b[4];
    qToLittleEndian(std::uint32_t(v), b);
    out.append(b, 4);
}
void le64(QByteArray &out, std::uint64_t v)
{
    char b[8];
    qToLittleEndian(v, b);
    out.append(b, 8);
}
std::uint64_t clamp32(std::uint64_t v)
{
    return v >= ZipWriter::kMax32 ? ZipWriter::kMax32 : v;
}

// Bit 11 promises UTF-8; names that are plain ASCII need no promise and names
// that are not UTF-8 must not get one (they are stored byte-exact either way).
std::uint16_t nameFlags(const QByteArray &name)
{
    bool ascii = true;
    for (char c : name)
        if (static_cast<unsigned char>(c) >= 0x80) {
            ascii = false;
            break;
        }
    return !ascii && FileTree::isValidUtf8(name) ? kFlagUtf8 : 0;
}

} // namespace

ZipWriter::ZipWriter(int fd, std::uint32_t dosDateTime)
    : m_fd(fd)
    , m_dosTime(dosDateTime)
{
    m_buffer.reserve(kBufferSize);
}

ZipWriter::~ZipWriter() = default;

bool ZipWriter::writeAll(const char *data, std::size_t size)
{
    if (!::writeAll(m_fd, data, size)) {
        m_error = errnoText();
        return false;
    }
    m_onDisk += size;
    if (m_onDisk - m_writeback >= kWritebackStep) {
        // Starts the writeback and returns: the deflating goes on meanwhile.
        // Not a file (a pipe) or not supported: the fsync does it all.
        (void)::sync_file_range(m_fd, off64_t(m_writeback), off64_t(m_onDisk - m_writeback), SYNC_FILE_RANGE_WRITE);
        m_writeback = m_onDisk;
    }
    return true;
}

bool ZipWriter::flushBuffer()
{
    if (!writeAll(m_buffer.constData(), std::size_t(m_buffer.size())))
        return false;
    m_buffer.clear();
    return true;
}

bool ZipWriter::put(const char *data, std::size_t size)
{
    if (!m_error.isEmpty())
        return false;
    m_offset += size;
    if (std::size_t(m_buffer.size()) + size <= kBufferSize) {
        m_buffer.append(data, qsizetype(size));
        return true;
    }
    if (!flushBuffer())
        return false;
    if (size < kBufferSize / 2) {
        m_buffer.append(data, qsizetype(size));
        return true;
    }
    return writeAll(data, size);
}

bool ZipWriter::beginEntry(const Entry &e)
{
    if (m_pendingData != 0) {
        m_error = QStringLiteral("internal: previous entry is missing %1 data bytes").arg(m_pendingData);
        return false;
    }
    if (e.name.size() > 0xffff) {
        m_error = QStringLiteral("entry name longer than 65,535 bytes");
        return false;
    }
    const std::uint64_t offset = m_offset;
    const std::uint16_t flags = nameFlags(e.name);
    const bool local64 = needsZip64Local(e.compressedSize, e.uncompressedSize);
    const bool any64 = local64 || offset >= kMax32;
    const std::uint16_t needed = any64 ? 45 : (e.method == kDeflated ? 20 : 10);

    QByteArray h;
    h.reserve(30 + e.name.size() + 20);
    le32(h, 0x04034b50);
    le16(h, needed);
    le16(h, flags);
    le16(h, e.method);
    le32(h, m_dosTime);
    le32(h, e.crc);
    le32(h, local64 ? kMax32 : e.compressedSize);
    le32(h, local64 ? kMax32 : e.uncompressedSize);
    le16(h, e.name.size());
    le16(h, local64 ? 20 : 0);
    h.append(e.name);
    if (local64) { // the local zip64 extra always carries both sizes
        le16(h, 0x0001);
        le16(h, 16);
        le64(h, e.uncompressedSize);
        le64(h, e.compressedSize);
    }

    QByteArray &c = m_central;
    le32(c, 0x02014b50);
    le16(c, kMadeBy);
    le16(c, needed);
    le16(c, flags);
    le16(c, e.method);
    le32(c, m_dosTime);
    le32(c, e.crc);
    le32(c, clamp32(e.compressedSize));
    le32(c, clamp32(e.uncompressedSize));
    le16(c, e.name.size());
    const int wide = int(e.uncompressedSize >= kMax32) + int(e.compressedSize >= kMax32) + int(offset >= kMax32);
    le16(c, wide ? 4 + 8 * wide : 0);
    le16(c, 0); // comment
    le16(c, 0); // disk
    le16(c, 0); // internal attributes
    const bool dir = (e.unixMode & 0170000) == 0040000;
    le32(c, (std::uint32_t(e.unixMode) << 16) | (dir ? 0x10 : 0));
    le32(c, clamp32(offset));
    c.append(e.name);
    if (wide) { // only the fields that overflowed, in the spec's order
        le16(c, 0x0001);
        le16(c, 8 * wide);
        if (e.uncompressedSize >= kMax32)
            le64(c, e.uncompressedSize);
        if (e.compressedSize >= kMax32)
            le64(c, e.compressedSize);
        if (offset >= kMax32)
            le64(c, offset);
    }
    ++m_entries;
    m_pendingData = e.compressedSize;
    return put(h.constData(), std::size_t(h.size()));
}

bool ZipWriter::writeData(const char *data, std::size_t size)
{
    if (size > m_pendingData) {
        m_error = QStringLiteral("entry data longer than announced (the file changed while exporting?)");
        return false;
    }
    m_pendingData -= size;
    return put(data, size);
}

bool ZipWriter::finish()
{
    if (m_pendingData != 0) {
        m_error = QStringLiteral("entry data shorter than announced (the file changed while exporting?)");
        return false;
    }
    const std::uint64_t cdOffset = m_offset;
    const std::uint64_t cdSize = std::uint64_t(m_central.size());
    if (!put(m_central.constData(), std::size_t(m_central.size())))
        return false;
    m_central = QByteArray();
    QByteArray end;
    if (needsZip64End(m_entries, cdOffset, cdSize)) {
        const std::uint64_t recordOffset = m_offset;
        le32(end, 0x06064b50);
        le64(end, 44); // size of the rest of this record
        le16(end, kMadeBy);
        le16(end, 45);
        le32(end, 0);
        le32(end, 0);
        le64(end, m_entries);
        le64(end, m_entries);
        le64(end, cdSize);
        le64(end, cdOffset);
        le32(end, 0x07064b50); // locator
        le32(end, 0);
        le64(end, recordOffset);
        le32(end, 1);
    }
    const std::uint64_t shortCount = m_entries >= 0xffff ? 0xffff : m_entries;
    le32(end, 0x06054b50);
    le16(end, 0);
    le16(end, 0);
    le16(end, shortCount);
    le16(end, shortCount);
    le32(end, clamp32(cdSize));
    le32(end, clamp32(cdOffset));
    le16(end, 0);
    return put(end.constData(), std::size_t(end.size())) && flushBuffer();
}

std::uint32_t ZipWriter::dosDateTime(std::int64_t epochSeconds)
{
    const std::time_t t = std::time_t(std::clamp(epochSeconds, kEarliestEpoch, kLatestEpoch));
    std::tm tm{};
    gmtime_r(&t, &tm);
    const std::uint32_t date = std::uint32_t(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
    const std::uint32_t time = std::uint32_t((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
    return (date << 16) | time;
}

bool ZipWriter::epochInRange(std::int64_t epochSeconds, QString *error)
{
    if (epochSeconds >= kEarliestEpoch && epochSeconds <= kLatestEpoch)
        return true;
    if (error)
        *error = QStringLiteral("entry time %1 is outside what a zip can hold (%2 to %3: 1980-01-01 00:00:00 to "
                                "2107-12-31 23:59:59 UTC)")
                     .arg(epochSeconds)
                     .arg(kEarliestEpoch)
                     .arg(kLatestEpoch);
    return false;
}

std::optional<std::int64_t> ZipWriter::epochFromEnvironment(QString *error)
{
    const char *env = std::getenv("SOURCE_DATE_EPOCH");
    if (!env || !*env)
        return kEarliestEpoch;
    const QString shown = QString::fromLocal8Bit(env);
    // strtoll alone takes " 12", "+12" and "-5" and stops quietly at "12x".
    bool digits = true;
    for (const char *c = env; *c; ++c)
        digits = digits && *c >= '0' && *c <= '9';
    errno = 0;
    const long long v = digits ? std::strtoll(env, nullptr, 10) : 0;
    if (!digits || errno == ERANGE) {
        if (error)
            *error = QStringLiteral("SOURCE_DATE_EPOCH=\"%1\" is not a whole number of seconds since 1970-01-01 "
                                    "UTC; unset it or set it to one (%2 to %3)")
                         .arg(shown)
                         .arg(kEarliestEpoch)
                         .arg(kLatestEpoch);
        return std::nullopt;
    }
    QString why;
    if (!epochInRange(v, &why)) {
        if (error)
            *error = QStringLiteral("SOURCE_DATE_EPOCH=\"%1\": %2").arg(shown, why);
        return std::nullopt;
    }
    return v;
}

std::int64_t ZipWriter::defaultEpoch()
{
    return epochFromEnvironment(nullptr).value_or(kEarliestEpoch);
}
