// layerslim-cli end to end on the real demo layer and on zips made by Python:
// JSON numbers against find, exit codes, usage and option errors, export
// options (--level on zip input, --no-report, SOURCE_DATE_EPOCH), and the
// source left untouched.
#include "testsupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

namespace {

using Run = testsupport::CliRun;
using testsupport::cli;

QJsonObject json(const Run &r)
{
    return QJsonDocument::fromJson(r.out).object();
}

QString treeHash(const QString &dir)
{
    return QString::fromLatin1(
        sh(QStringLiteral("cd %1 && find . -printf '%p %s %m %T@\\n' | sort | sha256sum").arg(quoted(dir))));
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
    void commandHelpNamesTheCommand();
    void unknownOptionIsNamedWithAHint();
    void noReportRemovesOlderReports();
    void badSourceDateEpochIsRefused();
    void levelRecompressesZipInput();
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
    QCOMPARE(
        QString::number(bytes),
        QString::fromLatin1(sh(QStringLiteral("find %1 -type f -printf '%s\\n' | awk '{s+=$1} END {print s}'").arg(q)))
            .trimmed());

    // Each rule's bytes by an independent find over the same tree.
    const QMap<QString, QString> finds{
        {QStringLiteral("tests"), QStringLiteral("-type f \\( -path '*/tests/*' -o -path '*/test/*' \\)")},
        {QStringLiteral("bytecode"),
         QStringLiteral("-type f \\( -path '*/__pycache__/*' -o -name '*.pyc' -o -name '*.pyo' \\)")},
        {QStringLiteral("dist-info"),
         QStringLiteral("-type f \\( -path '*.dist-info/*' -o -path '*.egg-info/*' -o -name '*.egg-info' \\)")},
        {QStringLiteral("pyproject"), QStringLiteral("-type f -name pyproject.toml")},
        {QStringLiteral("datasets"), QStringLiteral("-type f -name '*.dat'")},
    };
    const QJsonArray rules = o.value(QStringLiteral("rules")).toArray();
    QCOMPARE(rules.size(), 5);
    QString sparedByAny; // find conditions leaving out what any rule spares
    for (const QJsonValue &v : rules) {
        const QJsonObject rule = v.toObject();
        const QString id = rule.value(QStringLiteral("id")).toString();
        // Metadata a kept source reads stays: less what the rule spares, each spare's reader
        // holding the call on the line it names.
        QString spared;
        for (const QJsonValue &sv : rule.value(QStringLiteral("spared")).toArray()) {
            const QJsonObject spare = sv.toObject();
            spared += QStringLiteral(" ! -path ./%1").arg(quoted(spare.value(QStringLiteral("path")).toString()));
            static const QRegularExpression reason(
                QStringLiteral(R"(^read by (\S+), line (\d+) \((?:\w+\.)*(\w+)\)$)"));
            const QRegularExpressionMatch m = reason.match(spare.value(QStringLiteral("reason")).toString());
            QVERIFY2(m.hasMatch(), qPrintable(spare.value(QStringLiteral("reason")).toString()));
            QVERIFY(!m.captured(1).contains(QStringLiteral("/tests/"))); // the tests rule pruned those readers
            const QByteArray line = sh(QStringLiteral("sed -n %1p %2/%3").arg(m.captured(2), q, quoted(m.captured(1))));
            QVERIFY2(line.contains(m.captured(3).toUtf8() + '('), line.constData());
        }
        sparedByAny += spared;
        const QString expected =
            QString::fromLatin1(
                sh(QStringLiteral("cd %1 && find . %2%3 -printf '%s\\n' | awk '{s+=$1; n++} END {print s+0, n+0}'")
                       .arg(q, finds.value(id), spared)))
                .trimmed();
        QCOMPARE(QStringLiteral("%1 %2")
                     .arg(rule.value(QStringLiteral("bytes")).toInteger())
                     .arg(rule.value(QStringLiteral("files")).toInteger()),
                 expected);
    }
    const QString seedUnion =
        QString::fromLatin1(
            sh(QStringLiteral("cd %1 && find . -type f \\( -path '*/tests/*' -o -path '*/test/*' -o -path "
                              "'*/__pycache__/*' -o -name '*.pyc' -o -name '*.pyo' "
                              "-o -path '*.dist-info/*' -o -path '*.egg-info/*' -o -name '*.egg-info' -o -name "
                              "pyproject.toml -o -name '*.dat' \\)%2 -printf '%s\\n' | awk '{s+=$1} END {print s+0}'")
                   .arg(q, sparedByAny)))
            .trimmed();
    QCOMPARE(QString::number(o.value(QStringLiteral("pruned_bytes")).toInteger()), seedUnion);
    QCOMPARE(o.value(QStringLiteral("kept_bytes")).toInteger() + o.value(QStringLiteral("pruned_bytes")).toInteger(),
             bytes);
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
    const Run badRule =
        cli({QStringLiteral("scan"), dir.path(), QStringLiteral("--rules"), QStringLiteral("tests,bogus")});
    QCOMPARE(badRule.exitCode, 1);
    QVERIFY(badRule.err.contains("bogus"));

    // A profile whose budget is smaller than the tree: does not fit, exit 2.
    QFile p(dir.filePath(QStringLiteral("tight.json")));
    QVERIFY(p.open(QIODevice::WriteOnly));
    p.write(R"({"version":1,"limit_bytes":4000,"reserve_bytes":0})");
    p.close();
    const Run tight =
        cli({QStringLiteral("scan"), dir.path(), QStringLiteral("--profile"), p.fileName(), QStringLiteral("--json")});
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
                      "EOF")
           .arg(quoted(zip)));
    const Run r = cli({QStringLiteral("scan"), zip, QStringLiteral("--rules"), QStringLiteral("tests,bytecode"),
                       QStringLiteral("--json")});
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

