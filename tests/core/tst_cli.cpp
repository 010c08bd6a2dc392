// layerslim-cli end to end on the real demo layer and on zips made by Python:
// JSON numbers against find, exit codes, and the source left untouched.
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(LAYERSLIM_CLI), args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QJsonObject json(const Run &r)
{
    return QJsonDocument::fromJson(r.out).object();
}

QString treeHash(const QString &dir)
{
    return QString::fromLatin1(sh(QStringLiteral("cd %1 && find . -printf '%p %s %m %T@\\n' | sort | sha256sum").arg(quoted(dir))));
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionAndHelp();
    void scanMatchesFindOnDemoLayer();
    void exitCodes();
    void scanOfZipShowsPythonPrefix();
};

void TestCli::versionAndHelp()
{
    const Run v = cli({QStringLiteral("--version")});
    QCOMPARE(v.exitCode, 0);
    QVERIFY(v.out.startsWith("layerslim-cli "));
    const Run h = cli({QStringLiteral("scan"), QStringLiteral("--help")});
    QCOMPARE(h.exitCode, 0);
    QVERIFY(h.out.contains("--profile"));
    const Run rules = cli({QStringLiteral("rules"), QStringLiteral("--json")});
    QCOMPARE(rules.exitCode, 0);
    const QJsonArray list = QJsonDocument::fromJson(rules.out).array();
    QStringList ids;
    for (const QJsonValue &r : list)
        ids << r.toObject().value(QStringLiteral("id")).toString();
    for (const char *id : {"tests", "bytecode", "dist-info", "pyproject", "datasets", "headers", "sources", "stubs",
                           "static-libs", "docs", "build-tools", "runtime-provided", "strip"})
        QVERIFY2(ids.contains(QString::fromLatin1(id)), id);
}

