#include "select/rules.h"

#include "tree/pathnames.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <unordered_set>

namespace {

using pathnames::endsWith;
using pathnames::endsWithAny;
using pathnames::isMetadataName;
using pathnames::isSharedLibraryName;

// True when a top-level name is `project` or its metadata (`project-1.0.dist-info`).
bool isProjectOrMetadata(QByteArrayView name, QByteArrayView project)
{
    if (name == project)
        return true;
    return isMetadataName(name) && name.startsWith(project) && name.size() > project.size() &&
           name[project.size()] == '-';
}

// Facts about one node that the matchers look at.
struct NodeView {
    const FileTree &tree;
    FileTree::Index node;
    QByteArrayView name;
    bool dir;
    bool file;
    int level;           // 1 for a top-level entry of the package root
    const Bitset *given; // a fromData rule's nodes, or null
};

bool insideMetadata(const FileTree &tree, FileTree::Index i)
{
    const FileTree::Index root = tree.packageRoot();
    for (FileTree::Index p = tree.parent(i); p != root && p != FileTree::kNone; p = tree.parent(p))
        if (isMetadataName(tree.name(p)))
            return true;
    return false;
}

// Sample-data folders of well-known packages, as package paths.
constexpr std::array kSampleDataFolders{
    "sklearn/datasets/data", "sklearn/datasets/images", "sklearn/datasets/descr", "matplotlib/mpl-data/sample_data",
    "skimage/data",          "scipy/datasets/_data",
};

bool matches(RuleId rule, const NodeView &v)
{
    const QByteArrayView n = v.name;
    switch (rule) {
    case RuleId::Tests:
        return v.dir && (n == "tests" || n == "test");
    case RuleId::Bytecode:
        return (v.dir && n == "__pycache__") || (v.file && endsWithAny(n, {".pyc", ".pyo"}));
    case RuleId::DistInfo:
        return (v.dir && isMetadataName(n)) || (v.file && endsWith(n, ".egg-info"));
    case RuleId::Pyproject:
        return v.file && n == "pyproject.toml";
    case RuleId::Datasets: {
        if (v.file && endsWith(n, ".dat"))
            return true;
        // The folders above are 2 or 3 components deep; building every deeper
        // folder's path made a 30,000-level zip take minutes.
        if (!v.dir || v.level < 2 || v.level > 3)
            return false;
        const QByteArray path = v.tree.packagePath(v.node);
        for (const char *folder : kSampleDataFolders)
            if (path == folder)
                return true;
        return false;
    }
    case RuleId::Headers:
        return (v.file && endsWithAny(n, {".h", ".hpp"})) || (v.dir && v.level >= 2 && n == "include");
    case RuleId::Sources:
        return v.file && endsWithAny(n, {".pyx", ".pxd", ".pxi", ".c", ".cpp", ".f", ".f90"});
    case RuleId::Stubs:
        return v.file && endsWith(n, ".pyi");
    case RuleId::StaticLibs:
        return v.file && endsWith(n, ".a");
    case RuleId::Docs:
        if (v.dir)
            return (n == "docs" || n == "examples") && !insideMetadata(v.tree, v.node);
        return v.file && endsWithAny(n, {".md", ".rst"}) && !insideMetadata(v.tree, v.node);
    case RuleId::BuildTools:
        if (v.level != 1)
            return false;
        for (const char *p : {"pip", "setuptools", "wheel", "pkg_resources", "_distutils_hack"})
            if (isProjectOrMetadata(n, p))
                return true;
        return v.file && n == "distutils-precedence.pth";
    case RuleId::RuntimeProvided:
        if (v.level != 1)
            return false;
        for (const char *p : {"boto3", "botocore", "s3transfer", "jmespath"})
            if (isProjectOrMetadata(n, p))
                return true;
        return false;
    case RuleId::Strip:
        return v.file && isSharedLibraryName(n);
    case RuleId::DistInfoLite: { // what importlib.metadata version()/entry points and pkg_resources read stays
        const FileTree::Index parent = v.tree.parent(v.node);
        if (parent == FileTree::kNone || !isMetadataName(v.tree.name(parent)))
            return false;
        if (v.dir)
            return true; // licenses/ and the like
        for (const char *keep : {"METADATA", "PKG-INFO", "entry_points.txt", "top_level.txt", "requires.txt"})
            if (n == keep)
                return false;
        return true;
    }
    case RuleId::ForeignBinaries: // by name: lint reads the magic and warns about any other Mach-O or PE file
        return v.file && endsWithAny(n, {".exe", ".dll", ".pyd", ".dylib"});
    case RuleId::NotTraced: // a set folder stands for its whole subtree
        return v.given && v.given->test(v.node);
    }
    return false;
}

std::vector<Rule> makeCatalog()
{
    std::vector<Rule> catalog(kRuleCount);
    // Each rule lands at its RuleId's place, whatever order it is written in.
    auto rule = [&catalog](RuleId which, const char *id, const char *title, const char *why, Risk risk,
                           RuleAction action = RuleAction::Remove, QStringList exceptions = {}) {
        catalog[std::size_t(which)] =
            Rule{QString::fromLatin1(id), QString::fromUtf8(title), QString::fromUtf8(why), risk, action,
                 std::move(exceptions)};
    };
    rule(RuleId::Tests, "tests", QT_TRANSLATE_NOOP("RuleCatalog", "Test suites"),
         QT_TRANSLATE_NOOP("RuleCatalog", "Folders named exactly tests/ or test/. A few packages import from their "
                                          "own tests at import time; pandas/_testing is never matched."),
         Risk::Caution);
    rule(RuleId::Bytecode, "bytecode", QT_TRANSLATE_NOOP("RuleCatalog", "Bytecode caches"),
         QT_TRANSLATE_NOOP("RuleCatalog", "__pycache__/ folders and *.pyc/*.pyo files. Python rebuilds them, "
                                          "but cold starts get slower (0.5–1 s to 2 s+ reported)."),
         Risk::Caution);
    rule(RuleId::DistInfo, "dist-info", QT_TRANSLATE_NOOP("RuleCatalog", "Package metadata"),
         QT_TRANSLATE_NOOP("RuleCatalog", "*.dist-info/ and *.egg-info. Breaks importlib.metadata.version(), "
                                          "entry points and pkg_resources checks."),
         Risk::Risky);
    rule(RuleId::Pyproject, "pyproject", QT_TRANSLATE_NOOP("RuleCatalog", "pyproject.toml"),
         QT_TRANSLATE_NOOP("RuleCatalog", "Build configuration shipped inside packages; never read at run "
                                          "time."),
         Risk::Safe);
    rule(RuleId::Datasets, "datasets", QT_TRANSLATE_NOOP("RuleCatalog", "Sample data"),
         QT_TRANSLATE_NOOP("RuleCatalog", "*.dat files and sample-data folders (scipy.misc, sklearn, "
                                          "matplotlib). Functions that load the samples stop working."),
         Risk::Caution);
    rule(RuleId::Headers, "headers", QT_TRANSLATE_NOOP("RuleCatalog", "C headers"),
         QT_TRANSLATE_NOOP("RuleCatalog", "*.h, *.hpp and include/ folders inside packages; only needed to build "
                                          "against the package."),
         Risk::Safe);
    rule(RuleId::Sources, "sources", QT_TRANSLATE_NOOP("RuleCatalog", "Native sources"),
         QT_TRANSLATE_NOOP("RuleCatalog", "*.pyx, *.pxd, *.pxi, *.c, *.cpp, *.f, *.f90: compiled already; "
                                          "only Cython cimport at build time reads them."),
         Risk::Safe);
    rule(RuleId::Stubs, "stubs", QT_TRANSLATE_NOOP("RuleCatalog", "Type stubs"),
         QT_TRANSLATE_NOOP("RuleCatalog", "*.pyi files for type checkers; never imported."), Risk::Safe);
    rule(RuleId::StaticLibs, "static-libs", QT_TRANSLATE_NOOP("RuleCatalog", "Static libraries"),
         QT_TRANSLATE_NOOP("RuleCatalog", "*.a archives for linking; a running layer never loads "
                                          "them."),
         Risk::Safe);
    rule(RuleId::Docs, "docs", QT_TRANSLATE_NOOP("RuleCatalog", "Documentation"),
         QT_TRANSLATE_NOOP("RuleCatalog", "*.md and *.rst outside metadata, docs/ and examples/ folders."), Risk::Safe);
    rule(RuleId::BuildTools, "build-tools", QT_TRANSLATE_NOOP("RuleCatalog", "Build tools"),
         QT_TRANSLATE_NOOP("RuleCatalog", "pip, setuptools, wheel, pkg_resources, _distutils_hack and their "
                                          "metadata. Packages that import pkg_resources at run time break."),
         Risk::Caution);
    rule(RuleId::RuntimeProvided, "runtime-provided", QT_TRANSLATE_NOOP("RuleCatalog", "Provided by Lambda"),
         QT_TRANSLATE_NOOP("RuleCatalog", "boto3, botocore, s3transfer, jmespath: the Lambda "
                                          "Python runtime has them, maybe at another version."),
         Risk::Caution);
    rule(RuleId::Strip, "strip", QT_TRANSLATE_NOOP("RuleCatalog", "Strip native libraries"),
         QT_TRANSLATE_NOOP("RuleCatalog", "Removes symbol tables and debug sections from *.so copies. "
                                          "Some libraries (Pillow, OpenCV, libpq) fail to load after it."),
         Risk::Risky, RuleAction::Transform,
         {QStringLiteral("PIL/**"), QStringLiteral("pillow.libs/**"), QStringLiteral("Pillow.libs/**"),
          QStringLiteral("cv2/**"), QStringLiteral("opencv_python.libs/**"), QStringLiteral("psycopg2/**"),
          QStringLiteral("psycopg2_binary.libs/**")});
    rule(RuleId::DistInfoLite, "dist-info-lite", QT_TRANSLATE_NOOP("RuleCatalog", "Package metadata, lite"),
         QT_TRANSLATE_NOOP(
             "RuleCatalog",
             "Files in *.dist-info/ and *.egg-info/ except METADATA, "
             "PKG-INFO, entry_points.txt, top_level.txt and requires.txt: version(), entry points and requirement "
             "checks keep working; files() and pip uninstall do not."),
         Risk::Caution);
    rule(RuleId::ForeignBinaries, "foreign-binaries", QT_TRANSLATE_NOOP("RuleCatalog", "Foreign-platform binaries"),
         QT_TRANSLATE_NOOP("RuleCatalog", "*.exe, *.dll, *.pyd and *.dylib: Windows launchers (pip's and "
                                          "setuptools' cli-64.exe) and macOS libraries that Lambda's Linux never "
                                          "loads."),
         Risk::Safe);
    rule(RuleId::NotTraced, "not-traced", QT_TRANSLATE_NOOP("RuleCatalog", "Not used by the traced run"),
         QT_TRANSLATE_NOOP("RuleCatalog", "Packages and subpackages the traced smoke script never imported, "
                                          "except files it opened and native libraries kept extensions link "
                                          "against. Code paths the script did not run may still need them."),
         Risk::Risky);
    catalog[std::size_t(RuleId::NotTraced)].fromData = true;
    return catalog;
}

// (pattern suffix, path suffix) pairs known not to match. Without it a
// profile glob such as "*a*a*a*a*a*a*a*a*b" takes exponential time.
using GlobFailures = std::unordered_set<std::uint64_t>;

bool globAt(QByteArrayView p, QByteArrayView s, GlobFailures &failed)
{
    const std::uint64_t state = std::uint64_t(p.size()) << 32 | std::uint64_t(s.size());
    if (failed.count(state))
        return false;
    const bool matched = [&] {
        while (!p.isEmpty()) {
            if (p.startsWith("**")) {
                QByteArrayView rest = p.sliced(2);
                if (rest.startsWith('/'))
                    rest = rest.sliced(1);
                if (rest.isEmpty())
                    return true;
                // `**/` may match nothing, or any number of whole components.
                for (qsizetype i = 0; i <= s.size(); ++i)
                    if ((i == 0 || s[i - 1] == '/') && globAt(rest, s.sliced(i), failed))
                        return true;
                return false;
            }
            if (p[0] == '*') {
                const QByteArrayView rest = p.sliced(1);
                for (qsizetype i = 0; i <= s.size(); ++i) {
                    if (globAt(rest, s.sliced(i), failed))
                        return true;
                    if (i < s.size() && s[i] == '/')
                        return false;
                }
                return false;
            }
            if (s.isEmpty())
                return false;
            if (p[0] == '?' ? s[0] == '/' : p[0] != s[0])
                return false;
            p = p.sliced(1);
            s = s.sliced(1);
        }
        return s.isEmpty();
    }();
    if (!matched)
        failed.insert(state);
    return matched;
}

// Package paths along a preorder walk, each built from its parent's in
// O(name) instead of walking up the tree: per-node packagePath() made trees
// 30,000 levels deep take minutes.
class PathTracker
{
public:
    explicit PathTracker(const FileTree &tree)
        : m_tree(tree)
    {
    }

