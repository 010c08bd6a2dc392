#include "select/duplicates.h"

#include "scan/nodereader.h"

#include <QCryptographicHash>

#include <algorithm>
#include <map>

std::vector<DuplicateGroup> Duplicates::find(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries,
                                             const Bitset *pruned, QStringList *problems)
{
    std::map<std::uint64_t, std::vector<FileTree::Index>> bySize;
    for (FileTree::Index i = 0; i < tree.count(); ++i)
        if (tree.isFile(i) && tree.size(i) > 0 && !(pruned && pruned->test(i)))
            bySize[tree.size(i)].push_back(i);

    std::vector<DuplicateGroup> groups;
    NodeReader reader(tree, zipEntries);
    for (const auto &[size, nodes] : bySize) {
        if (nodes.size() < 2)
            continue;
        // One class per distinct content met so far: its hash, one copy's bytes, its members.
        struct ContentClass {
            QByteArray hash;
            QByteArray bytes;
            std::vector<FileTree::Index> members;
        };
        std::vector<ContentClass> classes;
        for (FileTree::Index n : nodes) {
            QByteArray content;
            QString why;
            if (!reader.read(n, &content, &why)) {
                if (problems)
                    *problems << QStringLiteral("%1: %2").arg(tree.displayPath(n), why);
                continue;
            }
            const QByteArray hash = QCryptographicHash::hash(content, QCryptographicHash::Sha1);
            auto same = std::find_if(classes.begin(), classes.end(),
                                     [&](const ContentClass &c) { return c.hash == hash && c.bytes == content; });
            if (same != classes.end())
                same->members.push_back(n);
            else
                classes.push_back({hash, std::move(content), {n}});
        }
        for (ContentClass &c : classes)
            if (c.members.size() > 1)
                groups.push_back({size, std::move(c.members)});
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
