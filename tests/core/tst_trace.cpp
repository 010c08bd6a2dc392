// layerslim-cli trace and the not-traced rule on the demo layer: what a smoke
// script using scipy.linalg and pandas imports, what the rule frees (against
// an independent walk of the layer), that the export made with it runs the
// script, the trace replayed from a profile, ELF needs spared, and bad input.
#include "checks/trace.h"
#include "checks/traceprune.h"
#include "scan/layer.h"
#include "select/profile.h"
#include "select/sizeledger.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>

using testsupport::cli;
using testsupport::quoted;
using testsupport::sh;

namespace {

constexpr char kSmoke[] = "import numpy as np\n"
                          "import scipy.linalg\n"
                          "import pandas as pd\n"
                          "a = np.array([[4.0, 1.0], [1.0, 3.0]])\n"
                          "print('det', round(float(scipy.linalg.det(a)), 6))\n"
                          "df = pd.DataFrame({'x': [1, 2, 3], 'y': [4.0, 5.0, 6.0]})\n"
                          "print('sum', int(df['x'].sum()), float(df['y'].mean()))\n";
constexpr char kExpected[] = "det 11.0\nsum 6 5.0\n";

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(bytes);
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

} // namespace

class TestTrace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void traceListsWhatTheScriptUses();
    void ruleFreesTheUnimportedPackages();
    void exportWithTheRuleRunsTheScript();
    void profileReplaysTheTrace();
    void neededLibrariesAreSpared();
    void failingScriptWritesNothing();
    void badTraceInput();

private:
    QTemporaryDir m_tmp;
    QString m_smoke; // absolute
    QString m_trace; // absolute; written by initTestCase through the CLI from another working folder
    QJsonObject m_traceJson;
};

void TestTrace::initTestCase()
{
    QVERIFY2(testsupport::haveDemoLayer(), testsupport::kDemoMissing);
    QVERIFY(m_tmp.isValid());
    m_smoke = m_tmp.filePath(QStringLiteral("work/smoke.py"));
    writeFile(m_smoke, kSmoke);
    m_trace = m_tmp.filePath(QStringLiteral("work/out/trace.json"));
    QDir().mkpath(m_tmp.filePath(QStringLiteral("work/out")));
    // Relative script and output, from the script's folder; the layer absolute.
    int rc = -1;
    const QByteArray out =
        sh(QStringLiteral("cd %1 && %2 trace %3 --smoke smoke.py -o out/trace.json --python /usr/bin/python3")
               .arg(quoted(m_tmp.filePath(QStringLiteral("work"))), QStringLiteral(LAYERSLIM_CLI),
                    quoted(testsupport::demoLayer())),
           &rc);
    QCOMPARE(rc, 0);
    QVERIFY2(out.contains("rule not-traced would prune"), out.constData());
    m_traceJson = testsupport::readJson(m_trace);
    QVERIFY(!m_traceJson.isEmpty());
}

void TestTrace::traceListsWhatTheScriptUses()
{
    const QJsonObject &t = m_traceJson;
    const QStringList modules = strings(t.value(QStringLiteral("modules")));
    for (const char *m : {"numpy", "scipy", "scipy.linalg", "pandas", "pandas.core.frame"})
        QVERIFY2(modules.contains(QLatin1String(m)), m);
    QVERIFY(!modules.contains(QStringLiteral("scipy.signal"))); // the script never reaches it
    QVERIFY(!modules.contains(QStringLiteral("json")));         // only the layer's modules are listed
    const QStringList files = strings(t.value(QStringLiteral("files")));
    QVERIFY(files.contains(QStringLiteral("scipy/linalg/__init__.py")));
    // An extension module: loaded by dlopen, found through __file__ and the mapped files.
    const QString umath = QString::fromUtf8(
        sh(QStringLiteral("cd %1 && ls numpy/core/_multiarray_umath.*.so").arg(quoted(testsupport::demoLayer()))));
    QVERIFY2(files.contains(umath.trimmed()), qPrintable(umath));
    for (const QString &f : files)
        QVERIFY2(QFileInfo::exists(testsupport::demoLayer() + QLatin1Char('/') + f), qPrintable(f));

    const QJsonObject smoke = t.value(QStringLiteral("smoke")).toObject();
    QCOMPARE(smoke.value(QStringLiteral("path")).toString(), m_smoke);
    const QString sha = QString::fromLatin1(sh(QStringLiteral("sha256sum %1").arg(quoted(m_smoke)))).section(' ', 0, 0);
    QCOMPARE(smoke.value(QStringLiteral("sha256")).toString(), sha);
    const QJsonObject python = t.value(QStringLiteral("python")).toObject();
    QCOMPARE(python.value(QStringLiteral("path")).toString(), QStringLiteral("/usr/bin/python3"));
    QCOMPARE(python.value(QStringLiteral("version")).toString(),
             QString::fromLatin1(sh(QStringLiteral("/usr/bin/python3 -c 'import platform; "
                                                   "print(platform.python_version())'")))
                 .trimmed());
    QCOMPARE(t.value(QStringLiteral("exit_status")).toInt(-1), 0);
    QCOMPARE(t.value(QStringLiteral("layer")).toString(), testsupport::demoLayer());
}

