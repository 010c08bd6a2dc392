#include "distjson.h"

namespace cli {

void addDistributionsJson(QJsonObject &out, const Distributions &dists, const SizeLedger *ledger)
{
    const std::vector<std::uint64_t> kept = dists.keptBytes(ledger);
    QJsonArray list;
    for (int d = 0; d < dists.count(); ++d) {
        const Distribution &dist = dists.at(d);
        QJsonArray needs, requiredBy;
        for (int r : dist.dependencies)
            needs.append(dists.at(r).name);
        for (int r : dist.requiredBy)
            requiredBy.append(dists.at(r).name);
        list.append(QJsonObject{{QStringLiteral("name"), dist.name},
                                {QStringLiteral("version"), dist.version},
                                {QStringLiteral("files"), qint64(dist.files)},
                                {QStringLiteral("bytes"), bytesJson(dist.bytes)},
                                {QStringLiteral("kept_bytes"), bytesJson(kept[std::size_t(d)])},
                                {QStringLiteral("requires"), needs},
                                {QStringLiteral("required_by"), requiredBy},
                                {QStringLiteral("top_level"), dist.topLevel},
                                {QStringLiteral("exclusive_bytes"), bytesJson(dists.exclusiveBytes(d, kept))}});
    }
    out.insert(QStringLiteral("distributions"), list);
    out.insert(QStringLiteral("unowned_bytes"), bytesJson(dists.unownedBytes()));
}

void addDuplicatesJson(QJsonObject &out, const FileTree &tree, const std::vector<DuplicateGroup> &groups)
{
    QJsonArray list;
    for (const DuplicateGroup &g : groups) {
        QJsonArray paths;
        for (FileTree::Index n : g.nodes)
            paths.append(FileTree::displayName(tree.packagePath(n)));
        list.append(QJsonObject{{QStringLiteral("bytes"), bytesJson(g.bytes)}, {QStringLiteral("paths"), paths}});
    }
    out.insert(QStringLiteral("duplicates"), list);
    out.insert(QStringLiteral("duplicate_bytes"), bytesJson(Duplicates::wastedBytes(groups)));
}

} // namespace cli
