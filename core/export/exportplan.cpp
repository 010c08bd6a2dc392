#include "export/exportplan.h"

#include <QSet>

#include <algorithm>
#include <cstring>

ExportPlan ExportPlan::build(const FileTree &tree, const Bitset &exported, const QByteArray &prefix,
                             const ExportTransform *transform)
{
    ExportPlan plan;
    plan.m_transform = transform;
    const FileTree::Index root = tree.packageRoot();
    // A sourceless export of a layer that is all Python prunes every source
    // file, yet its compiled modules are the layer.
    if (!exported.test(root) && !(transform && !transform->added().empty()))
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
            plan.m_fileBytes += plan.fileSize(tree, plan.m_entries.back());
        } else {
            ++plan.m_symlinks;
        }
    }
    if (transform)
        plan.addTransformed(prefix);
    std::sort(plan.m_entries.begin(), plan.m_entries.end(), [](const PlanEntry &a, const PlanEntry &b) {
        const qsizetype n = std::min(a.name.size(), b.name.size());
        const int c = std::memcmp(a.name.constData(), b.name.constData(), std::size_t(n));
        return c != 0 ? c < 0 : a.name.size() < b.name.size();
    });
    plan.m_folders += prefixFolders(prefix).size();
    return plan;
}

void ExportPlan::addTransformed(const QByteArray &prefix)
{
    QSet<QByteArray> folders;
    for (const PlanEntry &e : m_entries)
        if (e.kind == NodeKind::Directory)
            folders.insert(e.name);
    const std::vector<AddedFile> &added = m_transform->added();
    for (std::size_t k = 0; k < added.size(); ++k) {
        const QByteArray name = prefix + added[k].name;
        // A new __pycache__/ (or a folder whose sources all went) needs its entry.
        for (qsizetype slash = name.indexOf('/', prefix.size()); slash >= 0; slash = name.indexOf('/', slash + 1)) {
            const QByteArray folder = name.left(slash + 1);
            if (folders.contains(folder))
                continue;
            folders.insert(folder);
            m_entries.push_back({FileTree::kNone, NodeKind::Directory, folder});
            ++m_folders;
        }
        m_entries.push_back({FileTree::kNone, NodeKind::File, name, std::int32_t(k)});
        ++m_files;
        m_fileBytes += added[k].file.size;
    }
}

const TransformedFile *ExportPlan::transformed(const PlanEntry &e) const
{
    if (!m_transform)
        return nullptr;
    if (e.added >= 0)
        return &m_transform->added()[std::size_t(e.added)].file;
    return e.node == FileTree::kNone ? nullptr : m_transform->replacement(e.node);
}

std::uint64_t ExportPlan::fileSize(const FileTree &tree, const PlanEntry &e) const
{
    if (const TransformedFile *t = transformed(e))
        return t->size;
    return e.node == FileTree::kNone ? 0 : tree.size(e.node);
}

std::uint32_t ExportPlan::unixMode(const FileTree &tree, const PlanEntry &e)
{
    if (e.node == FileTree::kNone)
        return e.kind == NodeKind::Directory ? 040755 : 0100644;
    switch (tree.kind(e.node)) {
    case NodeKind::Directory:
        return 040755;
    case NodeKind::Symlink:
        return 0120777;
    default:
        return (tree.flags(e.node) & FlagExecutable) ? 0100755 : 0100644;
    }
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
