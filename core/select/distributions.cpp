#include "select/distributions.h"

#include "scan/nodereader.h"
#include "select/sizeledger.h"
#include "tree/pathnames.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace {

constexpr qint64 kMetadataLimit = 64 << 20; // no RECORD comes near; a bigger file is not metadata

// What the distributions read of a METADATA / PKG-INFO header block (RFC
// 822 style): the first Name and Version and every Requires-Dist, each with
// its continuation lines joined by a space. Reading stops at the body (the
// long description, often most of the file); other fields are not decoded.
struct MetadataFields {
    QString name;
    QString version;
    QStringList requiresDist;
};

MetadataFields metadataFields(const QByteArray &text)
{
    MetadataFields out;
    bool anyField = false;
    QString *continued = nullptr; // the field a continuation line adds to, when it is one of the above
    QByteArray withoutCr;
    for (qsizetype at = 0; at < text.size();) {
        qsizetype end = text.indexOf('\n', at);
        if (end < 0)
            end = text.size();
        QByteArrayView line = QByteArrayView(text).sliced(at, end - at);
        at = end + 1;
        if (line.contains('\r')) {
            withoutCr = line.toByteArray().replace("\r", "");
            line = withoutCr;
        }
        if (line.isEmpty())
            break; // the body follows
        if ((line[0] == ' ' || line[0] == '\t') && anyField) {
            if (continued)
                *continued += QLatin1Char(' ') + QString::fromUtf8(line).trimmed();
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        anyField = true;
        continued = nullptr;
        const QByteArrayView field = line.first(colon).trimmed();
        const auto value = [&] { return QString::fromUtf8(line.sliced(colon + 1)).trimmed(); };
        if (field.compare("Name", Qt::CaseInsensitive) == 0 && out.name.isEmpty()) {
            out.name = value();
            continued = &out.name;
        } else if (field.compare("Version", Qt::CaseInsensitive) == 0 && out.version.isEmpty()) {
            out.version = value();
            continued = &out.version;
        } else if (field.compare("Requires-Dist", Qt::CaseInsensitive) == 0) {
            out.requiresDist << value();
            continued = &out.requiresDist.last();
        }
    }
    return out;
}

// requires.txt as importlib.metadata turns it into Requires-Dist form:
// "[extra:marker]" sections become "; (marker) and extra == \"extra\"".
QStringList eggRequirements(const QByteArray &text)
{
    QStringList out;
    QString section;
    for (const QByteArray &raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (line.startsWith(QLatin1Char('[')) && line.endsWith(QLatin1Char(']'))) {
            section = line.mid(1, line.size() - 2).trimmed();
            continue;
        }
        const QString extra = section.section(QLatin1Char(':'), 0, 0);
        QString markers = section.contains(QLatin1Char(':')) ? section.section(QLatin1Char(':'), 1) : QString();
        if (!extra.isEmpty() && !markers.isEmpty())
            markers = QStringLiteral("(%1)").arg(markers);
        QStringList conditions;
        if (!markers.isEmpty())
            conditions << markers;
        if (!extra.isEmpty())
            conditions << QStringLiteral("extra == \"%1\"").arg(extra);
        QString req = line;
        if (line.contains(QLatin1Char('@')))
            req += QLatin1Char(' ');
        if (!conditions.isEmpty())
            req += QStringLiteral("; ") + conditions.join(QStringLiteral(" and "));
        out << req;
    }
    return out;
}

// The first field of a CSV line (RECORD quotes paths holding commas or
// quotes); a quoted field is unquoted into `unquoted`, which the result views.
QByteArrayView firstCsvField(QByteArrayView line, QByteArray *unquoted)
{
    if (!line.startsWith('"')) {
        const qsizetype comma = line.indexOf(',');
        return comma < 0 ? line : line.first(comma);
    }
    QByteArray field;
    for (qsizetype i = 1; i < line.size(); ++i) {
        if (line[i] == '"') {
            if (i + 1 < line.size() && line[i + 1] == '"') {
                field += '"';
                ++i;
                continue;
            }
            break;
        }
        field += line[i];
    }
    *unquoted = field;
    return *unquoted;
}

// Nodes by the paths a RECORD or installed-files.txt lists, relative to a
// folder. Each folder's children are sorted by name once and searched, and
// the folder of the last path is remembered: a listing names a folder's files
// one after another, thousands of them in a large distribution.
class ListedPaths
{
public:
    explicit ListedPaths(const FileTree &tree)
        : m_tree(tree)
    {
    }

    // `rel` resolved as a path against folder `base` ("a/../b" is "b"); kNone
    // when it leaves the tree, is not there, or is the tree's root.
    FileTree::Index resolve(FileTree::Index base, QByteArrayView rel)
    {
        const qsizetype slash = rel.lastIndexOf('/');
        const QByteArrayView name = rel.sliced(slash + 1);
        if (rel.startsWith('/') || name.isEmpty() || name == "." || name == "..") {
            const FileTree::Index node = walk(base, rel);
            return node == 0 ? FileTree::kNone : node;
        }
        const QByteArrayView dir = slash < 0 ? QByteArrayView() : rel.first(slash);
        if (base != m_lastBase || dir != m_lastDir) {
            m_lastBase = base;
            m_lastDir = dir.toByteArray();
            m_lastDirNode = walk(base, dir);
        }
        return m_lastDirNode == FileTree::kNone ? FileTree::kNone : child(m_lastDirNode, name);
    }

private:
    FileTree::Index walk(FileTree::Index base, QByteArrayView rel)
    {
        if (rel.startsWith('/'))
            return FileTree::kNone;
        m_parts.clear();
        int up = 0; // ".." beyond the parts: folders above `base`
        for (qsizetype at = 0; at <= rel.size();) {
            qsizetype slash = rel.indexOf('/', at);
            if (slash < 0)
                slash = rel.size();
            const QByteArrayView part = rel.sliced(at, slash - at);
            at = slash + 1;
            if (part == "..") {
                if (m_parts.empty())
                    ++up;
                else
                    m_parts.pop_back();
            } else if (!part.isEmpty() && part != ".") {
                m_parts.push_back(part);
            }
        }
        FileTree::Index node = base;
        for (; up > 0; --up) {
            if (node == 0)
                return FileTree::kNone;
            node = m_tree.parent(node);
        }
        for (const QByteArrayView part : m_parts)
            if ((node = child(node, part)) == FileTree::kNone)
                return FileTree::kNone;
        return node;
    }

    // The first child of `dir` named `name`, in stored order.
    FileTree::Index child(FileTree::Index dir, QByteArrayView name)
    {
        if (!m_tree.isDir(dir))
            return FileTree::kNone;
        const auto byName = [this](FileTree::Index a, FileTree::Index b) { return m_tree.name(a) < m_tree.name(b); };
        auto [it, added] = m_children.try_emplace(dir);
        if (added) {
            it->second = m_tree.children(dir);
            std::stable_sort(it->second.begin(), it->second.end(), byName);
        }
        const std::vector<FileTree::Index> &sorted = it->second;
        const auto found = std::lower_bound(sorted.begin(), sorted.end(), name,
                                            [this](FileTree::Index c, QByteArrayView n) { return m_tree.name(c) < n; });
        return found != sorted.end() && m_tree.name(*found) == name ? *found : FileTree::kNone;
    }

    const FileTree &m_tree;
    std::unordered_map<FileTree::Index, std::vector<FileTree::Index>> m_children;
    std::vector<QByteArrayView> m_parts;
    FileTree::Index m_lastBase = FileTree::kNone;
    QByteArray m_lastDir;
    FileTree::Index m_lastDirNode = FileTree::kNone;
};

} // namespace