    const QByteArray &at(FileTree::Index i)
    {
        const FileTree::Index parent = m_tree.parent(i);
        while (!m_open.empty() && m_open.back().first != parent)
            m_open.pop_back();
        if (m_open.empty()) {
            m_path = m_tree.packagePath(parent);
            m_open.emplace_back(parent, m_path.size());
        }
        m_path.truncate(m_open.back().second);
        if (!m_path.isEmpty())
            m_path += '/';
        m_path += m_tree.name(i);
        if (m_tree.isDir(i))
            m_open.emplace_back(i, m_path.size());
        return m_path;
    }

private:
    const FileTree &m_tree;
    QByteArray m_path;
    std::vector<std::pair<FileTree::Index, qsizetype>> m_open; // folders on the path and their path lengths
};

} // namespace

namespace {

// A glob's literal head: what comes before its first wildcard.
QByteArrayView literalHead(QByteArrayView pattern)
{
    qsizetype head = 0;
    while (head < pattern.size() && pattern[head] != '*' && pattern[head] != '?')
        ++head;
    return pattern.first(head);
}

// Whether a glob with one of these heads can match a path below the folder
// at `folder`: such a path starts with "folder/", so the head must start with
// that, or be a start of it.
bool headsReachBelow(const QByteArray &folder, const std::vector<QByteArrayView> &heads)
{
    for (const QByteArrayView head : heads) {
        const qsizetype shared = std::min(head.size(), folder.size());
        if (head.first(shared) != QByteArrayView(folder).first(shared))
            continue;
        if (head.size() <= folder.size() || head[folder.size()] == '/')
            return true;
    }
    return false;
}

} // namespace

