#include "scan/nodeopener.h"

#include "base/oserror.h"
#include "base/readlink.h"

#include <QFile>

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
    if (m_folderFd >= 0)
        ::close(m_folderFd);
}

int NodeOpener::parentFolder(FileTree::Index node, QString *error)
{
    const FileTree::Index folder = m_tree.parent(node);
    if (folder == FileTree::kNone) {
        *error = QStringLiteral("the scanned folder itself is not a file");
        return -1;
    }
    if (folder == m_folder)
        return m_folderFd;
    // The chain from the folder up to the root, stopping early at the folder held open.
    std::vector<FileTree::Index> chain;
    for (FileTree::Index i = folder; i != FileTree::kNone && i != m_folder; i = m_tree.parent(i))
        chain.push_back(i);
    const bool fromHeld = !chain.empty() && m_tree.parent(chain.back()) == m_folder && m_folder != FileTree::kNone;
    int fd = fromHeld ? m_folderFd : ::open(QFile::encodeName(m_tree.rootPath()).constData(), kFolderFlags);
    if (!fromHeld) {
        chain.pop_back(); // the root, just opened by its path
        if (fd < 0) {
            const int e = errno;
            *error = QStringLiteral("cannot open the scanned folder %1: %2").arg(m_tree.rootPath(), errnoText(e));
            return -1;
        }
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const QByteArray name = m_tree.name(*it).toByteArray();
        const int next = ::openat(fd, name.constData(), kFolderFlags | O_NOFOLLOW);
        const int e = errno;
        if (fd != m_folderFd)
            ::close(fd);
        if (next < 0) {
            *error =
                QStringLiteral("cannot open the folder %1: %2")
                    .arg(m_tree.displayPath(*it),
                         e == ENOTDIR || e == ELOOP ? QStringLiteral("no longer a folder; scan again") : errnoText(e));
            return -1;
        }
        fd = next;
    }
    if (m_folderFd >= 0 && m_folderFd != fd)
        ::close(m_folderFd);
    m_folder = folder;
    m_folderFd = fd;
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
