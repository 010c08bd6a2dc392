#include "export/exporter.h"

#include "base/phaseclock.h"
#include "export/atomicoutput.h"
#include "export/compressedsizecache.h"
#include "export/exportmask.h"
#include "export/exportplan.h"
#include "export/folderexporter.h"
#include "export/zip/deflatepipeline.h"
#include "export/zip/zipwriter.h"
#include "scan/nodeopener.h"
#include "scan/zipsource.h"
#include "transform/exporttransform.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <spdlog/spdlog.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <functional>
#include <unistd.h>

namespace {

// Reports each written entry to the job, whichever source it came from.
class EntryProgress
{
public:
    EntryProgress(JobControl *control, std::size_t total)
        : m_control(control)
    {
        m_progress.totalItems = total;
    }
    void written(const PlanEntry &e, std::uint64_t bytesWritten)
    {
        ++m_progress.items;
        m_progress.bytes = bytesWritten;
        if (m_control) {
            m_progress.current = e.name;
            m_control->report(m_progress);
        }
    }

private:
    JobControl *m_control;
    JobProgress m_progress;
};

ZipWriter::Entry entryHeader(const FileTree &tree, const PlanEntry &e, const EncodedEntry *enc = nullptr)
{
    ZipWriter::Entry out;
    out.name = e.name;
    out.unixMode = ExportPlan::unixMode(tree, e);
    if (enc) {
        out.method = enc->method;
        out.crc = enc->crc;
        out.compressedSize = enc->compressedSize;
        out.uncompressedSize = enc->uncompressedSize;
    }
    return out;
}

// Writes an encoded file: its bytes in memory, or, when too large to hold,
// deflated again by `streamer` (made on first use) from what `open` opens.
bool writeEncoded(ZipWriter &writer, const EncodedEntry &enc, const std::function<int(QString *)> &open,
                  const QByteArray &path, int level, std::unique_ptr<EntryEncoder> &streamer, QString *why)
{
    if (!enc.streamed)
        return enc.data.isEmpty() || writer.writeData(enc.data.constData(), std::size_t(enc.data.size()));
    if (!streamer)
        streamer = std::make_unique<EntryEncoder>(level);
    bool writeFailed = false;
    const int fd = open(why);
    const bool ok =
        fd >= 0 &&
        streamer->stream(
            fd, enc, [&](const char *p, std::size_t n) { return writer.writeData(p, n) || !(writeFailed = true); },
            why);
    if (fd >= 0)
        ::close(fd);
    if (!ok && !writeFailed)
        *why = QStringLiteral("%1: %2").arg(QFile::decodeName(path), *why);
    return ok;
}

// The zip entry behind a node of a zip source and where its stored bytes start.
const ZipEntryRef *locateInZip(const FileTree &tree, const PlanEntry &e, const std::vector<ZipEntryRef> &zipEntries,
                               ZipSource &source, std::uint64_t *offset, QString *error)
{
    const std::uint32_t ref = tree.sourceRef(e.node);
    if (ref >= zipEntries.size()) {
        *error = QStringLiteral("%1: no zip entry behind this node").arg(tree.displayPath(e.node));
        return nullptr;
    }
    if (!source.dataOffset(zipEntries[ref], offset, error)) {
        *error = QStringLiteral("%1 in %2: %3").arg(tree.displayPath(e.node), tree.rootPath(), *error);
        return nullptr;
    }
    return &zipEntries[ref];
}

// Copies a zip source's kept entry raw.
bool copyFromZip(const FileTree &tree, const PlanEntry &e, const std::vector<ZipEntryRef> &zipEntries,
                 ZipSource &source, ZipWriter &writer, QString *error)
{
    std::uint64_t offset = 0;
    const ZipEntryRef *found = locateInZip(tree, e, zipEntries, source, &offset, error);
    if (!found)
        return false;
    const ZipEntryRef &z = *found;
    ZipWriter::Entry out = entryHeader(tree, e);
    out.method = z.method;
    out.crc = z.crc;
    out.compressedSize = z.compressedSize;
    out.uncompressedSize = z.uncompressedSize;
    bool writeFailed = false;
    if (!writer.beginEntry(out))
        return false;
    if (source.copyRaw(
            z, offset, [&](const char *p, std::size_t n) { return writer.writeData(p, n) || !(writeFailed = true); },
            error))
        return true;
    if (!writeFailed)
        *error = QStringLiteral("%1 in %2: %3").arg(tree.displayPath(e.node), tree.rootPath(), *error);
    return false;
}

// Where recompressed zip entries are inflated to: one unlinked scratch file,
// refilled for each entry, so EntryEncoder reads it as it reads a folder
// source's file (whole or streamed) and nothing is left behind, even by kill -9.
class InflatedEntry
{
public:
    ~InflatedEntry()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    // Inflates `z` into the scratch file.
    bool fill(ZipSource &source, const ZipEntryRef &z, std::uint64_t offset, QString *error)
    {
        if (m_fd < 0) {
            QByteArray name = QFile::encodeName(QDir::tempPath()) + "/layerslim-recompress-XXXXXX";
            m_fd = ::mkostemp(name.data(), O_CLOEXEC);
            if (m_fd < 0) {
                *error = QStringLiteral("cannot create a scratch file in %1: %2")
                             .arg(QDir::tempPath(), qt_error_string(errno));
                return false;
            }
            ::unlink(name.constData());
        }
        if (::ftruncate(m_fd, 0) != 0) {
            *error = QStringLiteral("scratch file: %1").arg(qt_error_string(errno));
            return false;
        }
        std::uint64_t at = 0;
        return source.extract(
            z, offset,
            [&](const char *p, std::size_t n) {
                while (n > 0) {
                    const ssize_t w = ::pwrite(m_fd, p, n, off_t(at));
                    if (w < 0 && errno == EINTR)
                        continue;
                    if (w <= 0) {
                        *error = QStringLiteral("scratch file in %1: %2").arg(QDir::tempPath(), qt_error_string(errno));
                        return false;
                    }
                    p += w;
                    n -= std::size_t(w);
                    at += std::uint64_t(w);
                }
                return true;
            },
            error);
    }
    [[nodiscard]] int fd() const { return m_fd; }

private:
    int m_fd = -1;
};

// Re-encodes a zip source's kept file or link at the export's level, exactly
// as writeFromFolder() encodes the same content from a folder.
bool recompressFromZip(const FileTree &tree, const PlanEntry &e, const std::vector<ZipEntryRef> &zipEntries,
                       ZipSource &source, InflatedEntry &inflated, EntryEncoder &encoder,
                       std::unique_ptr<EntryEncoder> &streamer, int level, ZipWriter &writer, QString *error)
{
    std::uint64_t offset = 0;
    const ZipEntryRef *z = locateInZip(tree, e, zipEntries, source, &offset, error);
    if (!z)
        return false;
    const QString where = QStringLiteral("%1 in %2").arg(tree.displayPath(e.node), tree.rootPath());
    EncodedEntry enc;
    if (e.kind == NodeKind::Symlink) {
        QByteArray target;
        if (!source.extract(
                *z, offset,
                [&](const char *p, std::size_t n) {
                    target.append(p, qsizetype(n));
                    return true;
                },
                error)) {
            *error = QStringLiteral("%1: %2").arg(where, *error);
            return false;
        }
        EntryEncoder::encodeLinkTarget(std::move(target), &enc);
        return writer.beginEntry(entryHeader(tree, e, &enc)) &&
               writer.writeData(enc.data.constData(), std::size_t(enc.data.size()));
    }
    if (!inflated.fill(source, *z, offset, error) ||
        !encoder.encodeFile(inflated.fd(), z->uncompressedSize, true, &enc, error)) {
        *error = QStringLiteral("%1: %2").arg(where, *error);
        return false;
    }
    const int fd = inflated.fd();
    const auto open = [fd](QString *why) {
        const int copy = ::dup(fd); // writeEncoded closes what it is given
        if (copy < 0)
            *why = qt_error_string(errno);
        return copy;
    };
    return writer.beginEntry(entryHeader(tree, e, &enc)) &&
           writeEncoded(writer, enc, open, QFile::encodeName(where), level, streamer, error);
}

// Writes a zip source's kept entries in plan order: copied raw (or, with
// options.recompress, encoded again), except the files the transform
// rewrote, which are deflated here.
bool writeFromZip(const FileTree &tree, const ExportPlan &plan, const std::vector<ZipEntryRef> &zipEntries,
                  const ExportOptions &options, ZipWriter &writer, JobControl *control, QString *error, bool *cancelled)
{
    ZipSource source;
    if (!source.open(tree.rootPath(), error))
        return false;
    EntryProgress progress(control, plan.entries().size());
    std::unique_ptr<EntryEncoder> encoder, streamer;
    InflatedEntry inflated;
    for (const PlanEntry &e : plan.entries()) {
        if (control && control->cancelled()) {
            *cancelled = true;
            *error = QStringLiteral("cancelled");
            return false;
        }
        if (e.kind == NodeKind::Directory) {
            if (!writer.beginEntry(entryHeader(tree, e)))
                return false;
        } else if (const TransformedFile *t = plan.transformed(e)) {
            if (!encoder)
                encoder = std::make_unique<EntryEncoder>(options.level);
            EncodedEntry enc;
            if (!encoder->encodeFile(t->path, t->size, true, &enc, error)) {
                *error = QStringLiteral("%1: %2").arg(QFile::decodeName(t->path), *error);
                return false;
            }
            const auto open = [t](QString *openError) { return ExportTransform::open(*t, openError); };
            if (!writer.beginEntry(entryHeader(tree, e, &enc)) ||
                !writeEncoded(writer, enc, open, t->path, options.level, streamer, error))
                return false;
        } else if (options.recompress) {
            if (!encoder)
                encoder = std::make_unique<EntryEncoder>(options.level);
            if (!recompressFromZip(tree, e, zipEntries, source, inflated, *encoder, streamer, options.level, writer,
                                   error))
                return false;
        } else if (!copyFromZip(tree, e, zipEntries, source, writer, error)) {
            return false;
        }
        progress.written(e, writer.bytesWritten());
    }
    return true;
}

// Deflates a folder source's kept files on the pool and writes them in plan order.
bool writeFromFolder(const FileTree &tree, const ExportPlan &plan, const ExportOptions &options, ZipWriter &writer,
                     JobControl *control, QString *error, bool *cancelled, ExportPhases *phases)
{
    DeflatePipeline pipeline(tree, plan, options.level, options.threads, Exporter::kMemoryBudget);
    pipeline.recordSizesIn(options.sizeCache);
    std::unique_ptr<EntryEncoder> streamer; // for files too large to hold, on this thread
    NodeOpener opener(tree);
    EntryProgress progress(control, plan.entries().size());
    const bool ok = pipeline.run(
        [&](std::size_t k, EncodedEntry &enc, QString *why) {
            const PlanEntry &e = plan.entries()[k];
            const bool dir = e.kind == NodeKind::Directory;
            if (!writer.beginEntry(entryHeader(tree, e, dir ? nullptr : &enc)))
                return false;
            if (!dir) {
                const TransformedFile *t = plan.transformed(e);
                const QByteArray path = t ? t->path : DeflatePipeline::sourcePath(tree, e.node);
                const auto open = [&](QString *openError) {
                    return t ? ExportTransform::open(*t, openError) : opener.openFile(e.node, openError);
                };
                if (!writeEncoded(writer, enc, open, path, options.level, streamer, why))
                    return false;
            }
            progress.written(e, writer.bytesWritten());
            return true;
        },
        control, error, cancelled);
    *phases = pipeline.phases();
    // Saved whatever the outcome: the sizes recorded are right either way.
    if (QString why; options.sizeCache && !options.sizeCache->save(&why))
        spdlog::warn("{}", why.toStdString());
    return ok;
}

} // namespace

