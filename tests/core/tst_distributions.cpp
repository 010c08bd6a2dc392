// Distributions, requirements and duplicates on layers pip installs from
// wheels the suite writes (RECORD, extras, markers, .libs folders, a console
// script) and on the demo layer (Debian's egg-info), checked against Python's
// importlib.metadata and pip's own marker evaluation run on the same trees.
// tst_requirement checks markers alone, tst_distributionscli scan and profiles.
#include "scan/layer.h"
#include "select/distributions.h"
#include "select/duplicates.h"
#include "select/sizeledger.h"
#include "testsupport.h"
#include "wheelsupport.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>

using testsupport::quoted;
using testsupport::sh;

namespace {

// What importlib.metadata says of the distributions in `site`: per normalised
// name, its Name, Version, requires() and files() (paths below the layer
// root; pip --target moves "../../bin/x" from its home scheme to bin/x), plus
// bytecode beside a listed source, which no listing names.
const char kImportlib[] = R"PY(
import importlib.metadata as md, json, os, re, sys
site = sys.argv[1]
out = {}
for d in md.distributions(path=[site]):
    files = set()
    for f in d.files or []:
        p = os.path.normpath(os.path.join(site, str(f)))
        if not os.path.isfile(p) and str(f).startswith("../../") and not str(f).startswith("../../../"):
            p = os.path.normpath(os.path.join(site, str(f)[6:]))
        if os.path.isfile(p):
            files.add(os.path.relpath(p, site))
    for f in list(files):
        if f.endswith(".py"):
            cache = os.path.join(os.path.dirname(f), "__pycache__")
            stem = os.path.basename(f)[:-3]
            if os.path.isdir(os.path.join(site, cache)):
                files.update(os.path.join(cache, c) for c in os.listdir(os.path.join(site, cache))
                             if c.startswith(stem + ".") and c.endswith(".pyc"))
    name = d.metadata["Name"]
    out[re.sub(r"[-_.]+", "-", name).lower()] = {"name": name, "version": d.version,
        "requires": d.requires or [], "files": sorted(files)}
print(json.dumps(out))
)PY";

// Which installed distributions each one needs on a target, by pip's own
// PEP 508 marker evaluation, extras spreading from the requirers that ask.
const char kPackagingGraph[] = R"PY(
import importlib.metadata as md, json, re, sys
from pip._vendor.packaging.requirements import Requirement
site, python, machine = sys.argv[1:4]
env = {"python_version": python, "python_full_version": python + ".0", "sys_platform": "linux",
       "platform_system": "Linux", "os_name": "posix", "platform_machine": machine,
       "platform_python_implementation": "CPython", "implementation_name": "cpython"}
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
dists = {norm(d.metadata["Name"]): d for d in md.distributions(path=[site])}
needs = {n: set() for n in dists}
work = [(n, "") for n in dists]
asked = {n: set() for n in dists}
while work:
    n, extra = work.pop()
    for text in dists[n].requires or []:
        r = Requirement(text)
        if r.marker and not r.marker.evaluate(dict(env, extra=extra)):
            continue
        to = norm(r.name)
        if to not in dists or to == n:
            continue
        needs[n].add(to)
        for e in r.extras:
            if norm(e) not in asked[to]:
                asked[to].add(norm(e))
                work.append((to, norm(e)))
print(json.dumps({n: sorted(v) for n, v in needs.items()}))
)PY";

QJsonObject runJson(const char *script, const QStringList &args)
{
    QStringList q;
    for (const QString &a : args)
        q << quoted(a);
    return QJsonDocument::fromJson(sh(QStringLiteral("python3 - %1 <<'EOF'\n%2EOF\n")
                                          .arg(q.join(QLatin1Char(' ')), QString::fromUtf8(script))))
        .object();
}

// Bytes of the regular files find lists for `args` in `dir`.
std::uint64_t findBytes(const QString &dir, const QString &args)
{
    return sh(QStringLiteral("cd %1 && find %2 -type f -printf '%s\\n' | awk '{s+=$1} END {printf \"%d\", s}'")
                  .arg(quoted(dir), args))
        .toULongLong();
}

