#include "zipscanner.h"

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
    for (const QByteArray &part : name.split('/'))
        if (part == "..")
            return QStringLiteral("'..' component (zip slip)");
    return {};
}

} // namespace

std::unique_ptr<FileTree> ZipScanner::scan(const QString &path, QString *error, std::vector<ZipEntryRef> *entries,
                                           JobControl *control)
{
    QuaZip zip(path);
    if (!zip.open(QuaZip::mdUnzip)) {
        if (error)
            *error = QStringLiteral("%1: not a readable zip (error %2)").arg(path).arg(zip.getZipError());
        return nullptr;
    }
    auto tree = std::make_unique<FileTree>();
    tree->setRootPath(path);
    tree->setSource(FileTree::Source::Zip);

    std::vector<RawEntry> raw;
    unzFile uf = zip.getUnzFile();
    QByteArray nameBuf(65536, '\0');
    JobProgress progress;
    for (int rc = unzGoToFirstFile(uf); rc == UNZ_OK; rc = unzGoToNextFile(uf)) {
        if (control && control->cancelled())
            break;
        unz_file_info64 info{};
        if (unzGetCurrentFileInfo64(uf, &info, nameBuf.data(), uLong(nameBuf.size()), nullptr, 0, nullptr, 0)
            != UNZ_OK) {
            tree->addIssue({}, QStringLiteral("corrupt central directory entry after %1 entries").arg(raw.size()));
            break;
        }
        RawEntry e;
        e.name = QByteArray(nameBuf.constData(), qsizetype(std::min<uLong>(info.size_filename, 65535)));
        e.ref = {std::uint64_t(unzGetOffset64(uf)), std::uint64_t(info.compressed_size),
                 std::uint64_t(info.uncompressed_size), std::uint32_t(info.crc),
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
        if (e.ref.flags & 1)
            tree->addIssue(e.name, QStringLiteral("encrypted entry: it cannot be verified or recompressed"));
        raw.push_back(std::move(e));
        ++progress.items;
        if (control && (progress.items & 0xff) == 0)
            control->report(progress);
    }
    if (zip.getZipError() != UNZ_OK && zip.getZipError() != UNZ_END_OF_LIST_OF_FILE)
        tree->addIssue({}, QStringLiteral("reading the central directory failed (error %1)").arg(zip.getZipError()));

    std::stable_sort(raw.begin(), raw.end(), [](const RawEntry &a, const RawEntry &b) {
        return componentLess(a.name, b.name);
    });
    if (entries)
        entries->clear();

    // Rebuild the hierarchy: folders implied by names are created on the way.
    std::vector<QByteArray> open; // names of the folders currently open, root excluded
    QByteArray previous;
    bool havePrevious = false;
    for (RawEntry &e : raw) {
        if (havePrevious && e.name == previous) {
            tree->addIssue(e.name, QStringLiteral("duplicate entry name: the first one is used"));
            continue;
        }
        havePrevious = true;
        previous = e.name;
        QList<QByteArray> parts = e.name.split('/');
        parts.removeAll(QByteArray());
        parts.removeAll(QByteArray("."));
        if (parts.isEmpty())
            continue;
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