void TestTrace::ruleFreesTheUnimportedPackages()
{
    // The rule's bytes, as scan reports them.
    const auto scan = cli({QStringLiteral("scan"), testsupport::demoLayer(), QStringLiteral("--trace"), m_trace,
                           QStringLiteral("--json")});
    QCOMPARE(scan.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(scan.out).object();
    const QJsonObject rule = o.value(QStringLiteral("rules")).toArray().first().toObject();
    QCOMPARE(rule.value(QStringLiteral("id")).toString(), QStringLiteral("not-traced"));
    QVERIFY(rule.value(QStringLiteral("from")).toString().contains(m_trace));
    QVERIFY(rule.value(QStringLiteral("from")).toString().contains(m_smoke));
    QStringList spared;
    for (const QJsonValue &s : rule.value(QStringLiteral("spared")).toArray())
        spared << s.toObject().value(QStringLiteral("path")).toString();

    // Independently: package folders reached through imported packages and
    // not imported themselves, their files' sizes as stat gives them, less the spares.
    const QString walk = QStringLiteral(R"PY(
import json, os, sys
root, trace, spared = sys.argv[1], json.load(open(sys.argv[2])), set(json.loads(sys.argv[3]))
mods = set()
for m in trace['modules']:
    parts = m.split('.')
    mods.update('.'.join(parts[:i]) for i in range(1, len(parts) + 1))
roots, total = [], 0
def visit(d, prefix):
    global total
    for n in sorted(os.listdir(d)):
        p = os.path.join(d, n)
        if not n.isidentifier() or os.path.islink(p) or not os.path.isdir(p) or not os.path.exists(os.path.join(p, '__init__.py')):
            continue
        name = prefix + n
        if name in mods:
            visit(p, name + '.')
            continue
        roots.append(os.path.relpath(p, root))
        for dp, _, fs in os.walk(p):
            for f in fs:
                fp = os.path.join(dp, f)
                if not os.path.islink(fp) and os.path.relpath(fp, root) not in spared:
                    total += os.stat(fp).st_size
visit(root, '')
print(total)
print('\n'.join(roots))
)PY");
    const QString scriptPath = m_tmp.filePath(QStringLiteral("walk.py"));
    writeFile(scriptPath, walk.toUtf8());
    const QString sparedJson = QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(spared)).toJson());
    const QStringList lines = QString::fromUtf8(sh(QStringLiteral("/usr/bin/python3 %1 %2 %3 %4")
                                                       .arg(quoted(scriptPath), quoted(testsupport::demoLayer()),
                                                            quoted(m_trace), quoted(sparedJson))))
                                  .trimmed()
                                  .split(QLatin1Char('\n'));
    const quint64 expected = lines.first().toULongLong();
    const QStringList roots = lines.mid(1);
    QVERIFY(expected > 50'000'000); // scipy's unused subpackages and the test suites are most of the layer
    QCOMPARE(quint64(rule.value(QStringLiteral("bytes")).toDouble()), expected);
    for (const char *r : {"scipy/signal", "scipy/stats", "pandas/tests", "numpy/tests"})
        QVERIFY2(roots.contains(QLatin1String(r)), r);
    QVERIFY(!roots.contains(QStringLiteral("scipy/linalg")));
    QVERIFY(!roots.contains(QStringLiteral("pandas/core")));
    qInfo("not-traced frees %llu bytes in %d package folders; %lld spared", static_cast<unsigned long long>(expected),
          int(roots.size()), static_cast<long long>(spared.size()));
}

