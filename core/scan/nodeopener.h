// Opens the files and links of a scanned folder for reading relative to their
// parent folder's descriptor, walking the tree's parent chain one name at a
// time with O_NOFOLLOW: no path handed to the kernel is longer than one name,
// so trees deeper than PATH_MAX export, and a folder swapped for a symlink
// after the scan is refused instead of followed out of the tree.
#pragma once

#include "tree/filetree.h"

#include <QByteArray>
#include <QString>

class NodeOpener
{
public:
    // `tree` must come from a folder (FileTree::Source::Directory).
    explicit NodeOpener(const FileTree &tree);
    ~NodeOpener();
    NodeOpener(const NodeOpener &) = delete;
    NodeOpener &operator=(const NodeOpener &) = delete;

    // A descriptor on the regular file at `node` (the caller closes it), or -1
    // with `error` saying why; the caller checks type and size against the scan
    // (opened non-blocking, so that a FIFO found in its place does not hang).
    [[nodiscard]] int openFile(FileTree::Index node, QString *error);
    // The target of the symlink at `node`, as raw bytes.
    [[nodiscard]] bool readLink(FileTree::Index node, QByteArray *target, QString *error);

private:
    // The descriptor of `node`'s parent folder (owned here), or -1 with `error`.
    int parentFolder(FileTree::Index node, QString *error);

    const FileTree &m_tree;
    // The last folder walked to stays open: plan order visits siblings one
    // after another, so most opens are a single openat().
    FileTree::Index m_folder = FileTree::kNone;
    int m_folderFd = -1;
};
