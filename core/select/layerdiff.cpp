#include "select/layerdiff.h"

#include "scan/nodereader.h"
#include "select/sizeledger.h"

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
        if (!t.isFile(i) || (side.ledger && side.ledger->isPruned(i)))
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
    const std::vector<std::uint64_t> keptA = a.distributions->keptBytes(a.ledger);
    const std::vector<std::uint64_t> keptB = b.distributions->keptBytes(b.ledger);
    std::map<QString, DiffDistribution> byName;
    for (int i = 0; i < a.distributions->count(); ++i) {
        const Distribution &dist = a.distributions->at(i);
        DiffDistribution &row = byName[dist.normalized];
        row.name = dist.name;
        row.versionA = dist.version;
        row.bytesA = keptA[std::size_t(i)];
    }
    for (int i = 0; i < b.distributions->count(); ++i) {
        const Distribution &dist = b.distributions->at(i);
        DiffDistribution &row = byName[dist.normalized];
        row.name = dist.name;
        row.versionB = dist.version;
        row.bytesB = keptB[std::size_t(i)];
    }
    for (auto &[key, row] : byName)
        d.distributions.push_back(std::move(row));
    std::sort(d.distributions.begin(), d.distributions.end(), byChange);
    std::sort(d.added.begin(), d.added.end(), byChange);
    std::sort(d.removed.begin(), d.removed.end(), byChange);
    std::sort(d.changed.begin(), d.changed.end(), byChange);
    return d;
}
