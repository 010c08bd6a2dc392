#include "exporter.h"

#include "atomicoutput.h"
#include "deflatepipeline.h"
#include "exportmask.h"
#include "exportplan.h"
#include "folderexporter.h"
#include "nodeopener.h"
#include "zipsource.h"
#include "zipwriter.h"

#include <QElapsedTimer>
#include <QFile>

#include <spdlog/spdlog.h>

#include <csignal>
#include <unistd.h>

namespace {

// Copies a zip source's kept entries raw, in plan order.
bool writeFromZip(const FileTree &tree, const ExportPlan &plan, const std::vector<ZipEntryRef> &zipEntries,
                  ZipWriter &writer, JobControl *control, QString *error, bool *cancelled)
{
    ZipSource source;
    if (!source.open(tree.rootPath(), error))
        return false;
    JobProgress progress;
    progress.totalItems = plan.entries().size();
    for (const PlanEntry &e : plan.entries()) {
        if (control && control->cancelled()) {
            *cancelled = true;
            *error = QStringLiteral("cancelled");
            return false;
        }
        ZipWriter::Entry out;
        out.name = e.name;
        out.unixMode = e.node == FileTree::kNone ? 040755 : Exporter::unixMode(tree, e.node);
        if (e.kind == NodeKind::Directory) {
            if (!writer.beginEntry(out))
                return false;
        } else {
            const std::uint32_t ref = tree.sourceRef(e.node);
            if (ref >= zipEntries.size()) {
                *error = QStringLiteral("%1: no zip entry behind this node").arg(tree.displayPath(e.node));
                return false;
            }
            const ZipEntryRef &z = zipEntries[ref];
            std::uint64_t offset = 0;
            if (!source.dataOffset(z, &offset, error)) {
                *error = QStringLiteral("%1 in %2: %3").arg(tree.displayPath(e.node), tree.rootPath(), *error);
                return false;
            }
            out.method = z.method;
            out.crc = z.crc;
            out.compressedSize = z.compressedSize;
            out.uncompressedSize = z.uncompressedSize;
            bool writeFailed = false;
            if (!writer.beginEntry(out))
                return false;
            if (!source.copyRaw(z, offset, [&](const char *p, std::size_t n) {
                    return writer.writeData(p, n) || !(writeFailed = true);
                }, error)) {
                if (!writeFailed)
                    *error = QStringLiteral("%1 in %2: %3").arg(tree.displayPath(e.node), tree.rootPath(), *error);
                return false;
            }
        }
        ++progress.items;
        progress.bytes = writer.bytesWritten();
        if (control) {
            progress.current = e.name;
            control->report(progress);
        }
    }
    return true;
}

// Deflates a folder source's kept files on the pool and writes them in plan order.
bool writeFromFolder(const FileTree &tree, const ExportPlan &plan, const ExportOptions &options, ZipWriter &writer,
                     JobControl *control, QString *error, bool *cancelled)
{
    DeflatePipeline pipeline(tree, plan, options.level, options.threads, Exporter::kMemoryBudget);
    std::unique_ptr<EntryEncoder> streamer; // for files too large to hold, on this thread
    NodeOpener opener(tree);
    JobProgress progress;
    progress.totalItems = plan.entries().size();
    return pipeline.run([&](std::size_t k, EncodedEntry &enc, QString *why) {
        const PlanEntry &e = plan.entries()[k];
        ZipWriter::Entry out;
        out.name = e.name;
        out.unixMode = e.node == FileTree::kNone ? 040755 : Exporter::unixMode(tree, e.node);
        if (e.kind != NodeKind::Directory) {
            out.method = enc.method;
            out.crc = enc.crc;
            out.compressedSize = enc.compressedSize;
            out.uncompressedSize = enc.uncompressedSize;
        }
        if (!writer.beginEntry(out))
            return false;
        if (enc.streamed) {
            if (!streamer)
                streamer = std::make_unique<EntryEncoder>(options.level);
            bool writeFailed = false;
            const int fd = opener.openFile(e.node, why);
            const bool streamed = fd >= 0 && streamer->stream(fd, enc, [&](const char *p, std::size_t n) {
                return writer.writeData(p, n) || !(writeFailed = true);
            }, why);
            if (fd >= 0)
                ::close(fd);
            if (!streamed) {
                if (!writeFailed)
                    *why = QStringLiteral("%1: %2").arg(QFile::decodeName(DeflatePipeline::sourcePath(tree, e.node)), *why);
                return false;
            }
        } else if (!enc.data.isEmpty() && !writer.writeData(enc.data.constData(), std::size_t(enc.data.size()))) {
            return false;
        }
        ++progress.items;
        progress.bytes = writer.bytesWritten();
        if (control) {
            progress.current = e.name;
            control->report(progress);
        }
        return true;
    }, control, error, cancelled);
}

} // namespace

