// The verdicts layerslim-cli gives beside the unzipped one: a zip over the
// 50 MB direct-upload limit is named in `scan` (text and JSON) without
// changing the exit status, and `export` reports and lints for the runtime it
// was given, printing the lint summary and exiting 2 when kept extension
// modules were built for another CPython (the zip is still written). With
// strip on, `scan` judges the bytes `export` writes: the stripped sizes.
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

using Run = testsupport::CliRun;
using testsupport::cli;
using testsupport::readJson;

class TestVerdictCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void scanNamesTheDirectUploadLimit();
    void exportReportsAndLintsTheRuntimeItWasGiven();
    void scanAndExportAgreeWithStrip();

private:
    QTemporaryDir m_tmp;
    QString m_arch;         // this machine's, as Lambda names it
    QString m_tag;          // the CPython of the demo's extension modules: "311"
    QString m_otherRuntime; // a Lambda runtime those modules were not built for
};

void TestVerdictCli::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QVERIFY2(testsupport::haveDemoLayer(), "the demo layer is staged by ctest's stage_demo_layer");
    m_arch = testsupport::host().arch;
    // One real extension module of the demo layer, its ABI tag read from its name.
    const QString so =
        QString::fromLocal8Bit(sh(QStringLiteral("cd %1 && find . -name '_umath_linalg.cpython-3*.so' | head -1")
                                      .arg(quoted(testsupport::demoLayer()))))
            .trimmed();
    QVERIFY2(!so.isEmpty(), "numpy's _umath_linalg extension in the demo layer");
    m_tag = so.section(QStringLiteral("cpython-"), 1).section(QLatin1Char('-'), 0, 0);
    QVERIFY2(m_tag.startsWith(QLatin1Char('3')), qPrintable(so));
    m_otherRuntime = m_tag == QStringLiteral("310") ? QStringLiteral("python3.12") : QStringLiteral("python3.10");
    int rc = -1;
    sh(QStringLiteral("set -e; mkdir -p %1/ext/pkg; cp %2/%3 %1/ext/pkg/; echo 'x = 1' > %1/ext/pkg/__init__.py")
           .arg(quoted(m_tmp.path()), quoted(testsupport::demoLayer()), quoted(so)),
       &rc);
    QCOMPARE(rc, 0);
}