// Every file of distribution d, as paths below the package root.
QStringList ownedFiles(const FileTree &tree, const Distributions &dists, int d)
{
    QStringList files;
    for (FileTree::Index i = 0; i < tree.count(); ++i)
        if (tree.isFile(i) && dists.ownerOf(i) == d)
            files << QString::fromUtf8(tree.packagePath(i));
    files.sort();
    return files;
}

QStringList names(const Distributions &dists, const std::vector<int> &set)
{
    QStringList out;
    for (int d : set)
        out << dists.at(d).name;
    out.sort();
    return out;
}

} // namespace

class TestDistributions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void attributionMatchesImportlib();
    void requirementGraphMatchesPip_data();
    void requirementGraphMatchesPip();
    void exclusiveBytesAreWhatRemovalFrees_data();
    void exclusiveBytesAreWhatRemovalFrees();
    void prunedRequirerKeepsNothing();
    void zipMatchesFolder();
    void duplicatesMatchPython();
    void demoLayerEggInfo();
    void listedPathsResolveAsImportlibDoes();
    void metadataHeadersEndAtTheBody();

private:
    QTemporaryDir m_dir;
    QString m_site;
};

void TestDistributions::initTestCase()
{
    QVERIFY(m_dir.isValid());
    wheelsupport::writeDependencyWheels(m_dir.filePath(QStringLiteral("wh")));
    m_site = m_dir.filePath(QStringLiteral("site"));
    wheelsupport::pipInstallTarget(m_dir.filePath(QStringLiteral("wh")), m_site,
                                   {QStringLiteral("alpha-pkg"), QStringLiteral("lone")});
    QVERIFY(QFileInfo::exists(m_site + QStringLiteral("/bin/alpha-tool")));
    QVERIFY(QFileInfo::exists(m_site + QStringLiteral("/beta.libs/libblas-c3d4.so")));
}

// Every file importlib.metadata lists for a distribution is attributed to
// it, and nothing else is; names, versions and requirements are its own.
void TestDistributions::attributionMatchesImportlib()
{
    QString error;
    const Layer layer = Layer::open(m_site, &error);
    QVERIFY2(layer.tree, qPrintable(error));
    const Distributions dists = Distributions::scan(*layer.tree, layer.zipEntries);
    QVERIFY2(dists.problems().isEmpty(), qPrintable(dists.problems().join(u'\n')));
    const QJsonObject expected = runJson(kImportlib, {m_site});
    QCOMPARE(dists.count(), int(expected.size()));
    QCOMPARE(expected.size(), 5);
    std::uint64_t owned = 0;
    for (const Distribution &d : dists.all()) {
        const QJsonObject e = expected.value(d.normalized).toObject();
        QVERIFY2(!e.isEmpty(), qPrintable(d.normalized));
        QCOMPARE(d.name, e.value(QStringLiteral("name")).toString());
        QCOMPARE(d.version, e.value(QStringLiteral("version")).toString());
        QStringList declared;
        for (const Requirement &r : d.declared)
            declared << r.text;
        QCOMPARE(declared, e.value(QStringLiteral("requires")).toVariant().toStringList());
        QCOMPARE(ownedFiles(*layer.tree, dists, dists.byNormalizedName(d.name)),
                 e.value(QStringLiteral("files")).toVariant().toStringList());
        owned += d.bytes;
    }
    // The console script pip moved into bin/ and the .libs folders are owned.
    const int alpha = dists.byNormalizedName(u"alpha.pkg");
    QVERIFY(alpha != Distributions::kNone);
    QCOMPARE(dists.ownerOf(layer.tree->find("bin/alpha-tool")), alpha);
    QCOMPARE(dists.ownerOf(layer.tree->find("alpha_pkg.libs")), alpha);
    QCOMPARE(dists.ownerOfTopLevel("gamma"), dists.byNormalizedName(u"gamma"));
    QCOMPARE(dists.ownerOfTopLevel("beta"), dists.byNormalizedName(u"beta"));
    QCOMPARE(dists.ownerOf(layer.tree->find("bin")), alpha);
    QCOMPARE(dists.ownerOf(0), Distributions::kNone); // the root holds everyone's files
    QCOMPARE(dists.unownedBytes(), 0u);
    QCOMPARE(owned, findBytes(m_site, QStringLiteral(".")));
}