ExportResult Exporter::run(const FileTree &tree, const Bitset &pruned, const std::vector<ZipEntryRef> &zipEntries,
                           const ExportOptions &options, JobControl *control)
{
    QElapsedTimer timer;
    timer.start();
    ExportResult result;
    if (options.level < ExportOptions::kMinLevel || options.level > ExportOptions::kMaxLevel) {
        result.error = QStringLiteral("level %1 is outside %2..%3")
                           .arg(options.level)
                           .arg(ExportOptions::kMinLevel)
                           .arg(ExportOptions::kMaxLevel);
        return result;
    }
    if (options.output.isEmpty()) {
        result.error = QStringLiteral("no output path given");
        return result;
    }
    const auto prefix = ExportPlan::normalizePrefix(options.prefix, &result.error);
    if (!prefix)
        return result;
    // The time is settled before anything is written, so a bad one fails the
    // export rather than being stamped as 1980 or clamped into range.
    ExportOptions stamped = options;
    if (!stamped.epoch)
        stamped.epoch = ZipWriter::epochFromEnvironment(&result.error);
    if (!stamped.epoch || !ZipWriter::epochInRange(*stamped.epoch, &result.error))
        return result;
    if (!AtomicOutput::apartFromSource(options.output, tree.rootPath(), &result.error))
        return result;
    // Writing past `ulimit -f` must fail with EFBIG and a message, not kill the process.
    std::signal(SIGXFSZ, SIG_IGN);

    ExportTransform transform;
    const bool transforming = ExportTransform::wanted(options);
    if (transforming && !transform.prepare(tree, zipEntries, pruned, options, control, &result.error)) {
        result.cancelled = control && control->cancelled();
        spdlog::error("export to {} failed: {}", options.output.toStdString(), result.error.toStdString());
        return result;
    }
    result.transform = transform.summary();
    const Bitset &exportPruned = transforming ? transform.pruned() : pruned;
    const ExportPlan plan =
        ExportPlan::build(tree, ExportMask(tree).exported(exportPruned), *prefix, transforming ? &transform : nullptr);
    result.files = plan.files();
    result.symlinks = plan.symlinks();
    result.folders = plan.folders();
    result.bytes = plan.fileBytes();
    if (options.toFolder) {
        FolderExporter::run(tree, plan, zipEntries, stamped, control, &result);
        result.seconds = double(timer.nsecsElapsed()) / 1e9;
        return result;
    }

    AtomicOutput out(options.output, AtomicOutput::Kind::File);
    if (!out.open(&result.error))
        return result;
    ZipWriter writer(out.fd(), ZipWriter::dosDateTime(*stamped.epoch));
    QString error;
    bool cancelled = false;
    const bool fromZip = tree.source() == FileTree::Source::Zip;
    bool ok = fromZip ? writeFromZip(tree, plan, zipEntries, options, writer, control, &error, &cancelled)
                      : writeFromFolder(tree, plan, options, writer, control, &error, &cancelled, &result.phases);
    PhaseClock finishing; // the central directory and the rename into place count as writing
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
    result.phases.write += double(finishing.lap()) / 1e9;
    result.outputBytes = writer.bytesWritten();
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    spdlog::info("exported {} entries ({} bytes) to {} in {:.2f} s", plan.entries().size(), result.outputBytes,
                 options.output.toStdString(), result.seconds);
    return result;
}
