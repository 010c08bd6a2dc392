#include "checks/traceprune.h"

#include "checks/elffile.h"
#include "scan/nodereader.h"
#include "select/rules.h"
#include "tree/pathnames.h"

#include <elf.h>

#include <QDir>
#include <QFileInfo>

#include <deque>
#include <map>
#include <set>
#include <unordered_map>

namespace {

// The modules a trace names and every package above them ("a.b.c" brings "a.b" and "a").
std::set<QString> importedWithParents(const QStringList &modules)
{
    std::set<QString> out;
    for (QString name : modules)
        for (qsizetype dot = name.size(); dot > 0; dot = name.lastIndexOf(QLatin1Char('.'))) {
            name.truncate(dot);
            out.insert(name);
        }
    return out;
}

class Pruner
{
public:
    Pruner(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries, const Trace &trace)
        : m_tree(tree)
        , m_reader(tree, zipEntries)
        , m_imported(importedWithParents(trace.modules))
        , m_out{Bitset(tree.count()), {}, {}}
    {
    }

    TracePrune run(const Trace &trace)
    {
        markUnimported(m_tree.packageRoot(), QString());
        for (const QString &f : trace.files)
            spareTouched(f, QStringLiteral("opened or loaded by the traced run"));
        for (const QString &d : trace.dirs)
            spareListed(d);
        spareNeededLibraries();
        for (const auto &[node, reason] : m_spared)
            m_out.spares.push_back({FileTree::displayName(m_tree.packagePath(node)), reason});
        return std::move(m_out);
    }

private:
    // Marks each package folder below `dir` that no traced module names; descends into the imported ones.
    void markUnimported(FileTree::Index dir, const QString &package)
    {
        for (FileTree::Index c : m_tree.children(dir)) {
            const QByteArrayView name = m_tree.name(c);
            if (!m_tree.isDir(c) || !pathnames::isIdentifier(name))
                continue;
            if (m_tree.find("__init__.py", c) == FileTree::kNone && m_tree.find("__init__.pyc", c) == FileTree::kNone)
                continue; // not a regular package: never pruned, never entered
            const QString module =
                package.isEmpty() ? QString::fromUtf8(name) : package + QLatin1Char('.') + QString::fromUtf8(name);
            if (m_imported.count(module))
                markUnimported(c, module);
            else
                m_out.nodes.setRange(c, m_tree.subtreeEnd(c));
        }
    }

    // True when node i would go under the rule as computed so far.
    [[nodiscard]] bool pruned(FileTree::Index i) const { return m_out.nodes.test(i) && !m_spared.count(i); }

    void spare(FileTree::Index i, const QString &reason)
    {
        if (m_out.nodes.test(i) && !m_spared.count(i))
            m_spared.emplace(i, reason);
    }

    void spareTouched(const QString &path, const QString &reason)
    {
        const FileTree::Index i = m_tree.find(path.toUtf8(), m_tree.packageRoot());
        if (i != FileTree::kNone && !m_tree.isDir(i))
            spare(i, reason);
    }

    // A listed folder's own files stay, so a listing finds what it found when traced.
    void spareListed(const QString &path)
    {
        const FileTree::Index dir = m_tree.find(path.toUtf8(), m_tree.packageRoot());
        if (dir == FileTree::kNone || !m_tree.isDir(dir))
            return;
        for (FileTree::Index c : m_tree.children(dir))
            if (!m_tree.isDir(c))
                spare(c, QStringLiteral("in %1, listed by the traced run").arg(FileTree::displayName(path.toUtf8())));
    }

    // Every native file the layer keeps, and each one spared, brings the
    // libraries it links against; a library spared brings its own in turn.
    void spareNeededLibraries()
    {
        // Only a library inside a pruned package can be lost: nothing to look for without one.
        std::unordered_map<QByteArray, std::vector<FileTree::Index>> prunedByName;
        const FileTree::Index root = m_tree.packageRoot();
        for (FileTree::Index i = root; i < m_tree.subtreeEnd(root); ++i)
            if (m_tree.isFile(i) && pathnames::isSharedLibraryName(m_tree.name(i)) && pruned(i))
                prunedByName[m_tree.name(i).toByteArray()].push_back(i);
        if (prunedByName.empty())
            return;
        std::deque<FileTree::Index> queue;
        for (FileTree::Index i = root; i < m_tree.subtreeEnd(root); ++i)
            if (m_tree.isFile(i) && pathnames::isSharedLibraryName(m_tree.name(i)) && !pruned(i))
                queue.push_back(i);
        while (!queue.empty()) {
            const FileTree::Index user = queue.front();
            queue.pop_front();
            for (FileTree::Index lib : needed(user, prunedByName)) {
                if (!pruned(lib))
                    continue;
                spare(lib, QStringLiteral("linked by %1").arg(FileTree::displayName(m_tree.packagePath(user))));
                queue.push_back(lib);
            }
        }
    }