void TestDistributions::requirementGraphMatchesPip_data()
{
    QTest::addColumn<QString>("runtime");
    QTest::addColumn<QString>("arch");
    QTest::addColumn<QStringList>("loneNeeds");
    QTest::addColumn<QStringList>("epsilonChain"); // why epsilon is here
    QTest::newRow("x86_64") << "python3.11"
                            << "x86_64" << QStringList() << QStringList{"epsilon", "gamma", "Alpha_Pkg"};
    QTest::newRow("arm64") << "python3.12"
                           << "arm64" << QStringList{QStringLiteral("epsilon")} << QStringList{"epsilon", "lone"};
}

void TestDistributions::requirementGraphMatchesPip()
{
    QFETCH(QString, runtime);
    QFETCH(QString, arch);
    QFETCH(QStringList, loneNeeds);
    QFETCH(QStringList, epsilonChain);
    const Target target = *Target::find(runtime, arch);
    QString error;
    const Layer layer = Layer::open(m_site, &error);
    QVERIFY2(layer.tree, qPrintable(error));
    const Distributions dists = Distributions::scan(*layer.tree, layer.zipEntries, target);
    const QJsonObject expected = runJson(kPackagingGraph, {m_site, target.pythonVersion(), target.machine()});
    QCOMPARE(int(expected.size()), dists.count());
    for (const Distribution &d : dists.all()) {
        QStringList needs;
        for (int n : d.dependencies)
            needs << dists.at(n).normalized;
        needs.sort();
        QCOMPARE(needs, expected.value(d.normalized).toVariant().toStringList());
        // required_by is the same graph read the other way.
        for (int by : d.requiredBy)
            QVERIFY(expected.value(dists.at(by).normalized).toVariant().toStringList().contains(d.normalized));
    }
    // The facts the wheels were written for, spelled out.
    QCOMPARE(expected.value(QStringLiteral("lone")).toVariant().toStringList(), loneNeeds);
    QCOMPARE(expected.value(QStringLiteral("gamma")).toVariant().toStringList(),
             QStringList{QStringLiteral("epsilon")});
    QStringList top;
    for (const Distribution &d : dists.all())
        if (d.topLevel)
            top << d.name;
    QCOMPARE(top, (QStringList{QStringLiteral("Alpha_Pkg"), QStringLiteral("lone")}));
    QVERIFY(!dists.at(dists.byNormalizedName(u"gamma")).missing.contains(QStringLiteral("zeta")));
    QCOMPARE(dists.at(dists.byNormalizedName(u"gamma")).activeExtras, QStringList{QStringLiteral("fast")});
    QStringList chain;
    for (int d : dists.requiredChain(dists.byNormalizedName(u"epsilon")))
        chain << dists.at(d).name;
    QCOMPARE(chain, epsilonChain);
    QCOMPARE(dists.requiredChain(dists.byNormalizedName(u"lone")), std::vector<int>{dists.byNormalizedName(u"lone")});
}

void TestDistributions::exclusiveBytesAreWhatRemovalFrees_data()
{
    QTest::addColumn<QString>("runtime");
    QTest::addColumn<QString>("arch");
    QTest::addColumn<QString>("top");
    QTest::addColumn<QStringList>("freed");
    QTest::newRow("alpha x86_64") << "python3.11"
                                  << "x86_64"
                                  << "Alpha_Pkg" << QStringList{"Alpha_Pkg", "beta", "epsilon", "gamma"};
    QTest::newRow("alpha arm64") << "python3.12"
                                 << "arm64"
                                 << "Alpha_Pkg" << QStringList{"Alpha_Pkg", "beta", "gamma"};
    QTest::newRow("lone x86_64") << "python3.11"
                                 << "x86_64"
                                 << "lone" << QStringList{"lone"};
    QTest::newRow("beta x86_64") << "python3.11"
                                 << "x86_64"
                                 << "beta" << QStringList{"beta"};
}

