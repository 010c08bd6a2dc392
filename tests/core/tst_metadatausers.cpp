// Metadata the layer's code reads at import, found in its sources and spared
// from the dist-info rules. The real case is Debian's lazr.uri, whose
// __init__ runs importlib_metadata.version("lazr.uri"): with the plain rule
// its export no longer imports (PackageNotFoundError); with the spares found
// by the scan it imports and reports its version. Generated sources cover the
// spellings (aliases, from-imports, __name__, pkg_resources, entry_points) and
// what must not count (comments, doctests, definitions).
#include "checks/metadatausers.h"
#include "scan/layer.h"
#include "select/distributions.h"
#include "select/rules.h"
#include "select/sizeledger.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

class TestMetadataUsers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void realPackageReadsItsOwnVersion();
    void plainRuleBreaksTheImportSparedRuleKeepsIt();
    void spellings();
    void normalizedNames();
    void manySourcesReadOnEveryCoreInTreeOrder();

private:
    QString layer() const { return m_tmp.filePath(QStringLiteral("real/python")); }
    QTemporaryDir m_tmp;
    QString m_version; // lazr.uri's, as Debian ships it
};

namespace {

// Writes `text` to `root/rel`, making folders.
void write(const QString &root, const QString &rel, const QByteArray &text)
{
    const QString path = root + QLatin1Char('/') + rel;
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

Layer open(const QString &path)
{
    QString error;
    Layer layer = Layer::open(path, &error);
    if (!layer.tree)
        qFatal("cannot open %s: %s", qPrintable(path), qPrintable(error));
    return layer;
}

// `import lazr.uri` with only `dir` on sys.path: its version, or the error's last line.
QString importFrom(const QString &dir, int *exitCode)
{
    const QByteArray out = sh(QStringLiteral("python3 -S -I -c 'import sys; sys.path.insert(0, sys.argv[1]); "
                                             "import lazr.uri; print(lazr.uri.__version__)' %1 2>&1")
                                  .arg(quoted(dir)),
                              exitCode);
    return QString::fromUtf8(out).trimmed().section(QLatin1Char('\n'), -1);
}

} // namespace

void TestMetadataUsers::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    // Debian's python3-lazr.uri, copied as make-real-layer.sh copies packages, plus six as a
    // distribution whose metadata nobody reads.
    const QString site = QStringLiteral("/usr/lib/python3/dist-packages");
    QVERIFY2(QFile::exists(site + QStringLiteral("/lazr/uri/__init__.py")),
             "python3-lazr.uri is installed by scripts/install-deps.sh");
    sh(QStringLiteral("mkdir -p %1 && cd %2 && cp -a lazr lazr.uri-*.egg-info six.py six-*.egg-info %1/ && "
                      "rm -rf %1/lazr/restfulclient")
           .arg(quoted(layer()), quoted(site)));
    m_version = QString::fromUtf8(sh(QStringLiteral("cd %1 && ls -d lazr.uri-*.egg-info").arg(quoted(layer()))))
                    .trimmed()
                    .section(QLatin1Char('-'), 1)
                    .chopped(9);
    QVERIFY(!m_version.isEmpty());
}

