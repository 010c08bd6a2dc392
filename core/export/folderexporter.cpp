#include "export/folderexporter.h"

#include "base/fdio.h"
#include "base/oserror.h"
#include "base/uniquefd.h"
#include "export/atomicoutput.h"
#include "export/zip/deflatepipeline.h"
#include "export/zip/entryencoder.h"
#include "export/zip/zipwriter.h"
#include "scan/nodeopener.h"
#include "scan/zipsource.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// Copies a regular file open as `in` (closed here; -1 when opening failed with
// `error`), checking it still has the scanned size. A source's fault names
// the source; a write's fault is named by the caller after the entry.
bool copyFile(int in, const QByteArray &from, std::uint64_t size, int out, QString *error)
{
    if (in < 0) {
        *error = QStringLiteral("%1: %2").arg(QFile::decodeName(from), *error);
        return false;
    }
    const UniqueFd source(in);
    QString why;
    switch (copyOpenFile(source.get(), size, out, &why)) {
    case CopyOutcome::Copied:
        return true;
    case CopyOutcome::WriteFailed:
        *error = why;
        return false;
    case CopyOutcome::Changed:
    case CopyOutcome::ReadFailed:
        break;
    }
    *error = QStringLiteral("%1: %2").arg(QFile::decodeName(from), why);
    return false;
}

} // namespace

void FolderExporter::run(const FileTree &tree, const ExportPlan &plan, const std::vector<ZipEntryRef> &zipEntries,
                         const ExportOptions &options, JobControl *control, ExportResult *result)
{
    AtomicOutput out(options.output, AtomicOutput::Kind::Folder);
    if (!out.open(&result->error))
        return;
    const bool fromZip = tree.source() == FileTree::Source::Zip;
    NodeOpener opener(tree);
    ZipSource source;
    if (fromZip && !source.open(tree.rootPath(), &result->error))
        return;
    const QByteArray root = out.tempPath() + '/';
    const std::int64_t epoch = options.epoch.value_or(ZipWriter::defaultEpoch());
    auto fail = [&](const QString &why) {
        result->error = why.startsWith(QLatin1Char('/')) ? why : QStringLiteral("%1: %2").arg(options.output, why);
    };
    JobProgress progress;
    progress.totalItems = plan.entries().size();
    for (const PlanEntry &e : plan.entries()) {
        if (control && control->cancelled()) {
            result->cancelled = true;
            fail(QStringLiteral("export cancelled"));
            return;
        }
        const QByteArray target = root + e.name;
        QString error;
        if (e.kind == NodeKind::Directory) {
            if (::mkdir(target.constData(), 0755) != 0)
                return fail(QStringLiteral("cannot create folder %1: %2").arg(QFile::decodeName(e.name), errnoText()));
            continue;
        }
        const TransformedFile *transformed = plan.transformed(e);
        std::uint64_t offset = 0;
        const ZipEntryRef *ref = nullptr;
        if (fromZip && !transformed) {
            const std::uint32_t r = tree.sourceRef(e.node);
            if (r >= zipEntries.size() || !source.dataOffset(zipEntries[r], &offset, &error))
                return fail(QStringLiteral("%1 in %2: %3").arg(tree.displayPath(e.node), tree.rootPath(), error));
            ref = &zipEntries[r];
        }
        if (e.kind == NodeKind::Symlink) {
            EncodedEntry link;
            if (fromZip) {
                if (!source.extract(
                        *ref, offset,
                        [&](const char *p, std::size_t n) {
                            link.data.append(p, qsizetype(n));
                            return true;
                        },
                        &error))
                    return fail(QStringLiteral("%1: %2").arg(tree.displayPath(e.node), error));
            } else if (!opener.readLink(e.node, &link.data, &error)) {
                return fail(QStringLiteral("%1: %2").arg(tree.displayPath(e.node), error));
            }
            if (::symlink(link.data.constData(), target.constData()) != 0)
                return fail(QStringLiteral("cannot create link %1: %2").arg(QFile::decodeName(e.name), errnoText()));
        } else {
            const int fd = ::open(target.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (fd < 0)
                return fail(QStringLiteral("cannot create %1: %2").arg(QFile::decodeName(e.name), errnoText()));
            bool ok;
            if (transformed)
                ok = copyFile(ExportTransform::open(*transformed, &error), transformed->path, transformed->size, fd,
                              &error);
            else if (fromZip)
                ok = source.extract(
                    *ref, offset,
                    [&](const char *p, std::size_t n) {
                        return writeAll(fd, p, n) ||
                               !(error = QStringLiteral("cannot write: %1").arg(errnoText())).isEmpty();
                    },
                    &error);
            else
                ok = copyFile(opener.openFile(e.node, &error), DeflatePipeline::sourcePath(tree, e.node),
                              tree.size(e.node), fd, &error);
            ok = ok && ::fchmod(fd, ExportPlan::unixMode(tree, e) & 07777) == 0;
            ::close(fd);
            if (!ok)
                return fail(error.startsWith(QLatin1Char('/'))
                                ? error
                                : QStringLiteral("%1: %2").arg(QFile::decodeName(e.name), error));
        }
        ++progress.items;
        if (control) {
            progress.current = e.name;
            control->report(progress);
        }
    }
    const QByteArray marker = root + AtomicOutput::kFolderMarker;
    const int m = ::open(marker.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    static const char kNote[] = "LayerSlim export; a later export may replace this folder.\n";
    const bool marked = m >= 0 && writeAll(m, kNote, sizeof kNote - 1);
    if (m >= 0)
        ::close(m);
    if (!marked)
        return fail(
            QStringLiteral("cannot write %1: %2").arg(QString::fromLatin1(AtomicOutput::kFolderMarker), errnoText()));
    // Timestamps last, deepest first, so that creating children does not move a folder's.
    const timespec times[2] = {{time_t(epoch), 0}, {time_t(epoch), 0}};
    for (auto it = plan.entries().rbegin(); it != plan.entries().rend(); ++it)
        ::utimensat(AT_FDCWD, (root + it->name).constData(), times, AT_SYMLINK_NOFOLLOW);
    ::utimensat(AT_FDCWD, marker.constData(), times, 0);
    ::chmod(out.tempPath().constData(), 0755);
    if (const int dir = ::open(out.tempPath().constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::syncfs(dir); // the files reach the disk before the folder is swapped in
        ::close(dir);
    }
    if (!out.commit(&result->error))
        return;
    result->ok = true;
}