// Drop the distributions from a copy by importlib's own file lists and scan
// again: the bytes freed are the exclusive bytes.
void TestDistributions::exclusiveBytesAreWhatRemovalFrees()
{
    QFETCH(QString, runtime);
    QFETCH(QString, arch);
    QFETCH(QString, top);
    QFETCH(QStringList, freed);
    const Target target = *Target::find(runtime, arch);
    QString error;
    const Layer layer = Layer::open(m_site, &error);
    QVERIFY2(layer.tree, qPrintable(error));
    const Distributions dists = Distributions::scan(*layer.tree, layer.zipEntries, target);
    const int d = dists.byNormalizedName(top);
    QCOMPARE(names(dists, dists.exclusiveSet(d, nullptr)), freed);

    QTemporaryDir copy;
    const QString site = copy.filePath(QStringLiteral("site"));
    sh(QStringLiteral("cp -a %1 %2").arg(quoted(m_site), quoted(site)));
    const QJsonObject listed = runJson(kImportlib, {site});
    for (const QString &name : freed)
        for (const QVariant &f : listed.value(Requirement::normalize(name))
                                     .toObject()
                                     .value(QStringLiteral("files"))
                                     .toArray()
                                     .toVariantList())
            QVERIFY(QFile::remove(site + QLatin1Char('/') + f.toString()));
    const Layer after = Layer::open(site, &error);
    QVERIFY2(after.tree, qPrintable(error));
    QCOMPARE(dists.exclusiveBytes(d, nullptr), layer.tree->totalBytes(0) - after.tree->totalBytes(0));
    QCOMPARE(layer.tree->totalBytes(0) - after.tree->totalBytes(0),
             findBytes(m_site, QStringLiteral(".")) - findBytes(site, QStringLiteral(".")));
}

// A requirer whose files are all pruned holds nothing: on arm64 lone needs
// epsilon, but with lone pruned epsilon is Alpha_Pkg's alone again, and
// exclusive bytes count kept bytes only.
void TestDistributions::prunedRequirerKeepsNothing()
{
    QString error;
    const Layer layer = Layer::open(m_site, &error);
    QVERIFY2(layer.tree, qPrintable(error));
    const Distributions dists =
        Distributions::scan(*layer.tree, layer.zipEntries, *Target::find(u"python3.12", u"arm64"));
    SizeLedger ledger(*layer.tree);
    const int alpha = dists.byNormalizedName(u"alpha-pkg");
    const int lone = dists.byNormalizedName(u"lone");
    QVERIFY(!names(dists, dists.exclusiveSet(alpha, &ledger)).contains(QStringLiteral("epsilon")));
    for (FileTree::Index i = 1; i < layer.tree->count(); ++i)
        if (layer.tree->isDir(i) && dists.ownerOf(i) == lone && dists.ownerOf(layer.tree->parent(i)) != lone)
            ledger.mark(i, SizeLedger::Mark::Prune);
    QCOMPARE(dists.keptBytes(&ledger)[std::size_t(lone)], 0u);
    QCOMPARE(names(dists, dists.exclusiveSet(alpha, &ledger)), (QStringList{"Alpha_Pkg", "beta", "epsilon", "gamma"}));
    // Pruning half of alpha's data file folder lowers its exclusive bytes by exactly that.
    const std::uint64_t before = dists.exclusiveBytes(alpha, &ledger);
    const FileTree::Index data = layer.tree->find("alpha_pkg/data.bin");
    ledger.mark(data, SizeLedger::Mark::Prune);
    QCOMPARE(dists.exclusiveBytes(alpha, &ledger), before - layer.tree->size(data));
    QCOMPARE(layer.tree->size(data), 200000u);
    // Kept bytes counted once answer for the selection they were counted on.
    const std::vector<std::uint64_t> kept = dists.keptBytes(&ledger);
    QCOMPARE(names(dists, dists.exclusiveSet(alpha, kept)), (QStringList{"Alpha_Pkg", "beta", "epsilon", "gamma"}));
    QCOMPARE(dists.exclusiveBytes(alpha, kept), before - layer.tree->size(data));
    const std::vector<std::uint64_t> every = dists.keptBytes(static_cast<const Bitset *>(nullptr));
    QVERIFY(!names(dists, dists.exclusiveSet(alpha, every)).contains(QStringLiteral("epsilon"))); // lone needs it
}

