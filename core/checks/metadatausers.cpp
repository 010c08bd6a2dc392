#include "checks/metadatausers.h"

#include "base/parallelruns.h"
#include "scan/nodereader.h"
#include "select/distributions.h"
#include "select/requirement.h"
#include "select/rules.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <cstring>
#include <map>
#include <set>
#include <string_view>
#include <utility>

namespace {

// Sources larger than this are generated tables, not code that asks for metadata.
constexpr qint64 kMaxSourceBytes = 4 << 20;
// A thread is worth starting for this many sources.
constexpr std::size_t kSourcesPerRun = 256;

// The calls that read metadata, and what each needs.
struct Reader {
    const char *name;
    MetadataNeed need;
};
constexpr Reader kReaders[] = {
    {"version", MetadataNeed::Metadata},
    {"metadata", MetadataNeed::Metadata},
    {"distribution", MetadataNeed::Metadata},
    {"get_distribution", MetadataNeed::Metadata},
    {"requires", MetadataNeed::Requires},
    {"require", MetadataNeed::Requires},
    {"files", MetadataNeed::Files},
    {"entry_points", MetadataNeed::EntryPoints},
    {"iter_entry_points", MetadataNeed::EntryPoints},
};

// The modules whose functions read metadata.
const QRegularExpression &moduleImport()
{
    // "import importlib.metadata", "import importlib_metadata as md", "import pkg_resources"
    static const QRegularExpression re(
        QStringLiteral(
            R"(^[ \t]*import[ \t]+(importlib\.metadata|importlib_metadata|pkg_resources)(?:[ \t]+as[ \t]+(\w+))?)"),
        QRegularExpression::MultilineOption);
    return re;
}

const QRegularExpression &submoduleImport()
{
    // "from importlib import metadata", "from importlib import metadata as md"
    static const QRegularExpression re(
        QStringLiteral(R"(^[ \t]*from[ \t]+importlib[ \t]+import[ \t]+metadata(?:[ \t]+as[ \t]+(\w+))?)"),
        QRegularExpression::MultilineOption);
    return re;
}

const QRegularExpression &namesImport()
{
    // "from importlib.metadata import version, PackageNotFoundError as E" (one line or parenthesised)
    static const QRegularExpression re(
        QStringLiteral(
            R"(^[ \t]*from[ \t]+(?:importlib\.metadata|importlib_metadata|pkg_resources)[ \t]+import[ \t]+(\([^)]*\)|[^\n]+))"),
        QRegularExpression::MultilineOption);
    return re;
}

// Whether `word` is in `text`, by glibc's memmem: several times faster than
// QByteArrayView::contains() (a byte-by-byte Boyer-Moore) over the megabytes
// of sources a layer keeps.
bool containsBytes(QByteArrayView text, std::string_view word)
{
    if (text.size() < qsizetype(word.size()))
        return false; // and memmem is never given an empty source's null pointer
    return ::memmem(text.data(), std::size_t(text.size()), word.data(), word.size()) != nullptr;
}

// Whether `source` can read metadata at all: a cheap test before the
// expressions. Every module name but pkg_resources has "metadata" in it, so
// a source that has neither word is passed over in two searches.
bool mentionsMetadata(QByteArrayView source)
{
    if (containsBytes(source, "pkg_resources"))
        return true;
    return containsBytes(source, "metadata") &&
           (containsBytes(source, "importlib.metadata") || containsBytes(source, "importlib_metadata") ||
            containsBytes(source, "from importlib import metadata"));
}

// Every way this source names a reading function: "importlib.metadata.version" -> Version, "version" -> …
std::map<QString, const Reader *> callNames(const QString &text)
{
    QStringList prefixes{QStringLiteral("importlib.metadata."), QStringLiteral("importlib_metadata."),
                         QStringLiteral("pkg_resources.")};
    for (auto it = moduleImport().globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (!m.captured(2).isEmpty())
            prefixes << m.captured(2) + QLatin1Char('.');
    }
    for (auto it = submoduleImport().globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        prefixes << (m.captured(1).isEmpty() ? QStringLiteral("metadata.") : m.captured(1) + QLatin1Char('.'));
    }
    std::map<QString, const Reader *> names;
    for (const Reader &r : kReaders)
        for (const QString &p : prefixes)
            names[p + QLatin1String(r.name)] = &r;
    for (auto it = namesImport().globalMatch(text); it.hasNext();) {
        QString list = it.next().captured(1);
        list.remove(QLatin1Char('(')).remove(QLatin1Char(')'));
        if (const qsizetype hash = list.indexOf(QLatin1Char('#')); hash >= 0)
            list.truncate(hash);
        for (const QString &item : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QStringList words = item.simplified().split(QLatin1Char(' '));
            for (const Reader &r : kReaders)
                if (!words.isEmpty() && words.first() == QLatin1String(r.name))
                    names[words.size() == 3 && words[1] == QLatin1String("as") ? words[2] : words.first()] = &r;
        }
    }
    return names;
}

// The installed distributions as the metadata reads name them.
class Installed
{
public:
    Installed(const FileTree &tree, const Distributions &dists)
        : m_tree(tree)
        , m_dists(dists)
    {
    }