bool globMatch(QByteArrayView pattern, QByteArrayView path)
{
    // The literal head (up to the first wildcard) must match as it is: most
    // paths fail there, before any search or memo.
    const qsizetype head = literalHead(pattern).size();
    if (!path.startsWith(pattern.first(head)))
        return false;
    if (head == pattern.size())
        return path.size() == head;
    GlobFailures failed;
    return globAt(pattern.sliced(head), path.sliced(head), failed);
}

const std::vector<Rule> &RuleCatalog::all()
{
    static const std::vector<Rule> catalog = makeCatalog();
    return catalog;
}

int RuleCatalog::indexOf(QStringView id)
{
    const auto &rules = all();
    for (std::size_t i = 0; i < rules.size(); ++i)
        if (rules[i].id == id)
            return int(i);
    return -1;
}

QString RuleCatalog::riskName(Risk r)
{
    switch (r) {
    case Risk::Safe:
        return QStringLiteral("safe");
    case Risk::Caution:
        return QStringLiteral("caution");
    case Risk::Risky:
        return QStringLiteral("risky");
    }
    return {};
}

Bitset RuleCatalog::match(const FileTree &tree, int rule, const QStringList &exceptions, const Bitset *given)
{
    Bitset out(tree.count());
    const FileTree::Index root = tree.packageRoot();
    const FileTree::Index end = tree.subtreeEnd(root);
    std::vector<QByteArray> globs;
    for (const QString &g : exceptions)
        globs.push_back(g.toUtf8());
    std::vector<QByteArrayView> heads;
    for (const QByteArray &g : globs)
        heads.push_back(literalHead(g));
    // A glob without a wildcard names one path (metadata spares are such,
    // dozens of them): those are looked up, the others matched in turn.
    std::vector<QByteArrayView> exact, wild;
    for (std::size_t k = 0; k < globs.size(); ++k)
        (heads[k].size() == globs[k].size() ? exact : wild).push_back(globs[k]);
    std::sort(exact.begin(), exact.end());
    const auto excepted = [&exact, &wild](const QByteArray &path) {
        return std::binary_search(exact.begin(), exact.end(), QByteArrayView(path)) ||
               std::any_of(wild.begin(), wild.end(), [&path](QByteArrayView g) { return globMatch(g, path); });
    };

    // Depth relative to the package root, kept along the preorder walk.
    std::vector<FileTree::Index> ancestors{root};
    PathTracker paths(tree);
    // Nodes before this one lie in a folder that no exception can reach.
    FileTree::Index unexceptedEnd = root;
    for (FileTree::Index i = root + 1; i < end;) {
        while (ancestors.back() != tree.parent(i))
            ancestors.pop_back();
        const int level = int(ancestors.size());
        if (!globs.empty() && i >= unexceptedEnd) {
            const QByteArray &path = paths.at(i);
            if (excepted(path)) {
                i = tree.subtreeEnd(i); // an excepted folder keeps everything below it
                continue;
            }
            if (tree.isDir(i) && !headsReachBelow(path, heads))
                unexceptedEnd = tree.subtreeEnd(i);
        }
        const NodeView view{tree, i, tree.name(i), tree.isDir(i), tree.isFile(i), level, given};
        if (matches(RuleId(rule), view)) {
            if (globs.empty() || !view.dir || tree.subtreeEnd(i) <= unexceptedEnd) {
                out.setRange(i, tree.subtreeEnd(i));
                i = tree.subtreeEnd(i);
                continue;
            }
            // A matched folder with exceptions: mark it, then descend so excepted paths stay out.
            out.set(i);
            for (FileTree::Index j = i + 1; j < tree.subtreeEnd(i);) {
                const QByteArray &path = paths.at(j);
                if (excepted(path)) {
                    // The folders holding it no longer go as a whole (one
                    // found reset already has its own folders reset).
                    for (FileTree::Index a = tree.parent(j); a != i && out.test(a); a = tree.parent(a))
                        out.reset(a);
                    out.reset(i);
                    j = tree.subtreeEnd(j);
                } else if (tree.isDir(j) && !headsReachBelow(path, heads)) {
                    out.setRange(j, tree.subtreeEnd(j));
                    j = tree.subtreeEnd(j);
                } else {
                    out.set(j++);
                }
            }
            i = tree.subtreeEnd(i);
            continue;
        }
        if (view.dir)
            ancestors.push_back(i);
        ++i;
    }
    return out;
}

QString Rule::displayTitle() const
{
    return QCoreApplication::translate("RuleCatalog", title.toUtf8().constData());
}

QString Rule::displayWhy() const
{
    return QCoreApplication::translate("RuleCatalog", why.toUtf8().constData());
}
