// Verification on the real demo layer with testsupport::python() (the Python whose
// numpy/scipy/pandas the layer came from): imports, culprit bisection, smoke
// scripts, zip sources, timeouts and output caps; expectations come from find,
// the files themselves and plain python3 runs.
#include "checks/culpritfinder.h"
#include "checks/keptset.h"
#include "checks/pythonfinder.h"
#include "checks/verifier.h"
#include "scan/directoryscanner.h"
#include "scan/layer.h"
#include "select/sizeledger.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

namespace {

const QString kPython = testsupport::python();

void enableSeedRules(SizeLedger &ledger)
{
    for (const char *id : {"tests", "bytecode", "dist-info", "pyproject", "datasets"})
        ledger.setRuleEnabled(RuleCatalog::indexOf(QString::fromLatin1(id)), true);
}

VerifyOptions options()
{
    VerifyOptions o;
    o.python = kPython;
    o.timeoutMs = 300000;
    return o;
}

// Files below `dir` newer than `stamp`: the source must stay untouched.
int changedSince(const QString &dir, const QString &stamp)
{
    return sh(QStringLiteral("find %1 -newer %2 | wc -l").arg(quoted(dir), quoted(stamp))).trimmed().toInt();
}

} // namespace

class TestVerify : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importablesMatchFind();
    void pythonProbe();
    void seedRulesVerify();
    void testingPrunedFailsAndBisects();
    void distInfoBreaksMetadataVersion();
    void zipSourceVerifies();
    void timeoutAndOutputCap();
    void cancelledBeforeStart();
    void cliExitStatusAndCulprit();
    void relativePathBrokenLayer();
    void emptyNamespacePackageFails();
    void smokeScriptFromWorkingFolder();

private:
    // `layerslim-cli ARGS` run in `dir`, its output (stdout and stderr) and exit status.
    QByteArray cliIn(const QString &dir, const QString &args, int *code) const;
    // A small layer under dir/data: good/ (python/good.py) and bad/ (python/good.py
    // and python/badpkg/, whose __init__.py raises ImportError), and bad.zip of bad/.
    void makeSmallLayers(const QString &dir) const;
    [[nodiscard]] QString hostRuntime() const;

    std::unique_ptr<FileTree> m_tree;
    QTemporaryDir m_tmp;
    QString m_stamp;
};

void TestVerify::initTestCase()
{
    QVERIFY2(testsupport::haveDemoLayer(), "the demo layer is staged by ctest's stage_demo_layer");
    QVERIFY(QFileInfo(kPython).isExecutable());
    QString error;
    m_tree = DirectoryScanner::scan(testsupport::demoLayer(), &error);
    QVERIFY2(m_tree, qPrintable(error));
    m_stamp = m_tmp.filePath(QStringLiteral("stamp"));
    sh(QStringLiteral("touch %1 && sleep 1").arg(quoted(m_stamp)));
}

