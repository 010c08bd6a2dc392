#include "scan/zipscanner.h"

#include <QFile>
#include <QFileInfo>

#include <quazip/quazip.h>
#include <quazip/unzip.h>

#include <algorithm>
#include <sys/stat.h>

namespace {

struct RawEntry {
    QByteArray name;
    ZipEntryRef ref;
    std::uint16_t mode = 0644;
    bool isDir = false;
    bool isLink = false;
};

// Orders paths component by component ("a/b" before "a.txt"), the order a
// preorder walk of byte-sorted folders visits them.
bool componentLess(const QByteArray &a, const QByteArray &b)
{
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const auto ca = static_cast<unsigned char>(a[i] == '/' ? 0 : a[i]);
        const auto cb = static_cast<unsigned char>(b[i] == '/' ? 0 : b[i]);
        if (ca != cb)
            return ca < cb;
    }
    return a.size() < b.size();
}

// Why a name cannot be used as a path inside the layer, or empty when it can.
QString unsafeReason(const QByteArray &name)
{
    if (name.isEmpty())
        return QStringLiteral("empty entry name");
    if (name.startsWith('/') || name.startsWith('\\'))
        return QStringLiteral("absolute path");
    if (name.size() >= 2 && name[1] == ':')
        return QStringLiteral("drive-letter path");
    if (name.contains('\0'))
        return QStringLiteral("NUL byte in name");
    // Windows tools treat '\\' as a separator, so "..\\x" escapes there too.
    for (const QByteArray &part : QByteArray(name).replace('\\', '/').split('/'))
        if (part == "..")
            return QStringLiteral("'..' component (zip slip)");
    return {};
}

// "a//./b/" -> "a/b": one spelling a path, so duplicates are found and the
// sorted order is the walk's order.
QByteArray normalized(const QByteArray &name)
{
    QByteArray out;
    for (const QByteArray &part : name.split('/')) {
        if (part.isEmpty() || part == ".")
            continue;
        if (!out.isEmpty())
            out += '/';
        out += part;
    }
    return out;
}

// Why an entry's declared sizes cannot describe real data, or empty. Sizes
// are only ever added up, never allocated, but a bomb's sizes would make the
// layer look huge (or wrap the totals), so they are refused here.
QString implausibleSizes(const ZipEntryRef &ref, std::uint64_t archiveBytes)
{
    if (ref.compressedSize > archiveBytes)
        return QStringLiteral("declares %1 compressed bytes in a %2-byte zip")
            .arg(ref.compressedSize)
            .arg(archiveBytes);
    // Deflate cannot expand more than 1032:1; stored data not at all (encrypted adds a header).
    const std::uint64_t most = ref.method == 0   ? ref.compressedSize
                               : ref.method == 8 ? (ref.compressedSize + 8) * 1032
                                                 : ~std::uint64_t{0};
    if (ref.uncompressedSize > most)
        return QStringLiteral("declares %1 bytes from %2 compressed bytes (zip bomb?)")
            .arg(ref.uncompressedSize)
            .arg(ref.compressedSize);
    return {};
}

// Why minizip refused `path`, told from the file's last 64 KiB (where the end record must be).
QString whyNotAZip(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot be read: %1").arg(f.errorString());
    const qint64 size = f.size();
    if (size == 0)
        return QStringLiteral("empty file, not a zip");
    const qint64 tail = std::min<qint64>(size, 22 + 65535);
    if (!f.seek(size - tail))
        return QStringLiteral("cannot be read: %1").arg(f.errorString());
    const QByteArray bytes = f.read(tail);
    const qsizetype end = bytes.lastIndexOf(QByteArrayView("PK\x05\x06", 4));
    if (end < 0)
        return QStringLiteral("not a zip file (no end of central directory record)");
    const auto u16 = [&](qsizetype at) { return int(std::uint8_t(bytes[at])) | int(std::uint8_t(bytes[at + 1])) << 8; };
    if (end + 22 <= bytes.size() && u16(end + 8) == 0 && u16(end + 10) == 0 && u16(end + 12) == 0)
        return QStringLiteral("an empty zip: it holds no entries");
    return QStringLiteral("its end record or central directory is truncated or corrupt");
}

} // namespace

