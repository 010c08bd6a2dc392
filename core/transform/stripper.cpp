#include "transform/stripper.h"

#include "base/oserror.h"
#include "base/processrunner.h"
#include "base/uniquefd.h"
#include "scan/nodeopener.h"
#include "scan/zipentryreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTemporaryFile>

#include <cstdio>
#include <elf.h>
#include <memory>

bool Stripper::isStrippable(const ElfSection &s, int elfType)
{
    if (s.flags & SHF_ALLOC)
        return false; // loaded at run time: never removed
    const QByteArray &n = s.name;
    if (n.startsWith(".debug") || n.startsWith(".zdebug") || n.startsWith(".gnu.debuglto_") ||
        n.startsWith(".rela.debug") || n.startsWith(".rel.debug") || n == ".stab" || n == ".stabstr")
        return true;
    // A relocatable object keeps the symbols its relocations name; a shared
    // object or executable loses the whole static symbol table.
    if (elfType == ET_REL)
        return false;
    return (s.type == SHT_SYMTAB && n == ".symtab") || (s.type == SHT_STRTAB && n == ".strtab");
}

std::uint64_t Stripper::savings(const ElfInfo &info)
{
    const std::size_t headers = info.sections.size() + 1; // + the null section, which libelf does not list
    const std::uint64_t headerSize = headers ? info.sectionHeaderBytes / headers : 0;
    std::uint64_t bytes = 0;
    for (const ElfSection &s : info.sections) {
        if (!isStrippable(s, info.type))
            continue;
        // Its contents, its section header, and its name in .shstrtab.
        bytes += s.size + headerSize + std::uint64_t(s.name.size()) + 1;
    }
    return std::min(bytes, info.fileSize);
}

std::optional<std::uint64_t> Stripper::estimateFile(const QString &path, QString *error)
{
    const auto info = ElfFile::readFile(path, error);
    if (!info)
        return std::nullopt;
    return savings(*info);
}

std::vector<StripEstimate> Stripper::estimate(const FileTree &tree, const Bitset &stripSet,
                                              const std::vector<ZipEntryRef> *zipEntries, JobControl *control)
{
    std::vector<StripEstimate> out;
    const bool zip = tree.source() == FileTree::Source::Zip;
    std::unique_ptr<ZipEntryReader> reader; // zip sources
    std::unique_ptr<NodeOpener> opener;     // folder sources
    if (zip)
        reader = std::make_unique<ZipEntryReader>(tree.rootPath());
    else
        opener = std::make_unique<NodeOpener>(tree);
    JobProgress progress;
    progress.totalItems = stripSet.count();
    bool stop = false;
    stripSet.forEach([&](std::size_t n) {
        const auto i = FileTree::Index(n);
        if (stop || i >= tree.count() || !tree.isFile(i))
            return;
        if (control) {
            ++progress.items;
            if (control->cancelled()) {
                stop = true;
                return;
            }
            progress.current = tree.path(i);
            control->report(progress);
        }
        StripEstimate e{i, tree.packagePath(i), tree.size(i), 0, {}};
        std::optional<ElfInfo> info;
        if (zip) {
            QByteArray image;
            const std::uint32_t ref = tree.sourceRef(i);
            if (!zipEntries || ref >= zipEntries->size() || !reader->read((*zipEntries)[ref], &image, &e.error, 4))
                return;
            if (ElfFile::formatOf(image) != BinaryFormat::Elf)
                return;
            if (reader->read((*zipEntries)[ref], &image, &e.error))
                info = ElfFile::readMemory(image, &e.error);
        } else {
            // Opened by its raw name: one that is not UTF-8 has no QString path.
            const UniqueFd fd(opener->openFile(i, &e.error));
            if (!fd.valid() || ElfFile::formatOfDescriptor(fd.get()) != BinaryFormat::Elf)
                return;
            info = ElfFile::readDescriptor(fd.get(), &e.error);
        }
        if (info)
            e.savings = savings(*info);
        out.push_back(std::move(e));
    });
    return out;
}

