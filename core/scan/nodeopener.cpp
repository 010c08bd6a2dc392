#include "scan/nodeopener.h"

#include "base/oserror.h"
#include "base/readlink.h"

#include <QFile>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr int kFolderFlags = O_PATH | O_DIRECTORY | O_CLOEXEC;

} // namespace

NodeOpener::NodeOpener(const FileTree &tree)
    : m_tree(tree)
{
}

NodeOpener::~NodeOpener()
{
    closeDeep();
    for (const Held &h : m_held)
        ::close(h.fd);
}

void NodeOpener::closeDeep()
{
    if (m_deep.fd >= 0)
        ::close(m_deep.fd);
    m_deep = {FileTree::kNone, -1};
}

int NodeOpener::openChild(int at, FileTree::Index folder, QString *error) const
{
    const int fd = ::openat(at, m_tree.name(folder).toByteArray().constData(), kFolderFlags | O_NOFOLLOW);
    if (fd < 0) {
        const int e = errno;
        *error = QStringLiteral("cannot open the folder %1: %2")
                     .arg(m_tree.displayPath(folder),
                          e == ENOTDIR || e == ELOOP ? QStringLiteral("no longer a folder; scan again") : errnoText(e));
    }
    return fd;
}

int NodeOpener::parentFolder(FileTree::Index node, QString *error)
{
    const FileTree::Index folder = m_tree.parent(node);
    if (folder == FileTree::kNone) {
        *error = QStringLiteral("the scanned folder itself is not a file");
        return -1;
    }
    if (folder == m_deep.node)
        return m_deep.fd;
    // The folders from the root down to `folder`.
    m_path.clear();
    for (FileTree::Index i = folder; i != FileTree::kNone; i = m_tree.parent(i))
        m_path.push_back(i);
    std::reverse(m_path.begin(), m_path.end());
    // Keep what is held of that path; close the rest.
    std::size_t common = 0;
    while (common < m_held.size() && common < m_path.size() && m_held[common].node == m_path[common])
        ++common;
    while (m_held.size() > common) {
        ::close(m_held.back().fd);
        m_held.pop_back();
    }
    closeDeep();
    if (m_held.empty()) {
        const int root = ::open(QFile::encodeName(m_tree.rootPath()).constData(), kFolderFlags);
        if (root < 0) {
            const int e = errno;
            *error = QStringLiteral("cannot open the scanned folder %1: %2").arg(m_tree.rootPath(), errnoText(e));
            return -1;
        }
        m_held.push_back({m_path.front(), root});
    }
    // Down to the deepest level held, keeping each folder open.
    std::size_t level = m_held.size();
    for (; level < m_path.size() && level < kHeldLevels; ++level) {
        const int fd = openChild(m_held.back().fd, m_path[level], error);
        if (fd < 0)
            return -1;
        m_held.push_back({m_path[level], fd});
    }
    if (level == m_path.size())
        return m_held.back().fd;
    // Deeper still: walk on, keeping only the last folder.
    int fd = m_held.back().fd;
    for (; level < m_path.size(); ++level) {
        const int next = openChild(fd, m_path[level], error);
        if (fd != m_held.back().fd)
            ::close(fd);
        if (next < 0)
            return -1;
        fd = next;
    }
    m_deep = {folder, fd};
    return fd;
}

int NodeOpener::openFile(FileTree::Index node, QString *error)
{
    const int dir = parentFolder(node, error);
    if (dir < 0)
        return -1;
    // O_NONBLOCK: a file swapped for a FIFO after the scan must not block the
    // open; it changes nothing for regular files, and callers check the type.
    const int fd =
        ::openat(dir, m_tree.name(node).toByteArray().constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        *error = QStringLiteral("cannot open: %1").arg(errnoText(errno));
    return fd;
}

bool NodeOpener::readLink(FileTree::Index node, QByteArray *target, QString *error)
{
    const int dir = parentFolder(node, error);
    if (dir < 0)
        return false;
    const QByteArray name = m_tree.name(node).toByteArray();
    std::optional<QByteArray> link = readLinkAt(dir, name.constData());
    if (!link) {
        *error = QStringLiteral("cannot read the link: %1").arg(errnoText());
        return false;
    }
    *target = std::move(*link);
    return true;
}