    // The layer's files the loader would find for `user`'s DT_NEEDED entries
    // among `candidates` (by name): in its RPATH/RUNPATH folders ($ORIGIN is
    // its own folder), else in a *.libs/ or .libs/ folder, where wheels put
    // the libraries they bundle.
    std::vector<FileTree::Index> needed(FileTree::Index user,
                                        const std::unordered_map<QByteArray, std::vector<FileTree::Index>> &candidates)
    {
        QByteArray image;
        QString why;
        std::optional<ElfInfo> elf;
        if (m_reader.read(user, &image, &why) && ElfFile::formatOf(image) == BinaryFormat::Elf)
            elf = ElfFile::readMemory(image, &why);
        else if (why.isEmpty())
            return {}; // a .so that is not ELF needs nothing the loader reads
        if (!elf) {
            m_out.problems << QStringLiteral("%1: %2").arg(m_tree.displayPath(user), why);
            return {};
        }
        const QString origin = QFileInfo(FileTree::displayName(m_tree.packagePath(user))).path();
        QStringList searchDirs;
        for (const ElfDynamic &d : elf->dynamic)
            if (d.tag == DT_RPATH || d.tag == DT_RUNPATH)
                for (QString dir : QString::fromUtf8(d.text).split(QLatin1Char(':'), Qt::SkipEmptyParts)) {
                    dir.replace(QStringLiteral("${ORIGIN}"), origin).replace(QStringLiteral("$ORIGIN"), origin);
                    searchDirs << QDir::cleanPath(dir);
                }
        std::vector<FileTree::Index> out;
        for (const ElfDynamic &d : elf->dynamic) {
            if (d.tag != DT_NEEDED)
                continue;
            const auto it = candidates.find(d.text);
            if (it == candidates.end())
                continue;
            bool found = false;
            for (const QString &dir : searchDirs) {
                const QString path = dir == QStringLiteral(".") ? QString::fromUtf8(d.text)
                                                                : dir + QLatin1Char('/') + QString::fromUtf8(d.text);
                const FileTree::Index lib = m_tree.find(path.toUtf8(), m_tree.packageRoot());
                if (lib != FileTree::kNone) {
                    out.push_back(lib);
                    found = true;
                    break;
                }
            }
            if (found)
                continue;
            for (FileTree::Index lib : it->second) {
                const QByteArrayView folder = m_tree.name(m_tree.parent(lib));
                if (folder.endsWith(".libs"))
                    out.push_back(lib);
            }
        }
        return out;
    }

    const FileTree &m_tree;
    NodeReader m_reader;
    std::set<QString> m_imported;
    TracePrune m_out;
    std::map<FileTree::Index, QString> m_spared; // node -> why it stays
};

} // namespace

TracePrune TracePrune::compute(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries, const Trace &trace)
{
    return Pruner(tree, zipEntries, trace).run(trace);
}

QString TracePrune::origin(const Trace &trace, const QString &traceFile)
{
    return QStringLiteral("trace %1 of %2 (sha256 %3…)")
        .arg(QFileInfo(traceFile).absoluteFilePath(), trace.smokePath, trace.smokeSha256.left(12));
}

void TracePrune::applyTo(SizeLedger &ledger, const Trace &trace, const QString &traceFile) const
{
    const int rule = RuleCatalog::indexOf(RuleId::NotTraced);
    ledger.setRuleSpares(rule, spares);
    ledger.setRuleData(rule, nodes, origin(trace, traceFile));
}

bool TracePrune::load(SizeLedger &ledger, const std::vector<ZipEntryRef> &zipEntries, const QString &traceFile,
                      const QString &expectedSha256, QStringList *warnings, QString *error)
{
    const std::optional<Trace> trace = Trace::load(traceFile, error);
    if (!trace)
        return false;
    const TracePrune prune = compute(ledger.tree(), zipEntries, *trace);
    prune.applyTo(ledger, *trace, traceFile);
    if (warnings) {
        *warnings << trace->staleness(expectedSha256);
        for (const QString &p : prune.problems)
            *warnings << QStringLiteral("cannot read the libraries %1 links against").arg(p);
    }
    return true;
}