void TestCli::commandHelpNamesTheCommand()
{
    const QMap<QString, QString> usage{
        {QStringLiteral("export"), QStringLiteral("Usage: layerslim-cli export [options] PATH")},
        {QStringLiteral("scan"), QStringLiteral("Usage: layerslim-cli scan [options] PATH")},
        {QStringLiteral("rules"), QStringLiteral("Usage: layerslim-cli rules [options]")},
    };
    for (auto it = usage.cbegin(); it != usage.cend(); ++it) {
        const Run h = cli({it.key(), QStringLiteral("--help")});
        QCOMPARE(h.exitCode, 0);
        QCOMPARE(QString::fromUtf8(h.out).section(QLatin1Char('\n'), 0, 0), it.value());
        QVERIFY(!h.out.contains(LAYERSLIM_CLI));
    }
    // A wrong argument count shows the same usage.
    const Run count = cli({QStringLiteral("scan")});
    QCOMPARE(count.exitCode, 1);
    QVERIFY2(count.err.contains("Usage: layerslim-cli scan [options] PATH"), count.err.constData());
    // --level says what it does for zip input.
    const QString exportHelp =
        QString::fromUtf8(cli({QStringLiteral("export"), QStringLiteral("--help")}).out).simplified();
    QVERIFY2(exportHelp.contains(QStringLiteral("Zip input is copied as it is stored unless --level is given")),
             qPrintable(exportHelp));
}

