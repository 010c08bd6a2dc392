#include "base/readlink.h"

#include <unistd.h>

std::optional<QByteArray> readLinkAt(int dirFd, const char *path)
{
    QByteArray target(4096, Qt::Uninitialized);
    for (;;) {
        const ssize_t n = ::readlinkat(dirFd, path, target.data(), std::size_t(target.size()));
        if (n < 0)
            return std::nullopt;
        if (n < target.size()) { // readlinkat fills the buffer when the target may not have fit
            target.truncate(n);
            return target;
        }
        target.resize(target.size() * 2);
    }
}
