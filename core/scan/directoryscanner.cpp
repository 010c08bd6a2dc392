#include "scan/directoryscanner.h"

#include "base/oserror.h"
#include "base/readlink.h"

#include <QFile>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {

struct Entry {
    QByteArray name;
    struct stat st;
    // A folder's entry is not stat'ed when its parent is read: opening it and
    // asking the descriptor looks its name up once instead of twice. Until
    // then only st_mode's type is set.
    bool statted = true;
};

// One open folder on the walk: its descriptor and its sorted entries.
struct Frame {
    int fd = -1;
    std::vector<Entry> entries;
    std::size_t next = 0;
    FileTree::Index node = 0; // the folder's node; its path is derived only when needed
    int depth = 0;            // components below the root
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

std::uint16_t permissions(const struct stat &st)
{
    return std::uint16_t(st.st_mode & 07777);
}

// Opens the folder `entry` names in `dirFd`, and fills in its stat if the
// entry still lacks one. On failure returns -1 with errno set; the entry is
// then stat'ed by name if it can be, since it may be a file or a link by now.
int openFolder(int dirFd, Entry &entry)
{
    const int fd = openat(dirFd, entry.name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (entry.statted)
        return fd;
    int err = errno;
    if (fd >= 0) {
        if (fstat(fd, &entry.st) == 0) {
            entry.statted = true;
            return fd;
        }
        err = errno;
        ::close(fd);
    }
    entry.statted = fstatat(dirFd, entry.name.constData(), &entry.st, AT_SYMLINK_NOFOLLOW) == 0;
    errno = err;
    return -1;
}

QString lookupFailure(int err)
{
    return err == ENOENT ? QStringLiteral("vanished during the scan") : errnoText(err);
}

// The package path of `name` inside the folder node `dir` of `tree`, for issues.
QByteArray pathIn(const FileTree &tree, FileTree::Index dir, const QByteArray &name)
{
    const QByteArray dirPath = tree.path(dir);
    return dirPath.isEmpty() ? name : dirPath + '/' + name;
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
// how deep that folder lies below the scan root (a fragment's root is at 0 in
// its own tree but deeper in the scan).
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
                Entry entry;
                entry.name = QByteArray(n);
                if (e->d_type == DT_DIR) {
                    entry.st.st_mode = S_IFDIR;
                    entry.statted = false;
                } else if (fstatat(dirFd, n, &entry.st, AT_SYMLINK_NOFOLLOW) != 0) {
                    m_tree.addIssue(pathOf(frame.node, entry.name), lookupFailure(errno));
                    continue;
                }
                frame.entries.push_back(std::move(entry));
            }
        }
        std::sort(frame.entries.begin(), frame.entries.end(),
                  [](const Entry &a, const Entry &b) { return a.name < b.name; });
        return true;
    }

    // Walks the open folder `rootFd` and closes it.
    void run(int rootFd)
    {
        // Paths are not kept per level: a 4,000-level chain of long names
        // would need gigabytes for them.
        std::vector<Frame> stack;
        stack.emplace_back();
        stack.back().depth = m_baseDepth;
        readFolder(rootFd, stack.back());

        while (!stack.empty()) {
            if (m_control && m_control->cancelled())
                break;
            Frame &frame = stack.back();
            if (frame.next >= frame.entries.size()) {
                ::close(frame.fd);
                stack.pop_back();
                m_tree.endDirectory();
                continue;
            }
            Entry &entry = frame.entries[frame.next++];
            const std::uint8_t nameFlag = FileTree::isValidUtf8(entry.name) ? FlagNone : FlagNonUtf8Name;
            if (S_ISDIR(entry.st.st_mode)) {
                const int fd = openFolder(frame.fd, entry);
                if (fd >= 0) {
                    Frame next;
                    next.node = m_tree.beginDirectory(entry.name, permissions(entry.st), nameFlag);
                    next.depth = frame.depth + 1;
                    readFolder(fd, next);
                    stack.push_back(std::move(next)); // `frame` and `entry` are invalid from here
                    continue;
                }
                if (addUnopened(frame, entry, errno, nameFlag))
                    continue;
            }
            addLeaf(frame, entry, nameFlag);
        }
        // Cancelled: close what is still open; the tree stays consistent.
        for (Frame &f : stack)
            ::close(f.fd);
    }

    // A folder entry that would not open: an unreadable folder, or an issue
    // when it is gone. False when it is a file or a link by now, for addLeaf.
    bool addUnopened(const Frame &frame, const Entry &entry, int err, std::uint8_t flags)
    {
        if (entry.statted && !S_ISDIR(entry.st.st_mode))
            return false;
        if (entry.statted)
            m_tree.addLeaf(entry.name, NodeKind::Directory, 0, permissions(entry.st),
                           std::uint8_t(FlagUnreadable | flags));
        m_tree.addIssue(pathOf(frame.node, entry.name), lookupFailure(err));
        return true;
    }

    QByteArray pathOf(FileTree::Index dir, const QByteArray &name) const { return pathIn(m_tree, dir, name); }
    void addLeaf(const Frame &frame, const Entry &entry, std::uint8_t flags)
    {
        const int dirFd = frame.fd;
        const struct stat &st = entry.st;
        switch (st.st_mode & S_IFMT) {
        case S_IFREG: {
            if (st.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH))
                flags |= FlagExecutable;
            if (st.st_nlink > 1)
                flags |= FlagHardLink;
            m_tree.addLeaf(entry.name, NodeKind::File, std::uint64_t(st.st_size), permissions(st), flags);
            ++m_files;
            m_shared.files.fetch_add(1, std::memory_order_relaxed);
            m_shared.bytes.fetch_add(std::uint64_t(st.st_size), std::memory_order_relaxed);
            break;
        }
        case S_IFLNK: {
            const QByteArray target = readLinkAt(dirFd, entry.name.constData()).value_or(QByteArray());
            struct stat resolved {
            };
            if (fstatat(dirFd, entry.name.constData(), &resolved, 0) != 0) {
                flags |= FlagLinkDangling;
                if (errno == ELOOP)
                    m_tree.addIssue(pathOf(frame.node, entry.name), QStringLiteral("symlink loop"));
            }
            if (!staysInside(frame.depth, target))
                flags |= FlagLinkOutside;
            m_tree.addLeaf(entry.name, NodeKind::Symlink, 0, permissions(st), flags);
            break;
        }
        case S_IFIFO:
            m_tree.addLeaf(entry.name, NodeKind::Fifo, 0, permissions(st), flags);
            break;
        case S_IFSOCK:
            m_tree.addLeaf(entry.name, NodeKind::Socket, 0, permissions(st), flags);
            break;
        default:
            m_tree.addLeaf(entry.name, NodeKind::Device, 0, permissions(st), flags);
            break;
        }
        if (m_control && (m_files & 0xff) == 0)
            m_control->report({m_shared.files.load(std::memory_order_relaxed),
                               m_shared.bytes.load(std::memory_order_relaxed), 0, pathOf(frame.node, entry.name)});
    }

    FileTree &m_tree;
    JobControl *m_control;
    SharedProgress &m_shared;
    int m_baseDepth;
    std::uint64_t m_files = 0;
    static constexpr std::size_t kEntryBufferSize = 32 * 1024;
    std::unique_ptr<char[]> m_entryBuffer = std::make_unique_for_overwrite<char[]>(kEntryBufferSize);
};

