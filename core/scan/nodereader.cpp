#include "scan/nodereader.h"

#include "base/oserror.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

NodeReader::NodeReader(const FileTree &tree, const std::vector<ZipEntryRef> *zipEntries)
    : m_tree(tree)
    , m_zipEntries(zipEntries)
{
    if (tree.source() == FileTree::Source::Zip)
        m_zip = std::make_unique<ZipEntryReader>(tree.rootPath());
    else
        m_opener = std::make_unique<NodeOpener>(tree);
}

NodeReader::~NodeReader() = default;

bool NodeReader::read(FileTree::Index node, QByteArray *out, QString *why, qint64 limit)
{
    out->clear();
    if (!m_tree.isFile(node)) {
        *why = QStringLiteral("not a regular file");
        return false;
    }
    if (qint64(m_tree.size(node)) > limit) {
        *why = QStringLiteral("larger than %1 bytes").arg(limit);
        return false;
    }
    if (m_zip) {
        const std::uint32_t ref = m_tree.sourceRef(node);
        if (!m_zip->isOpen() || !m_zipEntries || ref >= m_zipEntries->size()) {
            *why = QStringLiteral("the zip cannot be read");
            return false;
        }
        return m_zip->read((*m_zipEntries)[ref], out, why, limit);
    }
    const int fd = m_opener->openFile(node, why);
    if (fd < 0)
        return false;
    struct stat st {
    };
    if (::fstat(fd, &st) != 0) {
        *why = errnoText();
        ::close(fd);
        return false;
    }
    if (!S_ISREG(st.st_mode) || st.st_size > limit) {
        *why = QStringLiteral("no longer a regular file of at most %1 bytes").arg(limit);
        ::close(fd);
        return false;
    }
    out->resize(qsizetype(st.st_size));
    qsizetype done = 0;
    while (done < out->size()) {
        const ssize_t n = ::read(fd, out->data() + done, std::size_t(out->size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *why = n < 0 ? errnoText(errno) : QStringLiteral("shorter than when it was scanned");
            ::close(fd);
            out->clear();
            return false;
        }
        done += n;
    }
    ::close(fd);
    return true;
}
