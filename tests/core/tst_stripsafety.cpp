// Strip that never breaks a library: a -g build and a copy of it rewritten by
// patchelf (as auditwheel repairs wheels), both built here. ElfFile's program
// headers and dynamic entries are checked against readelf; strip must spare
// the patchelf-edited file with the reason, the export must ship it as it was,
// and verify of the stripped export must load every native library.
#include "checks/elffile.h"
#include "testsupport.h"
#include "transform/stripper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

namespace {

const char kSource[] = R"(#include <math.h>
struct point { double x, y, z; };
static double norm(struct point p) { return sqrt(p.x * p.x + p.y * p.y + p.z * p.z); }
double api_norm(double x, double y, double z) { struct point p = {x, y, z}; return norm(p); }
#define F(k) static int helper##k(int a) { return a * k + (a >> 1); } int api_f##k(int a) { return helper##k(a); }
F(1) F(2) F(3) F(4) F(5) F(6) F(7) F(8)
)";

// A long RUNPATH makes patchelf move the dynamic string table to a new segment.
const char kRunpath[] = "$ORIGIN/../a/long/runpath/that/does/not/fit/where/the/old/strings/were/"
                        "0123456789012345678901234567890123456789012345678901234567890123456789";

QByteArray sha(const QString &path)
{
    return sh(QStringLiteral("sha256sum %1 | cut -d' ' -f1").arg(quoted(path))).trimmed();
}

QByteArray programHeaders(const QString &path)
{
    return sh(QStringLiteral("readelf -lW %1 | sed -n '/Program Headers/,/Section to/p'").arg(quoted(path)));
}

} // namespace

class TestStripSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void readsProgramHeadersAndDynamicSection();
    void patchelfFileIsSpared();
    void exportShipsTheOriginal();
    void verifyLoadsEveryLibrary();
    void libraryThatDoesNotLoadFails();

private:
    QTemporaryDir m_tmp;
    QString m_layer;   // python/pkg/ with __init__.py, libplain.so (gcc -g) and libpatched.so (patchelf)
    QString m_plain;   // python/pkg/libplain.so
    QString m_patched; // python/pkg/libpatched.so
};

void TestStripSafety::initTestCase()
{
    QVERIFY2(!Stripper::program().isEmpty(), "binutils strip is needed (scripts/install-deps.sh)");
    QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("patchelf")).isEmpty(),
             "patchelf is needed (scripts/install-deps.sh)");
    m_layer = m_tmp.filePath(QStringLiteral("layer"));
    m_plain = m_layer + QStringLiteral("/python/pkg/libplain.so");
    m_patched = m_layer + QStringLiteral("/python/pkg/libpatched.so");
    QFile src(m_tmp.filePath(QStringLiteral("lib.c")));
    QVERIFY(src.open(QIODevice::WriteOnly));
    src.write(kSource);
    src.close();
    int code = -1;
    const QByteArray out =
        sh(QStringLiteral("set -e; mkdir -p %1/python/pkg; echo 'VALUE = 1' > %1/python/pkg/__init__.py; "
                          "gcc -g -O1 -shared -fPIC -o %2 %3 -lm; cp %2 %4; "
                          "patchelf --set-rpath '%5' %4; patchelf --add-needed libz.so.1 %4")
               .arg(quoted(m_layer), quoted(m_plain), quoted(src.fileName()), quoted(m_patched),
                    QString::fromLatin1(kRunpath)),
           &code);
    QVERIFY2(code == 0, out.constData());
}

