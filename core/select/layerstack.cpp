#include "select/layerstack.h"

#include "base/bitset.h"

#include <algorithm>
#include <map>

StackedLayer StackedLayer::of(const Distributions &dists, const Bitset *pruned, bool sitePackages)
{
    StackedLayer layer;
    layer.sitePackages = sitePackages;
    const std::vector<std::uint64_t> kept = dists.keptBytes(pruned);
    for (int d = 0; d < dists.count(); ++d) {
        const Distribution &dist = dists.at(d);
        if (kept[std::size_t(d)] > 0) // a copy wholly pruned is not in the layer
            layer.copies.push_back({dist.normalized, dist.name, dist.version, kept[std::size_t(d)]});
    }
    return layer;
}

bool StackedLayer::underSitePackages(const FileTree &tree)
{
    return tree.name(tree.packageRoot()) == "site-packages";
}

std::vector<StackOverlap> StackOverlap::between(const StackedLayer &here, const StackedLayer &other)
{
    std::map<QString, const StackedLayer::Copy *> theirs;
    for (const StackedLayer::Copy &c : other.copies)
        theirs.emplace(c.normalized, &c);
    const StackWinner winner = here.sitePackages == other.sitePackages ? StackWinner::LaterLayer
                               : here.sitePackages                     ? StackWinner::Here
                                                                       : StackWinner::Other;
    std::vector<StackOverlap> out;
    for (const StackedLayer::Copy &mine : here.copies) {
        const auto it = theirs.find(mine.normalized);
        if (it != theirs.end())
            out.push_back({mine.name, mine.version, it->second->version, mine.bytes, it->second->bytes, winner});
    }
    std::sort(out.begin(), out.end(), [](const StackOverlap &a, const StackOverlap &b) {
        return a.bytesHere != b.bytesHere ? a.bytesHere > b.bytesHere : a.name < b.name;
    });
    return out;
}