void TestMetadataUsers::realPackageReadsItsOwnVersion()
{
    const Layer l = open(layer());
    const MetadataUsers users = MetadataUsers::find(*l.tree, &l.zipEntries, Distributions::scan(*l.tree, l.zipEntries));
    QVERIFY(users.problems.isEmpty());
    // Every .py of the layer was looked into.
    const int sources =
        sh(QStringLiteral("find %1 -type f -name '*.py' | wc -l").arg(quoted(layer()))).trimmed().toInt();
    QCOMPARE(int(users.sourcesRead), sources);

    const MetadataRead *own = nullptr;
    for (const MetadataRead &r : users.reads)
        if (l.tree->packagePath(r.source) == "lazr/uri/__init__.py")
            own = &r;
    QVERIFY(own);
    // The line as the file has it, found by grep.
    const int line =
        sh(QStringLiteral("grep -n 'version(\"lazr.uri\")' %1/lazr/uri/__init__.py | cut -d: -f1").arg(quoted(layer())))
            .trimmed()
            .toInt();
    QCOMPARE(own->line, line);
    QVERIFY(own->atImport);
    QCOMPARE(own->call, QStringLiteral("importlib_metadata.version"));
    QCOMPARE(own->distribution, QByteArray("lazr-uri"));
    QCOMPARE(l.tree->packagePath(own->metadata), QStringLiteral("lazr.uri-%1.egg-info").arg(m_version).toUtf8());

    const std::vector<RuleSpare> spares = users.spares(*l.tree);
    QCOMPARE(spares.size(), std::size_t(1));
    QCOMPARE(spares[0].glob, QStringLiteral("lazr.uri-%1.egg-info/PKG-INFO").arg(m_version));
    QCOMPARE(spares[0].reason, QStringLiteral("read by lazr/uri/__init__.py at import (importlib_metadata.version)"));

    // The rule keeps exactly that file: its bytes less PKG-INFO's, as stat counts them.
    SizeLedger ledger(*l.tree);
    const int rule = RuleCatalog::indexOf(RuleId::DistInfo);
    const std::uint64_t plain = ledger.ruleBytes(rule).aloneBytes;
    QVERIFY(users.spareIn(ledger));
    QVERIFY(!users.spareIn(ledger)); // settled in one pass
    const std::uint64_t pkgInfo =
        sh(QStringLiteral("stat -c %s %1/lazr.uri-*.egg-info/PKG-INFO").arg(quoted(layer()))).trimmed().toULongLong();
    QVERIFY(pkgInfo > 0);
    QCOMPARE(ledger.ruleBytes(rule).aloneBytes, plain - pkgInfo);
    QCOMPARE(ledger.ruleSpares(rule).size(), std::size_t(1));
    // A user's exceptions replace the rule's, never the spares.
    ledger.setRuleExceptions(rule, {QStringLiteral("six-*")});
    QVERIFY(ledger.ruleBytes(rule).aloneBytes < plain - pkgInfo);
    QCOMPARE(ledger.ruleSpares(rule).size(), std::size_t(1));
    // Only kept sources count: with lazr/uri pruned, nothing reads the metadata any more.
    ledger.setRuleExceptions(rule, {});
    ledger.mark(l.tree->find("lazr/uri", l.tree->packageRoot()), SizeLedger::Mark::Prune);
    QVERIFY(users.spareIn(ledger));
    QVERIFY(ledger.ruleSpares(rule).empty());
    QCOMPARE(ledger.ruleSpares(RuleCatalog::indexOf(RuleId::DistInfoLite)).size(), std::size_t(0));
}