void TestStripSafety::readsProgramHeadersAndDynamicSection()
{
    QString error;
    const auto info = ElfFile::readFile(m_patched, &error);
    QVERIFY2(info, qPrintable(error));
    // One program header a line in readelf's table (lines starting with a PT_ name).
    const QStringList rows = QString::fromUtf8(programHeaders(m_patched))
                                 .split(QLatin1Char('\n'))
                                 .filter(QRegularExpression(QStringLiteral("^  [A-Z_]+ +0x")));
    QCOMPARE(int(info->segments.size()), rows.size());
    for (std::size_t i = 0; i < info->segments.size(); ++i) {
        const QStringList f = rows[qsizetype(i)].simplified().split(QLatin1Char(' '));
        const ElfSegment &s = info->segments[i];
        QCOMPARE(QStringLiteral("0x%1").arg(s.offset, 6, 16, QLatin1Char('0')), f[1]);
        QCOMPARE(QStringLiteral("0x%1").arg(s.vaddr, 16, 16, QLatin1Char('0')), f[2]);
        QCOMPARE(QStringLiteral("0x%1").arg(s.filesz, 6, 16, QLatin1Char('0')), f[4]);
        QCOMPARE(QStringLiteral("0x%1").arg(s.memsz, 6, 16, QLatin1Char('0')), f[5]);
        if (f[0] == u"LOAD")
            QCOMPARE(ElfFile::segmentTypeName(s.type), QStringLiteral("PT_LOAD"));
    }
    // The dynamic entries patchelf wrote, as readelf -d shows them.
    const QByteArray dynamic = sh(QStringLiteral("readelf -dW %1").arg(quoted(m_patched)));
    QStringList needed;
    QString runpath;
    for (const ElfDynamic &d : info->dynamic) {
        if (ElfFile::dynamicTagName(d.tag) == u"DT_NEEDED")
            needed << QString::fromUtf8(d.text);
        if (ElfFile::dynamicTagName(d.tag) == u"DT_RUNPATH")
            runpath = QString::fromUtf8(d.text);
    }
    QCOMPARE(runpath, QString::fromLatin1(kRunpath));
    QVERIFY(needed.contains(QStringLiteral("libz.so.1")) && needed.contains(QStringLiteral("libm.so.6")));
    for (const QString &n : needed)
        QVERIFY2(dynamic.contains(QStringLiteral("Shared library: [%1]").arg(n).toUtf8()), dynamic.constData());
    QCOMPARE(int(info->dynamic.size()),
             int(sh(QStringLiteral("readelf -dW %1 | grep -c '^ 0x'").arg(quoted(m_patched))).trimmed().toInt() -
                 1)); // readelf lists the DT_NULL that ends the section
    // Nothing differs between a file and itself.
    QVERIFY(ElfFile::loaderChange(*info, *info).isEmpty());
}

void TestStripSafety::patchelfFileIsSpared()
{
    // binutils really moves this file's program headers: the hazard is real, not staged.
    const QString raw = m_tmp.filePath(QStringLiteral("raw-strip.so"));
    sh(QStringLiteral("strip --strip-unneeded -o %1 %2").arg(quoted(raw), quoted(m_patched)));
    QVERIFY(QFileInfo(raw).size() > 0);
    QVERIFY(programHeaders(raw) != programHeaders(m_patched));
    QVERIFY(!Stripper::loaderChange(m_patched, raw).isEmpty());

    const QByteArray before = sha(m_patched);
    const QString dst = m_tmp.filePath(QStringLiteral("patched-stripped.so"));
    QString error;
    QVERIFY(!Stripper::stripCopy(m_patched, dst, &error));
    qInfo("%s", qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("program header")) && error.contains(QStringLiteral("PT_LOAD")),
             qPrintable(error));
    QVERIFY(!QFileInfo::exists(dst));
    QCOMPARE(sha(m_patched), before);
    // Nothing left behind beside dst.
    QCOMPARE(QDir(m_tmp.path()).entryList({QStringLiteral(".patched-stripped*")}, QDir::Hidden | QDir::Files),
             QStringList());

    // The plain -g build strips, smaller, and the loader sees the same file.
    const QString plain = m_tmp.filePath(QStringLiteral("plain-stripped.so"));
    QVERIFY2(Stripper::stripCopy(m_plain, plain, &error), qPrintable(error));
    QVERIFY(QFileInfo(plain).size() < QFileInfo(m_plain).size());
    QCOMPARE(programHeaders(plain), programHeaders(m_plain));
    QVERIFY(Stripper::loaderChange(m_plain, plain).isEmpty());
}