void TestCli::unknownOptionIsNamedWithAHint()
{
    QTemporaryDir dir;
    struct Case {
        QStringList args;
        QByteArray named;
        QByteArray hint; // empty: no hint expected
        QByteArray usage;
    };
    const QList<Case> cases{
        {{QStringLiteral("scan"), dir.path(), QStringLiteral("--jsn")},
         "unknown option '--jsn'",
         "did you mean --json?",
         "Usage: layerslim-cli scan [options] PATH"},
        {{QStringLiteral("export"), dir.path(), QStringLiteral("--levle=3")},
         "unknown option '--levle'",
         "did you mean --level?",
         "Usage: layerslim-cli export [options] PATH"},
        {{QStringLiteral("export"), dir.path(), QStringLiteral("--no-reprot")},
         "unknown option '--no-reprot'",
         "did you mean --no-report?",
         "Usage: layerslim-cli export [options] PATH"},
        {{QStringLiteral("rules"), QStringLiteral("--frobnicate")},
         "unknown option '--frobnicate'",
         "",
         "Usage: layerslim-cli rules [options]"},
    };
    for (const Case &c : cases) {
        const Run r = cli(c.args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("layerslim-cli " + c.args.first().toUtf8() + ": " + c.named), r.err.constData());
        if (c.hint.isEmpty())
            QVERIFY2(!r.err.contains("did you mean"), r.err.constData());
        else
            QVERIFY2(r.err.contains(c.hint), r.err.constData());
        QVERIFY2(r.err.contains(c.usage), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
}

void TestCli::noReportRemovesOlderReports()
{
    QTemporaryDir dir;
    sh(QStringLiteral("set -e; mkdir -p %1/src/pkg; printf 'x = 1\\n' > %1/src/pkg/__init__.py; "
                      "yes layerslim | head -c 50000 > %1/src/pkg/data.txt")
           .arg(quoted(dir.path())));
    const QString src = dir.filePath(QStringLiteral("src"));
    const QString out = dir.filePath(QStringLiteral("layer.zip"));
    const Run first = cli({QStringLiteral("export"), src, QStringLiteral("-o"), out});
    QCOMPARE(first.exitCode, 0);
    const QString reportMd = dir.filePath(QStringLiteral("layer.report.md"));
    const QString reportJson = dir.filePath(QStringLiteral("layer.report.json"));
    QVERIFY(QFileInfo::exists(reportMd));
    QVERIFY(QFileInfo::exists(reportJson));
    // Neighbours with other names are not the export's: they stay.
    sh(QStringLiteral("cd %1 && echo keep > layer.report.txt && echo keep > layer.report.md.orig")
           .arg(quoted(dir.path())));

    sh(QStringLiteral("rm %1/src/pkg/data.txt").arg(quoted(dir.path())));
    const Run second = cli({QStringLiteral("export"), src, QStringLiteral("-o"), out, QStringLiteral("--no-report"),
                            QStringLiteral("--json")});
    QCOMPARE(second.exitCode, 0);
    QCOMPARE(json(second).value(QStringLiteral("report")).toString(), QString());
    QVERIFY2(!QFileInfo::exists(reportMd), "the older report.md describes another zip");
    QVERIFY2(!QFileInfo::exists(reportJson), "the older report.json describes another zip");
    QCOMPARE(QString::fromLatin1(sh(QStringLiteral("cd %1 && ls").arg(quoted(dir.path()))))
                 .split(QLatin1Char('\n'), Qt::SkipEmptyParts),
             (QStringList{QStringLiteral("layer.report.md.orig"), QStringLiteral("layer.report.txt"),
                          QStringLiteral("layer.zip"), QStringLiteral("src")}));
    QCOMPARE(sh(QStringLiteral("unzip -Z1 %1").arg(quoted(out))),
             QByteArray("python/\npython/pkg/\npython/pkg/__init__.py\n"));

    // A folder export with --no-report clears its own older reports the same way.
    const QString folder = dir.filePath(QStringLiteral("unpacked"));
    QCOMPARE(cli({QStringLiteral("export"), src, QStringLiteral("-o"), folder, QStringLiteral("--folder")}).exitCode,
             0);
    QVERIFY(QFileInfo::exists(folder + QStringLiteral(".report.md")));
    QCOMPARE(cli({QStringLiteral("export"), src, QStringLiteral("-o"), folder, QStringLiteral("--folder"),
                  QStringLiteral("--no-report")})
                 .exitCode,
             0);
    QVERIFY(!QFileInfo::exists(folder + QStringLiteral(".report.md")));
    QVERIFY(!QFileInfo::exists(folder + QStringLiteral(".report.json")));
}

void TestCli::badSourceDateEpochIsRefused()
{
    QTemporaryDir dir;
    sh(QStringLiteral("mkdir -p %1/src/pkg && printf 'x = 1\\n' > %1/src/pkg/__init__.py").arg(quoted(dir.path())));
    const QString src = dir.filePath(QStringLiteral("src"));
    const QString out = dir.filePath(QStringLiteral("layer.zip"));
    for (const char *value : {"abc", "-5", "12x", "4354819200"}) {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SOURCE_DATE_EPOCH"), QString::fromLatin1(value));
        const Run r = cli({QStringLiteral("export"), src, QStringLiteral("-o"), out}, env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(QByteArray("layerslim-cli export: SOURCE_DATE_EPOCH=\"") + value + "\""),
                 r.err.constData());
        QVERIFY(!QFileInfo::exists(out));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("layer.report.md"))));
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SOURCE_DATE_EPOCH"), QStringLiteral("1700000001"));
    QCOMPARE(cli({QStringLiteral("export"), src, QStringLiteral("-o"), out}, env).exitCode, 0);
    QCOMPARE(sh(QStringLiteral("/usr/bin/python3 -c \"import zipfile, sys; "
                               "print(sorted({i.date_time for i in zipfile.ZipFile(sys.argv[1]).infolist()}))\" %1")
                    .arg(quoted(out)))
                 .trimmed(),
             QByteArray("[(2023, 11, 14, 22, 13, 20)]"));
}