    // The metadata folder of the distribution a name asks for, or kNone.
    [[nodiscard]] FileTree::Index byName(QByteArrayView name) const
    {
        return infoOf(m_dists.byNormalizedName(QString::fromUtf8(name)));
    }

    // The distribution a source's `__name__` stands for: the one that installed
    // the source, else one named like its top-level module.
    [[nodiscard]] FileTree::Index owning(FileTree::Index source, const QByteArray &module) const
    {
        if (const int owner = m_dists.ownerOf(source); owner != Distributions::kNone)
            return infoOf(owner);
        if (const FileTree::Index named = byName(module); named != FileTree::kNone)
            return named;
        return infoOf(m_dists.ownerOfTopLevel(module));
    }

    // The PEP 503 name of the distribution whose metadata is `info`.
    [[nodiscard]] QByteArray nameOf(FileTree::Index info) const
    {
        const int d = m_dists.byInfoNode(info);
        return d == Distributions::kNone ? QByteArray() : m_dists.at(d).normalized.toUtf8();
    }

    // Every metadata folder with an entry_points.txt.
    [[nodiscard]] std::vector<FileTree::Index> withEntryPoints() const
    {
        std::vector<FileTree::Index> out;
        for (const Distribution &d : m_dists.all())
            if (m_tree.isDir(d.infoNode) && m_tree.find("entry_points.txt", d.infoNode) != FileTree::kNone)
                out.push_back(d.infoNode);
        return out;
    }

private:
    [[nodiscard]] FileTree::Index infoOf(int d) const
    {
        return d == Distributions::kNone ? FileTree::kNone : m_dists.at(d).infoNode;
    }