StripTotals Stripper::totals(const std::vector<StripEstimate> &estimates)
{
    StripTotals t;
    for (const StripEstimate &e : estimates) {
        t.bytes += e.size;
        t.savings += e.savings;
        ++t.files;
    }
    return t;
}

QString Stripper::program()
{
    return QStandardPaths::findExecutable(QStringLiteral("strip"));
}

bool Stripper::stripCopy(const QString &src, const QString &dst, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    const QFileInfo in(src);
    if (!in.isFile())
        return fail(QStringLiteral("%1: not a regular file").arg(src));
    const QFileInfo out(dst);
    if (out.exists() && out.canonicalFilePath() == in.canonicalFilePath())
        return fail(QStringLiteral("%1: refusing to strip a file in place; the source is never written").arg(src));
    const QString strip = program();
    if (strip.isEmpty())
        return fail(QStringLiteral("strip (binutils) is not installed"));

    // A unique name beside dst, so the rename is atomic and a failure leaves dst alone.
    QTemporaryFile tmp(out.absolutePath() + QStringLiteral("/.") + out.fileName() + QStringLiteral(".XXXXXX"));
    if (!tmp.open())
        return fail(
            QStringLiteral("%1: cannot create a temporary file (%2)").arg(out.absolutePath(), tmp.errorString()));
    tmp.close();
    ProcessRequest request;
    request.program = strip;
    request.arguments = {QStringLiteral("--strip-unneeded"), QStringLiteral("-o"), tmp.fileName(), src};
    request.mergeOutput = true;
    request.timeoutMs = 300000;
    const ProcessResult run = ProcessRunner::run(request);
    if (!run.succeeded()) {
        const QString msg = QString::fromLocal8Bit(run.output.bytes()).trimmed();
        return fail(QStringLiteral("%1: strip failed: %2").arg(src, msg.isEmpty() ? run.error : msg));
    }
    // strip rewrites the whole file; on some (patchelf-edited, as auditwheel
    // repairs them) it moves what the loader reads. Such a copy is not used.
    if (const QString change = loaderChange(src, tmp.fileName()); !change.isEmpty())
        return fail(QStringLiteral("%1: stripping would change what the loader reads (%2); the original is kept")
                        .arg(src, change));
    if (std::rename(QFile::encodeName(tmp.fileName()).constData(), QFile::encodeName(dst).constData()) != 0)
        return fail(QStringLiteral("%1: cannot move the stripped copy into place (%2)").arg(dst, errnoText()));
    tmp.setAutoRemove(false);
    return true;
}

QString Stripper::loaderChange(const QString &original, const QString &stripped)
{
    QString error;
    const auto before = ElfFile::readFile(original, &error);
    if (!before)
        return QStringLiteral("the original cannot be read as ELF: %1").arg(error);
    const auto after = ElfFile::readFile(stripped, &error);
    if (!after)
        return QStringLiteral("the stripped copy cannot be read as ELF: %1").arg(error);
    return ElfFile::loaderChange(*before, *after);
}

bool Stripper::stripData(const QByteArray &in, QByteArray *out, QString *error)
{
    QTemporaryDir dir;
    if (!dir.isValid()) {
        if (error)
            *error = QStringLiteral("cannot create a temporary folder");
        return false;
    }
    const QString src = dir.filePath(QStringLiteral("in")), dst = dir.filePath(QStringLiteral("out"));
    QFile f(src);
    if (!f.open(QIODevice::WriteOnly) || f.write(in) != in.size()) {
        if (error)
            *error = QStringLiteral("cannot write a temporary file");
        return false;
    }
    f.close();
    if (!stripCopy(src, dst, error))
        return false;
    QFile r(dst);
    if (!r.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read the stripped copy");
        return false;
    }
    *out = r.readAll();
    return true;
}
