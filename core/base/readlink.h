// A symlink's target as raw bytes, however long: readlinkat(2) into a buffer
// that grows until the target fits.
#pragma once

#include <QByteArray>

#include <optional>

// The target of the link `path`, relative to the folder open as `dirFd`
// (AT_FDCWD: the working folder, or `path` is absolute). nullopt with errno
// set when it cannot be read.
[[nodiscard]] std::optional<QByteArray> readLinkAt(int dirFd, const char *path);