void TestVerdictCli::scanNamesTheDirectUploadLimit()
{
    // 55 MB that deflate cannot shrink: under 250 MB unzipped, over 50 MB zipped.
    const QString dir = m_tmp.filePath(QStringLiteral("big"));
    int rc = -1;
    sh(QStringLiteral("mkdir -p %1/pkg && head -c 57671680 /dev/urandom > %1/pkg/blob.bin").arg(quoted(dir)), &rc);
    QCOMPARE(rc, 0);
    const Run json = cli({QStringLiteral("scan"), dir, QStringLiteral("--exact-zip"), QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 0); // over 50 MB zipped still deploys through S3
    const QJsonObject o = QJsonDocument::fromJson(json.out).object();
    QCOMPARE(o.value(QStringLiteral("fits")).toBool(false), true);
    QCOMPARE(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("fits"));
    QCOMPARE(o.value(QStringLiteral("limit_bytes")).toInteger(), qint64(262'144'000));
    QCOMPARE(o.value(QStringLiteral("zip_limit_bytes")).toInteger(), qint64(52'428'800));
    QVERIFY(o.value(QStringLiteral("zip_bytes_estimate")).toInteger() > 52'428'800);
    QCOMPARE(o.value(QStringLiteral("zip_estimate_exact")).toBool(false), true);
    QCOMPARE(o.value(QStringLiteral("zip_estimate_method")).toString(), QStringLiteral("deflated"));
    QCOMPARE(o.value(QStringLiteral("zip_under_upload_limit")).toBool(true), false);

    const Run text = cli({QStringLiteral("scan"), dir, QStringLiteral("--exact-zip")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains("too large to upload directly"), text.out.constData());
    QVERIFY2(text.out.contains("50.0 MB direct-upload limit; upload it through S3"), text.out.constData());
    QVERIFY2(text.out.contains(": fits: "), text.out.constData());

    // A small tree says it can be uploaded directly.
    const Run small = cli({QStringLiteral("scan"), m_tmp.filePath(QStringLiteral("ext")), QStringLiteral("--json")});
    QCOMPARE(small.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(small.out).object().value(QStringLiteral("zip_under_upload_limit")).toBool(false),
             true);
}

void TestVerdictCli::exportReportsAndLintsTheRuntimeItWasGiven()
{
    const QString src = m_tmp.filePath(QStringLiteral("ext"));
    QFile profile(m_tmp.filePath(QStringLiteral("arch.json")));
    QVERIFY(profile.open(QIODevice::WriteOnly));
    profile.write(QStringLiteral(R"({"version":1,"arch":"%1"})").arg(m_arch).toUtf8());
    profile.close();
    const QString runtime = QStringLiteral("python3.%1").arg(m_tag.mid(1));

    // The runtime the module was built for: the report and its lint say so, exit 0.
    const QString good = m_tmp.filePath(QStringLiteral("good.zip"));
    const Run ok = cli({QStringLiteral("export"), src, QStringLiteral("-o"), good, QStringLiteral("--profile"),
                        profile.fileName(), QStringLiteral("--runtime"), runtime});
    QVERIFY2(ok.exitCode == 0, ok.err.constData());
    const QJsonObject report = readJson(m_tmp.filePath(QStringLiteral("good.report.json")));
    QCOMPARE(report.value(QStringLiteral("runtime")).toString(), runtime);
    QCOMPARE(report.value(QStringLiteral("profile")).toObject().value(QStringLiteral("runtime")).toString(), runtime);
    QCOMPARE(report.value(QStringLiteral("lint")).toObject().value(QStringLiteral("errors")).toInt(-1), 0);
    QFile md(m_tmp.filePath(QStringLiteral("good.report.md")));
    QVERIFY(md.open(QIODevice::ReadOnly));
    const QByteArray mdText = md.readAll();
    QVERIFY2(mdText.contains(QStringLiteral("Target: %1 on %2").arg(runtime, m_arch).toUtf8()), mdText.constData());
    QVERIFY2(mdText.contains(QStringLiteral("lint for %1 %2").arg(runtime, m_arch).toUtf8()), mdText.constData());

    // Another runtime: the module cannot load there. The zip is written, the
    // lint summary names the file, and the exit status is 2 as for "does not fit".
    const QString bad = m_tmp.filePath(QStringLiteral("bad.zip"));
    const Run wrong =
        cli({QStringLiteral("export"), src, QStringLiteral("-o"), bad, QStringLiteral("--profile"), profile.fileName(),
             QStringLiteral("--runtime"), m_otherRuntime, QStringLiteral("--no-report")});
    QCOMPARE(wrong.exitCode, 2);
    QVERIFY2(wrong.err.contains(QStringLiteral("lint for %1 %2: 1 errors").arg(m_otherRuntime, m_arch).toUtf8()),
             wrong.err.constData());
    QVERIFY2(wrong.err.contains("pkg/_umath_linalg.cpython-"), wrong.err.constData());
    QVERIFY(sh(QStringLiteral("unzip -tq %1").arg(quoted(bad))).startsWith("No errors detected"));
    QVERIFY(!QFile::exists(m_tmp.filePath(QStringLiteral("bad.report.json"))));
    // --json carries the same: runtime, lint errors, the verdict.
    const Run wrongJson =
        cli({QStringLiteral("export"), src, QStringLiteral("-o"), bad, QStringLiteral("--profile"), profile.fileName(),
             QStringLiteral("--runtime"), m_otherRuntime, QStringLiteral("--no-report"), QStringLiteral("--json")});
    QCOMPARE(wrongJson.exitCode, 2);
    const QJsonObject o = QJsonDocument::fromJson(wrongJson.out).object();
    QCOMPARE(o.value(QStringLiteral("runtime")).toString(), m_otherRuntime);
    QCOMPARE(o.value(QStringLiteral("lint_errors")).toInt(), 1);
    QCOMPARE(o.value(QStringLiteral("verdict")).toString(), QStringLiteral("fits"));
    QCOMPARE(o.value(QStringLiteral("zip_under_upload_limit")).toBool(false), true);
}

void TestVerdictCli::scanAndExportAgreeWithStrip()
{
    // Extension modules with debug sections, named for this machine's CPython.
    const QString suffix = testsupport::host().extSuffix;
    QVERIFY2(suffix.startsWith(QStringLiteral(".cpython-3")), qPrintable(suffix));
    const QString runtime = testsupport::host().runtime;
    const QString src = m_tmp.filePath(QStringLiteral("unstripped"));
    int rc = -1;
    sh(QStringLiteral(
           "set -e; mkdir -p %1/pkg; cd %1/pkg; echo 'x = 1' > __init__.py; "
           "for n in a b; do echo \"struct s$n { long v[64]; }; long f$n(struct s$n *p) { return p->v[3]; }\" "
           "> $n.c; "
           "cc -g -O0 -shared -fPIC -o $n%2 $n.c; rm $n.c; done")
           .arg(quoted(src), suffix),
       &rc);
    QCOMPARE(rc, 0);
    // The kept bytes as they are in the source (no rule prunes anything here).
    const qint64 source =
        sh(QStringLiteral("find %1 -type f -printf '%s\\n' | awk '{s += $1} END {print s}'").arg(quoted(src)))
            .trimmed()
            .toLongLong();
    QVERIFY(source > 0);

    auto writeProfile = [&](const QString &name, qint64 limit, qint64 reserve) {
        QFile f(m_tmp.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return QString();
        f.write(QStringLiteral(R"({"version":1,"runtime":"%1","arch":"%2","rules":["strip"],)"
                               R"("limit_bytes":%3,"reserve_bytes":%4})")
                    .arg(runtime, m_arch)
                    .arg(limit)
                    .arg(reserve)
                    .toUtf8());
        return f.fileName();
    };
    const QString zip = m_tmp.filePath(QStringLiteral("stripped.zip"));
    auto exportJson = [&](const QString &profile, Run *run) {
        *run = cli({QStringLiteral("export"), src, QStringLiteral("-o"), zip, QStringLiteral("--profile"), profile,
                    QStringLiteral("--no-report"), QStringLiteral("--json")});
        return QJsonDocument::fromJson(run->out).object();
    };

    // What export writes unzipped with strip: less than the source.
    Run first;
    const QJsonObject firstJson = exportJson(writeProfile(QStringLiteral("strip-wide.json"), 262'144'000, 0), &first);
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const qint64 written = firstJson.value(QStringLiteral("bytes")).toInteger();
    QCOMPARE(written, qint64(QString::fromLatin1(sh(QStringLiteral("/usr/bin/python3 -c \"import zipfile, sys; "
                                                                   "print(sum(i.file_size for i in "
                                                                   "zipfile.ZipFile(sys.argv[1]).infolist()))\" %1")
                                                        .arg(quoted(zip))))
                                 .trimmed()
                                 .toLongLong()));
    QVERIFY2(written < source, qPrintable(QStringLiteral("%1 written of %2").arg(written).arg(source)));

    // A budget the stripped layer fits with its reserve whole, and the
    // unstripped one would not: the verdicts show which bytes were judged.
    const qint64 reserve = 100;
    QVERIFY(source + reserve > written + reserve);
    const QString tight = writeProfile(QStringLiteral("strip-tight.json"), written + reserve, reserve);
    const Run scan = cli({QStringLiteral("scan"), src, QStringLiteral("--profile"), tight,
                          QStringLiteral("--exact-zip"), QStringLiteral("--json")});
    const QJsonObject s = QJsonDocument::fromJson(scan.out).object();
    QCOMPARE(s.value(QStringLiteral("kept_bytes")).toInteger(), written);
    QCOMPARE(s.value(QStringLiteral("kept_bytes_exact")).toBool(false), true);
    QCOMPARE(s.value(QStringLiteral("verdict")).toString(), QStringLiteral("fits"));
    QCOMPARE(s.value(QStringLiteral("fits")).toBool(false), true);
    QVERIFY2(scan.exitCode == 0, scan.err.constData());

    Run second;
    const QJsonObject e = exportJson(tight, &second);
    QVERIFY2(second.exitCode == 0, second.err.constData());
    QCOMPARE(e.value(QStringLiteral("bytes")).toInteger(), written);
    QCOMPARE(e.value(QStringLiteral("verdict")).toString(), s.value(QStringLiteral("verdict")).toString());
    QCOMPARE(e.value(QStringLiteral("zip_bytes")).toInteger(),
             s.value(QStringLiteral("zip_bytes_estimate")).toInteger());
    QCOMPARE(s.value(QStringLiteral("zip_estimate_exact")).toBool(false), true);
}

QTEST_GUILESS_MAIN(TestVerdictCli)
#include "tst_verdictcli.moc"