void TestCli::scanMatchesFindOnDemoLayer()
{
    QVERIFY(testsupport::haveDemoLayer());
    const QString layer = testsupport::demoLayer();
    const QString before = treeHash(layer);
    const Run r = cli({QStringLiteral("scan"), layer, QStringLiteral("--rules"),
                       QStringLiteral("tests,bytecode,dist-info,pyproject,datasets"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0); // ~190 MB minus the seed rules fits
    const QJsonObject o = json(r);
    const QString q = quoted(layer);
    QCOMPARE(QString::number(o.value(QStringLiteral("files")).toInteger()),
             QString::fromLatin1(sh(QStringLiteral("find %1 -type f | wc -l").arg(q))).trimmed());
    QCOMPARE(QString::number(o.value(QStringLiteral("dirs")).toInteger()),
             QString::fromLatin1(sh(QStringLiteral("find %1 -mindepth 1 -type d | wc -l").arg(q))).trimmed());
    const qint64 bytes = o.value(QStringLiteral("bytes")).toInteger();
    QCOMPARE(QString::number(bytes),
             QString::fromLatin1(sh(QStringLiteral("find %1 -type f -printf '%s\\n' | awk '{s+=$1} END {print s}'").arg(q))).trimmed());

    // Each rule's bytes by an independent find over the same tree.
    const QMap<QString, QString> finds{
        {QStringLiteral("tests"), QStringLiteral("-type f \\( -path '*/tests/*' -o -path '*/test/*' \\)")},
        {QStringLiteral("bytecode"), QStringLiteral("-type f \\( -path '*/__pycache__/*' -o -name '*.pyc' -o -name '*.pyo' \\)")},
        {QStringLiteral("dist-info"), QStringLiteral("-type f \\( -path '*.dist-info/*' -o -path '*.egg-info/*' -o -name '*.egg-info' \\)")},
        {QStringLiteral("pyproject"), QStringLiteral("-type f -name pyproject.toml")},
        {QStringLiteral("datasets"), QStringLiteral("-type f -name '*.dat'")},
    };
    const QJsonArray rules = o.value(QStringLiteral("rules")).toArray();
    QCOMPARE(rules.size(), 5);
    for (const QJsonValue &v : rules) {
        const QJsonObject rule = v.toObject();
        const QString id = rule.value(QStringLiteral("id")).toString();
        const QString expected = QString::fromLatin1(
            sh(QStringLiteral("cd %1 && find . %2 -printf '%s\\n' | awk '{s+=$1; n++} END {print s+0, n+0}'").arg(q, finds.value(id)))).trimmed();
        QCOMPARE(QStringLiteral("%1 %2").arg(rule.value(QStringLiteral("bytes")).toInteger()).arg(rule.value(QStringLiteral("files")).toInteger()), expected);
    }
    const QString seedUnion = QString::fromLatin1(sh(QStringLiteral(
        "cd %1 && find . -type f \\( -path '*/tests/*' -o -path '*/test/*' -o -path '*/__pycache__/*' -o -name '*.pyc' -o -name '*.pyo' "
        "-o -path '*.dist-info/*' -o -path '*.egg-info/*' -o -name '*.egg-info' -o -name pyproject.toml -o -name '*.dat' \\) -printf '%s\\n' | awk '{s+=$1} END {print s+0}'").arg(q))).trimmed();
    QCOMPARE(QString::number(o.value(QStringLiteral("pruned_bytes")).toInteger()), seedUnion);
    QCOMPARE(o.value(QStringLiteral("kept_bytes")).toInteger() + o.value(QStringLiteral("pruned_bytes")).toInteger(), bytes);
    QCOMPARE(o.value(QStringLiteral("limit_bytes")).toInteger(), qint64(262144000));
    QCOMPARE(o.value(QStringLiteral("reserve_bytes")).toInteger(), qint64(20971520));
    QVERIFY(o.value(QStringLiteral("fits")).toBool());
    QVERIFY(o.value(QStringLiteral("zip_bytes_estimate")).toInteger() > 0);
    QCOMPARE(treeHash(layer), before);
}

void TestCli::exitCodes()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("a.py")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(5000, 'a'));
    f.close();

    QCOMPARE(cli({}).exitCode, 1);
    QCOMPARE(cli({QStringLiteral("frobnicate")}).exitCode, 1);
    const Run missing = cli({QStringLiteral("scan"), QStringLiteral("/nonexistent/dir")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains("/nonexistent/dir"));
    const Run badRule = cli({QStringLiteral("scan"), dir.path(), QStringLiteral("--rules"), QStringLiteral("tests,bogus")});
    QCOMPARE(badRule.exitCode, 1);
    QVERIFY(badRule.err.contains("bogus"));

    // A profile whose budget is smaller than the tree: does not fit, exit 2.
    QFile p(dir.filePath(QStringLiteral("tight.json")));
    QVERIFY(p.open(QIODevice::WriteOnly));
    p.write(R"({"version":1,"limit_bytes":4000,"reserve_bytes":0})");
    p.close();
    const Run tight = cli({QStringLiteral("scan"), dir.path(), QStringLiteral("--profile"), p.fileName(), QStringLiteral("--json")});
    QCOMPARE(tight.exitCode, 2);
    QCOMPARE(json(tight).value(QStringLiteral("fits")).toBool(true), false);

    QFile bad(dir.filePath(QStringLiteral("bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(R"({"version":1,"colour":"red"})");
    bad.close();
    const Run badProfile = cli({QStringLiteral("scan"), dir.path(), QStringLiteral("--profile"), bad.fileName()});
    QCOMPARE(badProfile.exitCode, 1);
    QVERIFY(badProfile.err.contains("colour"));
    QVERIFY(badProfile.err.contains("bad.json"));
}

void TestCli::scanOfZipShowsPythonPrefix()
{
    QTemporaryDir dir;
    const QString zip = dir.filePath(QStringLiteral("layer.zip"));
    sh(QStringLiteral("python3 - %1 <<'EOF'\n"
                      "import sys, zipfile\n"
                      "with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:\n"
                      "    z.writestr('python/pkg/__init__.py', 'x' * 1000)\n"
                      "    z.writestr('python/pkg/tests/test_a.py', 'y' * 300)\n"
                      "    z.writestr('python/pkg/__pycache__/a.cpython-311.pyc', b'z' * 77)\n"
                      "    z.writestr('python/pkg-1.0.dist-info/METADATA', 'Name: pkg')\n"
                      "EOF").arg(quoted(zip)));
    const Run r = cli({QStringLiteral("scan"), zip, QStringLiteral("--rules"), QStringLiteral("tests,bytecode"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = json(r);
    QCOMPARE(o.value(QStringLiteral("files")).toInteger(), qint64(4));
    QCOMPARE(o.value(QStringLiteral("bytes")).toInteger(), qint64(1000 + 300 + 77 + 9));
    QCOMPARE(o.value(QStringLiteral("package_root")).toString(), QStringLiteral("python"));
    QCOMPARE(o.value(QStringLiteral("pruned_bytes")).toInteger(), qint64(377));

    QFile notZip(dir.filePath(QStringLiteral("fake.zip")));
    QVERIFY(notZip.open(QIODevice::WriteOnly));
    notZip.write("this is not a zip file");
    notZip.close();
    const Run bad = cli({QStringLiteral("scan"), notZip.fileName()});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.err.contains("fake.zip"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
