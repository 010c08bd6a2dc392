// The scanned tree, flat and in preorder: one row of parallel arrays a node,
// names as raw bytes in one pool, so that "everything under this folder" is
// the contiguous index range [i, subtreeEnd(i)).
#pragma once

#include "base/hugepages.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

// What a node is on disk (or in the zip). Only regular files carry bytes.
enum class NodeKind : std::uint8_t {
    Directory, // a folder; its bytes are the sum of the regular files below it
    File,      // a regular file; counted by Lambda, exported with its content
    Symlink,   // a symbolic link; never followed, exported as a link
    Fifo,      // a named pipe; listed, never opened, never exported
    Socket,    // a Unix socket; listed, never opened, never exported
    Device,    // a block or character device; listed, never opened, never exported
};

// Per-node facts gathered while scanning, as bits.
enum NodeFlag : std::uint8_t {
    FlagNone = 0,
    FlagExecutable = 1 << 0,   // any execute bit set: exported 0755 instead of 0644
    FlagUnreadable = 1 << 1,   // stat or opendir failed; see FileTree::issues()
    FlagLinkOutside = 1 << 2,  // a symlink whose target leaves the scanned tree
    FlagLinkDangling = 1 << 3, // a symlink whose target does not exist
    FlagNonUtf8Name = 1 << 4,  // the name is not valid UTF-8; shown escaped, exported byte-exact
    FlagHardLink = 1 << 5,     // a regular file with more than one link
};

// A problem met while scanning one path: never fatal, always reported.
struct ScanIssue {
    QByteArray path; // relative to the scanned root, raw bytes
    QString reason;  // e.g. strerror text
};

class FileTree
{
public:
    using Index = std::uint32_t;
    static constexpr Index kNone = ~Index{0};

    // Where the tree came from.
    enum class Source : std::uint8_t {
        Directory, // a folder on disk, scanned with DirectoryScanner
        Zip,       // an existing layer zip, read with ZipScanner
    };

    FileTree();

    // ---- building (used by the scanners, in preorder) ----
    // The root (index 0) exists from the start with an empty name.
    Index beginDirectory(QByteArrayView name, std::uint16_t mode, std::uint8_t flags = FlagNone);
    void endDirectory();
    Index addLeaf(QByteArrayView name, NodeKind kind, std::uint64_t size, std::uint16_t mode,
                  std::uint8_t flags = FlagNone);
    void addIssue(QByteArray path, QString reason);
    // Appends the folder `node` of another tree as a folder named `name` at
    // the current position, with everything below it. A folder `from` left
    // open (its root before finish(), or any folder of a tree built by hand)
    // ends where `from` ends. Parallel scans walk folders into trees of their own and splice
    // them in preorder this way. Issues stay in `from`: the caller carries
    // over those of the copied folder.
    Index appendTree(const FileTree &from, Index node, QByteArrayView name, std::uint16_t mode,
                     std::uint8_t flags = FlagNone);
    // Makes room for `nodes` nodes and `nameBytes` bytes of names in all, so
    // appending up to that grows nothing.
    void reserve(Index nodes, qsizetype nameBytes);
    [[nodiscard]] qsizetype nameBytes() const { return qsizetype(m_names.size()); }
    // Closes any open directories, computes subtree totals and the package root.
    void finish();

    void setRootPath(const QString &path) { m_rootPath = path; }
    void setSource(Source s) { m_source = s; }
    // A per-node reference into the source (e.g. the zip entry number); kNone when unused.
    void setSourceRef(Index node, std::uint32_t ref);