// The same layer zipped under python/: read from the entries, the same owners.
void TestDistributions::zipMatchesFolder()
{
    const QString zip = m_dir.filePath(QStringLiteral("layer.zip"));
    sh(QStringLiteral("cd %1 && python3 -c \"import os, sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w', "
                      "zipfile.ZIP_DEFLATED) as z:\n  for r, ds, fs in os.walk('.'):\n    for f in fs: "
                      "z.write(os.path.join(r, f), 'python/' + os.path.relpath(os.path.join(r, f)))\" %2")
           .arg(quoted(m_site), quoted(zip)));
    QString error;
    const Layer folder = Layer::open(m_site, &error);
    const Layer zipped = Layer::open(zip, &error);
    QVERIFY2(zipped.tree && zipped.isZip(), qPrintable(error));
    const Distributions a = Distributions::scan(*folder.tree, folder.zipEntries);
    const Distributions b = Distributions::scan(*zipped.tree, zipped.zipEntries);
    QVERIFY2(b.problems().isEmpty(), qPrintable(b.problems().join(u'\n')));
    QCOMPARE(b.count(), a.count());
    for (int d = 0; d < a.count(); ++d) {
        const int e = b.byNormalizedName(a.at(d).name);
        QVERIFY(e != Distributions::kNone);
        QCOMPARE(b.at(e).version, a.at(d).version);
        QCOMPARE(ownedFiles(*zipped.tree, b, e), ownedFiles(*folder.tree, a, d));
        QCOMPARE(b.at(e).dependencies.size(), a.at(d).dependencies.size());
        QCOMPARE(b.exclusiveBytes(e, nullptr), a.exclusiveBytes(d, nullptr));
    }
}

// Groups of identical files, as Python finds them by hashing every file.
void TestDistributions::duplicatesMatchPython()
{
    QString error;
    const Layer layer = Layer::open(m_site, &error);
    QVERIFY2(layer.tree, qPrintable(error));
    const auto groups = Duplicates::find(*layer.tree, layer.zipEntries);
    const QJsonObject expected = QJsonDocument::fromJson(sh(QStringLiteral(R"(cd %1 && python3 -c "
import hashlib, json, os
by = {}
for r, ds, fs in os.walk('.'):
    for f in fs:
        p = os.path.relpath(os.path.join(r, f))
        b = open(p, 'rb').read()
        if b:
            by.setdefault(hashlib.sha256(b).hexdigest(), []).append(p)
groups = [sorted(v) for v in by.values() if len(v) > 1]
print(json.dumps({'groups': sorted(groups), 'wasted': sum(os.path.getsize(g[0]) * (len(g) - 1) for g in groups)}))
")")
                                                                .arg(quoted(m_site))))
                                     .object();
    QList<QStringList> got;
    for (const DuplicateGroup &g : groups) {
        QStringList paths;
        for (FileTree::Index n : g.nodes) {
            paths << QString::fromUtf8(layer.tree->path(n));
            QCOMPARE(layer.tree->size(n), g.bytes);
        }
        paths.sort();
        got << paths;
    }
    // Largest waste first: the native library both wheels bundle.
    QVERIFY(!groups.empty());
    QCOMPARE(got.first(), (QStringList{"alpha_pkg.libs/libblas-a1b2.so", "beta.libs/libblas-c3d4.so"}));
    QCOMPARE(groups.front().bytes, 300000u);
    std::sort(got.begin(), got.end());
    QList<QStringList> want;
    for (const QJsonValue &g : expected.value(QStringLiteral("groups")).toArray())
        want << g.toVariant().toStringList();
    QCOMPARE(got, want);
    QCOMPARE(Duplicates::wastedBytes(groups), std::uint64_t(expected.value(QStringLiteral("wasted")).toDouble()));
    // A pruned copy is no longer a duplicate.
    SizeLedger ledger(*layer.tree);
    ledger.mark(layer.tree->find("beta.libs"), SizeLedger::Mark::Prune);
    const auto kept = Duplicates::find(*layer.tree, layer.zipEntries, &ledger.pruned());
    QCOMPARE(Duplicates::wastedBytes(kept), Duplicates::wastedBytes(groups) - 300000);
}

