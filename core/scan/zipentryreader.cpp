#include "scan/zipentryreader.h"

#include "base/fdio.h"
#include "base/oserror.h"

#include <quazip/quazip.h>
#include <quazip/unzip.h>

#include <cerrno>
#include <unistd.h>

ZipEntryReader::ZipEntryReader(const QString &zipPath)
    : m_zip(std::make_unique<QuaZip>(zipPath))
{
    m_open = m_zip->open(QuaZip::mdUnzip);
}

ZipEntryReader::~ZipEntryReader()
{
    if (m_open)
        m_zip->close();
}

bool ZipEntryReader::readTo(const ZipEntryRef &ref, int fd, QString *why)
{
    return stream(ref, fd, nullptr, -1, why);
}

bool ZipEntryReader::read(const ZipEntryRef &ref, QByteArray *out, QString *why, qint64 limit)
{
    out->clear();
    return stream(ref, -1, out, limit, why);
}

bool ZipEntryReader::stream(const ZipEntryRef &ref, int fd, QByteArray *out, qint64 limit, QString *why)
{
    if (!m_open) {
        *why = QStringLiteral("the zip could not be opened");
        return false;
    }
    if (ref.flags & 1) {
        *why = QStringLiteral("encrypted zip entry");
        return false;
    }
    unzFile uf = m_zip->getUnzFile();
    if (unzSetOffset64(uf, ref.offset) != UNZ_OK || unzOpenCurrentFile(uf) != UNZ_OK) {
        *why = QStringLiteral("cannot open the zip entry");
        return false;
    }
    char buf[65536];
    bool ok = true;
    bool stoppedEarly = false;
    for (;;) {
        int want = int(sizeof buf);
        if (out && limit >= 0) {
            if (out->size() >= limit) {
                stoppedEarly = true;
                break;
            }
            want = int(std::min<qint64>(want, limit - out->size()));
        }
        const int n = unzReadCurrentFile(uf, buf, unsigned(want));
        if (n < 0) {
            *why = QStringLiteral("corrupt zip entry (error %1)").arg(n);
            ok = false;
            break;
        }
        if (n == 0)
            break;
        if (fd < 0) {
            out->append(buf, n);
        } else if (!writeAll(fd, buf, std::size_t(n))) {
            *why = QStringLiteral("cannot write its copy: %1").arg(errnoText());
            ok = false;
            break;
        }
    }
    // A CRC can only be checked when the entry was read to its end.
    if (unzCloseCurrentFile(uf) == UNZ_CRCERROR && ok && !stoppedEarly) {
        *why = QStringLiteral("CRC mismatch in the zip entry");
        ok = false;
    }
    return ok;
}