    const FileTree &m_tree;
    const Distributions &m_dists;
};

// The top-level module a source belongs to: "prompt_toolkit" for prompt_toolkit/shortcuts/x.py, "six" for six.py.
QByteArray topLevelModule(const FileTree &tree, FileTree::Index source)
{
    QByteArray path = tree.packagePath(source);
    const qsizetype slash = path.indexOf('/');
    return slash >= 0 ? path.first(slash) : path.chopped(3);
}

// Reads the calls of one source.
void scanSource(const FileTree &tree, FileTree::Index source, const QByteArray &bytes, const Installed &installed,
                std::vector<MetadataRead> *reads)
{
    const QString text = QString::fromUtf8(bytes);
    const std::map<QString, const Reader *> names = callNames(text);
    QStringList alternatives;
    for (const auto &[name, reader] : names)
        alternatives << QRegularExpression::escape(name);
    // name( "literal" | __name__ | __package__ | __spec__.parent | anything else
    const QRegularExpression call(
        QStringLiteral(
            R"((?<![\w.])(%1)[ \t]*\([ \t]*(?:["']([A-Za-z0-9][A-Za-z0-9._-]*)["']|(__name__|__package__|__spec__\.parent))?)")
            .arg(alternatives.join(QLatin1Char('|'))));
    for (auto it = call.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const qsizetype lineStart = text.lastIndexOf(QLatin1Char('\n'), m.capturedStart(0)) + 1;
        const QStringView before = QStringView(text).sliced(lineStart, m.capturedStart(0) - lineStart);
        const QStringView trimmed = before.trimmed();
        if (before.contains(QLatin1Char('#')) || trimmed.startsWith(QLatin1String(">>>")) ||
            trimmed.startsWith(QLatin1String("...")) || trimmed.startsWith(QLatin1String("def ")))
            continue; // comments, doctests and definitions of functions with these names
        const Reader *reader = names.at(m.captured(1));
        MetadataRead read;
        read.source = source;
        read.line = int(QStringView(text).first(m.capturedStart(0)).count(QLatin1Char('\n'))) + 1;
        read.atImport = lineStart == m.capturedStart(0) ||
                        !(before.startsWith(QLatin1Char(' ')) || before.startsWith(QLatin1Char('\t')));
        read.call = m.captured(1);
        read.need = reader->need;
        if (reader->need == MetadataNeed::EntryPoints) {
            // Every distribution's entry points: at import that is what the import needs; inside a
            // function (plugin discovery on demand) it names no distribution to spare.
            if (read.atImport)
                reads->push_back(read);
            continue;
        }
        if (!m.captured(2).isEmpty()) {
            read.distribution = MetadataUsers::normalizedName(m.captured(2).toUtf8());
            read.metadata = installed.byName(read.distribution);
        } else if (!m.captured(3).isEmpty()) {
            const QByteArray module = topLevelModule(tree, source);
            read.metadata = installed.owning(source, module);
            read.distribution = read.metadata != FileTree::kNone ? installed.nameOf(read.metadata)
                                                                 : MetadataUsers::normalizedName(module);
        } else {
            continue; // a name only known at run time: nothing to spare by name
        }
        reads->push_back(read);
    }
}

// The metadata files a need reads in one metadata folder (or the folder's own file for a one-file egg-info).
std::vector<FileTree::Index> neededFiles(const FileTree &tree, FileTree::Index dir, MetadataNeed need)
{
    if (!tree.isDir(dir))
        return {dir};
    std::vector<const char *> names{"METADATA", "PKG-INFO"};
    if (need == MetadataNeed::Requires)
        names.push_back("requires.txt");
    if (need == MetadataNeed::Files) {
        names.push_back("RECORD");
        names.push_back("installed-files.txt");
        names.push_back("SOURCES.txt");
    }
    if (need == MetadataNeed::EntryPoints)
        names.push_back("entry_points.txt");
    std::vector<FileTree::Index> out;
    for (const char *n : names)
        if (const FileTree::Index f = tree.find(n, dir); f != FileTree::kNone && tree.parent(f) == dir)
            out.push_back(f);
    return out;
}

// Glob characters in a path are matched as themselves only by a '?' wildcard: paths here rarely hold them.
QString asGlob(const QByteArray &path)
{
    QByteArray glob = path;
    for (char &c : glob)
        if (c == '*' || c == '?' || c == '[')
            c = '?';
    return QString::fromUtf8(glob);
}

} // namespace

QByteArray MetadataUsers::normalizedName(QByteArrayView name)
{
    return Requirement::normalize(QString::fromUtf8(name)).toUtf8();
}