// Splits the scan over worker threads: the root's folders (or, while the
// root holds a single folder such as python/, that folder's) are walked in
// parallel into fragments, then spliced into the tree in name order, so the
// result is the same preorder a sequential walk gives.
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
        for (Entry &e : frame.entries) {
            if (e.statted)
                continue;
            e.statted = fstatat(frame.fd, e.name.constData(), &e.st, AT_SYMLINK_NOFOLLOW) == 0;
            if (!e.statted)
                addIssue(frame, e, errno);
        }
        std::erase_if(frame.entries, [](const Entry &e) { return !e.statted; });
        std::vector<std::size_t> dirs;
        for (std::size_t i = 0; i < frame.entries.size(); ++i)
            if (S_ISDIR(frame.entries[i].st.st_mode))
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
                walk.addLeaf(frame, e, nameFlags(e.name));
                continue;
            }
            const int fd = openat(frame.fd, e.name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (fd < 0) {
                addUnreadable(frame, e, errno);
                continue;
            }
            Frame sub;
            sub.node = m_tree.beginDirectory(e.name, permissions(e.st), nameFlags(e.name));
            sub.depth = frame.depth + 1;
            walk.readFolder(fd, sub);
            level(sub);
            ::close(fd);
            m_tree.endDirectory();
        }
    }

    void splitAcrossThreads(Frame &frame, const std::vector<std::size_t> &dirs)
    {
        struct Fragment {
            std::unique_ptr<FileTree> tree; // null when cancelled before the walk
            int openErrno = 0;              // set when the folder could not be opened
        };
        std::vector<Fragment> fragments(frame.entries.size());
        // Largest first, so no thread is left with a big folder at the end:
        // a folder's link count (2 + its subfolders) is a free hint of its size.
        std::vector<std::size_t> order = dirs;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return frame.entries[a].st.st_nlink > frame.entries[b].st.st_nlink;
        });
        std::atomic<std::size_t> next{0};
        const int dirFd = frame.fd;
        auto worker = [&] {
            for (std::size_t k = next.fetch_add(1); k < order.size(); k = next.fetch_add(1)) {
                if (m_control && m_control->cancelled())
                    return;
                const Entry &e = frame.entries[order[k]];
                Fragment &out = fragments[order[k]];
                out.tree = std::make_unique<FileTree>();
                const int fd = openat(dirFd, e.name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
                if (fd >= 0)
                    Walk(*out.tree, m_control, m_progress, frame.depth + 1).run(fd);
                else
                    out.openErrno = errno;
            }
        };
        const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1U, 8U);
        std::vector<std::thread> pool;
        for (unsigned t = 1; t < std::min<std::size_t>(threads, dirs.size()); ++t)
            pool.emplace_back(worker);
        worker();
        for (std::thread &t : pool)
            t.join();

        // One entry is one node (a fragment adds its own below it): the tree
        // grows once for this level, not fragment by fragment.
        FileTree::Index nodes = m_tree.count() + FileTree::Index(frame.entries.size());
        qsizetype nameBytes = m_tree.nameBytes();
        for (std::size_t i = 0; i < frame.entries.size(); ++i) {
            nameBytes += frame.entries[i].name.size();
            if (const FileTree *fragment = fragments[i].tree.get()) {
                nodes += fragment->count() - 1;
                nameBytes += fragment->nameBytes();
            }
        }
        m_tree.reserve(nodes, nameBytes);
        Walk walk(m_tree, m_control, m_progress);
        for (std::size_t i = 0; i < frame.entries.size(); ++i) {
            const Entry &e = frame.entries[i];
            if (!S_ISDIR(e.st.st_mode)) {
                walk.addLeaf(frame, e, nameFlags(e.name));
                continue;
            }
            const Fragment &fragment = fragments[i];
            if (!fragment.tree)
                continue; // cancelled before this folder was walked
            if (fragment.openErrno != 0)
                addUnreadable(frame, e, fragment.openErrno);
            else
                m_tree.appendTree(*fragment.tree, e.name, permissions(e.st), nameFlags(e.name));
        }
    }

    void addUnreadable(const Frame &frame, const Entry &e, int err)
    {
        m_tree.addLeaf(e.name, NodeKind::Directory, 0, permissions(e.st),
                       std::uint8_t(FlagUnreadable | nameFlags(e.name)));
        addIssue(frame, e, err);
    }

    void addIssue(const Frame &frame, const Entry &e, int err)
    {
        m_tree.addIssue(pathIn(m_tree, frame.node, e.name), lookupFailure(err));
    }

    static std::uint8_t nameFlags(const QByteArray &name)
    {
        return FileTree::isValidUtf8(name) ? FlagNone : FlagNonUtf8Name;
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