void TestVerify::importablesMatchFind()
{
    const QStringList found = Verifier::importables(*m_tree, Bitset(m_tree->count()));
    // Packages: top-level folders with __init__.py; modules: top-level *.py and *.so.
    const QString script =
        QStringLiteral("cd %1 && { for d in */; do [ -f \"$d/__init__.py\" ] && echo \"${d%/}\"; done; "
                       "ls -1 | grep -E '\\.(py|so)$' | sed 's/\\..*//'; } | sort -u")
            .arg(quoted(testsupport::demoLayer()));
    QStringList expected = QString::fromUtf8(sh(script)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QStringList got = found;
    got.sort();
    QCOMPARE(got, expected);
    QVERIFY(found.contains(QStringLiteral("numpy")) && found.contains(QStringLiteral("pandas")));
}

void TestVerify::pythonProbe()
{
    QString error;
    const auto info = PythonFinder::probe(kPython, &error);
    QVERIFY2(info, qPrintable(error));
    const QString expected =
        QString::fromUtf8(
            sh(QStringLiteral("%1 -c 'import sys;print(\"%d.%d.%d\" % sys.version_info[:3])'").arg(kPython)))
            .trimmed();
    QCOMPARE(info->version, expected);
    QCOMPARE(info->runtimeName(), QStringLiteral("python%1.%2").arg(info->major).arg(info->minor));
    QVERIFY(PythonFinder::mismatch(*info, info->runtimeName()).isEmpty());
    QVERIFY(!PythonFinder::mismatch(*info, QStringLiteral("python3.%1").arg(info->minor + 1)).isEmpty());
    QVERIFY(!PythonFinder::probe(QStringLiteral("/bin/true"), &error));
    const std::vector<PythonInfo> list{PythonInfo{QStringLiteral("a"), QStringLiteral("3.9.1"), 3, 9},
                                       PythonInfo{QStringLiteral("b"), QStringLiteral("3.10.2"), 3, 10}};
    QCOMPARE(PythonFinder::pick(list, u"python3.10"), 1);
    QCOMPARE(PythonFinder::pick(list, u"python3.12"), 0);
}

void TestVerify::seedRulesVerify()
{
    SizeLedger ledger(*m_tree);
    enableSeedRules(ledger);
    Verifier verifier(*m_tree, nullptr, options());
    const VerifyReport report = verifier.run(ledger.pruned());
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QStringList names;
    for (const CheckResult &r : report.results) {
        QVERIFY2(r.passed(), qPrintable(r.check.name + QStringLiteral(": ") + r.output));
        names << r.check.name;
    }
    QCOMPARE(names, Verifier::importables(*m_tree, ledger.pruned()));
    for (const char *m : {"numpy", "scipy", "pandas", "dateutil", "pytz", "six"})
        QVERIFY2(names.contains(QString::fromLatin1(m)), m);
    QVERIFY(report.passed());
    QCOMPARE(changedSince(testsupport::demoLayer(), m_stamp), 0);
}

void TestVerify::testingPrunedFailsAndBisects()
{
    SizeLedger ledger(*m_tree);
    enableSeedRules(ledger);
    const FileTree::Index testing = m_tree->find("pandas/_testing", m_tree->packageRoot());
    QVERIFY(testing != FileTree::kNone);
    ledger.mark(testing, SizeLedger::Mark::Prune);

    VerifyOptions o = options();
    o.modules = QStringList{QStringLiteral("pandas"), QStringLiteral("numpy")};
    Verifier verifier(*m_tree, nullptr, o);
    const VerifyReport report = verifier.run(ledger.pruned());
    QCOMPARE(report.results.size(), std::size_t(2));
    const CheckResult &pandas = report.results[0];
    QCOMPARE(pandas.status, CheckStatus::Failed);
    QVERIFY2(pandas.error.contains(QStringLiteral("Error")) && pandas.error.contains(QStringLiteral("pandas._testing")),
             qPrintable(pandas.error));
    QVERIFY(pandas.output.contains(QStringLiteral("Traceback")));
    QVERIFY(report.results[1].passed());
    QVERIFY(!report.passed());

    CulpritFinder finder(verifier);
    const BisectResult b = finder.find(ledger.pruned(), pandas.check, nullptr, &pandas);
    QCOMPARE(b.outcome, BisectResult::Outcome::Found);
    QCOMPARE(b.culprits.size(), std::size_t(1));
    QCOMPARE(b.culprits[0].path, QByteArray("pandas/_testing"));
    // Everything below pandas/_testing is pruned, so the culprit holds all of its files.
    const QByteArray findOut = sh(QStringLiteral("find %1/pandas/_testing -type f -printf '%s\\n' | "
                                                 "awk '{s+=$1; n++} END {print s, n}'")
                                      .arg(quoted(testsupport::demoLayer())));
    QCOMPARE(QString::number(b.culprits[0].bytes) + QLatin1Char(' ') + QString::number(b.culprits[0].files),
             QString::fromUtf8(findOut).trimmed());
    // O(log n): a handful of runs over the maximal pruned subtrees.
    const int n = int(KeptSet::pruneRoots(*m_tree, ledger.pruned()).size());
    QCOMPARE(b.candidates, n);
    QVERIFY2(b.runs <= 2 + int(std::ceil(std::log2(double(n)))) + 1, qPrintable(QString::number(b.runs)));
    // Restoring the culprit makes pandas import.
    const CheckResult again =
        verifier.runCheck(CulpritFinder::restored(*m_tree, ledger.pruned(), b.culprits), pandas.check);
    QVERIFY2(again.passed(), qPrintable(again.output));
    QCOMPARE(changedSince(testsupport::demoLayer(), m_stamp), 0);
}

void TestVerify::distInfoBreaksMetadataVersion()
{
    const QString smoke = m_tmp.filePath(QStringLiteral("smoke.py"));
    QFile f(smoke);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("import importlib.metadata as m\nprint('scipy', m.version('scipy'))\nprint('numpy', m.version('numpy'))\n"
            "print(sorted(e.name for e in m.distribution('numpy').entry_points))\n"
            "print(sorted(m.distribution('pandas').requires or []))\n");
    f.close();
    const QString expected =
        QString::fromUtf8(sh(QStringLiteral("grep -m1 '^Version:' %1/scipy-*.dist-info/METADATA | cut -d' ' -f2")
                                 .arg(quoted(testsupport::demoLayer()))))
            .trimmed();
    QVERIFY(!expected.isEmpty());

    VerifyOptions o = options();
    o.modules = QStringList{QStringLiteral("six")};
    o.smokeScript = smoke;
    SizeLedger ledger(*m_tree);
    ledger.setRuleEnabled(RuleCatalog::indexOf(u"bytecode"), true);
    Verifier verifier(*m_tree, nullptr, o);
    const VerifyReport kept = verifier.run(ledger.pruned());
    QCOMPARE(kept.results.size(), std::size_t(2));
    QCOMPARE(kept.results[1].check.kind, CheckKind::Smoke);
    QVERIFY2(kept.results[1].passed(), qPrintable(kept.results[1].output));
    const QString wholeOutput = kept.results[1].output;
    QCOMPARE(wholeOutput.split(QLatin1Char('\n')).first(), QStringLiteral("scipy ") + expected);
    QVERIFY2(wholeOutput.contains(QStringLiteral("f2py")), qPrintable(wholeOutput)); // numpy's console script

    // Metadata-lite drops RECORD, SOURCES.txt and the like, but every answer stays the same.
    const int lite = RuleCatalog::indexOf(u"dist-info-lite");
    QVERIFY(lite >= 0);
    ledger.setRuleEnabled(lite, true);
    const QByteArray distInfo =
        sh(QStringLiteral("cd %1 && ls -d scipy-*.dist-info").arg(quoted(testsupport::demoLayer()))).trimmed();
    QVERIFY(ledger.isPruned(m_tree->find(distInfo + "/RECORD", m_tree->packageRoot())));
    QVERIFY(!ledger.isPruned(m_tree->find(distInfo + "/METADATA", m_tree->packageRoot())));
    QVERIFY(ledger.ruleBytes(lite).aloneBytes > 0);
    const VerifyReport liteRun = verifier.run(ledger.pruned());
    QVERIFY2(liteRun.results[1].passed(), qPrintable(liteRun.results[1].output));
    QCOMPARE(liteRun.results[1].output, wholeOutput);
    ledger.setRuleEnabled(lite, false);

    ledger.setRuleEnabled(RuleCatalog::indexOf(u"dist-info"), true);
    const VerifyReport dropped = verifier.run(ledger.pruned());
    QCOMPARE(dropped.results[1].status, CheckStatus::Failed);
    QVERIFY2(dropped.results[1].error.startsWith(QStringLiteral("importlib.metadata.PackageNotFoundError")),
             qPrintable(dropped.results[1].error));
}

void TestVerify::zipSourceVerifies()
{
    const QString dir = m_tmp.filePath(QStringLiteral("zipsrc"));
    sh(QStringLiteral("mkdir -p %1/python && cp -r %2/dateutil %2/six.py %1/python/ && "
                      "mkdir -p %1/python/broken && echo 'import not_there_at_all' > %1/python/broken/__init__.py && "
                      "cd %1 && zip -qr layer.zip python")
           .arg(quoted(dir), quoted(testsupport::demoLayer())));
    QString error;
    const Layer layer = Layer::open(dir + QStringLiteral("/layer.zip"), &error);
    QVERIFY2(layer.tree && layer.isZip(), qPrintable(error));
    VerifyOptions o = options();
    o.scratchDir = m_tmp.path(); // a zip is extracted to TMPDIR otherwise; keep the shared one quiet
    Verifier verifier(*layer.tree, &layer.zipEntries, o);
    SizeLedger ledger(*layer.tree);
    ledger.setRuleEnabled(RuleCatalog::indexOf(u"tests"), true);
    const VerifyReport report = verifier.run(ledger.pruned());
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QCOMPARE(report.results.size(), std::size_t(3));
    QCOMPARE(report.results[0].check.name, QStringLiteral("broken"));
    QCOMPARE(report.results[0].error, QStringLiteral("ModuleNotFoundError: No module named 'not_there_at_all'"));
    QVERIFY2(report.results[1].passed(), qPrintable(report.results[1].output));
    QVERIFY2(report.results[2].passed(), qPrintable(report.results[2].output));
    // Bisection knows pruning is not the cause here.
    CulpritFinder finder(verifier);
    ledger.setRuleEnabled(RuleCatalog::indexOf(u"pyproject"), true);
    const BisectResult b = finder.find(ledger.pruned(), report.results[0].check);
    QVERIFY(b.outcome == BisectResult::Outcome::FailsWhole || b.outcome == BisectResult::Outcome::NothingPruned);
}

void TestVerify::timeoutAndOutputCap()
{
    const QString dir = m_tmp.filePath(QStringLiteral("slow"));
    sh(QStringLiteral("mkdir -p %1 && echo 'import time; time.sleep(60)' > %1/sleepy.py && "
                      "echo 'import sys; sys.stdout.write(\"x\" * 1000000); sys.stdout.flush()' > %1/chatty.py")
           .arg(quoted(dir)));
    QString error;
    auto tree = DirectoryScanner::scan(dir, &error);
    QVERIFY(tree);
    VerifyOptions o = options();
    o.timeoutMs = 1500;
    o.outputCap = 4096;
    Verifier verifier(*tree, nullptr, o);
    QElapsedTimer t;
    t.start();
    const VerifyReport report = verifier.run(Bitset(tree->count()));
    QVERIFY(t.elapsed() < 30000);
    QCOMPARE(report.results.size(), std::size_t(2));
    const CheckResult &chatty = report.results[0];
    const CheckResult &sleepy = report.results[1];
    QCOMPARE(sleepy.status, CheckStatus::TimedOut);
    QVERIFY(chatty.passed());
    QVERIFY(chatty.truncated);
    QVERIFY(chatty.output.size() < 4096 + 100);
    QVERIFY(chatty.output.contains(QStringLiteral("bytes of output cut")));
}

void TestVerify::cancelledBeforeStart()
{
    JobControl control;
    control.cancel();
    Verifier verifier(*m_tree, nullptr, options());
    const VerifyReport report = verifier.run(Bitset(m_tree->count()), &control);
    QVERIFY(!report.passed());
    for (const CheckResult &r : report.results)
        QCOMPARE(r.status, CheckStatus::Cancelled);
}

void TestVerify::cliExitStatusAndCulprit()
{
    const QString profile = m_tmp.filePath(QStringLiteral("p.json"));
    QFile f(profile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral(R"({"version": 1, "runtime": "%1",
                "rules": ["tests", "bytecode", "dist-info", "pyproject", "datasets"],
                "prune": ["pandas/_testing"]})")
                .arg(testsupport::host().runtime)
                .toUtf8());
    f.close();
    int code = -1;
    const QByteArray out =
        sh(QStringLiteral("%1 verify %2 --python %3 --profile %4 --import pandas,six")
               .arg(QStringLiteral(LAYERSLIM_CLI), quoted(testsupport::demoLayer()), kPython, quoted(profile)),
           &code);
    QCOMPARE(code, 2);
    QVERIFY2(out.contains("culprit: pandas/_testing"), out.constData());
    QVERIFY2(out.contains("FAIL  pandas: ModuleNotFoundError"), out.constData());
    QVERIFY2(out.contains("ok    six"), out.constData());

    const QByteArray json = sh(QStringLiteral("%1 verify %2 --python %3 --rules tests,bytecode --import numpy --json")
                                   .arg(QStringLiteral(LAYERSLIM_CLI), quoted(testsupport::demoLayer()), kPython),
                               &code);
    QCOMPARE(code, 0);
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    QCOMPARE(o.value(QStringLiteral("passed")).toBool(), true);
    QCOMPARE(o.value(QStringLiteral("results")).toArray().size(), 1);
    QCOMPARE(o.value(QStringLiteral("results")).toArray()[0].toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("passed"));
}

