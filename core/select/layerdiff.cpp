#include "select/layerdiff.h"

#include "base/bitset.h"
#include "scan/nodereader.h"

#include <QJsonArray>

#include <algorithm>
#include <cstdlib>
#include <map>

namespace {

// Kept regular files by path below the package root.
std::map<QByteArray, FileTree::Index> keptFiles(const DiffSide &side, std::uint64_t *bytes, std::uint64_t *unowned)
{
    std::map<QByteArray, FileTree::Index> files;
    const FileTree &t = *side.tree;
    for (FileTree::Index i = 0; i < t.count(); ++i) {
        if (!t.isFile(i) || (side.pruned && side.pruned->test(i)))
            continue;
        files.emplace(t.packagePath(i), i);
        *bytes += t.size(i);
        if (side.distributions->ownerOf(i) == Distributions::kNone)
            *unowned += t.size(i);
    }
    return files;
}

constexpr auto byChange = [](const auto &x, const auto &y) {
    const auto mx = std::abs(x.change()), my = std::abs(y.change());
    if (mx != my)
        return mx > my;
    if constexpr (requires { x.path; })
        return x.path < y.path;
    else
        return x.name < y.name;
};

} // namespace

LayerDiff LayerDiff::compare(const DiffSide &a, const DiffSide &b)
{
    LayerDiff d;
    const auto filesA = keptFiles(a, &d.bytesA, &d.unownedA);
    const auto filesB = keptFiles(b, &d.bytesB, &d.unownedB);
    const bool bothZips = a.tree->source() == FileTree::Source::Zip && b.tree->source() == FileTree::Source::Zip;
    NodeReader readerA(*a.tree, *a.zipEntries);
    NodeReader readerB(*b.tree, *b.zipEntries);
    // Same size: the zips' CRC-32s when both are zips, else the bytes themselves.
    auto sameContent = [&](FileTree::Index x, FileTree::Index y, const QByteArray &path) {
        if (bothZips)
            return (*a.zipEntries)[a.tree->sourceRef(x)].crc == (*b.zipEntries)[b.tree->sourceRef(y)].crc;
        QByteArray bx, by;
        QString why;
        if (!readerA.read(x, &bx, &why) || !readerB.read(y, &by, &why)) {
            d.problems << QStringLiteral("%1: %2").arg(FileTree::displayName(path), why);
            return true; // an unreadable file is not reported as changed
        }
        return bx == by;
    };
    for (const auto &[path, x] : filesA) {
        const auto it = filesB.find(path);
        if (it == filesB.end()) {
            d.removed.push_back({path, a.tree->size(x), 0});
            continue;
        }
        const FileTree::Index y = it->second;
        if (a.tree->size(x) != b.tree->size(y) || !sameContent(x, y, path))
            d.changed.push_back({path, a.tree->size(x), b.tree->size(y)});
    }
    for (const auto &[path, y] : filesB)
        if (!filesA.contains(path))
            d.added.push_back({path, 0, b.tree->size(y)});

    // Distributions matched by normalised name.
    std::map<QString, DiffDistribution> byName;
    const auto addSide = [&byName](const DiffSide &side, QString DiffDistribution::*version,
                                   std::uint64_t DiffDistribution::*bytes) {
        const std::vector<std::uint64_t> kept = side.distributions->keptBytes(side.pruned);
        for (int i = 0; i < side.distributions->count(); ++i) {
            const Distribution &dist = side.distributions->at(i);
            DiffDistribution &row = byName[dist.normalized];
            row.name = dist.name;
            row.*version = dist.version;
            row.*bytes = kept[std::size_t(i)];
        }
    };
    addSide(a, &DiffDistribution::versionA, &DiffDistribution::bytesA);
    addSide(b, &DiffDistribution::versionB, &DiffDistribution::bytesB);
    for (auto &[key, row] : byName)
        d.distributions.push_back(std::move(row));
    std::sort(d.distributions.begin(), d.distributions.end(), byChange);
    std::sort(d.added.begin(), d.added.end(), byChange);
    std::sort(d.removed.begin(), d.removed.end(), byChange);
    std::sort(d.changed.begin(), d.changed.end(), byChange);
    return d;
}

