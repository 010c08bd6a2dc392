#include "base/fdio.h"

#include "base/oserror.h"

#include <QByteArray>

#include <algorithm>
#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>

bool writeAll(int fd, const char *data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return false;
        if (n == 0) { // no progress and no error: never loop on it
            errno = EIO;
            return false;
        }
        data += n;
        size -= std::size_t(n);
    }
    return true;
}

CopyOutcome copyOpenFile(int in, std::uint64_t size, int out, QString *why)
{
    const auto changed = [why] {
        *why = QStringLiteral("changed since the scan; scan again");
        return CopyOutcome::Changed;
    };
    struct stat st {
    };
    if (::fstat(in, &st) != 0 || !S_ISREG(st.st_mode))
        return changed();
    constexpr std::size_t kBuffer = std::size_t(1) << 20;
    QByteArray buf(qsizetype(std::min<std::uint64_t>(kBuffer, size + 1)), Qt::Uninitialized);
    std::uint64_t total = 0;
    while (total <= size) {
        const std::size_t want = std::size_t(std::min<std::uint64_t>(std::uint64_t(buf.size()), size + 1 - total));
        const ssize_t n = ::read(in, buf.data(), want);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *why = QStringLiteral("read error: %1").arg(errnoText());
            return CopyOutcome::ReadFailed;
        }
        if (n == 0)
            break;
        total += std::uint64_t(n);
        if (total > size)
            break; // grew since the scan: nothing past the scanned size is written
        if (!writeAll(out, buf.constData(), std::size_t(n))) {
            *why = QStringLiteral("cannot write: %1").arg(errnoText());
            return CopyOutcome::WriteFailed;
        }
    }
    return total == size ? CopyOutcome::Copied : changed();
}
