#include "transform/exporttransform.h"

#include "base/fdio.h"
#include "base/oserror.h"
#include "base/parallelruns.h"
#include "base/uniquefd.h"
#include "checks/elffile.h"
#include "checks/keptset.h"
#include "scan/nodeopener.h"
#include "scan/zipentryreader.h"
#include "select/rules.h"
#include "transform/bytecodecompiler.h"
#include "transform/stripper.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <mutex>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {

// Extracts a zip source's entry to `path` for strip to read.
bool extract(ZipEntryReader &reader, const ZipEntryRef &ref, const QString &path, QString *why)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        *why = QStringLiteral("cannot create the scratch file %1: %2").arg(path, errnoText());
        return false;
    }
    const bool ok = reader.readTo(ref, fd, why);
    ::close(fd);
    return ok;
}

// Copies the source file open as `from`, which the scan saw with `size`
// bytes, to a new scratch file at `path`, for strip to read a file whose name
// a QString cannot hold (not UTF-8). A file that changed since the scan fails
// the copy.
bool copyOut(int from, std::uint64_t size, const QString &path, QString *why)
{
    const UniqueFd out(::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!out.valid()) {
        *why = QStringLiteral("cannot create the scratch file %1: %2").arg(path, errnoText());
        return false;
    }
    const CopyOutcome copied = copyOpenFile(from, size, out.get(), why);
    if (copied == CopyOutcome::WriteFailed)
        *why = QStringLiteral("cannot copy it for strip into %1: %2").arg(path, *why);
    return copied == CopyOutcome::Copied;
}

} // namespace

ExportTransform::ExportTransform() = default;
ExportTransform::~ExportTransform()
{
    // The prepared set links into the source: removed without following a link.
    if (m_scratch)
        KeptSet::remove(m_scratch->filePath(QStringLiteral("kept")));
}
ExportTransform::ExportTransform(ExportTransform &&) noexcept = default;
ExportTransform &ExportTransform::operator=(ExportTransform &&) noexcept = default;

bool ExportTransform::wanted(const ExportOptions &options)
{
    return options.strip.any() || options.bytecode != BytecodeMode::Keep;
}

int ExportTransform::open(const TransformedFile &file, QString *error)
{
    const int fd = ::open(file.path.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        *error = QStringLiteral("cannot open: %1").arg(errnoText());
    return fd;
}

const TransformedFile *ExportTransform::replacement(FileTree::Index i) const
{
    const auto it = m_replaced.find(i);
    return it == m_replaced.end() ? nullptr : &it->second;
}

bool ExportTransform::prepare(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries, const Bitset &pruned,
                              const ExportOptions &options, JobControl *control, QString *error)
{
    m_pruned = pruned;
    m_stripLookedAt = Bitset(tree.count());
    m_summary = TransformSummary{};
    m_summary.bytecode = options.bytecode;
    m_scratch = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/layerslim-export-XXXXXX"));
    if (!m_scratch->isValid()) {
        *error = QStringLiteral("cannot create a scratch folder in %1").arg(QDir::tempPath());
        return false;
    }
    if (options.strip.any()) {
        Bitset set = options.strip;
        set.subtract(pruned);
        if (!strip(tree, zipEntries, set, options.threads, control, error))
            return false;
    }
    return options.bytecode == BytecodeMode::Keep || compile(tree, zipEntries, options, control, error);
}

bool ExportTransform::strip(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries, const Bitset &set,
                            int threads, JobControl *control, QString *error)
{
    std::vector<FileTree::Index> work;
    set.forEach([&](std::size_t n) {
        if (n < tree.count() && tree.isFile(FileTree::Index(n))) {
            work.push_back(FileTree::Index(n));
            m_stripLookedAt.set(n);
        }
    });
    const QString dir = m_scratch->filePath(QStringLiteral("strip"));
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("%1: cannot create the folder").arg(dir);
        return false;
    }
    const bool zip = tree.source() == FileTree::Source::Zip;
    std::atomic<std::size_t> next{0};
    std::atomic_bool failed{false};
    std::mutex mutex;
    JobProgress progress;
    progress.totalItems = work.size();
    auto worker = [&] {
        std::unique_ptr<ZipEntryReader> reader; // one per thread: an open zip is not shared
        std::unique_ptr<NodeOpener> opener;     // likewise, for names a QString cannot hold
        for (std::size_t k = next.fetch_add(1); k < work.size(); k = next.fetch_add(1)) {
            if (failed.load() || (control && control->cancelled()))
                return;
            const FileTree::Index i = work[k];
            const QString out = dir + QLatin1Char('/') + QString::number(i);
            const QByteArray raw = QFile::encodeName(tree.rootPath()) + '/' + tree.path(i);
            QString in = QFile::decodeName(raw);
            // Zip entries, and files whose name does not survive a QString, are copied out for strip.
            const bool scratchCopy = zip || QFile::encodeName(in) != raw;
            QString why;
            bool readable = true;
            if (zip) {
                const std::uint32_t ref = tree.sourceRef(i);
                if (!reader)
                    reader = std::make_unique<ZipEntryReader>(tree.rootPath());
                in = out + QStringLiteral(".in");
                readable = ref < zipEntries.size() && extract(*reader, zipEntries[ref], in, &why);
            } else {
                if (scratchCopy) {
                    if (!opener)
                        opener = std::make_unique<NodeOpener>(tree);
                    const UniqueFd source(opener->openFile(i, &why));
                    in = out + QStringLiteral(".in");
                    readable = source.valid() && copyOut(source.get(), tree.size(i), in, &why);
                }
                if (readable && QFileInfo(in).size() != qint64(tree.size(i))) {
                    readable = false;
                    why = QStringLiteral("changed since the scan; scan again");
                }
            }
            if (!readable) {
                std::lock_guard lock(mutex);
                if (!failed.exchange(true))
                    *error = QStringLiteral("%1: %2").arg(tree.displayPath(i), why);
                return;
            }
            // Non-ELF files matching *.so (linker scripts, Mach-O) are written as they are.
            const bool elf = ElfFile::formatOfFile(in) == BinaryFormat::Elf;
            const bool stripped = elf && Stripper::stripCopy(in, out, &why);
            if (scratchCopy)
                QFile::remove(in);
            const std::uint64_t after = stripped ? std::uint64_t(QFileInfo(out).size()) : 0;
            std::lock_guard lock(mutex);
            if (elf && !stripped)
                m_summary.warnings << QStringLiteral("%1: left unstripped: %2").arg(tree.displayPath(i), why);
            if (stripped && after < tree.size(i)) {
                m_replaced[i] = {QFile::encodeName(out), after};
                ++m_summary.strippedFiles;
                m_summary.stripBefore += tree.size(i);
                m_summary.stripAfter += after;
            } else if (stripped) {
                QFile::remove(out); // nothing to strip: the source's bytes are written
            }
            ++progress.items;
            if (control) {
                progress.current = tree.path(i);
                control->report(progress);
            }
        }
    };
    if (threads <= 0)
        threads = int(parallel::allCores());
    std::vector<std::thread> pool;
    for (int t = 0; t < std::min<int>(threads, int(std::max<std::size_t>(work.size(), 1))); ++t)
        pool.emplace_back(worker);
    for (std::thread &t : pool)
        t.join();
    if (!failed.load() && control && control->cancelled()) {
        *error = QStringLiteral("cancelled");
        return false;
    }
    return !failed.load();
}