void TestCli::levelRecompressesZipInput()
{
    QTemporaryDir dir;
    const QString zip = dir.filePath(QStringLiteral("stored.zip"));
    // A layer zip written by another tool: every entry stored, the text compressible.
    sh(QStringLiteral("/usr/bin/python3 - %1 <<'EOF'\n"
                      "import sys, zipfile\n"
                      "with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_STORED) as z:\n"
                      "    z.writestr('python/pkg/__init__.py', 'import os\\n' * 4000)\n"
                      "    z.writestr('python/pkg/data.txt', 'layerslim ' * 20000)\n"
                      "    z.writestr('python/pkg/empty.txt', '')\n"
                      "EOF")
           .arg(quoted(zip)));
    const QString python =
        QStringLiteral("/usr/bin/python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
                       "assert z.testzip() is None; "
                       "print(' '.join('%s:%d:%d' % (i.filename, i.compress_type, i.file_size) for i in z.infolist() "
                       "if not i.is_dir()))\" ");
    const QByteArray stored = "python/pkg/__init__.py:0:40000 python/pkg/data.txt:0:200000 python/pkg/empty.txt:0:0\n";
    QCOMPARE(sh(python + quoted(zip)), stored);

    // Without --level the entries are copied as they are stored.
    const QString copied = dir.filePath(QStringLiteral("copied.zip"));
    QCOMPARE(cli({QStringLiteral("export"), zip, QStringLiteral("-o"), copied, QStringLiteral("--no-report")}).exitCode,
             0);
    QCOMPARE(sh(python + quoted(copied)), stored);

    // With --level the stored entries are deflated at that level.
    const QString packed = dir.filePath(QStringLiteral("packed.zip"));
    const Run r = cli({QStringLiteral("export"), zip, QStringLiteral("-o"), packed, QStringLiteral("--level"),
                       QStringLiteral("9"), QStringLiteral("--no-report"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(sh(python + quoted(packed)),
             QByteArray("python/pkg/__init__.py:8:40000 python/pkg/data.txt:8:200000 python/pkg/empty.txt:0:0\n"));
    QVERIFY(sh(QStringLiteral("unzip -tq %1").arg(quoted(packed))).startsWith("No errors detected"));
    const QJsonObject o = json(r);
    QCOMPARE(o.value(QStringLiteral("zip_bytes")).toInteger(), QFileInfo(packed).size());
    QCOMPARE(o.value(QStringLiteral("bytes")).toInteger(), qint64(240000));
    QVERIFY(QFileInfo(packed).size() < QFileInfo(copied).size() / 20);
    QCOMPARE(
        sh(QStringLiteral("cd %1 && mkdir a b && cd a && unzip -q ../stored.zip && cd ../b && unzip -q ../packed.zip "
                          "&& cd .. && diff -r a b && echo same")
               .arg(quoted(dir.path()))),
        QByteArray("same\n"));

    // Reproducible, and byte for byte what the same files give from a folder at
    // that level, whose size scan predicts exactly.
    const QString again = dir.filePath(QStringLiteral("again.zip"));
    QCOMPARE(cli({QStringLiteral("export"), zip, QStringLiteral("-o"), again, QStringLiteral("--level"),
                  QStringLiteral("9"), QStringLiteral("--no-report")})
                 .exitCode,
             0);
    int rc = -1;
    sh(QStringLiteral("cmp %1 %2").arg(quoted(packed), quoted(again)), &rc);
    QCOMPARE(rc, 0);
    const QString fromFolder = dir.filePath(QStringLiteral("from-folder.zip"));
    QCOMPARE(cli({QStringLiteral("export"), dir.filePath(QStringLiteral("a/python")), QStringLiteral("-o"), fromFolder,
                  QStringLiteral("--level"), QStringLiteral("9"), QStringLiteral("--no-report")})
                 .exitCode,
             0);
    sh(QStringLiteral("cmp %1 %2").arg(quoted(packed), quoted(fromFolder)), &rc);
    QCOMPARE(rc, 0);
    QFile profile(dir.filePath(QStringLiteral("level9.json")));
    QVERIFY(profile.open(QIODevice::WriteOnly));
    profile.write(R"({"version":1,"level":9})");
    profile.close();
    const Run scan = cli({QStringLiteral("scan"), dir.filePath(QStringLiteral("a/python")), QStringLiteral("--profile"),
                          profile.fileName(), QStringLiteral("--exact-zip"), QStringLiteral("--json")});
    QCOMPARE(scan.exitCode, 0);
    QCOMPARE(json(scan).value(QStringLiteral("zip_bytes_estimate")).toInteger(), QFileInfo(packed).size());
    QVERIFY(json(scan).value(QStringLiteral("zip_estimate_exact")).toBool());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