QByteArray TestVerify::cliIn(const QString &dir, const QString &args, int *code) const
{
    return sh(QStringLiteral("cd %1 && %2 %3 2>&1").arg(quoted(dir), QStringLiteral(LAYERSLIM_CLI), args), code);
}

void TestVerify::makeSmallLayers(const QString &dir) const
{
    sh(QStringLiteral("set -e; mkdir -p %1/data/good/python %1/data/bad/python/badpkg; cd %1/data; "
                      "printf 'VALUE = 42\\n' > good/python/good.py; cp good/python/good.py bad/python/; "
                      "printf 'raise ImportError(\"badpkg is broken on purpose\")\\n' > bad/python/badpkg/__init__.py; "
                      "printf 'X = 1\\n' > bad/python/badpkg/mod.py; "
                      "(cd bad && zip -qr ../bad.zip python)")
           .arg(quoted(dir)));
    QVERIFY(QFileInfo(dir + QStringLiteral("/data/bad.zip")).isFile());
}

QString TestVerify::hostRuntime() const
{
    const auto python = PythonFinder::probe(kPython);
    return python ? python->runtimeName() : QString();
}

void TestVerify::relativePathBrokenLayer()
{
    // A package whose __init__ raises must fail whether the layer is named by
    // a path relative to the working folder, an absolute one, or as a zip.
    const QString dir = m_tmp.filePath(QStringLiteral("relative"));
    makeSmallLayers(dir);
    const QString runtime = hostRuntime();
    QVERIFY(!runtime.isEmpty());
    // Independently: the plain interpreter fails on the broken package.
    int code = -1;
    const QByteArray plain =
        sh(QStringLiteral("cd %1/data/bad/python && %2 -S -c 'import badpkg' 2>&1").arg(quoted(dir), kPython), &code);
    QVERIFY(code != 0);
    QVERIFY2(plain.contains("ImportError: badpkg is broken on purpose"), plain.constData());
    for (const QString &path : {QStringLiteral("data/bad"), QStringLiteral("./data/bad"),
                                dir + QStringLiteral("/data/bad"), QStringLiteral("data/bad.zip")}) {
        const QByteArray out = cliIn(
            dir, QStringLiteral("verify %1 --runtime %2 --python %3 --no-bisect").arg(quoted(path), runtime, kPython),
            &code);
        QVERIFY2(code == 2, qPrintable(path + QStringLiteral(": ") + QString::fromUtf8(out)));
        QVERIFY2(out.contains("FAIL  badpkg: ImportError: badpkg is broken on purpose"), out.constData());
        QVERIFY2(out.contains("ok    good"), out.constData());
        QVERIFY2(!out.contains("verified: every check passed"), out.constData());
    }
    // The healthy layer, by a relative path, still passes.
    const QByteArray good =
        cliIn(dir, QStringLiteral("verify data/good --runtime %1 --python %2").arg(runtime, kPython), &code);
    QCOMPARE(code, 0);
    QVERIFY2(good.contains("verified: every check passed"), good.constData());

    // The kept set built from a relative root resolves every kept file.
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir));
    QString error;
    auto tree = DirectoryScanner::scan(QStringLiteral("data/bad"), &error);
    QVERIFY(QDir::setCurrent(previous));
    QVERIFY2(tree, qPrintable(error));
    QVERIFY(QDir::setCurrent(dir));
    const QString kept = m_tmp.filePath(QStringLiteral("relative-kept"));
    const bool built = KeptSet::materialize({tree.get(), nullptr, {}}, Bitset(tree->count()), kept, &error);
    QVERIFY(QDir::setCurrent(previous));
    QVERIFY2(built, qPrintable(error));
    QCOMPARE(sh(QStringLiteral("cat %1/python/badpkg/mod.py").arg(quoted(kept))), QByteArray("X = 1\n"));
    QCOMPARE(sh(QStringLiteral("find -L %1 -type l | wc -l").arg(quoted(kept))).trimmed(),
             QByteArray("0")); // none dangles
    QVERIFY(KeptSet::remove(kept));
}