void TestMetadataUsers::plainRuleBreaksTheImportSparedRuleKeepsIt()
{
    int rc = -1;
    QCOMPARE(importFrom(layer(), &rc), m_version); // the layer as copied imports
    QCOMPARE(rc, 0);

    // layerslim-cli spares what the scan found: the export imports and knows its version.
    const QString spared = m_tmp.filePath(QStringLiteral("spared"));
    const auto run = testsupport::cli({QStringLiteral("export"), layer(), QStringLiteral("--rules"),
                                       QStringLiteral("dist-info"), QStringLiteral("--folder"), QStringLiteral("-o"),
                                       spared, QStringLiteral("--prefix"), QString(), QStringLiteral("--no-report")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    // Of the metadata only lazr.uri's PKG-INFO is left; six's went.
    QCOMPARE(QString::fromUtf8(sh(QStringLiteral("cd %1 && find . -path '*egg-info*' -type f").arg(quoted(spared))))
                 .trimmed(),
             QStringLiteral("./lazr.uri-%1.egg-info/PKG-INFO").arg(m_version));
    QCOMPARE(importFrom(spared, &rc), m_version);
    QCOMPARE(rc, 0);

    // The same rule without the spares (a plain `rm -r *.egg-info`) breaks the import.
    const QString plain = m_tmp.filePath(QStringLiteral("plain"));
    sh(QStringLiteral("cp -a %1 %2 && rm -rf %2/*.egg-info").arg(quoted(layer()), quoted(plain)));
    const QString error = importFrom(plain, &rc);
    QVERIFY(rc != 0);
    QVERIFY2(error.contains(QStringLiteral("PackageNotFoundError")), qPrintable(error));

    // scan --json says what was spared and why.
    const auto scan = testsupport::cli({QStringLiteral("scan"), layer(), QStringLiteral("--rules"),
                                        QStringLiteral("dist-info"), QStringLiteral("--json")});
    const QJsonObject out = QJsonDocument::fromJson(scan.out).object();
    const QJsonArray sparedJson =
        out.value(QStringLiteral("rules")).toArray().at(0).toObject().value(QStringLiteral("spared")).toArray();
    QCOMPARE(sparedJson.size(), 1);
    QCOMPARE(sparedJson.at(0).toObject().value(QStringLiteral("path")).toString(),
             QStringLiteral("lazr.uri-%1.egg-info/PKG-INFO").arg(m_version));
}

void TestMetadataUsers::spellings()
{
    const QString root = m_tmp.filePath(QStringLiteral("spellings"));
    write(root, QStringLiteral("alpha/__init__.py"),
          "from importlib.metadata import version as _v, PackageNotFoundError\n__version__ = _v(__name__)\n");
    write(root, QStringLiteral("beta/__init__.py"),
          "from importlib import metadata\n\ndef show():\n    return metadata.version('gamma-pkg')\n");
    write(root, QStringLiteral("delta.py"),
          "import pkg_resources\nVERSION = pkg_resources.get_distribution(\"Delta_Dist\").version\n");
    write(root, QStringLiteral("eps/__init__.py"),
          "from importlib.metadata import (\n    entry_points,\n)\nPLUGINS = entry_points(group='eps.plugins')\n"
          "def later():\n    return entry_points()\n");
    write(root, QStringLiteral("quiet/__init__.py"),
          "from importlib.metadata import version\n"
          "# version(\"alpha\") in a comment\n"
          "def version(name):\n    '''\n    >>> version(\"beta\")\n    '''\n"
          "x = version(some_name)\n"
          "y = other.version(\"alpha\")\n");
    write(root, QStringLiteral("alpha-1.0.dist-info/METADATA"), "Name: alpha\nVersion: 1.0\n");
    write(root, QStringLiteral("alpha-1.0.dist-info/RECORD"), "alpha/__init__.py,,\n");
    write(root, QStringLiteral("gamma_pkg-2.0.dist-info/METADATA"), "Name: gamma-pkg\nVersion: 2.0\n");
    write(root, QStringLiteral("gamma_pkg-2.0.dist-info/entry_points.txt"), "[eps.plugins]\ng = beta:show\n");
    write(root, QStringLiteral("delta_dist-3.0.egg-info/PKG-INFO"), "Name: Delta-Dist\nVersion: 3.0\n");
    write(root, QStringLiteral("delta_dist-3.0.egg-info/top_level.txt"), "delta\n");

    const Layer l = open(root);
    const MetadataUsers users = MetadataUsers::find(*l.tree, &l.zipEntries, Distributions::scan(*l.tree, l.zipEntries));
    QStringList found;
    for (const MetadataRead &r : users.reads)
        found << QStringLiteral("%1:%2 %3 %4 -> %5%6")
                     .arg(QString::fromUtf8(l.tree->packagePath(r.source)))
                     .arg(r.line)
                     .arg(r.call, QString::fromUtf8(r.distribution),
                          r.metadata == FileTree::kNone ? QStringLiteral("-")
                                                        : QString::fromUtf8(l.tree->packagePath(r.metadata)),
                          r.atImport ? QStringLiteral(" at import") : QString());
    found.sort();
    QCOMPARE(found, (QStringList{
                        "alpha/__init__.py:2 _v alpha -> alpha-1.0.dist-info at import",
                        "beta/__init__.py:4 metadata.version gamma-pkg -> gamma_pkg-2.0.dist-info",
                        "delta.py:2 pkg_resources.get_distribution delta-dist -> delta_dist-3.0.egg-info at import",
                        "eps/__init__.py:4 entry_points  -> gamma_pkg-2.0.dist-info at import",
                    }));
    QStringList spared;
    for (const RuleSpare &s : users.spares(*l.tree))
        spared << s.glob;
    spared.sort();
    QCOMPARE(spared, (QStringList{"alpha-1.0.dist-info/METADATA", "delta_dist-3.0.egg-info/PKG-INFO",
                                  "gamma_pkg-2.0.dist-info/METADATA", "gamma_pkg-2.0.dist-info/entry_points.txt"}));
}

void TestMetadataUsers::normalizedNames()
{
    QCOMPARE(MetadataUsers::normalizedName("Prompt_Toolkit"), QByteArray("prompt-toolkit"));
    QCOMPARE(MetadataUsers::normalizedName("lazr.uri"), QByteArray("lazr-uri"));
    QCOMPARE(MetadataUsers::normalizedName("a__-.b"), QByteArray("a-b"));
}

void TestMetadataUsers::manySourcesReadOnEveryCoreInTreeOrder()
{
    // 1,200 sources, enough for a run on every core: every 37th reads six's
    // version, and a tests/ folder of each package holds more readers.
    const QString root = m_tmp.filePath(QStringLiteral("many"));
    for (int p = 0; p < 6; ++p)
        for (int m = 0; m < 200; ++m) {
            const bool reads = (p * 200 + m) % 37 == 0;
            write(root,
                  QStringLiteral("pkg%1/%2m%3.py").arg(p).arg(m % 4 == 0 ? QStringLiteral("tests/") : QString()).arg(m),
                  reads ? QByteArray("import importlib.metadata\nV = importlib.metadata.version('six')\n")
                        : QByteArray("def f(x):\n    return x * 2\n"));
        }
    sh(QStringLiteral("cp -a /usr/lib/python3/dist-packages/six-*-info %1/").arg(quoted(root)));
    // Independently: the readers grep finds, in the walk's order (names sorted
    // bytewise), each naming six and resolved to its metadata.
    const auto readers = [&](const QString &findArgs) {
        return QString::fromUtf8(
                   sh(QStringLiteral("cd %1 && find . -name '*.py' %2 | xargs grep -l "
                                     "'metadata.version' | cut -c3- | LC_ALL=C sort | sed 's/$/ six six/'")
                          .arg(quoted(root), findArgs)))
            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    };
    const auto count = [&](const QString &findArgs) {
        return sh(QStringLiteral("cd %1 && find . -name '*.py' %2 | wc -l").arg(quoted(root), findArgs))
            .trimmed()
            .toInt();
    };

    for (const bool zip : {false, true}) {
        QString path = root;
        if (zip) {
            path = m_tmp.filePath(QStringLiteral("many.zip"));
            sh(QStringLiteral("cd %1 && zip -qr %2 .").arg(quoted(root), quoted(path)));
        }
        const Layer l = open(path);
        const Distributions dists = Distributions::scan(*l.tree, l.zipEntries);
        const auto sources = [&](const MetadataUsers &users) {
            QStringList out;
            for (const MetadataRead &r : users.reads)
                out << QString::fromUtf8(l.tree->packagePath(r.source) + ' ' + r.distribution + ' ' +
                                         (r.metadata == FileTree::kNone
                                              ? QByteArray("-")
                                              : l.tree->name(r.metadata).first(3).toByteArray()));
            return out;
        };
        const MetadataUsers all = MetadataUsers::find(*l.tree, &l.zipEntries, dists);
        QVERIFY(all.problems.isEmpty());
        QCOMPARE(int(all.sourcesRead), count(QString()));
        QCOMPARE(sources(all), readers(QString()));

        // With the tests rule on, its pruned sources are not read.
        SizeLedger ledger(*l.tree);
        ledger.setRuleEnabled(RuleCatalog::indexOf(RuleId::Tests), true);
        const MetadataUsers kept = MetadataUsers::find(*l.tree, &l.zipEntries, dists, nullptr, &ledger.pruned());
        QCOMPARE(int(kept.sourcesRead), count(QStringLiteral("-not -path '*/tests/*'")));
        QCOMPARE(sources(kept), readers(QStringLiteral("-not -path '*/tests/*'")));
        QVERIFY(sources(kept).size() < sources(all).size());
        QCOMPARE(kept.spares(*l.tree, &ledger.pruned()), all.spares(*l.tree, &ledger.pruned()));
    }
}

QTEST_GUILESS_MAIN(TestMetadataUsers)
#include "tst_metadatausers.moc"
