#include "scan/zipsource.h"

#include "base/oserror.h"
#include "export/zip/entryencoder.h"

#include <QFile>

#include <quazip/quazip.h>
#include <quazip/unzip.h>
#include <zlib.h>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace {

constexpr std::size_t kChunk = std::size_t(1) << 20;

} // namespace

ZipSource::ZipSource() = default;

ZipSource::~ZipSource()
{
    if (m_fd >= 0)
        ::close(m_fd);
    if (m_zip)
        m_zip->close();
}

bool ZipSource::open(const QString &path, QString *error)
{
    m_zip = std::make_unique<QuaZip>(path);
    if (!m_zip->open(QuaZip::mdUnzip)) {
        *error = QStringLiteral("%1: not a readable zip (error %2)").arg(path).arg(m_zip->getZipError());
        return false;
    }
    m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) {
        *error = QStringLiteral("%1: cannot open: %2").arg(path, errnoText());
        return false;
    }
    return true;
}

bool ZipSource::dataOffset(const ZipEntryRef &ref, std::uint64_t *offset, QString *error)
{
    if (ref.flags & 1) {
        *error = QStringLiteral("encrypted entry; LayerSlim cannot export it");
        return false;
    }
    if (ref.method != 0 && ref.method != 8) {
        *error = QStringLiteral("compression method %1 is not stored or deflate").arg(ref.method);
        return false;
    }
    unzFile uf = m_zip->getUnzFile();
    int method = 0, level = 0;
    if (unzSetOffset64(uf, ref.offset) != UNZ_OK || unzOpenCurrentFile2(uf, &method, &level, 1) != UNZ_OK) {
        *error = QStringLiteral("cannot locate the entry's data in the source zip");
        return false;
    }
    *offset = unzGetCurrentFileZStreamPos64(uf);
    unzCloseCurrentFile(uf);
    return true;
}

bool ZipSource::copyRaw(const ZipEntryRef &ref, std::uint64_t offset, const Sink &sink, QString *error)
{
    std::unique_ptr<char[]> buf(new char[kChunk]);
    std::uint64_t left = ref.compressedSize;
    while (left > 0) {
        const std::size_t want = std::size_t(std::min<std::uint64_t>(left, kChunk));
        const ssize_t n = ::pread(m_fd, buf.get(), want, off_t(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = n < 0 ? QStringLiteral("read error in the source zip: %1").arg(errnoText())
                           : QStringLiteral("the source zip is truncated");
            return false;
        }
        if (!sink(buf.get(), std::size_t(n)))
            return false;
        offset += std::uint64_t(n);
        left -= std::uint64_t(n);
    }
    return true;
}

bool ZipSource::extract(const ZipEntryRef &ref, std::uint64_t offset, const Sink &sink, QString *error)
{
    std::uint32_t crc = 0;
    std::uint64_t produced = 0;
    bool ok = true;
    if (ref.method == 0) {
        ok = copyRaw(
            ref, offset,
            [&](const char *p, std::size_t n) {
                crc = EntryEncoder::crc32(crc, p, n);
                produced += n;
                return sink(p, n);
            },
            error);
    } else {
        z_stream z{};
        if (inflateInit2(&z, -15) != Z_OK) {
            *error = QStringLiteral("zlib could not start");
            return false;
        }
        std::unique_ptr<char[]> out(new char[kChunk]);
        int rc = Z_OK;
        ok = copyRaw(
            ref, offset,
            [&](const char *p, std::size_t n) {
                z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(p));
                z.avail_in = uInt(n);
                while (rc != Z_STREAM_END) {
                    z.next_out = reinterpret_cast<Bytef *>(out.get());
                    z.avail_out = uInt(kChunk);
                    rc = inflate(&z, Z_NO_FLUSH);
                    if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
                        *error = QStringLiteral("corrupt deflate data in the source zip");
                        return false;
                    }
                    const std::size_t got = kChunk - z.avail_out;
                    crc = EntryEncoder::crc32(crc, out.get(), got);
                    produced += got;
                    if (got && !sink(out.get(), got))
                        return false;
                    if (z.avail_in == 0 && z.avail_out != 0)
                        break; // everything fed so far is out
                }
                return true;
            },
            error);
        inflateEnd(&z);
    }
    if (ok && (crc != ref.crc || produced != ref.uncompressedSize)) {
        *error = QStringLiteral("CRC or size mismatch in the source zip");
        return false;
    }
    return ok;
}
