#include "export/atomicoutput.h"

#include "base/oserror.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

int removeOne(const char *path, const struct stat *, int type, FTW *)
{
    return (type == FTW_DP ? ::rmdir(path) : ::unlink(path)) == 0 ? 0 : -1;
}

// Byte-exact (QDir would mangle non-UTF-8 names), never following links.
bool removeTree(const QByteArray &path)
{
    struct stat st {
    };
    if (::lstat(path.constData(), &st) != 0)
        return errno == ENOENT;
    if (S_ISDIR(st.st_mode))
        return ::nftw(path.constData(), removeOne, 64, FTW_DEPTH | FTW_PHYS) == 0;
    return ::unlink(path.constData()) == 0;
}

bool syncDir(const QByteArray &dir)
{
    const int fd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

bool sameNode(const struct stat &a, const struct stat &b)
{
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// Whether the folder `dir` or one of the folders above it is `wanted`, walking
// the real parents through "..".
bool folderOrAboveIs(const QByteArray &dir, const struct stat &wanted)
{
    int fd = ::open(dir.constData(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    struct stat here {
    };
    bool found = false;
    while (fd >= 0 && ::fstat(fd, &here) == 0) {
        if (sameNode(here, wanted)) {
            found = true;
            break;
        }
        const int up = ::openat(fd, "..", O_PATH | O_DIRECTORY | O_CLOEXEC);
        struct stat above {
        };
        if (up < 0 || ::fstat(up, &above) != 0 || sameNode(above, here)) { // "/" is its own parent
            if (up >= 0)
                ::close(up);
            break;
        }
        ::close(fd);
        fd = up;
    }
    if (fd >= 0)
        ::close(fd);
    return found;
}

} // namespace

bool AtomicOutput::apartFromSource(const QString &destination, const QString &source, QString *error)
{
    const QFileInfo dest(destination);
    const QByteArray destPath = QFile::encodeName(dest.absoluteFilePath());
    const QByteArray sourcePath = QFile::encodeName(QFileInfo(source).absoluteFilePath());
    struct stat src {
    }, out{};
    if (::stat(sourcePath.constData(), &src) != 0)
        return true; // nothing there to protect; the scan reports why
    const bool destExists = ::lstat(destPath.constData(), &out) == 0;
    if (destExists && sameNode(out, src)) {
        *error = QStringLiteral("%1: is the source being exported; the source is never written, choose another "
                                "output")
                     .arg(destination);
        return false;
    }
    if (S_ISDIR(src.st_mode) && folderOrAboveIs(QFile::encodeName(dest.absolutePath()), src)) {
        *error = QStringLiteral("%1: is inside the scanned source %2; the source is never written, choose an "
                                "output outside it")
                     .arg(destination, source);
        return false;
    }
    const QByteArray sourceFolder =
        S_ISDIR(src.st_mode) ? sourcePath : QFile::encodeName(QFileInfo(source).absolutePath());
    if (destExists && S_ISDIR(out.st_mode) && folderOrAboveIs(sourceFolder, out)) {
        *error = QStringLiteral("%1: holds the scanned source %2 and would be replaced; choose an output outside "
                                "it")
                     .arg(destination, source);
        return false;
    }
    return true;
}

AtomicOutput::AtomicOutput(const QString &destination, Kind kind)
    : m_destination(destination)
    , m_kind(kind)
{
    const QFileInfo info(destination);
    m_dest = QFile::encodeName(info.absoluteFilePath());
    m_dir = QFile::encodeName(info.absolutePath());
    m_temp = m_dir + "/." + QFile::encodeName(info.fileName()) + ".layerslim-tmp-" + QByteArray::number(::getpid());
}

AtomicOutput::~AtomicOutput()
{
    discard();
}

void AtomicOutput::removeStale()
{
    DIR *d = ::opendir(m_dir.constData());
    if (!d)
        return;
    const QByteArray stem = "." + QFile::encodeName(QFileInfo(m_destination).fileName()) + ".layerslim-tmp-";
    while (dirent *e = ::readdir(d)) {
        const QByteArray name(e->d_name);
        if (!name.startsWith(stem))
            continue;
        bool numeric = false;
        const long pid = name.mid(stem.size()).toLong(&numeric);
        // A temporary whose process is gone was left by a killed run.
        if (numeric && pid > 0 && (pid == ::getpid() || (::kill(pid_t(pid), 0) != 0 && errno == ESRCH)))
            removeTree(m_dir + "/" + name);
    }
    ::closedir(d);
}

bool AtomicOutput::open(QString *error)
{
    struct stat st {
    };
    if (::stat(m_dir.constData(), &st) != 0 || !S_ISDIR(st.st_mode)) {
        *error = QStringLiteral("%1: the folder %2 does not exist").arg(m_destination, QFile::decodeName(m_dir));
        return false;
    }
    if (::lstat(m_dest.constData(), &st) == 0) {
        if (m_kind == Kind::File && S_ISDIR(st.st_mode)) {
            *error = QStringLiteral("%1: is a folder; use --folder to export into a folder").arg(m_destination);
            return false;
        }
        if (m_kind == Kind::Folder) {
            if (!S_ISDIR(st.st_mode)) {
                *error = QStringLiteral("%1: exists and is not a folder").arg(m_destination);
                return false;
            }
            const QDir existing(m_destination);
            const bool empty = existing.isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
            if (!empty && !existing.exists(QString::fromLatin1(kFolderMarker))) {
                *error = QStringLiteral("%1: a non-empty folder that is not an earlier LayerSlim export; "
                                        "refusing to replace it")
                             .arg(m_destination);
                return false;
            }
        }
    }
    removeStale();
    if (m_kind == Kind::File) {
        m_fd = ::open(m_temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (m_fd < 0) {
            *error =
                QStringLiteral("%1: cannot create %2: %3").arg(m_destination, QFile::decodeName(m_temp), errnoText());
            return false;
        }
    } else if (::mkdir(m_temp.constData(), 0755) != 0) {
        *error = QStringLiteral("%1: cannot create %2: %3").arg(m_destination, QFile::decodeName(m_temp), errnoText());
        return false;
    }
    return true;
}

bool AtomicOutput::commit(QString *error)
{
    if (m_kind == Kind::File) {
        const int fd = m_fd;
        m_fd = -1;
        if (::fsync(fd) != 0) {
            *error = QStringLiteral("%1: cannot flush: %2").arg(m_destination, errnoText());
            ::close(fd);
            return false;
        }
        if (::close(fd) != 0) {
            *error = QStringLiteral("%1: cannot close: %2").arg(m_destination, errnoText());
            return false;
        }
        if (::rename(m_temp.constData(), m_dest.constData()) != 0) {
            *error = QStringLiteral("%1: cannot rename into place: %2").arg(m_destination, errnoText());
            return false;
        }
    } else {
        // Swap the finished folder with an earlier export, then drop the old one.
        struct stat st {
        };
        const bool replacing = ::lstat(m_dest.constData(), &st) == 0;
        const int rc = replacing
                           ? ::renameat2(AT_FDCWD, m_temp.constData(), AT_FDCWD, m_dest.constData(), RENAME_EXCHANGE)
                           : ::rename(m_temp.constData(), m_dest.constData());
        if (rc != 0) {
            *error = QStringLiteral("%1: cannot move into place: %2").arg(m_destination, errnoText());
            return false;
        }
        if (replacing)
            removeTree(m_temp);
    }
    m_committed = true;
    syncDir(m_dir);
    return true;
}

void AtomicOutput::discard()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    if (!m_committed && !m_temp.isEmpty())
        removeTree(m_temp);
    m_temp.clear();
}