std::unique_ptr<FileTree> ZipScanner::scan(const QString &path, QString *error, std::vector<ZipEntryRef> *entries,
                                           JobControl *control)
{
    QuaZip zip(path);
    if (!zip.open(QuaZip::mdUnzip)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, whyNotAZip(path));
        return nullptr;
    }
    auto tree = std::make_unique<FileTree>();
    tree->setRootPath(path);
    tree->setSource(FileTree::Source::Zip);

    std::vector<RawEntry> raw;
    unzFile uf = zip.getUnzFile();
    QByteArray nameBuf(65536, '\0');
    JobProgress progress;
    const auto archiveBytes = std::uint64_t(QFileInfo(path).size());
    std::size_t seen = 0;
    int rc = unzGoToFirstFile(uf);
    for (; rc == UNZ_OK; rc = unzGoToNextFile(uf), ++seen) {
        if (control && control->cancelled())
            break;
        unz_file_info64 info{};
        rc = unzGetCurrentFileInfo64(uf, &info, nameBuf.data(), uLong(nameBuf.size()), nullptr, 0, nullptr, 0);
        if (rc != UNZ_OK)
            break;
        RawEntry e;
        e.name = QByteArray(nameBuf.constData(), qsizetype(std::min<uLong>(info.size_filename, 65535)));
        e.ref = {std::uint64_t(unzGetOffset64(uf)),      std::uint64_t(info.compressed_size),
                 std::uint64_t(info.uncompressed_size),  std::uint32_t(info.crc),
                 std::uint16_t(info.compression_method), std::uint16_t(info.flag)};
        const bool unixHost = (info.version >> 8) == 3;
        const auto unixMode = std::uint32_t(info.external_fa >> 16);
        e.isDir = e.name.endsWith('/') || (unixHost && S_ISDIR(unixMode));
        e.isLink = unixHost && S_ISLNK(unixMode);
        e.mode = unixHost && (unixMode & 07777) ? std::uint16_t(unixMode & 07777) : (e.isDir ? 0755 : 0644);
        while (e.name.endsWith('/'))
            e.name.chop(1);
        if (const QString why = unsafeReason(e.name); !why.isEmpty()) {
            tree->addIssue(e.name, QStringLiteral("skipped: %1").arg(why));
            continue;
        }
        e.name = normalized(e.name);
        if (e.isDir) {
            e.ref.uncompressedSize = 0;
        } else if (const QString why = implausibleSizes(e.ref, archiveBytes); !why.isEmpty()) {
            tree->addIssue(e.name, QStringLiteral("skipped: %1").arg(why));
            continue;
        }
        if (e.ref.flags & 1)
            tree->addIssue(e.name, QStringLiteral("encrypted entry: it cannot be verified or recompressed"));
        else if (!e.isDir && e.ref.method != 0 && e.ref.method != 8)
            tree->addIssue(
                e.name, QStringLiteral("unsupported compression method %1: it cannot be exported").arg(e.ref.method));
        raw.push_back(std::move(e));
        ++progress.items;
        if (control && (progress.items & 0xff) == 0)
            control->report(progress);
    }
    // A corrupt record, or fewer records than the end record declares: what was read is kept.
    if (rc != UNZ_OK && rc != UNZ_END_OF_LIST_OF_FILE)
        tree->addIssue({}, QStringLiteral("the central directory is corrupt or shorter than declared after %1 "
                                          "entries (error %2); the rest is not listed")
                               .arg(seen)
                               .arg(rc));

    std::stable_sort(raw.begin(), raw.end(),
                     [](const RawEntry &a, const RawEntry &b) { return componentLess(a.name, b.name); });
    if (entries)
        entries->clear();

    // Rebuild the hierarchy: folders implied by names are created on the way.
    std::vector<QByteArray> open; // names of the folders currently open, root excluded
    QByteArray previous;
    bool havePrevious = false;
    QByteArray lastLeaf; // the last file or link: names below it cannot be folders too
    for (RawEntry &e : raw) {
        if (havePrevious && e.name == previous) {
            tree->addIssue(e.name, QStringLiteral("duplicate entry name: the first one is used"));
            continue;
        }
        havePrevious = true;
        previous = e.name;
        if (!lastLeaf.isEmpty() && e.name.startsWith(lastLeaf + '/')) {
            tree->addIssue(e.name, QStringLiteral("skipped: \"%1\" is a file or link in this zip, not a folder")
                                       .arg(FileTree::displayName(lastLeaf)));
            continue;
        }
        if (e.name.isEmpty())
            continue;
        QList<QByteArray> parts = e.name.split('/');
        const QByteArray leaf = parts.takeLast();
        std::size_t common = 0;
        while (common < open.size() && common < std::size_t(parts.size()) && open[common] == parts[qsizetype(common)])
            ++common;
        while (open.size() > common) {
            tree->endDirectory();
            open.pop_back();
        }
        for (qsizetype i = qsizetype(common); i < parts.size(); ++i) {
            tree->beginDirectory(parts[i], 0755);
            open.push_back(parts[i]);
        }
        if (e.isDir) {
            tree->beginDirectory(leaf, e.mode);
            open.push_back(leaf);
            continue;
        }
        lastLeaf = e.name;
        const NodeKind kind = e.isLink ? NodeKind::Symlink : NodeKind::File;
        std::uint8_t flags = (e.mode & 0111) ? FlagExecutable : FlagNone;
        const FileTree::Index node = tree->addLeaf(leaf, kind, e.ref.uncompressedSize, e.mode, flags);
        if (entries) {
            tree->setSourceRef(node, std::uint32_t(entries->size()));
            entries->push_back(e.ref);
        }
    }
    tree->finish();
    zip.close();
    return tree;
}
