#include "select/duplicates.h"

#include "base/parallelruns.h"
#include "scan/nodereader.h"

#include <QCryptographicHash>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

namespace {

using Digest = std::array<char, 20>; // SHA-1

// What hashing one candidate gave: its digest, or why it could not be read.
struct Hashed {
    Digest digest{};
    QString problem; // empty when read
};

// Hashes `nodes` (in tree order, so that each reader walks the folders once)
// on up to `threads` threads, each over a contiguous run with its own reader.
std::vector<Hashed> hashAll(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries,
                            const std::vector<FileTree::Index> &nodes, unsigned threads)
{
    std::vector<Hashed> out(nodes.size());
    // A thread is worth its start only with a few hundred files to read.
    constexpr std::size_t kPerThread = 256;
    parallel::parallelRuns(nodes.size(), threads, kPerThread, [&](std::size_t, std::size_t from, std::size_t to) {
        NodeReader reader(tree, zipEntries);
        QByteArray content;
        for (std::size_t k = from; k < to; ++k) {
            if (!reader.read(nodes[k], &content, &out[k].problem))
                continue;
            const QByteArray sha = QCryptographicHash::hash(content, QCryptographicHash::Sha1);
            std::copy_n(sha.constData(), out[k].digest.size(), out[k].digest.begin());
        }
    });
    return out;
}

} // namespace

std::vector<DuplicateGroup> Duplicates::find(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries,
                                             const Bitset *pruned, QStringList *problems)
{
    // Size first: only files that share their size with another are read.
    std::vector<FileTree::Index> files; // kept, not empty
    std::unordered_map<std::uint64_t, std::uint32_t> sizeCount;
    for (FileTree::Index i = 0; i < tree.count(); ++i)
        if (tree.isFile(i) && tree.size(i) > 0 && !(pruned && pruned->test(i))) {
            files.push_back(i);
            ++sizeCount[tree.size(i)];
        }
    std::vector<FileTree::Index> candidates;
    for (const FileTree::Index i : files)
        if (sizeCount[tree.size(i)] > 1)
            candidates.push_back(i);

    // Then a hash: candidates of one size and digest, in tree order.
    const std::vector<Hashed> hashed = hashAll(tree, zipEntries, candidates, parallel::allCores());
    std::map<std::pair<std::uint64_t, Digest>, std::vector<FileTree::Index>> byDigest;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        if (!hashed[k].problem.isEmpty()) {
            if (problems)
                *problems << QStringLiteral("%1: %2").arg(tree.displayPath(candidates[k]), hashed[k].problem);
            continue;
        }
        byDigest[{tree.size(candidates[k]), hashed[k].digest}].push_back(candidates[k]);
    }

    // Then the bytes: each copy against the first of its digest (a file
    // that differs, or changed since it was hashed, starts a class of its own).
    std::vector<DuplicateGroup> groups;
    NodeReader reader(tree, zipEntries);
    for (auto &[key, members] : byDigest) {
        std::vector<FileTree::Index> pending = std::move(members);
        while (pending.size() > 1) {
            QByteArray first, other;
            QString why;
            std::vector<FileTree::Index> same, rest;
            if (!reader.read(pending.front(), &first, &why)) {
                if (problems)
                    *problems << QStringLiteral("%1: %2").arg(tree.displayPath(pending.front()), why);
                pending.erase(pending.begin());
                continue;
            }
            same.push_back(pending.front());
            for (std::size_t k = 1; k < pending.size(); ++k) {
                if (!reader.read(pending[k], &other, &why)) {
                    if (problems)
                        *problems << QStringLiteral("%1: %2").arg(tree.displayPath(pending[k]), why);
                    continue;
                }
                (other == first ? same : rest).push_back(pending[k]);
            }
            if (same.size() > 1)
                groups.push_back({key.first, std::move(same)});
            pending = std::move(rest);
        }
    }
    std::sort(groups.begin(), groups.end(), [](const DuplicateGroup &a, const DuplicateGroup &b) {
        if (a.wastedBytes() != b.wastedBytes())
            return a.wastedBytes() > b.wastedBytes();
        return a.nodes.front() < b.nodes.front();
    });
    return groups;
}

std::uint64_t Duplicates::wastedBytes(const std::vector<DuplicateGroup> &groups)
{
    std::uint64_t total = 0;
    for (const DuplicateGroup &g : groups)
        total += g.wastedBytes();
    return total;
}