void TestTrace::exportWithTheRuleRunsTheScript()
{
    const QString zip = m_tmp.filePath(QStringLiteral("exported/layer.zip"));
    QDir().mkpath(QFileInfo(zip).path());
    // From another working folder, with a relative trace path.
    int rc = -1;
    sh(QStringLiteral("cd %1 && %2 export %3 -o ../exported/layer.zip --trace out/trace.json --python /usr/bin/python3")
           .arg(quoted(m_tmp.filePath(QStringLiteral("work"))), QStringLiteral(LAYERSLIM_CLI),
                quoted(testsupport::demoLayer())),
       &rc);
    // 2 only for lint: Debian's extensions need a newer glibc than the runtime's Lambda image has.
    QVERIFY2(rc == 0 || rc == 2, qPrintable(QString::number(rc)));
    QVERIFY(QFileInfo::exists(zip));
    sh(QStringLiteral("unzip -tq %1").arg(quoted(zip)));
    const QByteArray names = sh(QStringLiteral("/usr/bin/python3 -c 'import sys, zipfile; "
                                               "print(\"\\n\".join(zipfile.ZipFile(sys.argv[1]).namelist()))' %1")
                                    .arg(quoted(zip)));
    QVERIFY(names.contains("python/scipy/linalg/__init__.py"));
    QVERIFY(!names.contains("python/scipy/signal/"));
    QVERIFY(!names.contains("python/pandas/tests/"));
    const QString unpacked = m_tmp.filePath(QStringLiteral("unpacked"));
    sh(QStringLiteral("mkdir -p %1 && cd %1 && unzip -q %2").arg(quoted(unpacked), quoted(zip)));
    const QByteArray out = sh(QStringLiteral("cd / && /usr/bin/python3 -S -I -c 'import sys, runpy; sys.path.insert(0, "
                                             "sys.argv[1]); sys.argv = sys.argv[2:]; runpy.run_path(sys.argv[0], "
                                             "run_name=\"__main__\")' %1 %2")
                                  .arg(quoted(unpacked + QStringLiteral("/python")), quoted(m_smoke)));
    QCOMPARE(out, QByteArray(kExpected));
    // The report names the trace and warns about the paths it did not run.
    QFile report(m_tmp.filePath(QStringLiteral("exported/layer.report.md")));
    QVERIFY(report.open(QIODevice::ReadOnly));
    const QByteArray md = report.readAll();
    QVERIFY(md.contains(m_trace.toUtf8()));
    QVERIFY(md.contains("code paths that script did not run may still need it"));
}

void TestTrace::profileReplaysTheTrace()
{
    const QString sha =
        m_traceJson.value(QStringLiteral("smoke")).toObject().value(QStringLiteral("sha256")).toString();
    const QString profile = m_tmp.filePath(QStringLiteral("work/out/profile.json"));
    writeFile(profile, QStringLiteral(
                           R"({"version":1,"rules":["not-traced"],"trace":{"path":"trace.json","smoke_sha256":"%1"}})")
                           .arg(sha)
                           .toUtf8());
    const auto byFlag = cli({QStringLiteral("scan"), testsupport::demoLayer(), QStringLiteral("--trace"), m_trace,
                             QStringLiteral("--json")});
    // The profile's trace path is relative to the profile, whatever the working folder.
    int rc = -1;
    const QByteArray byProfile =
        sh(QStringLiteral("cd / && %1 scan %2 --profile %3 --json 2>/dev/null")
               .arg(QStringLiteral(LAYERSLIM_CLI), quoted(testsupport::demoLayer()), quoted(profile)),
           &rc);
    QCOMPARE(rc, 0);
    const auto keptOf = [](const QByteArray &json) {
        return QJsonDocument::fromJson(json).object().value(QStringLiteral("kept_bytes")).toDouble();
    };
    QCOMPARE(keptOf(byProfile), keptOf(byFlag.out));
    QVERIFY(keptOf(byProfile) < QJsonDocument::fromJson(byFlag.out).object().value(QStringLiteral("bytes")).toDouble());

    // The key survives a save and load, path as written, resolved against the profile's folder.
    QString error;
    const std::optional<Profile> loaded = Profile::load(profile, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->traceFile(), m_trace);
    const std::optional<Profile> again = Profile::fromJson(loaded->toJson(), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->tracePath, QStringLiteral("trace.json"));
    QCOMPARE(again->traceSmokeSha256, sha);

    // A changed script: the trace is stale, and said so.
    const QString copy = m_tmp.filePath(QStringLiteral("stale/trace.json"));
    const QString script = m_tmp.filePath(QStringLiteral("stale/smoke.py"));
    writeFile(script, kSmoke);
    QJsonObject t = m_traceJson;
    t.insert(QStringLiteral("smoke"),
             QJsonObject{{QStringLiteral("path"), script}, {QStringLiteral("sha256"), QString(sha)}});
    writeFile(copy, QJsonDocument(t).toJson());
    writeFile(script, QByteArray(kSmoke) + "print('more')\n");
    const auto stale = cli({QStringLiteral("scan"), testsupport::demoLayer(), QStringLiteral("--trace"), copy});
    QCOMPARE(stale.exitCode, 0);
    QVERIFY2(stale.err.contains("changed since it was traced"), stale.err.constData());
    QVERIFY(stale.err.contains(script.toUtf8()));
    // A profile whose smoke_sha256 is another script's.
    writeFile(profile, QStringLiteral(
                           R"({"version":1,"rules":["not-traced"],"trace":{"path":"trace.json","smoke_sha256":"%1"}})")
                           .arg(QString(64, QLatin1Char('0')))
                           .toUtf8());
    const auto other = cli({QStringLiteral("scan"), testsupport::demoLayer(), QStringLiteral("--profile"), profile});
    QCOMPARE(other.exitCode, 0);
    QVERIFY2(other.err.contains("is not the trace's script"), other.err.constData());
}