int Distributions::byNormalizedName(QStringView name) const
{
    return m_byName.value(Requirement::normalize(name), kNone);
}

int Distributions::ownerOfTopLevel(QByteArrayView importName) const
{
    const FileTree &t = *m_tree;
    for (FileTree::Index c : t.children(t.packageRoot())) {
        const QByteArrayView n = t.name(c);
        const bool match = (t.isDir(c) && n == importName) || n == importName.toByteArray() + ".py" ||
                           (n.startsWith(importName) && n.size() > importName.size() && n[importName.size()] == '.' &&
                            n.endsWith(".so"));
        if (match && m_owner[c] != kNone)
            return m_owner[c];
    }
    return kNone;
}

void Distributions::attribute(const FileTree &tree, int d, FileTree::Index node)
{
    for (FileTree::Index i = node; i < tree.subtreeEnd(node); ++i)
        if (!tree.isDir(i) && m_owner[i] == kNone)
            m_owner[i] = d;
}

Distributions Distributions::scan(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries,
                                  const Target &target)
{
    Distributions out;
    out.m_tree = &tree;
    out.m_owner.assign(tree.count(), kNone);
    NodeReader reader(tree, zipEntries);
    const FileTree::Index root = tree.packageRoot();
    auto readFile = [&](FileTree::Index node, QByteArray *text) {
        QString why;
        if (reader.read(node, text, &why, kMetadataLimit))
            return true;
        out.m_problems << QStringLiteral("%1: %2").arg(tree.displayPath(node), why);
        return false;
    };
    auto fileIn = [&](FileTree::Index dir, QByteArrayView name) {
        const FileTree::Index n = tree.find(name, dir);
        return n != FileTree::kNone && tree.isFile(n) ? n : FileTree::kNone;
    };

    // Metadata first; RECORD and installed-files.txt owners claim before top_level guesses.
    // Metadata lives beside the packages: in the package root, or in any
    // site-packages folder (python/lib/python3.X/site-packages beside python/bin).
    std::vector<FileTree::Index> candidates = tree.children(root);
    for (FileTree::Index i = 1; i < tree.count(); ++i)
        if (i != root && tree.isDir(i) &&
            (tree.name(i) == QByteArrayView("site-packages") || tree.name(i) == QByteArrayView("dist-packages")))
            for (FileTree::Index c : tree.children(i))
                candidates.push_back(c);
    for (FileTree::Index c : candidates) {
        const QByteArrayView n = tree.name(c);
        const bool distInfo = n.endsWith(".dist-info") && tree.isDir(c);
        const bool eggInfo = n.endsWith(".egg-info") && (tree.isDir(c) || tree.isFile(c));
        if (!distInfo && !eggInfo)
            continue;
        Distribution d;
        d.infoNode = c;
        const FileTree::Index metadata =
            tree.isFile(c) ? c : fileIn(c, distInfo ? QByteArrayView("METADATA") : QByteArrayView("PKG-INFO"));
        QByteArray text;
        if (metadata == FileTree::kNone)
            out.m_problems << QStringLiteral("%1: no %2")
                                  .arg(tree.displayPath(c),
                                       distInfo ? QStringLiteral("METADATA") : QStringLiteral("PKG-INFO"));
        else
            readFile(metadata, &text);
        MetadataFields fields = metadataFields(text);
        d.name = std::move(fields.name);
        d.version = std::move(fields.version);
        QStringList declared = std::move(fields.requiresDist);
        if (d.name.isEmpty()) // the folder says NAME-VERSION.dist-info
            d.name = FileTree::displayName(n).section(QLatin1Char('-'), 0, 0).section(QLatin1Char('.'), 0, 0);
        if (eggInfo && tree.isDir(c)) {
            QByteArray requiresTxt;
            if (const FileTree::Index r = fileIn(c, "requires.txt"); r != FileTree::kNone && readFile(r, &requiresTxt))
                declared = eggRequirements(requiresTxt);
        }
        for (const QString &line : declared) {
            Requirement r;
            if (Requirement::parse(line, &r))
                d.declared.push_back(r);
            else
                out.m_problems << QStringLiteral("%1: cannot read the requirement \"%2\"")
                                      .arg(tree.displayPath(metadata == FileTree::kNone ? c : metadata), line);
        }
        d.normalized = Requirement::normalize(d.name);
        if (out.m_byName.contains(d.normalized)) {
            out.m_problems
                << QStringLiteral("%1: a second copy of %2 (the first is counted)").arg(tree.displayPath(c), d.name);
            continue;
        }
        d.source = OwnershipSource::TopLevel;
        if (distInfo && fileIn(c, "RECORD") != FileTree::kNone)
            d.source = OwnershipSource::Record;
        else if (eggInfo && tree.isDir(c) && fileIn(c, "installed-files.txt") != FileTree::kNone)
            d.source = OwnershipSource::InstalledFiles;
        out.m_byName.insert(d.normalized, int(out.m_dists.size()));
        out.m_dists.push_back(std::move(d));
    }

    // Modules and extensions beside the packages and in their __pycache__:
    // a top-level name claims NAME.*.py, .so, .pyc and .pyi there.
    std::vector<FileTree::Index> topModules;
    const FileTree::Index rootCache = tree.find("__pycache__", root);
    for (const FileTree::Index parent : {root, rootCache})
        if (parent != FileTree::kNone && tree.isDir(parent))
            for (const FileTree::Index c : tree.children(parent))
                if (!tree.isDir(c) && pathnames::endsWithAny(tree.name(c), {".py", ".so", ".pyc", ".pyi"}))
                    topModules.push_back(c);
    // Owners by listing: RECORD paths are relative to the folder holding the
    // dist-info, installed-files.txt paths to the egg-info folder itself.
    ListedPaths listings(tree);
    for (int pass = 0; pass < 2; ++pass) {
        for (int d = 0; d < out.count(); ++d) {
            Distribution &dist = out.m_dists[std::size_t(d)];
            const bool listed = dist.source != OwnershipSource::TopLevel;
            if (listed != (pass == 0))
                continue;
            if (listed) {
                const bool record = dist.source == OwnershipSource::Record;
                QByteArray text;
                const FileTree::Index file =
                    fileIn(dist.infoNode, record ? QByteArrayView("RECORD") : QByteArrayView("installed-files.txt"));
                readFile(file, &text);
                const FileTree::Index base = record ? tree.parent(dist.infoNode) : dist.infoNode;
                QByteArray unquoted;
                for (qsizetype at = 0; at < text.size();) {
                    qsizetype end = text.indexOf('\n', at);
                    if (end < 0)
                        end = text.size();
                    const QByteArrayView line = QByteArrayView(text).sliced(at, end - at).trimmed();
                    at = end + 1;
                    if (line.isEmpty())
                        continue;
                    const QByteArrayView rel = record ? firstCsvField(line, &unquoted) : line;
                    FileTree::Index n = listings.resolve(base, rel);
                    // pip --target installs into a home scheme (site-packages at
                    // HOME/lib/python) and moves HOME's bin/ etc. into the target:
                    // "../../bin/tool" then lies in the target's bin/.
                    if (n == FileTree::kNone && record && rel.startsWith("../../") && !rel.startsWith("../../../"))
                        n = listings.resolve(base, rel.sliced(6));
                    if (n != FileTree::kNone && !tree.isDir(n) && out.m_owner[n] == kNone)
                        out.m_owner[n] = d;
                }
            } else {
                // Debian's egg-info: the import names of top_level.txt (else the
                // distribution's own name) matched to folders, modules and extensions.
                QList<QByteArray> names;
                QByteArray text;
                if (const FileTree::Index t =
                        tree.isDir(dist.infoNode) ? fileIn(dist.infoNode, "top_level.txt") : FileTree::kNone;
                    t != FileTree::kNone && readFile(t, &text)) {
                    for (const QByteArray &l : text.split('\n'))
                        if (!l.trimmed().isEmpty())
                            names << l.trimmed();
                } else {
                    names << dist.normalized.toUtf8().replace('-', '_');
                }
                for (const QByteArray &name : names) {
                    const FileTree::Index folder = tree.find(name, root);
                    if (folder != FileTree::kNone && tree.isDir(folder))
                        out.attribute(tree, d, folder);
                    for (const FileTree::Index c : topModules) {
                        const std::string_view n = pathnames::view(tree.name(c));
                        if (n.size() > std::size_t(name.size()) && n.starts_with(pathnames::view(name)) &&
                            n[std::size_t(name.size())] == '.')
                            out.attribute(tree, d, c);
                    }
                }
            }
            out.attribute(tree, d, dist.infoNode);
        }
    }

    // Bytecode compiled after the install (Debian's py3compile, a first
    // import) is in no listing: __pycache__/NAME.TAG.pyc belongs to NAME.py's
    // owner. Each cache folder looks its parent's owned sources up once.
    std::vector<std::pair<QByteArrayView, int>> ownedSources; // NAME of NAME.py -> owner, sorted
    for (FileTree::Index cache = 1; cache < tree.count() && !out.m_dists.empty(); ++cache) {
        if (!tree.isDir(cache) || tree.name(cache) != QByteArrayView("__pycache__"))
            continue;
        const FileTree::Index folder = tree.parent(cache);
        ownedSources.clear();
        for (FileTree::Index c = folder + 1; c < tree.subtreeEnd(folder); c = tree.subtreeEnd(c))
            if (tree.isFile(c) && out.m_owner[c] != kNone && tree.name(c).endsWith(".py"))
                ownedSources.emplace_back(tree.name(c).chopped(3), out.m_owner[c]);
        if (ownedSources.empty())
            continue;
        std::sort(ownedSources.begin(), ownedSources.end());
        for (FileTree::Index c = cache + 1; c < tree.subtreeEnd(cache); c = tree.subtreeEnd(c)) {
            const QByteArrayView name = tree.name(c);
            if (!tree.isFile(c) || out.m_owner[c] != kNone || !name.endsWith(".pyc"))
                continue;
            const QByteArrayView stem = name.first(name.indexOf('.'));
            const auto it = std::lower_bound(ownedSources.begin(), ownedSources.end(), stem,
                                             [](const auto &entry, QByteArrayView key) { return entry.first < key; });
            if (it != ownedSources.end() && it->first == stem)
                out.m_owner[c] = it->second;
        }
    }

    // Totals per distribution, and each folder's single owner (kNone when shared or unowned).
    constexpr int kEmpty = -3, kMixed = -2;
    std::vector<int> state(tree.count(), kEmpty);
    for (FileTree::Index i = 0; i < tree.count(); ++i) {
        if (!tree.isFile(i))
            continue;
        state[i] = out.m_owner[i];
        if (out.m_owner[i] == kNone) {
            out.m_unownedBytes += tree.size(i);
            ++out.m_unownedFiles;
        } else {
            Distribution &dist = out.m_dists[std::size_t(out.m_owner[i])];
            dist.bytes += tree.size(i);
            ++dist.files;
        }
    }
    for (FileTree::Index i = tree.count(); i-- > 1;) {
        if (tree.isDir(i))
            out.m_owner[i] = state[i] >= 0 ? state[i] : kNone;
        int &up = state[tree.parent(i)];
        if (state[i] == kEmpty)
            continue;
        up = up == kEmpty ? state[i] : up == state[i] ? up : kMixed;
    }
    if (tree.count() > 0 && tree.isDir(0))
        out.m_owner[0] = state[0] >= 0 ? state[0] : kNone;
    out.buildGraph(target);
    return out;
}