void TestStripSafety::exportShipsTheOriginal()
{
    const QString zip = m_tmp.filePath(QStringLiteral("out/layer.zip"));
    QVERIFY(QDir().mkpath(m_tmp.filePath(QStringLiteral("out"))));
    const testsupport::CliRun run = testsupport::cli({QStringLiteral("export"), m_layer + QStringLiteral("/python"),
                                                      QStringLiteral("-o"), zip, QStringLiteral("--strip")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QByteArray said = run.out + run.err;
    QVERIFY2(said.contains("pkg/libpatched.so: left unstripped") && said.contains("program header"), said.constData());
    // In the zip: the patched file byte for byte, the plain one stripped.
    QCOMPARE(sh(QStringLiteral("unzip -p %1 python/pkg/libpatched.so | sha256sum | cut -d' ' -f1").arg(quoted(zip)))
                 .trimmed(),
             sha(m_patched));
    const qint64 plainInZip =
        sh(QStringLiteral("unzip -p %1 python/pkg/libplain.so | wc -c").arg(quoted(zip))).trimmed().toLongLong();
    QVERIFY(plainInZip > 0 && plainInZip < QFileInfo(m_plain).size());
    QCOMPARE(sh(QStringLiteral("unzip -tq %1").arg(quoted(zip))).left(2), QByteArray("No"));
    // The report says why.
    const QJsonObject report = testsupport::readJson(m_tmp.filePath(QStringLiteral("out/layer.report.json")));
    const QJsonArray warnings =
        report.value(QStringLiteral("transforms")).toObject().value(QStringLiteral("warnings")).toArray();
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings[0].toString().contains(QStringLiteral("pkg/libpatched.so")));
    QFile md(m_tmp.filePath(QStringLiteral("out/layer.report.md")));
    QVERIFY(md.open(QIODevice::ReadOnly));
    QVERIFY(md.readAll().contains("pkg/libpatched.so: left unstripped"));
}

void TestStripSafety::verifyLoadsEveryLibrary()
{
    // From the layer's folder, with a relative path.
    QProcess p;
    p.setWorkingDirectory(m_layer);
    p.start(QStringLiteral(LAYERSLIM_CLI),
            {QStringLiteral("verify"), QStringLiteral("python"), QStringLiteral("--python"), testsupport::python(),
             QStringLiteral("--strip"), QStringLiteral("--json")});
    QVERIFY(p.waitForFinished(300000));
    const QByteArray out = p.readAllStandardOutput();
    QVERIFY2(p.exitCode() == 0, (out + p.readAllStandardError()).constData());
    const QJsonObject json = QJsonDocument::fromJson(out).object();
    const QJsonObject exported = json.value(QStringLiteral("exported")).toObject();
    QCOMPARE(exported.value(QStringLiteral("transform")).toObject().value(QStringLiteral("stripped_files")).toInt(), 1);
    QJsonObject libraries;
    for (const QJsonValue &v : json.value(QStringLiteral("results")).toArray())
        if (v.toObject().value(QStringLiteral("kind")).toString() == u"libraries")
            libraries = v.toObject();
    QCOMPARE(libraries.value(QStringLiteral("status")).toString(), QStringLiteral("passed"));
    QVERIFY2(libraries.value(QStringLiteral("output")).toString().contains(QStringLiteral("loaded 2 of 2")),
             qPrintable(libraries.value(QStringLiteral("output")).toString()));
}

void TestStripSafety::libraryThatDoesNotLoadFails()
{
    const QString layer = m_tmp.filePath(QStringLiteral("broken"));
    int code = -1;
    sh(QStringLiteral("set -e; mkdir -p %1/python/pkg; cp %2/python/pkg/* %1/python/pkg/; "
                      "cp %3 %1/python/pkg/libbroken.so; patchelf --add-needed libnot-here-at-all.so.9 "
                      "%1/python/pkg/libbroken.so")
           .arg(quoted(layer), quoted(m_layer), quoted(m_plain)),
       &code);
    QCOMPARE(code, 0);
    const testsupport::CliRun run = testsupport::cli(
        {QStringLiteral("verify"), layer + QStringLiteral("/python"), QStringLiteral("--python"), testsupport::python(),
         QStringLiteral("--strip"), QStringLiteral("--timing-runs"), QStringLiteral("1")});
    QCOMPARE(run.exitCode, 2);
    qInfo("%s", run.out.constData());
    QVERIFY2(run.out.contains("FAIL  native libraries: OSError: 1 of 3 native libraries did not load; "
                              "pkg/libbroken.so: ") &&
                 run.out.contains("libnot-here-at-all.so.9: cannot open shared object file"),
             run.out.constData());
    QVERIFY(run.out.contains("ok    pkg (import"));
}

QTEST_GUILESS_MAIN(TestStripSafety)
#include "tst_stripsafety.moc"
