#include "scan/directoryscanner.h"

#include "base/oserror.h"
#include "base/readlink.h"

#include <QFile>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <deque>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <string_view>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {

// One entry of a folder: where its name lies in the folder's name pool, and
// the stat fields the tree keeps (40 bytes; a name of its own and a whole
// struct stat took 176 and a heap block an entry).
struct Entry {
    std::uint32_t nameAt = 0; // the name's first byte in Frame::names, NUL-terminated there
    std::uint32_t nameSize = 0;
    mode_t mode = 0;
    nlink_t links = 0;
    off_t size = 0;
    // A folder's entry is not stat'ed when its parent is read: opening it and
    // asking the descriptor looks its name up once instead of twice. Until
    // then only the type bits of `mode` are set.
    bool statted = true;

    void take(const struct stat &st)
    {
        mode = st.st_mode;
        links = st.st_nlink;
        size = st.st_size;
        statted = true;
    }
};

// One open folder on the walk: its descriptor and its sorted entries. A walk
// keeps one frame a level and reuses it for the next folder at that level,
// so its entries and names grow to the largest folder once.
struct Frame {
    int fd = -1;
    std::vector<Entry> entries;
    std::vector<char> names; // every entry's name, each ending in NUL
    std::size_t next = 0;
    FileTree::Index node = 0; // the folder's node; its path is derived only when needed
    int depth = 0;            // components below the root

    [[nodiscard]] const char *name(const Entry &e) const { return names.data() + e.nameAt; }
    [[nodiscard]] QByteArrayView nameView(const Entry &e) const { return {name(e), qsizetype(e.nameSize)}; }
    void reset(FileTree::Index folder, int level)
    {
        fd = -1;
        entries.clear();
        names.clear();
        next = 0;
        node = folder;
        depth = level;
    }
};

// A deep tree keeps one descriptor a level open; lift the soft limit to the hard one.
void raiseDescriptorLimit()
{
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
        lim.rlim_cur = lim.rlim_max;
        setrlimit(RLIMIT_NOFILE, &lim);
    }
}

std::uint16_t permissions(const Entry &e)
{
    return std::uint16_t(e.mode & 07777);
}