std::uint32_t Exporter::unixMode(const FileTree &tree, FileTree::Index node)
{
    switch (tree.kind(node)) {
    case NodeKind::Directory:
        return 040755;
    case NodeKind::Symlink:
        return 0120777;
    default:
        return (tree.flags(node) & FlagExecutable) ? 0100755 : 0100644;
    }
}

ExportResult Exporter::run(const FileTree &tree, const Bitset &pruned, const std::vector<ZipEntryRef> &zipEntries,
                           const ExportOptions &options, JobControl *control)
{
    QElapsedTimer timer;
    timer.start();
    ExportResult result;
    if (options.level < 0 || options.level > 12) {
        result.error = QStringLiteral("level %1 is outside 0..12").arg(options.level);
        return result;
    }
    if (options.output.isEmpty()) {
        result.error = QStringLiteral("no output path given");
        return result;
    }
    const auto prefix = ExportPlan::normalizePrefix(options.prefix, &result.error);
    if (!prefix)
        return result;
    if (!AtomicOutput::apartFromSource(options.output, tree.rootPath(), &result.error))
        return result;
    // Writing past `ulimit -f` must fail with EFBIG and a message, not kill the process.
    std::signal(SIGXFSZ, SIG_IGN);

    const ExportPlan plan = ExportPlan::build(tree, ExportMask(tree).exported(pruned), *prefix);
    result.files = plan.files();
    result.symlinks = plan.symlinks();
    result.folders = plan.folders();
    result.bytes = plan.fileBytes();
    if (options.toFolder) {
        FolderExporter::run(tree, plan, zipEntries, options, control, &result);
        result.seconds = double(timer.nsecsElapsed()) / 1e9;
        return result;
    }

    AtomicOutput out(options.output, AtomicOutput::Kind::File);
    if (!out.open(&result.error))
        return result;
    ZipWriter writer(out.fd(), ZipWriter::dosDateTime(options.epoch.value_or(ZipWriter::defaultEpoch())));
    QString error;
    bool cancelled = false;
    const bool fromZip = tree.source() == FileTree::Source::Zip;
    bool ok = fromZip ? writeFromZip(tree, plan, zipEntries, writer, control, &error, &cancelled)
                      : writeFromFolder(tree, plan, options, writer, control, &error, &cancelled);
    ok = ok && writer.finish();
    if (ok && !out.commit(&result.error)) {
        spdlog::error("export to {} failed: {}", options.output.toStdString(), result.error.toStdString());
        return result;
    }
    if (!ok) {
        out.discard();
        result.cancelled = cancelled;
        if (!writer.error().isEmpty())
            result.error = QStringLiteral("%1: cannot write: %2").arg(options.output, writer.error());
        else
            result.error = cancelled ? QStringLiteral("%1: export cancelled").arg(options.output) : error;
        spdlog::error("export to {} failed: {}", options.output.toStdString(), result.error.toStdString());
        return result;
    }
    result.ok = true;
    result.outputBytes = writer.bytesWritten();
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    spdlog::info("exported {} entries ({} bytes) to {} in {:.2f} s", plan.entries().size(), result.outputBytes,
                 options.output.toStdString(), result.seconds);
    return result;
}
