// Scans a folder into a FileTree with openat/fstatat: symlinks are recorded,
// never followed; FIFOs, sockets and devices are listed, never opened; every
// per-path failure becomes a ScanIssue and the scan goes on.
#pragma once

#include "base/jobcontrol.h"
#include "tree/filetree.h"

#include <memory>

class DirectoryScanner
{
public:
    // Returns the tree of `root` (partial when cancelled). `error` is set, and
    // nullptr returned, only when the root itself cannot be opened.
    [[nodiscard]] static std::unique_ptr<FileTree> scan(const QString &root, QString *error,
                                                        JobControl *control = nullptr);
};