// Debian's egg-info: no file lists, so top_level.txt and the folder names;
// scipy's dist-info RECORD plus the bytecode compiled after it was written.
void TestDistributions::demoLayerEggInfo()
{
    if (!testsupport::haveDemoLayer())
        QFAIL(testsupport::kDemoMissing);
    const QString demo = testsupport::demoLayer();
    QString error;
    const Layer layer = Layer::open(demo, &error);
    QVERIFY2(layer.tree, qPrintable(error));
    const Distributions dists =
        Distributions::scan(*layer.tree, layer.zipEntries, *Target::find(u"python3.11", u"x86_64"));
    QVERIFY2(dists.problems().isEmpty(), qPrintable(dists.problems().join(u'\n')));
    const QJsonObject expected = runJson(kImportlib, {demo});
    QCOMPARE(dists.count(), int(expected.size()));
    for (const Distribution &d : dists.all()) {
        const QJsonObject e = expected.value(d.normalized).toObject();
        QCOMPARE(d.name, e.value(QStringLiteral("name")).toString());
        QCOMPARE(d.version, e.value(QStringLiteral("version")).toString());
        QStringList declared;
        for (const Requirement &r : d.declared)
            declared << r.text;
        QCOMPARE(declared, e.value(QStringLiteral("requires")).toVariant().toStringList());
    }
    // scipy has a RECORD: importlib's list (plus bytecode) is exactly its files.
    const int scipy = dists.byNormalizedName(u"SciPy");
    QCOMPARE(dists.at(scipy).source, OwnershipSource::Record);
    QCOMPARE(
        ownedFiles(*layer.tree, dists, scipy),
        expected.value(QStringLiteral("scipy")).toObject().value(QStringLiteral("files")).toVariant().toStringList());
    // The egg-info ones own their folders, modules and bytecode, as find counts them.
    const std::map<QString, QString> finds{
        {QStringLiteral("numpy"), QStringLiteral("numpy numpy-*.egg-info")},
        {QStringLiteral("pandas"), QStringLiteral("pandas pandas-*.egg-info")},
        {QStringLiteral("python-dateutil"), QStringLiteral("dateutil python_dateutil-*.egg-info")},
        {QStringLiteral("pytz"), QStringLiteral("pytz pytz-*.egg-info")},
        {QStringLiteral("six"), QStringLiteral("six.py six-*.egg-info")},
        {QStringLiteral("scipy"), QStringLiteral("scipy scipy-*.dist-info")},
    };
    for (const auto &[name, args] : finds) {
        const int d = dists.byNormalizedName(name);
        QVERIFY2(d != Distributions::kNone, qPrintable(name));
        QCOMPARE(dists.at(d).bytes, findBytes(demo, args));
    }
    QCOMPARE(dists.unownedBytes(), findBytes(demo, QStringLiteral(".")) -
                                       findBytes(demo, QStringLiteral("numpy* pandas* dateutil python_dateutil* pytz* "
                                                                      "six* scipy*")));
    // pandas declares requirements only for extras nobody asks: nothing is required.
    QVERIFY(dists.at(dists.byNormalizedName(u"pandas")).dependencies.empty());
    QCOMPARE(dists.at(dists.byNormalizedName(u"scipy")).dependencies,
             std::vector<int>{dists.byNormalizedName(u"numpy")});
    QVERIFY(!dists.at(dists.byNormalizedName(u"numpy")).topLevel);
    QCOMPARE(dists.ownerOfTopLevel("six"), dists.byNormalizedName(u"six"));
    QCOMPARE(dists.ownerOfTopLevel("dateutil"), dists.byNormalizedName(u"python-dateutil"));
}