bool ExportTransform::compile(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries,
                              const ExportOptions &options, JobControl *control, QString *error)
{
    const Bitset bytecode = RuleCatalog::match(tree, RuleCatalog::indexOf(RuleId::Bytecode));
    if (options.bytecode == BytecodeMode::Drop) {
        bytecode.forEach([&](std::size_t n) {
            const auto i = FileTree::Index(n);
            if (tree.isFile(i) && !m_pruned.test(i)) {
                m_summary.bytecodeRemovedBytes += tree.size(i);
                ++m_summary.bytecodeRemovedFiles;
            }
        });
        m_pruned |= bytecode;
        return true;
    }
    const BytecodeCompiler compiler(tree, &zipEntries, options.python, options.runtime);
    const BytecodeResult r =
        compiler.prepare(m_pruned, options.bytecode, m_scratch->filePath(QStringLiteral("kept")), control);
    if (!r.ok()) {
        *error = r.error;
        return false;
    }
    m_pruned |= bytecode; // prepare() left the shipped bytecode out
    m_summary.bytecodeRemovedFiles = r.removedFiles;
    m_summary.bytecodeRemovedBytes = r.removedBytes;
    // The new .pyc are the real files of the prepared set; kept files are links to the source.
    const QDir root(r.root);
    QDirIterator it(r.root, {QStringLiteral("*.pyc")}, QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (it.fileInfo().isSymLink())
            continue;
        AddedFile a{QFile::encodeName(root.relativeFilePath(path)), {QFile::encodeName(path), 0}};
        a.file.size = std::uint64_t(it.fileInfo().size());
        m_summary.bytecodeAddedBytes += a.file.size;
        ++m_summary.bytecodeAddedFiles;
        m_added.push_back(std::move(a));
    }
    std::sort(m_added.begin(), m_added.end(), [](const AddedFile &a, const AddedFile &b) { return a.name < b.name; });
    if (options.bytecode != BytecodeMode::Sourceless)
        return true;
    // Sourceless: prepare() removed each compiled module's .py from the set.
    const QByteArray rootBytes = QFile::encodeName(r.root) + '/';
    for (const AddedFile &a : m_added) {
        const QByteArray py = a.name.chopped(1);
        const FileTree::Index node = tree.find(py, tree.packageRoot());
        struct stat st {
        };
        if (node != FileTree::kNone && ::lstat((rootBytes + py).constData(), &st) != 0)
            m_pruned.set(node);
    }
    return true;
}
