// Opens the files and links of a scanned folder for reading relative to their
// parent folder's descriptor, walking the tree's parent chain one name at a
// time with O_NOFOLLOW: no path handed to the kernel is longer than one name,
// so trees deeper than PATH_MAX export, and a folder swapped for a symlink
// after the scan is refused instead of followed out of the tree. The folders on
// the way down stay open (up to kHeldLevels of them), so reaching a cousin
// folder costs one openat() a level below the common ancestor, not a walk
// from the root.
#pragma once

#include "tree/filetree.h"

#include <QByteArray>
#include <QString>

#include <vector>

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

    // Folders held open from the root down; a deeper folder is walked to from
    // the deepest of them and only the last one kept (several openers run at
    // once, one a thread, so each keeps few descriptors).
    static constexpr std::size_t kHeldLevels = 16;

private:
    // The descriptor of `node`'s parent folder (owned here), or -1 with `error`.
    int parentFolder(FileTree::Index node, QString *error);
    // Opens `folder` (a child of the folder open as `at`) without following a link.
    int openChild(int at, FileTree::Index folder, QString *error) const;
    void closeDeep();

    struct Held {
        FileTree::Index node;
        int fd;
    };
    const FileTree &m_tree;
    // m_held[k] is open on the folder k levels below the root, each a child of
    // the one before: the path to the last folder reached, as far as it goes.
    std::vector<Held> m_held;
    // The last folder reached when it lies deeper than kHeldLevels.
    Held m_deep{FileTree::kNone, -1};
    std::vector<FileTree::Index> m_path; // scratch: the folders from the root down
};