void Distributions::buildGraph(const Target &target)
{
    // Extras spread: a requirement "b[x]" switches on b's extra x, whose own
    // requirements may switch on more; repeat until nothing changes.
    std::vector<QStringList> done(m_dists.size());
    std::vector<std::pair<int, QString>> work;
    for (int d = 0; d < count(); ++d)
        work.emplace_back(d, QString());
    while (!work.empty()) {
        const auto [d, extra] = work.back();
        work.pop_back();
        Distribution &dist = m_dists[std::size_t(d)];
        for (const Requirement &r : dist.declared) {
            QString why;
            const bool applies = r.appliesTo(target, extra, &why);
            if (const QString problem = QStringLiteral("%1: %2").arg(dist.name, why);
                !why.isEmpty() && !m_problems.contains(problem))
                m_problems << problem;
            if (!applies)
                continue;
            const int to = byNormalizedName(r.name);
            if (to == kNone) {
                const QString n = Requirement::normalize(r.name);
                if (!dist.missing.contains(n))
                    dist.missing << n;
                continue;
            }
            if (to == d)
                continue;
            if (std::find(dist.dependencies.begin(), dist.dependencies.end(), to) == dist.dependencies.end()) {
                dist.dependencies.push_back(to);
                m_dists[std::size_t(to)].requiredBy.push_back(d);
            }
            for (const QString &e : r.extras) {
                Distribution &target = m_dists[std::size_t(to)];
                if (target.activeExtras.contains(e))
                    continue;
                target.activeExtras << e;
                work.emplace_back(to, e);
            }
        }
    }
    for (Distribution &dist : m_dists)
        dist.topLevel = dist.requiredBy.empty();
}

