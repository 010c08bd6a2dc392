#include "scan/nodereader.h"

#include "base/oserror.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

NodeReader::NodeReader(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries)
    : m_tree(tree)
    , m_entries(zipEntries)
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
    if (m_zip) {
        const std::uint32_t ref = m_tree.sourceRef(node);
        if (!m_zip->isOpen()) {
            *why = QStringLiteral("cannot open the zip");
            return false;
        }
        if (ref >= m_entries.size()) {
            *why = QStringLiteral("no zip entry recorded for it");
            return false;
        }
        // Only what export copies: other methods (bzip2, AES…) are not
        // decoded, so a hostile entry cannot stall a metadata read.
        const ZipEntryRef &entry = m_entries[ref];
        if ((entry.method != 0 && entry.method != 8) || (entry.flags & 1)) {
            *why = (entry.flags & 1) ? QStringLiteral("the zip entry is encrypted")
                                     : QStringLiteral("the zip entry uses compression method %1").arg(entry.method);
            return false;
        }
        return m_zip->read(entry, out, why, limit);
    }
    const int fd = m_opener->openFile(node, why);
    if (fd < 0)
        return false;
    struct stat st {
    };
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        *why = QStringLiteral("no longer a regular file");
        ::close(fd);
        return false;
    }
    const qint64 want = limit >= 0 ? std::min<qint64>(limit, st.st_size) : qint64(st.st_size);
    out->resize(want);
    qint64 got = 0;
    while (got < want) {
        const ssize_t n = ::read(fd, out->data() + got, std::size_t(want - got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *why = QStringLiteral("cannot read: %1").arg(errnoText());
            ::close(fd);
            return false;
        }
        if (n == 0)
            break;
        got += n;
    }
    ::close(fd);
    out->truncate(got);
    return true;
}
