#include "checks/keptset.h"

#include "base/oserror.h"
#include "base/readlink.h"
#include "scan/zipentryreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <ftw.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QString describe(const QByteArray &path, const QString &what)
{
    return QStringLiteral("%1: %2").arg(FileTree::displayName(path), what);
}

} // namespace

Bitset KeptSet::exported(const FileTree &tree, const Bitset &pruned)
{
    const FileTree::Index n = tree.count();
    Bitset out(n);
    Bitset hasExportedChild(n);
    for (FileTree::Index i = n; i-- > 0;) {
        bool on = false;
        switch (tree.kind(i)) {
        case NodeKind::File:
        case NodeKind::Symlink:
            on = !pruned.test(i);
            break;
        case NodeKind::Directory:
            on = hasExportedChild.test(i) || (tree.subtreeEnd(i) == i + 1 && !pruned.test(i));
            break;
        case NodeKind::Fifo:
        case NodeKind::Socket:
        case NodeKind::Device:
            break;
        }
        if (on) {
            out.set(i);
            if (i != 0)
                hasExportedChild.set(tree.parent(i));
        }
    }
    if (n > 0)
        out.set(0); // the root always exists
    return out;
}

std::vector<FileTree::Index> KeptSet::pruneRoots(const FileTree &tree, const Bitset &pruned)
{
    const FileTree::Index n = tree.count();
    // Bottom-up: does the subtree keep anything, and does it hold anything at all?
    Bitset keepsSome(n), holdsSome(n);
    for (FileTree::Index i = n; i-- > 0;) {
        const NodeKind k = tree.kind(i);
        if (k == NodeKind::File || k == NodeKind::Symlink) {
            holdsSome.set(i);
            if (!pruned.test(i))
                keepsSome.set(i);
        }
        if (i != 0) {
            const FileTree::Index p = tree.parent(i);
            if (holdsSome.test(i))
                holdsSome.set(p);
            if (keepsSome.test(i))
                keepsSome.set(p);
        }
    }
    std::vector<FileTree::Index> roots;
    for (FileTree::Index i = 0; i < n;) {
        if (holdsSome.test(i) && !keepsSome.test(i)) {
            roots.push_back(i);
            i = tree.subtreeEnd(i);
        } else {
            ++i;
        }
    }
    return roots;
}

bool KeptSet::materialize(const Source &source, const Bitset &pruned, const QString &destDir, QString *error,
                          JobControl *control)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    const FileTree &tree = *source.tree;
    if (!QDir().mkpath(destDir))
        return fail(QStringLiteral("%1: cannot create the folder").arg(destDir));
    const Bitset keep = exported(tree, pruned);
    const bool zip = source.linkRoot.isEmpty() && tree.source() == FileTree::Source::Zip;
    // A link's target is read relative to the link's own folder, so a root
    // given relative to the working folder ("data/layer") must be made absolute
    // or every link dangles and packages import as empty namespace packages.
    const QByteArray srcRoot =
        QFile::encodeName(QFileInfo(source.linkRoot.isEmpty() ? tree.rootPath() : source.linkRoot).absoluteFilePath());
    const QByteArray dstRoot = QFile::encodeName(destDir);
    std::unique_ptr<ZipEntryReader> reader;
    if (zip) {
        if (!source.zipEntries)
            return fail(QStringLiteral("%1: zip entries are missing").arg(tree.rootPath()));
        reader = std::make_unique<ZipEntryReader>(tree.rootPath());
        if (!reader->isOpen())
            return fail(QStringLiteral("%1: not a readable zip").arg(tree.rootPath()));
    }

    JobProgress progress;
    progress.totalItems = keep.count();
    bool ok = true;
    QString why;
    keep.forEach([&](std::size_t node) {
        if (!ok || node == 0)
            return;
        const auto i = FileTree::Index(node);
        if (control && (++progress.items & 0xff) == 0) {
            if (control->cancelled()) {
                ok = false;
                why = QStringLiteral("cancelled");
                return;
            }
            control->report(progress);
        }
        const QByteArray rel = tree.path(i);
        const QByteArray dst = dstRoot + '/' + rel;
        const QByteArray src = srcRoot + '/' + rel;
        switch (tree.kind(i)) {
        case NodeKind::Directory:
            if (::mkdir(dst.constData(), 0755) != 0 && errno != EEXIST)
                why = describe(dst, errnoText());
            break;
        case NodeKind::File:
            if (!zip) {
                struct stat st {
                };
                if (::symlink(src.constData(), dst.constData()) != 0)
                    why = describe(dst, errnoText());
                else if (::stat(dst.constData(), &st) != 0)
                    why = describe(rel, QStringLiteral("the kept set's link to %1 does not resolve: %2")
                                            .arg(QFile::decodeName(src), errnoText()));
                else if (!S_ISREG(st.st_mode))
                    why = describe(
                        rel,
                        QStringLiteral("the kept set's link to %1 is not a regular file").arg(QFile::decodeName(src)));
                break;
            }
            if (const int fd = ::open(dst.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                                      (tree.flags(i) & FlagExecutable) ? 0755 : 0644);
                fd < 0) {
                why = describe(dst, errnoText());
            } else {
                QString zipWhy;
                const std::uint32_t ref = tree.sourceRef(i);
                if (ref == FileTree::kNone || ref >= source.zipEntries->size())
                    zipWhy = QStringLiteral("no zip entry");
                else
                    reader->readTo((*source.zipEntries)[ref], fd, &zipWhy);
                ::close(fd);
                if (!zipWhy.isEmpty())
                    why = describe(rel, zipWhy);
            }
            break;
        case NodeKind::Symlink: {
            QByteArray target;
            if (zip) {
                QString zipWhy;
                const std::uint32_t ref = tree.sourceRef(i);
                if (ref == FileTree::kNone || ref >= source.zipEntries->size() ||
                    !reader->read((*source.zipEntries)[ref], &target, &zipWhy)) {
                    why = describe(rel, zipWhy.isEmpty() ? QStringLiteral("no zip entry") : zipWhy);
                    break;
                }
            } else {
                std::optional<QByteArray> link = readLinkAt(AT_FDCWD, src.constData());
                if (!link) {
                    why = describe(src, errnoText());
                    break;
                }
                target = std::move(*link);
            }
            if (::symlink(target.constData(), dst.constData()) != 0)
                why = describe(dst, errnoText());
            break;
        }
        case NodeKind::Fifo:
        case NodeKind::Socket:
        case NodeKind::Device:
            break;
        }
        ok = why.isEmpty();
    });
    return ok ? true : fail(why);
}

namespace {

int removeEntry(const char *path, const struct stat *, int type, struct FTW *)
{
    // FTW_PHYS: symlinks are reported as FTW_SL and removed as links.
    return type == FTW_DP ? ::rmdir(path) : ::unlink(path);
}

} // namespace

bool KeptSet::remove(const QString &dir)
{
    if (dir.isEmpty() || !QFileInfo::exists(dir))
        return true;
    return ::nftw(QFile::encodeName(dir).constData(), removeEntry, 32, FTW_DEPTH | FTW_PHYS) == 0;
}