MetadataUsers MetadataUsers::find(const FileTree &tree, const std::vector<ZipEntryRef> *zipEntries,
                                  const Distributions &dists, JobControl *control, const Bitset *skip)
{
    static const std::vector<ZipEntryRef> kNoEntries;
    const std::vector<ZipEntryRef> &entries = zipEntries ? *zipEntries : kNoEntries;
    std::vector<FileTree::Index> sources; // in tree order
    const FileTree::Index root = tree.packageRoot();
    for (FileTree::Index i = root + 1, end = tree.subtreeEnd(root); i < end; ++i)
        if (tree.isFile(i) && tree.name(i).endsWith(".py") && tree.size(i) <= std::uint64_t(kMaxSourceBytes) &&
            !(skip && skip->test(i)))
            sources.push_back(i);

    // The sources are read on every core; the few that name a metadata
    // module are kept whole (a few MB at most: sources are small) and their
    // calls read here afterwards, in tree order.
    struct Run {
        std::vector<std::pair<FileTree::Index, QByteArray>> candidates;
        QStringList problems;
        std::uint32_t read = 0;
    };
    const unsigned threads = parallel::allCores();
    std::vector<Run> runs(parallel::runCount(sources.size(), threads, kSourcesPerRun));
    parallel::parallelRuns(sources.size(), threads, kSourcesPerRun,
                           [&](std::size_t r, std::size_t from, std::size_t to) {
                               Run &run = runs[r];
                               NodeReader reader(tree, entries);
                               JobProgress progress;
                               QByteArray bytes;
                               QString why;
                               for (std::size_t k = from; k < to; ++k) {
                                   const FileTree::Index i = sources[k];
                                   if (control && !control->advance(progress, [&] { return tree.path(i); }))
                                       return;
                                   if (!reader.read(i, &bytes, &why, kMaxSourceBytes)) {
                                       run.problems << QStringLiteral("%1: %2").arg(tree.displayPath(i), why);
                                       continue;
                                   }
                                   ++run.read;
                                   if (mentionsMetadata(bytes))
                                       run.candidates.emplace_back(i, std::exchange(bytes, QByteArray()));
                               }
                           });
    MetadataUsers found;
    const Installed installed(tree, dists);
    for (const Run &run : runs) {
        found.sourcesRead += run.read;
        found.problems << run.problems;
        for (const auto &[source, text] : run.candidates)
            scanSource(tree, source, text, installed, &found.reads);
    }
    // entry_points() reads every distribution's entry points: one read each.
    std::vector<MetadataRead> expanded;
    for (const MetadataRead &r : found.reads) {
        if (r.need != MetadataNeed::EntryPoints) {
            expanded.push_back(r);
            continue;
        }
        for (const FileTree::Index dir : installed.withEntryPoints()) {
            MetadataRead each = r;
            each.metadata = dir;
            expanded.push_back(each);
        }
    }
    found.reads = std::move(expanded);
    return found;
}

std::vector<RuleSpare> MetadataUsers::spares(const FileTree &tree, const Bitset *pruned) const
{
    std::vector<RuleSpare> out;
    std::set<FileTree::Index> spared;
    for (const MetadataRead &r : reads) {
        if (r.metadata == FileTree::kNone || (pruned && pruned->test(r.source)))
            continue;
        const QString reason =
            QStringLiteral("read by %1%2 (%3)")
                .arg(FileTree::displayName(tree.packagePath(r.source)),
                     r.atImport ? QStringLiteral(" at import") : QStringLiteral(", line %1").arg(r.line), r.call);
        for (const FileTree::Index f : neededFiles(tree, r.metadata, r.need))
            if (spared.insert(f).second)
                out.push_back({asGlob(tree.packagePath(f)), reason});
    }
    return out;
}

bool MetadataUsers::spareIn(SizeLedger &ledger) const
{
    const std::vector<RuleSpare> wanted = spares(ledger.tree(), &ledger.pruned());
    bool changed = false;
    for (const RuleId rule : {RuleId::DistInfo, RuleId::DistInfoLite}) {
        const int r = RuleCatalog::indexOf(rule);
        if (ledger.ruleSpares(r) != wanted) {
            ledger.setRuleSpares(r, wanted);
            changed = true;
        }
    }
    return changed;
}

QJsonArray MetadataUsers::sparesJson(const std::vector<RuleSpare> &spares)
{
    QJsonArray out;
    for (const RuleSpare &s : spares)
        out.append(QJsonObject{{QStringLiteral("path"), s.glob}, {QStringLiteral("reason"), s.reason}});
    return out;
}