void TestTrace::neededLibrariesAreSpared()
{
    // app/_ext.so links libhelp.so in helper/lib through RPATH $ORIGIN/../helper/lib;
    // app/_ext2.so links libother.so with no RPATH, bundled in other.libs/ ... inside
    // a package here (other/vendor.libs/). The trace imported app only.
    const QString layer = m_tmp.filePath(QStringLiteral("elf/python"));
    sh(QStringLiteral("set -e; mkdir -p %1/app %1/helper/lib %1/other/vendor.libs %1/unused; cd %1; "
                      "touch app/__init__.py helper/__init__.py other/__init__.py unused/__init__.py; "
                      "echo 'int help(void){return 1;}' > h.c; gcc -shared -fPIC -o helper/lib/libhelp.so h.c; "
                      "echo 'int oth(void){return 2;}' > o.c; gcc -shared -fPIC -o other/vendor.libs/libother.so o.c; "
                      "echo 'int help(void); int ext(void){return help();}' > e.c; "
                      "gcc -shared -fPIC -o app/_ext.so e.c -Lhelper/lib -lhelp -Wl,-rpath,'$ORIGIN/../helper/lib'; "
                      "echo 'int oth(void); int ext2(void){return oth();}' > e2.c; "
                      "gcc -shared -fPIC -o app/_ext2.so e2.c -Lother/vendor.libs -lother; "
                      "head -c 1000 /dev/zero > helper/data.bin; head -c 700 /dev/zero > unused/big.bin; rm *.c")
           .arg(quoted(layer)));
    Trace trace;
    trace.smokePath = m_smoke;
    trace.modules = {QStringLiteral("app")};
    QString error;
    Layer l = Layer::open(layer, &error);
    QVERIFY2(l.tree, qPrintable(error));
    const TracePrune prune = TracePrune::compute(*l.tree, l.zipEntries, trace);
    QVERIFY2(prune.problems.isEmpty(), qPrintable(prune.problems.join(QLatin1Char('\n'))));
    QStringList spared;
    for (const RuleSpare &s : prune.spares)
        spared << s.glob + QStringLiteral(": ") + s.reason;
    spared.sort();
    QCOMPARE(spared, (QStringList{QStringLiteral("helper/lib/libhelp.so: linked by app/_ext.so"),
                                  QStringLiteral("other/vendor.libs/libother.so: linked by app/_ext2.so")}));
    SizeLedger ledger(*l.tree);
    prune.applyTo(ledger, trace, m_trace);
    ledger.setRuleEnabled(RuleCatalog::indexOf(RuleId::NotTraced), true);
    // Freed: the three packages' files but the two libraries.
    const quint64 expected = sh(QStringLiteral("cd %1 && find helper other unused -type f ! -name 'lib*.so' -printf "
                                               "'%s\\n' | awk '{s+=$1} END {print s}'")
                                    .arg(quoted(layer)))
                                 .trimmed()
                                 .toULongLong();
    QCOMPARE(expected, quint64(1700));
    QCOMPARE(ledger.ruleBytes(RuleCatalog::indexOf(RuleId::NotTraced)).aloneBytes, expected);
    const FileTree &tree = *l.tree;
    QVERIFY(!ledger.isPruned(tree.find("helper/lib/libhelp.so", tree.packageRoot())));
    QVERIFY(ledger.isPruned(tree.find("helper/__init__.py", tree.packageRoot())));
    QVERIFY(!ledger.isPruned(tree.find("app/_ext.so", tree.packageRoot())));
}