void TestVerify::emptyNamespacePackageFails()
{
    // A kept set whose __init__.py does not reach the interpreter (a dangling
    // link) imports as an empty namespace package: that is a failure.
    const QString root = m_tmp.filePath(QStringLiteral("namespace/python"));
    sh(QStringLiteral("set -e; mkdir -p %1/pkg %1/nsonly; ln -s /nonexistent/__init__.py %1/pkg/__init__.py; "
                      "printf 'X = 1\\n' > %1/nsonly/mod.py")
           .arg(quoted(root)));
    int code = -1;
    const QByteArray plain =
        sh(QStringLiteral("cd %1 && %2 -S -c 'import pkg; print(pkg.__file__)'").arg(quoted(root), kPython), &code);
    QCOMPARE(code, 0); // what Python itself does: no error, no __file__
    QCOMPARE(plain.trimmed(), QByteArray("None"));
    const VerifyReport r =
        Verifier::runAt(options(), root, m_tmp.filePath(QStringLiteral("namespace/work")),
                        {{CheckKind::Import, QStringLiteral("pkg")}, {CheckKind::Import, QStringLiteral("nsonly")}});
    QCOMPARE(r.results.size(), std::size_t(2));
    QCOMPARE(r.results[0].status, CheckStatus::Failed);
    QVERIFY2(r.results[0].error.contains(QStringLiteral("pkg has an __init__ in the layer but imported as an empty "
                                                        "namespace package")),
             qPrintable(r.results[0].error));
    // A real namespace package (no __init__ at all) is what it claims to be.
    QVERIFY2(r.results[1].passed(), qPrintable(r.results[1].output));
}