namespace {

QJsonValue bytesJson(std::uint64_t v)
{
    return QJsonValue(double(v));
}

void addFiles(QJsonObject &out, const QString &key, const std::vector<DiffFile> &files, bool both, int top)
{
    QJsonArray list;
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const DiffFile &f = files[i];
        sum += f.change();
        if (top >= 0 && i >= std::size_t(top))
            continue;
        QJsonObject o{{QStringLiteral("path"), FileTree::displayName(f.path)},
                      {QStringLiteral("bytes"), bytesJson(f.bytesB ? f.bytesB : f.bytesA)}};
        if (both) {
            o.insert(QStringLiteral("bytes"), QJsonValue(double(f.change())));
            o.insert(QStringLiteral("bytes_a"), bytesJson(f.bytesA));
            o.insert(QStringLiteral("bytes_b"), bytesJson(f.bytesB));
        }
        list.append(o);
    }
    out.insert(key, list);
    out.insert(key + QStringLiteral("_files"), qint64(files.size()));
    out.insert(key + QStringLiteral("_bytes"), QJsonValue(double(sum)));
    if (top >= 0)
        out.insert(key + QStringLiteral("_more"), qint64(files.size() - std::size_t(list.size())));
}

} // namespace

QJsonObject LayerDiff::toJson(int top) const
{
    QJsonArray dists;
    for (const DiffDistribution &d : distributions)
        dists.append(QJsonObject{{QStringLiteral("name"), d.name},
                                 {QStringLiteral("version_a"), d.versionA.isEmpty() ? QJsonValue() : d.versionA},
                                 {QStringLiteral("version_b"), d.versionB.isEmpty() ? QJsonValue() : d.versionB},
                                 {QStringLiteral("bytes_a"), bytesJson(d.bytesA)},
                                 {QStringLiteral("bytes_b"), bytesJson(d.bytesB)}});
    QJsonObject out{
        {QStringLiteral("bytes_a"), bytesJson(bytesA)},
        {QStringLiteral("bytes_b"), bytesJson(bytesB)},
        {QStringLiteral("unowned_bytes_a"), bytesJson(unownedA)},
        {QStringLiteral("unowned_bytes_b"), bytesJson(unownedB)},
        {QStringLiteral("distributions"), dists},
        {QStringLiteral("problems"), QJsonArray::fromStringList(problems)},
    };
    addFiles(out, QStringLiteral("added"), added, false, top);
    addFiles(out, QStringLiteral("removed"), removed, false, top);
    addFiles(out, QStringLiteral("changed"), changed, true, top);
    return out;
}

DiffTree LayerDiff::changeTree() const
{
    std::vector<const DiffFile *> files;
    for (const auto *list : {&added, &removed, &changed})
        for (const DiffFile &f : *list)
            if (f.change() != 0)
                files.push_back(&f);
    // Sorted by path, a folder's files are contiguous: preorder.
    std::sort(files.begin(), files.end(), [](const DiffFile *x, const DiffFile *y) { return x->path < y->path; });
    DiffTree out;
    std::vector<std::pair<FileTree::Index, bool>> leaves;
    QList<QByteArray> open; // folders entered, outermost first
    for (const DiffFile *f : files) {
        const QList<QByteArray> parts = f->path.split('/');
        qsizetype common = 0;
        while (common < open.size() && common < parts.size() - 1 && open[common] == parts[common])
            ++common;
        while (open.size() > common) {
            out.tree.endDirectory();
            open.removeLast();
        }
        for (qsizetype i = common; i < parts.size() - 1; ++i) {
            out.tree.beginDirectory(parts[i], 0755);
            open.append(parts[i]);
        }
        const FileTree::Index leaf =
            out.tree.addLeaf(parts.last(), NodeKind::File, std::uint64_t(std::abs(f->change())), 0644);
        leaves.emplace_back(leaf, f->change() > 0);
    }
    out.tree.finish();
    out.grew.assign(out.tree.count(), false);
    for (const auto &[node, grew] : leaves)
        out.grew[node] = grew;
    return out;
}
