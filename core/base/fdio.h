// Whole writes and checked copies on open file descriptors: the one home of
// the loops that retry short transfers and EINTR.
#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>

// Writes all `size` bytes at `data` to `fd`. False with errno set when a
// write fails.
[[nodiscard]] bool writeAll(int fd, const char *data, std::size_t size);

// How a copy of an open file ended.
enum class CopyOutcome {
    Copied,      // every byte, and the source held exactly the size the scan saw
    Changed,     // the source is no longer a regular file of the scanned size
    ReadFailed,  // reading the source failed
    WriteFailed, // writing the copy failed
};

// Copies the regular file open as `in`, from where its offset stands, to
// `out`, reading at most one byte past `size` (a file that grew is not read
// to its end). Anything but Copied comes with `why` in words that name
// neither file: "changed since the scan; scan again", "read error: …" or
// "cannot write: …"; callers add the names.
[[nodiscard]] CopyOutcome copyOpenFile(int in, std::uint64_t size, int out, QString *why);