void TestTrace::failingScriptWritesNothing()
{
    const QString dir = m_tmp.filePath(QStringLiteral("bad"));
    writeFile(dir + QStringLiteral("/bad.py"), "import numpy\nraise ValueError('no such sample event')\n");
    writeFile(dir + QStringLiteral("/trace.json"), "previous trace\n");
    int rc = -1;
    const QByteArray err =
        sh(QStringLiteral("cd %1 && %2 trace %3 --smoke bad.py -o trace.json --python /usr/bin/python3 "
                          "2>&1 >/dev/null")
               .arg(quoted(dir), QStringLiteral(LAYERSLIM_CLI), quoted(testsupport::demoLayer())),
           &rc);
    QCOMPARE(rc, 2);
    QVERIFY2(err.contains("ValueError: no such sample event"), err.constData());
    QVERIFY2(err.contains("no trace written"), err.constData());
    QVERIFY(err.contains((dir + QStringLiteral("/bad.py")).toUtf8()));
    QFile previous(dir + QStringLiteral("/trace.json"));
    QVERIFY(previous.open(QIODevice::ReadOnly));
    QCOMPARE(previous.readAll(), QByteArray("previous trace\n"));
    QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::Hidden).size(), 2); // no temporary left behind

    const auto missing = cli({QStringLiteral("trace"), testsupport::demoLayer(), QStringLiteral("--smoke"),
                              dir + QStringLiteral("/none.py"), QStringLiteral("-o"), dir + QStringLiteral("/t.json")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains(dir.toUtf8() + "/none.py: no such smoke script"), missing.err.constData());
    const auto noOutput = cli({QStringLiteral("trace"), testsupport::demoLayer(), QStringLiteral("--smoke"), m_smoke});
    QCOMPARE(noOutput.exitCode, 1);
    QVERIFY2(noOutput.err.contains("-o TRACE.json are required"), noOutput.err.constData());
}

void TestTrace::badTraceInput()
{
    const QString missing = m_tmp.filePath(QStringLiteral("nowhere/trace.json"));
    const auto a = cli({QStringLiteral("scan"), testsupport::demoLayer(), QStringLiteral("--trace"), missing});
    QCOMPARE(a.exitCode, 1);
    QVERIFY2(a.err.contains(missing.toUtf8() + ": no such trace file"), a.err.constData());

    const QString malformed = m_tmp.filePath(QStringLiteral("malformed.json"));
    writeFile(malformed, "{\"version\": 1, \"modules\": [");
    const auto b = cli({QStringLiteral("export"), testsupport::demoLayer(), QStringLiteral("-o"),
                        m_tmp.filePath(QStringLiteral("never.zip")), QStringLiteral("--trace"), malformed});
    QCOMPARE(b.exitCode, 1);
    QVERIFY2(b.err.contains(malformed.toUtf8() + ": malformed JSON"), b.err.constData());
    QVERIFY(!QFileInfo::exists(m_tmp.filePath(QStringLiteral("never.zip"))));

    QJsonObject wrongType = m_traceJson;
    wrongType.insert(QStringLiteral("smoke"),
                     QJsonObject{{QStringLiteral("path"), m_smoke}, {QStringLiteral("sha256"), 42}});
    const QString typed = m_tmp.filePath(QStringLiteral("typed.json"));
    writeFile(typed, QJsonDocument(wrongType).toJson());
    const auto t = cli({QStringLiteral("scan"), testsupport::demoLayer(), QStringLiteral("--trace"), typed});
    QCOMPARE(t.exitCode, 1);
    QVERIFY2(t.err.contains(typed.toUtf8() + ": \"smoke.sha256\" must be a string"), t.err.constData());

    const auto c = cli({QStringLiteral("scan"), testsupport::demoLayer(), QStringLiteral("--rules"),
                        QStringLiteral("tests,not-traced")});
    QCOMPARE(c.exitCode, 1);
    QVERIFY2(c.err.contains("rule \"not-traced\" needs a trace"), c.err.constData());

    const QString profile = m_tmp.filePath(QStringLiteral("badprofile.json"));
    writeFile(profile, R"({"version":1,"trace":{"path":"t.json"}})");
    const auto d = cli({QStringLiteral("scan"), testsupport::demoLayer(), QStringLiteral("--profile"), profile});
    QCOMPARE(d.exitCode, 1);
    QVERIFY2(d.err.contains("\"trace\" must be"), d.err.constData());
}

QTEST_GUILESS_MAIN(TestTrace)
#include "tst_trace.moc"
