#include "export/zip/entryencoder.h"

#include "base/oserror.h"
#include "base/phaseclock.h"
#include "base/readlink.h"
#include "base/uniquefd.h"

#include <libdeflate.h>
#include <zlib.h>

#include <cerrno>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr std::size_t kChunk = std::size_t(1) << 20;

bool readFully(int fd, char *buf, std::size_t size, std::uint64_t offset, std::size_t *got)
{
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::pread(fd, buf + done, size - done, off_t(offset + done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (n == 0)
            break;
        done += std::size_t(n);
    }
    *got = done;
    return true;
}

// Whether an open descriptor is still the regular file of `size` bytes the scan saw.
bool stillAsScanned(int fd, std::uint64_t size, QString *error)
{
    struct stat st {
    };
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || std::uint64_t(st.st_size) != size) {
        *error = QStringLiteral("changed since the scan (was a %1-byte file); scan again").arg(size);
        return false;
    }
    return true;
}

int openPath(const QByteArray &path, QString *error)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        *error = QStringLiteral("cannot open: %1").arg(errnoText());
    return fd;
}

struct Deflater {
    z_stream z{};
    bool ok = false;
    explicit Deflater(int level)
    {
        ok = deflateInit2(&z, std::min(level, 9), Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
    }
    ~Deflater()
    {
        if (ok)
            deflateEnd(&z);
    }
};

} // namespace

EntryEncoder::EntryEncoder(int level)
    : m_level(level)
{
    if (level > 0)
        m_compressor = libdeflate_alloc_compressor(level);
}

EntryEncoder::~EntryEncoder()
{
    if (m_compressor)
        libdeflate_free_compressor(m_compressor);
}

std::uint32_t EntryEncoder::crc32(std::uint32_t crc, const char *data, std::size_t size)
{
    return libdeflate_crc32(crc, data, size);
}

std::uint64_t EntryEncoder::peakMemory(std::uint64_t size)
{
    if (size > kWholeBufferLimit)
        return 3 * kChunk + (std::uint64_t(1) << 18);
    return 2 * size + 4096 + (size >> 8);
}

bool EntryEncoder::encodeFile(const QByteArray &path, std::uint64_t expectedSize, bool keepData, EncodedEntry *out,
                              QString *error)
{
    UniqueFd fd(openPath(path, error));
    return fd.valid() && encodeFile(fd.get(), expectedSize, keepData, out, error);
}

bool EntryEncoder::encodeFile(int source, std::uint64_t expectedSize, bool keepData, EncodedEntry *out, QString *error)
{
    if (!stillAsScanned(source, expectedSize, error))
        return false;
    *out = EncodedEntry{};
    out->uncompressedSize = expectedSize;
    if (expectedSize > kWholeBufferLimit)
        return encodeLarge(source, expectedSize, out, error);

    QByteArray input(qsizetype(expectedSize), Qt::Uninitialized);
    std::size_t got = 0;
    PhaseClock clock;
    if (!readFully(source, input.data(), std::size_t(expectedSize), 0, &got)) {
        *error = QStringLiteral("read error: %1").arg(errnoText());
        return false;
    }
    char probe;
    std::size_t extra = 0;
    if (got != expectedSize || !readFully(source, &probe, 1, expectedSize, &extra) || extra != 0) {
        *error = QStringLiteral("changed since the scan (was a %1-byte file); scan again").arg(expectedSize);
        return false;
    }
    m_times.readNs += clock.lap();
    out->crc = crc32(0, input.constData(), std::size_t(input.size()));
    m_times.crcNs += clock.lap();
    if (m_compressor && expectedSize > 0) {
        const std::size_t bound = libdeflate_deflate_compress_bound(m_compressor, std::size_t(expectedSize));
        QByteArray packed(qsizetype(bound), Qt::Uninitialized);
        const std::size_t n = libdeflate_deflate_compress(m_compressor, input.constData(), std::size_t(expectedSize),
                                                          packed.data(), bound);
        m_times.deflateNs += clock.lap();
        if (n > 0 && n < expectedSize) {
            out->method = 8;
            out->compressedSize = n;
            if (keepData) {
                packed.truncate(qsizetype(n));
                packed.squeeze();
                out->data = std::move(packed);
            }
            return true;
        }
    }
    out->method = 0;
    out->compressedSize = expectedSize;
    if (keepData)
        out->data = std::move(input);
    return true;
}

