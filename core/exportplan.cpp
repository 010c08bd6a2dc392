#include "exportplan.h"

#include <algorithm>
#include <cstring>

ExportPlan ExportPlan::build(const FileTree &tree, const Bitset &exported, const QByteArray &prefix)
{
    ExportPlan plan;
    const FileTree::Index root = tree.packageRoot();
    if (!exported.test(root))
        return plan;
    for (const QByteArray &folder : prefixFolders(prefix))
        plan.m_entries.push_back({FileTree::kNone, NodeKind::Directory, folder});

    // One preorder walk keeps the current folder path; names are only built
    // for exported nodes.
    struct Open {
        FileTree::Index end;
        qsizetype length;
    };
    std::vector<Open> open;
    QByteArray path = prefix;
    const qsizetype base = prefix.size();
    for (FileTree::Index i = root + 1; i < tree.subtreeEnd(root); ++i) {
        while (!open.empty() && open.back().end <= i) {
            open.pop_back();
            path.truncate(open.empty() ? base : open.back().length);
        }
        const qsizetype parentLength = path.size();
        const NodeKind k = tree.kind(i);
        if (k == NodeKind::Directory) {
            path.append(tree.name(i)).append('/');
            open.push_back({tree.subtreeEnd(i), path.size()});
            if (exported.test(i)) {
                plan.m_entries.push_back({i, k, path});
                ++plan.m_folders;
            }
            continue;
        }
        if (!exported.test(i))
            continue;
        QByteArray name = path.left(parentLength);
        name.append(tree.name(i));
        plan.m_entries.push_back({i, k, std::move(name)});
        if (k == NodeKind::File) {
            ++plan.m_files;
            plan.m_fileBytes += tree.size(i);
        } else {
            ++plan.m_symlinks;
        }
    }
    std::sort(plan.m_entries.begin(), plan.m_entries.end(), [](const PlanEntry &a, const PlanEntry &b) {
        const qsizetype n = std::min(a.name.size(), b.name.size());
        const int c = std::memcmp(a.name.constData(), b.name.constData(), std::size_t(n));
        return c != 0 ? c < 0 : a.name.size() < b.name.size();
    });
    plan.m_folders += prefixFolders(prefix).size();
    return plan;
}

std::optional<QByteArray> ExportPlan::normalizePrefix(const QString &prefix, QString *error)
{
    QByteArray p = prefix.toUtf8();
    while (p.startsWith("./"))
        p.remove(0, 2);
    if (p.isEmpty() || p == "/")
        return QByteArray();
    if (p.startsWith('/') || p.startsWith('\\') || (p.size() >= 2 && p[1] == ':')) {
        if (error)
            *error = QStringLiteral("prefix \"%1\" must be relative (like python/)").arg(prefix);
        return std::nullopt;
    }
    if (!p.endsWith('/'))
        p.append('/');
    const QList<QByteArray> parts = p.chopped(1).split('/');
    for (const QByteArray &part : parts)
        if (part.isEmpty() || part == "." || part == "..") {
            if (error)
                *error = QStringLiteral("prefix \"%1\" has an empty, '.' or '..' component").arg(prefix);
            return std::nullopt;
        }
    return p;
}

std::vector<QByteArray> ExportPlan::prefixFolders(const QByteArray &prefix)
{
    std::vector<QByteArray> out;
    for (qsizetype i = 0; i < prefix.size(); ++i)
        if (prefix[i] == '/')
            out.push_back(prefix.left(i + 1));
    return out;
}