std::vector<std::uint64_t> Distributions::keptBytes(const SizeLedger *ledger) const
{
    return keptBytes(ledger ? &ledger->pruned() : nullptr);
}

std::vector<std::uint64_t> Distributions::keptBytes(const Bitset *pruned) const
{
    std::vector<std::uint64_t> kept(m_dists.size(), 0);
    const FileTree &t = *m_tree;
    for (FileTree::Index i = 0; i < t.count(); ++i)
        if (m_owner[i] != kNone && t.isFile(i) && !(pruned && pruned->test(i)))
            kept[std::size_t(m_owner[i])] += t.size(i);
    return kept;
}

std::vector<int> Distributions::exclusiveSet(int d, const SizeLedger *ledger) const
{
    return exclusiveSet(d, keptBytes(ledger));
}

std::vector<int> Distributions::exclusiveSet(int d, const std::vector<std::uint64_t> &keptBytes) const
{
    // Everything d needs, directly or not...
    std::vector<bool> in(m_dists.size(), false);
    std::vector<int> stack{d};
    in[std::size_t(d)] = true;
    while (!stack.empty()) {
        const int x = stack.back();
        stack.pop_back();
        for (int y : at(x).dependencies)
            if (!in[std::size_t(y)]) {
                in[std::size_t(y)] = true;
                stack.push_back(y);
            }
    }
    // ...less what a kept distribution outside the set needs, until none does.
    for (bool changed = true; changed;) {
        changed = false;
        for (int x = 0; x < count(); ++x) {
            if (in[std::size_t(x)] || keptBytes[std::size_t(x)] == 0)
                continue;
            for (int y : at(x).dependencies)
                if (y != d && in[std::size_t(y)]) {
                    in[std::size_t(y)] = false;
                    changed = true;
                }
        }
    }
    std::vector<int> out;
    for (int x = 0; x < count(); ++x)
        if (in[std::size_t(x)])
            out.push_back(x);
    return out;
}