// Opens the folder `entry` names in `dirFd`, and fills in its stat if the
// entry still lacks one. On failure returns -1 with errno set; the entry is
// then stat'ed by name if it can be, since it may be a file or a link by now.
int openFolder(int dirFd, const char *name, Entry &entry)
{
    const int fd = openat(dirFd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (entry.statted)
        return fd;
    int err = errno;
    struct stat st {
    };
    if (fd >= 0) {
        if (fstat(fd, &st) == 0) {
            entry.take(st);
            return fd;
        }
        err = errno;
        ::close(fd);
    }
    if (fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
        entry.take(st);
    errno = err;
    return -1;
}

// Stats `name` in `dirFd` into `entry`; false with errno set when it cannot.
bool statEntry(int dirFd, const char *name, Entry &entry)
{
    struct stat st {
    };
    if (fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return false;
    entry.take(st);
    return true;
}

// The flag a name gives its node: FlagNonUtf8Name when its bytes are not UTF-8.
std::uint8_t nameFlags(QByteArrayView name)
{
    return FileTree::isValidUtf8(name) ? FlagNone : FlagNonUtf8Name;
}

QString lookupFailure(int err)
{
    return err == ENOENT ? QStringLiteral("vanished during the scan") : errnoText(err);
}

// The package path of `name` inside the folder node `dir` of `tree`, for issues.
QByteArray pathIn(const FileTree &tree, FileTree::Index dir, QByteArrayView name)
{
    QByteArray path = tree.path(dir);
    if (!path.isEmpty())
        path += '/';
    return path.append(name);
}

// Resolves a link target against the link's folder (`depth` components below
// the root) without touching the disk; false when it climbs above the root.
bool staysInside(int depth, const QByteArray &target)
{
    if (target.startsWith('/'))
        return false;
    for (const QByteArray &part : target.split('/')) {
        if (part == "..") {
            if (--depth < 0)
                return false;
        } else if (!part.isEmpty() && part != ".") {
            ++depth;
        }
    }
    return true;
}

// Counters every worker of one scan adds to, for progress reports.
struct SharedProgress {
    std::atomic<std::uint64_t> files{0};
    std::atomic<std::uint64_t> bytes{0};
};

// A sequential walk of one folder's subtree into one FileTree. `baseDepth` is
// how deep that folder lies below the scan root (a worker's folders sit just
// below its own tree's root but deeper in the scan).
class Walk
{
public:
    Walk(FileTree &tree, JobControl *control, SharedProgress &progress, int baseDepth = 0)
        : m_tree(tree)
        , m_control(control)
        , m_shared(progress)
        , m_baseDepth(baseDepth)
    {
    }

    // Takes ownership of the open folder `dirFd`. Entries are read with
    // getdents64 into a buffer the walk reuses: a DIR stream would allocate
    // its own buffer and check the descriptor with fcntl for every folder.
    bool readFolder(int dirFd, Frame &frame)
    {
        frame.fd = dirFd;
        for (;;) {
            const ssize_t got = ::getdents64(dirFd, m_entryBuffer.get(), kEntryBufferSize);
            if (got == 0)
                break;
            if (got < 0) {
                const int err = errno;
                if (err == EINTR)
                    continue;
                m_tree.addIssue(m_tree.path(frame.node),
                                QStringLiteral("reading the folder failed: %1").arg(errnoText(err)));
                break;
            }
            for (ssize_t at = 0; at < got;) {
                const auto *e = reinterpret_cast<const dirent64 *>(m_entryBuffer.get() + at);
                at += e->d_reclen;
                if (m_control && m_control->cancelled())
                    return false; // a huge folder must not delay a cancel
                const char *n = e->d_name;
                if (n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0)))
                    continue;
                const std::size_t length = std::strlen(n);
                Entry entry;
                if (e->d_type == DT_DIR) {
                    entry.mode = S_IFDIR;
                    entry.statted = false;
                } else if (!statEntry(dirFd, n, entry)) {
                    const int err = errno;
                    m_tree.addIssue(pathOf(frame.node, QByteArrayView(n, qsizetype(length))), lookupFailure(err));
                    continue;
                }
                entry.nameAt = std::uint32_t(frame.names.size());
                entry.nameSize = std::uint32_t(length);
                frame.names.insert(frame.names.end(), n, n + length + 1);
                frame.entries.push_back(entry);
            }
        }
        const char *names = frame.names.data();
        std::sort(frame.entries.begin(), frame.entries.end(), [names](const Entry &a, const Entry &b) {
            return std::string_view(names + a.nameAt, a.nameSize) < std::string_view(names + b.nameAt, b.nameSize);
        });
        return true;
    }

    // Walks the open folder `rootFd`, the tree's open folder `rootNode`, and
    // closes both: a cancelled walk ends the folders it leaves, too.
    void run(int rootFd, FileTree::Index rootNode = 0)
    {
        // Paths are not kept per level: a 4,000-level chain of long names
        // would need gigabytes for them.
        std::size_t open = 1;
        Frame &root = frameAt(0);
        root.reset(rootNode, m_baseDepth);
        readFolder(rootFd, root);

        while (open > 0) {
            if (m_control && m_control->cancelled())
                break;
            Frame &frame = m_frames[open - 1];
            if (frame.next >= frame.entries.size()) {
                ::close(frame.fd);
                --open;
                m_tree.endDirectory();
                continue;
            }
            Entry &entry = frame.entries[frame.next++];
            const QByteArrayView name = frame.nameView(entry);
            const std::uint8_t nameFlag = nameFlags(name);
            if (S_ISDIR(entry.mode)) {
                const int fd = openFolder(frame.fd, frame.name(entry), entry);
                if (fd >= 0) {
                    const FileTree::Index node = m_tree.beginDirectory(name, permissions(entry), nameFlag);
                    const int depth = frame.depth + 1;
                    Frame &next = frameAt(open);
                    next.reset(node, depth);
                    readFolder(fd, next);
                    ++open;
                    continue;
                }
                if (addUnopened(frame, entry, errno, nameFlag))
                    continue;
            }
            addLeaf(frame, entry, nameFlag);
        }
        // Cancelled: close what is still open; the tree stays consistent.
        for (; open > 0; --open) {
            ::close(m_frames[open - 1].fd);
            m_tree.endDirectory();
        }
    }

    // A folder entry that would not open: an unreadable folder, or an issue
    // when it is gone. False when it is a file or a link by now, for addLeaf.
    bool addUnopened(const Frame &frame, const Entry &entry, int err, std::uint8_t flags)
    {
        if (entry.statted && !S_ISDIR(entry.mode))
            return false;
        if (entry.statted)
            m_tree.addLeaf(frame.nameView(entry), NodeKind::Directory, 0, permissions(entry),
                           std::uint8_t(FlagUnreadable | flags));
        m_tree.addIssue(pathOf(frame.node, frame.nameView(entry)), lookupFailure(err));
        return true;
    }

    QByteArray pathOf(FileTree::Index dir, QByteArrayView name) const { return pathIn(m_tree, dir, name); }
    void addLeaf(const Frame &frame, const Entry &entry, std::uint8_t flags)
    {
        const int dirFd = frame.fd;
        const char *name = frame.name(entry);
        const QByteArrayView view = frame.nameView(entry);
        switch (entry.mode & S_IFMT) {
        case S_IFREG: {
            if (entry.mode & (S_IXUSR | S_IXGRP | S_IXOTH))
                flags |= FlagExecutable;
            if (entry.links > 1)
                flags |= FlagHardLink;
            m_tree.addLeaf(view, NodeKind::File, std::uint64_t(entry.size), permissions(entry), flags);
            ++m_files;
            m_shared.files.fetch_add(1, std::memory_order_relaxed);
            m_shared.bytes.fetch_add(std::uint64_t(entry.size), std::memory_order_relaxed);
            break;
        }
        case S_IFLNK: {
            const QByteArray target = readLinkAt(dirFd, name).value_or(QByteArray());
            struct stat resolved {
            };
            if (fstatat(dirFd, name, &resolved, 0) != 0) {
                flags |= FlagLinkDangling;
                if (errno == ELOOP)
                    m_tree.addIssue(pathOf(frame.node, view), QStringLiteral("symlink loop"));
            }
            if (!staysInside(frame.depth, target))
                flags |= FlagLinkOutside;
            m_tree.addLeaf(view, NodeKind::Symlink, 0, permissions(entry), flags);
            break;
        }
        case S_IFIFO:
            m_tree.addLeaf(view, NodeKind::Fifo, 0, permissions(entry), flags);
            break;
        case S_IFSOCK:
            m_tree.addLeaf(view, NodeKind::Socket, 0, permissions(entry), flags);
            break;
        default:
            m_tree.addLeaf(view, NodeKind::Device, 0, permissions(entry), flags);
            break;
        }
        if (m_control && (m_files & 0xff) == 0)
            m_control->report({m_shared.files.load(std::memory_order_relaxed),
                               m_shared.bytes.load(std::memory_order_relaxed), 0, pathOf(frame.node, view)});
    }

    // The frame for the folder open at `level` (0: the walk's root), kept
    // from the last folder at that level.
    Frame &frameAt(std::size_t level)
    {
        while (m_frames.size() <= level)
            m_frames.emplace_back();
        return m_frames[level];
    }

    FileTree &m_tree;
    JobControl *m_control;
    SharedProgress &m_shared;
    int m_baseDepth;
    std::uint64_t m_files = 0;
    static constexpr std::size_t kEntryBufferSize = 32 * 1024;
    std::unique_ptr<char[]> m_entryBuffer = std::make_unique_for_overwrite<char[]>(kEntryBufferSize);
    std::deque<Frame> m_frames; // one a level, the walk's root first; a deque keeps them in place as it grows
};

// Splits the scan over worker threads: the root's folders (or, while the
// root holds a single folder such as python/, that folder's) are walked in
// parallel, each worker into a tree of its own, then spliced into the tree in
// name order, so the result is the same preorder a sequential walk gives.
class ParallelScan
{
public:
    ParallelScan(FileTree &tree, JobControl *control)
        : m_tree(tree)
        , m_control(control)
    {
    }

    // Walks the open folder `rootFd` and closes it.
    void run(int rootFd)
    {
        Frame root;
        Walk(m_tree, m_control, m_progress).readFolder(rootFd, root);
        level(root);
        ::close(rootFd);
    }

private:
    // The folder behind `frame` is open in m_tree; adds its entries.
    void level(Frame &frame)
    {
        // The split sorts folders by their link count, so the few folders of
        // these top levels are stat'ed by name.
        for (Entry &e : frame.entries)
            if (!e.statted && !statEntry(frame.fd, frame.name(e), e))
                addIssue(frame, e, errno);
        std::erase_if(frame.entries, [](const Entry &e) { return !e.statted; });
        std::vector<std::size_t> dirs;
        for (std::size_t i = 0; i < frame.entries.size(); ++i)
            if (S_ISDIR(frame.entries[i].mode))
                dirs.push_back(i);
        if (dirs.size() == 1 && frame.depth < 4)
            descend(frame, dirs.front());
        else
            splitAcrossThreads(frame, dirs);
    }

    // A single folder: walk into it on this thread and split below it.
    void descend(Frame &frame, std::size_t only)
    {
        Walk walk(m_tree, m_control, m_progress);
        for (std::size_t i = 0; i < frame.entries.size(); ++i) {
            const Entry &e = frame.entries[i];
            if (i != only) {
                walk.addLeaf(frame, e, nameFlags(frame.nameView(e)));
                continue;
            }
            const int fd = openat(frame.fd, frame.name(e), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (fd < 0) {
                addUnreadable(frame, e, errno);
                continue;
            }
            Frame sub;
            sub.reset(m_tree.beginDirectory(frame.nameView(e), permissions(e), nameFlags(frame.nameView(e))),
                      frame.depth + 1);
            walk.readFolder(fd, sub);
            level(sub);
            ::close(fd);
            m_tree.endDirectory();
        }
    }

    void splitAcrossThreads(Frame &frame, const std::vector<std::size_t> &dirs)
    {
        // Where one folder's walk landed: a folder in its worker's tree, and
        // the issues the walk added there.
        struct Fragment {
            int worker = -1; // -1 when cancelled before the walk
            FileTree::Index node = 0;
            std::size_t firstIssue = 0;
            std::size_t endIssue = 0;
            int openErrno = 0; // set when the folder could not be opened
        };
        std::vector<Fragment> fragments(frame.entries.size());
        // Largest first, so no thread is left with a big folder at the end:
        // a folder's link count (2 + its subfolders) is a free hint of its size.
        std::vector<std::size_t> order = dirs;
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return frame.entries[a].links > frame.entries[b].links; });
        // One tree a worker, not one a folder: a worker's columns grow once
        // to megabytes (on huge pages) instead of hundreds of small trees
        // each growing from nothing.
        const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1U, 8U);
        std::vector<FileTree> trees(std::max<std::size_t>(1, std::min<std::size_t>(threads, dirs.size())));
        std::atomic<std::size_t> next{0};
        const int dirFd = frame.fd;
        auto worker = [&](int w) {
            FileTree &tree = trees[std::size_t(w)];
            Walk walk(tree, m_control, m_progress, frame.depth + 1);
            for (std::size_t k = next.fetch_add(1); k < order.size(); k = next.fetch_add(1)) {
                if (m_control && m_control->cancelled())
                    return;
                const Entry &e = frame.entries[order[k]];
                Fragment &out = fragments[order[k]];
                out.worker = w;
                const int fd = openat(dirFd, frame.name(e), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (fd < 0) {
                    out.openErrno = errno;
                    continue;
                }
                out.firstIssue = tree.issues().size();
                out.node = tree.beginDirectory(frame.nameView(e), permissions(e));
                walk.run(fd, out.node);
                out.endIssue = tree.issues().size();
            }
        };
        std::vector<std::thread> pool;
        for (std::size_t t = 1; t < trees.size(); ++t)
            pool.emplace_back(worker, int(t));
        worker(0);
        for (std::thread &t : pool)
            t.join();

        // The tree grows once for this level, not folder by folder. A worker's
        // tree holds each folder it walked under the folder's own name.
        FileTree::Index nodes = m_tree.count();
        qsizetype nameBytes = m_tree.nameBytes();
        for (const Entry &e : frame.entries)
            if (!S_ISDIR(e.mode)) {
                ++nodes;
                nameBytes += qsizetype(e.nameSize);
            }
        for (const FileTree &t : trees) {
            nodes += t.count() - 1;
            nameBytes += t.nameBytes();
        }
        m_tree.reserve(nodes, nameBytes);
        Walk walk(m_tree, m_control, m_progress);
        for (std::size_t i = 0; i < frame.entries.size(); ++i) {
            const Entry &e = frame.entries[i];
            const QByteArrayView name = frame.nameView(e);
            if (!S_ISDIR(e.mode)) {
                walk.addLeaf(frame, e, nameFlags(name));
                continue;
            }
            const Fragment &fragment = fragments[i];
            if (fragment.worker < 0)
                continue; // cancelled before this folder was walked
            if (fragment.openErrno != 0) {
                addUnreadable(frame, e, fragment.openErrno);
                continue;
            }
            // The worker's tree holds the folder under its own name, so its
            // issues' paths start with it.
            const FileTree &from = trees[std::size_t(fragment.worker)];
            m_tree.appendTree(from, fragment.node, name, permissions(e), nameFlags(name));
            for (std::size_t k = fragment.firstIssue; k < fragment.endIssue; ++k)
                m_tree.addIssue(pathIn(m_tree, frame.node, from.issues()[k].path), from.issues()[k].reason);
        }
    }

    void addUnreadable(const Frame &frame, const Entry &e, int err)
    {
        m_tree.addLeaf(frame.nameView(e), NodeKind::Directory, 0, permissions(e),
                       std::uint8_t(FlagUnreadable | nameFlags(frame.nameView(e))));
        addIssue(frame, e, err);
    }

    void addIssue(const Frame &frame, const Entry &e, int err)
    {
        m_tree.addIssue(pathIn(m_tree, frame.node, frame.nameView(e)), lookupFailure(err));
    }

    FileTree &m_tree;
    JobControl *m_control;
    SharedProgress m_progress;
};

} // namespace

std::unique_ptr<FileTree> DirectoryScanner::scan(const QString &root, QString *error, JobControl *control)
{
    raiseDescriptorLimit();
    const QByteArray rootBytes = QFile::encodeName(root);
    const int fd = ::open(rootBytes.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        if (error)
            *error = QStringLiteral("%1: %2").arg(root, errnoText(err));
        return nullptr;
    }
    auto tree = std::make_unique<FileTree>();
    tree->setRootPath(root);
    tree->setSource(FileTree::Source::Directory);
    ParallelScan(*tree, control).run(fd);
    tree->finish();
    if (control)
        control->report({tree->fileCount(), tree->totalBytes(0), 0, {}}, true);
    return tree;
}