bool EntryEncoder::pump(int fd, bool deflating, const Sink &sink, ChunkTotals *totals, QString *error)
{
    std::unique_ptr<char[]> in(new char[kChunk]);
    std::unique_ptr<char[]> packed(new char[kChunk]);
    std::unique_ptr<Deflater> d;
    if (deflating) {
        d = std::make_unique<Deflater>(m_level);
        if (!d->ok) {
            *error = QStringLiteral("zlib could not start");
            return false;
        }
    }
    const auto handOn = [&](const char *data, std::size_t n) {
        totals->written += n;
        return !sink || n == 0 || sink(data, n);
    };
    PhaseClock clock;
    for (;;) {
        std::size_t got = 0;
        if (!readFully(fd, in.get(), kChunk, totals->read, &got)) {
            *error = QStringLiteral("read error: %1").arg(errnoText());
            return false;
        }
        m_times.readNs += clock.lap();
        totals->crc = crc32(totals->crc, in.get(), got);
        m_times.crcNs += clock.lap();
        totals->read += got;
        if (!d) {
            if (!handOn(in.get(), got))
                return false;
            (void)clock.lap(); // handing on is the caller's time
        } else {
            d->z.next_in = reinterpret_cast<Bytef *>(in.get());
            d->z.avail_in = uInt(got);
            const int flush = got < kChunk ? Z_FINISH : Z_NO_FLUSH;
            int rc;
            do {
                d->z.next_out = reinterpret_cast<Bytef *>(packed.get());
                d->z.avail_out = uInt(kChunk);
                rc = deflate(&d->z, flush);
                m_times.deflateNs += clock.lap();
                if (!handOn(packed.get(), kChunk - d->z.avail_out))
                    return false;
                (void)clock.lap(); // handing on is the caller's time
            } while (d->z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
        }
        if (got < kChunk)
            return true;
    }
}

bool EntryEncoder::encodeLarge(int fd, std::uint64_t size, EncodedEntry *out, QString *error)
{
    out->streamed = true;
    ChunkTotals totals;
    if (!pump(fd, m_level > 0, nullptr, &totals, error))
        return false;
    if (totals.read != size) {
        *error = QStringLiteral("changed since the scan (was a %1-byte file); scan again").arg(size);
        return false;
    }
    out->crc = totals.crc;
    const bool shrinks = m_level > 0 && totals.written < size;
    out->method = shrinks ? 8 : 0;
    out->compressedSize = shrinks ? totals.written : size;
    return true;
}

bool EntryEncoder::stream(const QByteArray &path, const EncodedEntry &e, const Sink &sink, QString *error)
{
    UniqueFd fd(openPath(path, error));
    return fd.valid() && stream(fd.get(), e, sink, error);
}

bool EntryEncoder::stream(int source, const EncodedEntry &e, const Sink &sink, QString *error)
{
    if (!stillAsScanned(source, e.uncompressedSize, error))
        return false;
    ChunkTotals totals;
    if (!pump(source, e.method == 8, sink, &totals, error))
        return false;
    if (totals.read != e.uncompressedSize || totals.crc != e.crc || totals.written != e.compressedSize) {
        *error = QStringLiteral("changed while exporting; scan again");
        return false;
    }
    return true;
}

bool EntryEncoder::encodeSymlink(const QByteArray &path, EncodedEntry *out, QString *error)
{
    *out = EncodedEntry{};
    std::optional<QByteArray> target = readLinkAt(AT_FDCWD, path.constData());
    if (!target) {
        *error = QStringLiteral("cannot read the link: %1").arg(errnoText());
        return false;
    }
    encodeLinkTarget(std::move(*target), out);
    return true;
}

void EntryEncoder::encodeLinkTarget(QByteArray target, EncodedEntry *out)
{
    *out = EncodedEntry{};
    out->crc = crc32(0, target.constData(), std::size_t(target.size()));
    out->method = 0;
    out->uncompressedSize = out->compressedSize = std::uint64_t(target.size());
    out->data = std::move(target);
}