std::uint64_t Distributions::exclusiveBytes(int d, const SizeLedger *ledger) const
{
    return exclusiveBytes(d, keptBytes(ledger));
}

std::uint64_t Distributions::exclusiveBytes(int d, const std::vector<std::uint64_t> &kept) const
{
    std::uint64_t bytes = 0;
    for (int x : exclusiveSet(d, kept))
        bytes += kept[std::size_t(x)];
    return bytes;
}

QStringList Distributions::setTopLevel(const QStringList &names)
{
    for (Distribution &d : m_dists)
        d.topLevel = false;
    QStringList missing;
    for (const QString &name : names) {
        const int d = byNormalizedName(name);
        if (d == kNone)
            missing << name;
        else
            m_dists[std::size_t(d)].topLevel = true;
    }
    return missing;
}

int Distributions::byInfoNode(FileTree::Index info) const
{
    for (std::size_t d = 0; d < m_dists.size(); ++d)
        if (m_dists[d].infoNode == info)
            return int(d);
    return kNone;
}

bool Distributions::drop(SizeLedger &ledger, const QStringList &names, QString *error, Bitset *marked) const
{
    std::vector<int> ids; // every name is checked before anything is pruned
    for (const QString &name : names) {
        ids.push_back(byNormalizedName(name));
        if (ids.back() == kNone) {
            if (error)
                *error = QStringLiteral("\"drop_distributions\": no distribution \"%1\" is installed in %2")
                             .arg(name, m_tree->rootPath());
            return false;
        }
    }
    // One name at a time, as the GUI drops them: a dependency two dropped
    // distributions share goes with the second.
    Bitset all(m_tree->count());
    for (const int id : ids) {
        std::vector<bool> dropped(m_dists.size(), false);
        for (int x : exclusiveSet(id, &ledger))
            dropped[std::size_t(x)] = true;
        Bitset files(m_tree->count());
        for (FileTree::Index i = 0; i < m_tree->count(); ++i)
            if (!m_tree->isDir(i) && m_owner[i] != kNone && dropped[std::size_t(m_owner[i])] &&
                !ledger.manualKeeps().test(i))
                files.set(i);
        ledger.prune(files);
        all |= files;
    }
    if (marked)
        *marked = std::move(all);
    return true;
}

std::vector<int> Distributions::requiredChain(int d) const
{
    // Breadth first up the required-by edges: the first top-level one met is nearest.
    std::vector<int> from(m_dists.size(), kNone);
    std::vector<bool> seen(m_dists.size(), false);
    std::vector<int> queue{d};
    seen[std::size_t(d)] = true;
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const int x = queue[head];
        if (at(x).topLevel) {
            std::vector<int> chain;
            for (int y = x; y != kNone; y = from[std::size_t(y)])
                chain.insert(chain.begin(), y);
            return chain;
        }
        for (int by : at(x).requiredBy)
            if (!seen[std::size_t(by)]) {
                seen[std::size_t(by)] = true;
                from[std::size_t(by)] = x;
                queue.push_back(by);
            }
    }
    return {d};
}