    // ---- reading ----
    [[nodiscard]] Index count() const { return Index(m_parent.size()); }
    [[nodiscard]] QByteArrayView name(Index i) const
    {
        return QByteArrayView(m_names.data() + m_nameOffset[i], m_nameLength[i]);
    }
    [[nodiscard]] Index parent(Index i) const { return m_parent[i]; }
    [[nodiscard]] Index subtreeEnd(Index i) const { return m_end[i]; }
    [[nodiscard]] NodeKind kind(Index i) const { return NodeKind(m_kind[i]); }
    [[nodiscard]] bool isDir(Index i) const { return kind(i) == NodeKind::Directory; }
    [[nodiscard]] bool isFile(Index i) const { return kind(i) == NodeKind::File; }
    [[nodiscard]] std::uint8_t flags(Index i) const { return m_flags[i]; }
    [[nodiscard]] std::uint16_t mode(Index i) const { return m_mode[i]; }
    // Own size: a regular file's byte count, 0 for everything else.
    [[nodiscard]] std::uint64_t size(Index i) const { return m_size[i]; }
    // Bytes of the regular files in [i, subtreeEnd(i)), as Lambda counts them.
    [[nodiscard]] std::uint64_t totalBytes(Index i) const { return m_prefixBytes[m_end[i]] - m_prefixBytes[i]; }
    // Regular files in [i, subtreeEnd(i)).
    [[nodiscard]] std::uint32_t totalFiles(Index i) const { return m_prefixFiles[m_end[i]] - m_prefixFiles[i]; }
    [[nodiscard]] std::uint32_t sourceRef(Index i) const { return m_sourceRef.empty() ? kNone : m_sourceRef[i]; }
    [[nodiscard]] int depth(Index i) const;

    // Children of a directory, in stored (byte-sorted) order.
    [[nodiscard]] std::vector<Index> children(Index dir) const;
    [[nodiscard]] Index childCount(Index dir) const;

    // Path of a node relative to the root, '/'-joined raw bytes ("" for the root).
    [[nodiscard]] QByteArray path(Index i) const;
    // Path relative to the package root, or relative to the root when outside it.
    [[nodiscard]] QByteArray packagePath(Index i) const;
    // A path for people: UTF-8 decoded, invalid bytes shown as \xNN.
    [[nodiscard]] QString displayPath(Index i) const;
    [[nodiscard]] static QString displayName(QByteArrayView bytes);
    [[nodiscard]] static bool isValidUtf8(QByteArrayView bytes);
    // Finds a node by its '/'-joined path below `from`; kNone when absent.
    [[nodiscard]] Index find(QByteArrayView relPath, Index from = 0) const;

    // The folder whose children are the layer's top-level packages: the root,
    // or `python/`, or `python/lib/pythonX.Y/site-packages/` when present.
    [[nodiscard]] Index packageRoot() const { return m_packageRoot; }
    // The top-level package (a child of the package root) that holds i, or kNone.
    [[nodiscard]] Index topLevelOf(Index i) const;

    [[nodiscard]] const QString &rootPath() const { return m_rootPath; }
    [[nodiscard]] Source source() const { return m_source; }
    [[nodiscard]] const std::vector<ScanIssue> &issues() const { return m_issues; }
    [[nodiscard]] std::uint32_t fileCount() const { return totalFiles(0); }
    [[nodiscard]] std::uint32_t dirCount() const;

    // Bytes the arrays and the name pool can keep resident: each block's
    // hugepages::footprint() (benchmarks report this per node).
    [[nodiscard]] std::size_t memoryBytes() const;

private:
    Index append(QByteArrayView name, NodeKind kind, std::uint64_t size, std::uint16_t mode, std::uint8_t flags);
    Index findPackageRoot() const;
    // Names from below `ancestor` down to i, '/'-joined.
    QByteArray pathBelow(Index i, Index ancestor) const;

    // Memory budget: 4+2+1+1+2 + 4+4 + 8+8+4 = 38 bytes a node plus the name
    // bytes (and 4 more for zip sources); the 6,300-file demo layer needs ~0.3 MB,
    // a 200,000-file tree ~8 MB.
    // The columns reach megabytes on large trees: they live on huge pages.
    BigVector<char> m_names;
    BigVector<std::uint32_t> m_nameOffset;
    BigVector<std::uint16_t> m_nameLength;
    BigVector<std::uint8_t> m_kind;
    BigVector<std::uint8_t> m_flags;
    BigVector<std::uint16_t> m_mode;
    BigVector<Index> m_parent;
    BigVector<Index> m_end;
    BigVector<std::uint64_t> m_size;
    BigVector<std::uint64_t> m_prefixBytes; // count()+1 entries: file bytes before node i
    BigVector<std::uint32_t> m_prefixFiles; // count()+1 entries: files before node i
    BigVector<std::uint32_t> m_sourceRef;

    std::vector<Index> m_openDirs; // building only
    std::vector<ScanIssue> m_issues;
    QString m_rootPath;
    Source m_source = Source::Directory;
    Index m_packageRoot = 0;
};