// RECORD's paths as importlib.metadata resolves them: a quoted path holding
// a comma, "." and ".." taken as written ("x/../plain.py" is plain.py though
// no x/ exists), pip's home-scheme "../../bin/tool", and a path that leaves
// the layer, which owns nothing.
void TestDistributions::listedPathsResolveAsImportlibDoes()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString site = dir.filePath(QStringLiteral("site"));
    const auto write = [&](const QString &path, const QByteArray &bytes) {
        QVERIFY(QDir().mkpath(QFileInfo(site + u'/' + path).absolutePath()));
        QFile f(site + u'/' + path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    };
    write(QStringLiteral("odd/a,b.py"), "A = 1\n");
    write(QStringLiteral("odd/c.py"), "C = 3\n");
    write(QStringLiteral("plain.py"), "P = 2\n");
    write(QStringLiteral("bin/tool"), "#!/bin/sh\n");
    write(QStringLiteral("unlisted.py"), "U = 4\n");
    write(QStringLiteral("demo-1.0.dist-info/METADATA"), "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n");
    write(QStringLiteral("demo-1.0.dist-info/RECORD"), "\"odd/a,b.py\",,\n"
                                                       "odd/./c.py,,\n"
                                                       "x/../plain.py,,\n"
                                                       "../../bin/tool,,\n"
                                                       "../escape.py,,\n"
                                                       "demo-1.0.dist-info/METADATA,,\n"
                                                       "demo-1.0.dist-info/RECORD,,\n");
    QString error;
    const Layer layer = Layer::open(site, &error);
    QVERIFY2(layer.tree, qPrintable(error));
    const Distributions dists = Distributions::scan(*layer.tree, layer.zipEntries);
    QCOMPARE(dists.count(), 1);
    const QStringList owned = ownedFiles(*layer.tree, dists, 0);
    QCOMPARE(owned, runJson(kImportlib, {site})
                        .value(QStringLiteral("demo"))
                        .toObject()
                        .value(QStringLiteral("files"))
                        .toVariant()
                        .toStringList());
    QCOMPARE(owned, QStringList({QStringLiteral("bin/tool"), QStringLiteral("demo-1.0.dist-info/METADATA"),
                                 QStringLiteral("demo-1.0.dist-info/RECORD"), QStringLiteral("odd/a,b.py"),
                                 QStringLiteral("odd/c.py"), QStringLiteral("plain.py")}));
}

// Field names in any case, CRLF line ends and folded values are read as
// headers; what follows the first blank line is the body, never a field.
void TestDistributions::metadataHeadersEndAtTheBody()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("folded-2.0.dist-info"))));
    QFile metadata(dir.filePath(QStringLiteral("folded-2.0.dist-info/METADATA")));
    QVERIFY(metadata.open(QIODevice::WriteOnly));
    metadata.write("Metadata-Version: 2.1\r\n"
                   "name: Folded\r\n"
                   "VERSION: 2.0\r\n"
                   "Summary: a summary\r\n"
                   "  on two lines\r\n"
                   "Requires-Dist: alpha\r\n"
                   "requires-dist: beta;\r\n"
                   "\tpython_version >= \"3\"\r\n"
                   "\r\n"
                   "Name: not-a-header\r\n"
                   "Requires-Dist: gamma\r\n");
    metadata.close();
    QString error;
    const Layer layer = Layer::open(dir.path(), &error);
    QVERIFY2(layer.tree, qPrintable(error));
    const Distributions dists = Distributions::scan(*layer.tree, layer.zipEntries);
    QCOMPARE(dists.count(), 1);
    QCOMPARE(dists.at(0).name, QStringLiteral("Folded"));
    QCOMPARE(dists.at(0).version, QStringLiteral("2.0"));
    QStringList declared;
    for (const Requirement &r : dists.at(0).declared)
        declared << r.text;
    QCOMPARE(declared, QStringList({QStringLiteral("alpha"), QStringLiteral("beta; python_version >= \"3\"")}));
}

QTEST_GUILESS_MAIN(TestDistributions)
#include "tst_distributions.moc"