void TestVerify::smokeScriptFromWorkingFolder()
{
    const QString dir = m_tmp.filePath(QStringLiteral("smoke"));
    makeSmallLayers(dir);
    sh(QStringLiteral("printf 'import good\\nassert good.VALUE == 42\\nprint(\"smoke ran\")\\n' > %1/smoke.py")
           .arg(quoted(dir)));
    const QString runtime = hostRuntime();
    int code = -1;
    const QByteArray out = cliIn(
        dir,
        QStringLiteral("verify data/good --runtime %1 --python %2 --smoke ./smoke.py --json").arg(runtime, kPython),
        &code);
    QCOMPARE(code, 0);
    const QJsonObject o = QJsonDocument::fromJson(out).object();
    const QJsonArray results = o.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 2);
    const QJsonObject smoke = results[1].toObject();
    QCOMPARE(smoke.value(QStringLiteral("kind")).toString(), QStringLiteral("smoke"));
    QCOMPARE(smoke.value(QStringLiteral("name")).toString(),
             QFileInfo(dir + QStringLiteral("/smoke.py")).absoluteFilePath());
    QVERIFY2(smoke.value(QStringLiteral("passed")).toBool(),
             qPrintable(smoke.value(QStringLiteral("output")).toString()));
    QVERIFY(smoke.value(QStringLiteral("output")).toString().contains(QStringLiteral("smoke ran")));

    // A smoke script that is not there is bad input, named, before anything runs.
    const QByteArray missing = cliIn(
        dir, QStringLiteral("verify data/good --runtime %1 --python %2 --smoke ./not-there.py").arg(runtime, kPython),
        &code);
    QCOMPARE(code, 1);
    QVERIFY2(missing.contains(QFileInfo(dir + QStringLiteral("/not-there.py")).absoluteFilePath().toUtf8() +
                              ": no such smoke script"),
             missing.constData());
}

QTEST_GUILESS_MAIN(TestVerify)
#include "tst_verify.moc"
