// Exports with strip and bytecode options against what binutils and a real
// Python say: a gcc -g extension exported from a folder, from a zip and to a
// folder must be byte for byte binutils' `strip --strip-unneeded` of a copy,
// the size prediction must equal the zip, the source must stay untouched, and
// precompiled and sourceless exports must import with testsupport::python() -S.
#include "checks/pythonfinder.h"
#include "export/exporter.h"
#include "export/zipsizepredictor.h"
#include "scan/layer.h"
#include "select/rules.h"
#include "select/sizeledger.h"
#include "testsupport.h"
#include "transform/exporttransform.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

namespace {

const char kExtension[] = R"(#include <math.h>
struct point { double x, y, z; };
static double norm(struct point p) { return sqrt(p.x * p.x + p.y * p.y + p.z * p.z); }
double api_norm(double x, double y, double z) { struct point p = {x, y, z}; return norm(p); }
#define F(k) static int helper##k(int a) { return a * k + (a >> 1); } int api_f##k(int a) { return helper##k(a); }
F(1) F(2) F(3) F(4) F(5) F(6) F(7) F(8) F(9) F(10) F(11) F(12)
)";

// Named as the host Python names its extensions: cc builds them for this CPU.
const QString kExt = QStringLiteral("ext/_ext") + testsupport::host().extSuffix;
const QString kPil = QStringLiteral("PIL/_imaging") + testsupport::host().extSuffix;

QByteArray sha(const QString &path)
{
    return sh(QStringLiteral("sha256sum %1 | cut -d' ' -f1").arg(quoted(path))).trimmed();
}

// The bytes of one zip entry, read by Python's zipfile.
QByteArray entrySha(const QString &zip, const QString &name)
{
    return sh(QStringLiteral(
                  "python3 -S -c \"import hashlib, sys, zipfile; "
                  "print(hashlib.sha256(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2])).hexdigest())\" %1 %2")
                  .arg(quoted(zip), quoted(name)))
        .trimmed();
}

QStringList entryNames(const QString &zip)
{
    const QByteArray out = sh(QStringLiteral("python3 -S -c \"import sys, zipfile; "
                                             "print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))\" %1")
                                  .arg(quoted(zip)));
    return QString::fromUtf8(out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class TestExportTransform : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void stripToZip_data();
    void stripToZip();
    void stripToFolder();
    void stripReadsNamesThatAreNotUtf8();
    void precompileImports();
    void sourcelessImports();
    void dropAndCli();

private:
    ExportOptions stripOptions(const Layer &layer, const QString &output) const;
    void checkStripped(const QString &zip) const;
    void checkPrediction(const Layer &layer, const ExportOptions &options, const QString &zip) const;
    QString importFrom(const QString &zip, const QString &code) const;

    QTemporaryDir m_tmp;
    QString m_layer;       // layer/python/{ext,PIL,pkg,notes.so}
    QString m_strippedSha; // of `strip --strip-unneeded` of a copy of the extension
    qint64 m_strippedSize = 0;
    QByteArray m_sourceSha; // of the extension, which must never change
    PythonInfo m_python;
};

void TestExportTransform::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_layer = m_tmp.filePath(QStringLiteral("layer"));
    const QString py = m_layer + QStringLiteral("/python/");
    QFile src(m_tmp.filePath(QStringLiteral("ext.c")));
    QVERIFY(src.open(QIODevice::WriteOnly));
    src.write(kExtension);
    src.close();
    sh(QStringLiteral("set -e; mkdir -p %1; cd %1; mkdir -p ext PIL pkg/__pycache__ pkg/sub; cc -g -O1 -shared -fPIC "
                      "-o %2 %3 -lm; "
                      "cp %2 %4; echo 'INPUT(-lfoo)' > notes.so; "
                      "printf 'from . import mod\\nVALUE = mod.twice(21)\\n' > pkg/__init__.py; "
                      "printf 'def twice(x):\\n    return 2 * x\\n' > pkg/mod.py; "
                      "printf 'NAME = \"sub\"\\n' > pkg/sub/__init__.py; "
                      "printf 'shipped bytecode' > pkg/__pycache__/mod.%5.pyc")
           .arg(quoted(py), kExt, quoted(src.fileName()), kPil, testsupport::host().abiTag));
    QVERIFY(sh(QStringLiteral("readelf -S -W %1").arg(quoted(py + kExt))).contains(".debug_info"));
    m_sourceSha = sha(py + kExt);
    // What binutils makes of a copy, independently of LayerSlim.
    const QString copy = m_tmp.filePath(QStringLiteral("copy.so"));
    sh(QStringLiteral("cp %1 %2 && strip --strip-unneeded %2").arg(quoted(py + kExt), quoted(copy)));
    m_strippedSha = QString::fromLatin1(sha(copy));
    m_strippedSize = QFileInfo(copy).size();
    QVERIFY(m_strippedSize > 0 && m_strippedSize < QFileInfo(py + kExt).size());
    QString error;
    const auto python = PythonFinder::probe(testsupport::python(), &error);
    QVERIFY2(python, qPrintable(error));
    m_python = *python;
}

ExportOptions TestExportTransform::stripOptions(const Layer &layer, const QString &output) const
{
    SizeLedger ledger(*layer.tree);
    ExportOptions o;
    o.output = output;
    o.threads = 2;
    o.strip = ledger.ruleMatches(RuleCatalog::indexOf(u"strip")); // default exceptions: PIL/** stays
    return o;
}

void TestExportTransform::checkStripped(const QString &zip) const
{
    QVERIFY(sh(QStringLiteral("unzip -tq %1").arg(quoted(zip))).startsWith("No errors detected"));
    QCOMPARE(QString::fromLatin1(entrySha(zip, QStringLiteral("python/") + kExt)), m_strippedSha);
    const QString py = m_layer + QStringLiteral("/python/");
    QCOMPARE(entrySha(zip, QStringLiteral("python/") + kPil), sha(py + kPil)); // excepted by default
    QCOMPARE(entrySha(zip, QStringLiteral("python/notes.so")), sha(py + QStringLiteral("notes.so"))); // not ELF
    QCOMPARE(sha(py + kExt), m_sourceSha);
}

void TestExportTransform::checkPrediction(const Layer &layer, const ExportOptions &options, const QString &zip) const
{
    ZipSizePredictor predictor(*layer.tree, layer.zipEntries);
    QVERIFY(predictor.compute(options.level, nullptr, 2));
    const Bitset pruned(layer.tree->count());
    ExportTransform transform; // stripped again, on its own
    QString error;
    QVERIFY2(transform.prepare(*layer.tree, layer.zipEntries, pruned, options, nullptr, &error), qPrintable(error));
    QVERIFY2(predictor.useTransform(transform, options.level, &error), qPrintable(error));
    const auto p = predictor.predict(pruned, QByteArrayLiteral("python/"));
    QVERIFY(p.exact);
    qInfo("zip %lld bytes, predicted %llu", QFileInfo(zip).size(), static_cast<unsigned long long>(p.bytes));
    QCOMPARE(qint64(p.bytes), QFileInfo(zip).size());
}

void TestExportTransform::stripToZip_data()
{
    QTest::addColumn<bool>("fromZip");
    QTest::newRow("from a folder") << false;
    QTest::newRow("from a zip") << true;
}

void TestExportTransform::stripToZip()
{
    QFETCH(bool, fromZip);
    QString source = m_layer;
    if (fromZip) {
        source = m_tmp.filePath(QStringLiteral("source.zip"));
        sh(QStringLiteral("cd %1 && zip -qr %2 python").arg(quoted(m_layer), quoted(source)));
    }
    QString error;
    const Layer layer = Layer::open(source, &error);
    QVERIFY2(layer.tree, qPrintable(error));
    QCOMPARE(layer.isZip(), fromZip);
    const ExportOptions o = stripOptions(
        layer, m_tmp.filePath(fromZip ? QStringLiteral("zip-strip.zip") : QStringLiteral("folder-strip.zip")));
    const ExportResult r = Exporter::run(*layer.tree, Bitset(layer.tree->count()), layer.zipEntries, o);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.transform.strippedFiles, 1u);
    QCOMPARE(qint64(r.transform.stripAfter), m_strippedSize);
    QCOMPARE(qint64(r.transform.stripBefore), QFileInfo(m_layer + QStringLiteral("/python/") + kExt).size());
    QCOMPARE(qint64(r.outputBytes), QFileInfo(o.output).size());
    checkStripped(o.output);
    checkPrediction(layer, o, o.output);
    // The stripped copy still loads and answers.
    const QString ext =
        importFrom(o.output, QStringLiteral("import ctypes; print(ctypes.CDLL('python/%1').api_f7(6))").arg(kExt));
    QCOMPARE(ext, QStringLiteral("45"));
}

void TestExportTransform::stripReadsNamesThatAreNotUtf8()
{
    // The extension under a name with byte 0xff: strip reads it through a
    // scratch copy and the zip holds the stripped bytes under the same name.
    const QString layerDir = m_tmp.filePath(QStringLiteral("odd-name"));
    sh(QStringLiteral("set -e; mkdir -p %1/python && cd %1/python && cp %2 \"$(printf 'odd\\377').so\"")
           .arg(quoted(layerDir), quoted(m_layer + QStringLiteral("/python/") + kExt)));
    // QTemporaryDir cannot remove a name that is not UTF-8.
    const auto removeLayer = qScopeGuard([&] { sh(QStringLiteral("rm -rf %1").arg(quoted(layerDir))); });
    QString error;
    const Layer layer = Layer::open(layerDir, &error);
    QVERIFY2(layer.tree, qPrintable(error));
    const ExportOptions o = stripOptions(layer, m_tmp.filePath(QStringLiteral("odd-name.zip")));
    const ExportResult r = Exporter::run(*layer.tree, Bitset(layer.tree->count()), layer.zipEntries, o);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.transform.strippedFiles, 1u);
    QCOMPARE(qint64(r.transform.stripAfter), m_strippedSize);
    const QByteArray entries =
        sh(QStringLiteral("python3 -c \"import hashlib, sys, zipfile\n"
                          "for i in zipfile.ZipFile(sys.argv[1]).infolist():\n"
                          "    if not i.is_dir(): print(i.orig_filename.encode('cp437').hex(), "
                          "hashlib.sha256(zipfile.ZipFile(sys.argv[1]).read(i)).hexdigest())\" %1")
               .arg(quoted(o.output)));
    QCOMPARE(entries.trimmed(), QByteArray("python/odd\xff.so").toHex() + ' ' + m_strippedSha.toLatin1());
}

void TestExportTransform::stripToFolder()
{
    QString error;
    const Layer layer = Layer::open(m_layer, &error);
    QVERIFY2(layer.tree, qPrintable(error));
    ExportOptions o = stripOptions(layer, m_tmp.filePath(QStringLiteral("stripped-folder")));
    o.toFolder = true;
    const ExportResult r = Exporter::run(*layer.tree, Bitset(layer.tree->count()), layer.zipEntries, o);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(QString::fromLatin1(sha(o.output + QStringLiteral("/python/") + kExt)), m_strippedSha);
    QCOMPARE(sha(o.output + QStringLiteral("/python/") + kPil), sha(m_layer + QStringLiteral("/python/") + kPil));
    QCOMPARE(sha(m_layer + QStringLiteral("/python/") + kExt), m_sourceSha);
}

QString TestExportTransform::importFrom(const QString &zip, const QString &code) const
{
    QTemporaryDir dir(m_tmp.filePath(QStringLiteral("unzipped-XXXXXX")));
    sh(QStringLiteral("unzip -q %1 -d %2").arg(quoted(zip), quoted(dir.path())));
    int exitCode = -1;
    const QByteArray out =
        sh(QStringLiteral("cd %1 && env -i PYTHONPATH=%1/python \"$(command -v python3)\" -S -c %2 2>&1")
               .arg(quoted(dir.path()), quoted(code)),
           &exitCode);
    if (exitCode != 0)
        qWarning("python failed: %s", out.constData());
    return QString::fromUtf8(out).trimmed();
}

void TestExportTransform::precompileImports()
{
    QString error;
    const Layer layer = Layer::open(m_layer, &error);
    QVERIFY2(layer.tree, qPrintable(error));
    ExportOptions o;
    o.output = m_tmp.filePath(QStringLiteral("precompiled.zip"));
    o.bytecode = BytecodeMode::Precompile;
    o.python = m_python;
    o.runtime = m_python.runtimeName();
    const ExportResult r = Exporter::run(*layer.tree, Bitset(layer.tree->count()), layer.zipEntries, o);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(sh(QStringLiteral("unzip -tq %1").arg(quoted(o.output))).startsWith("No errors detected"));
    const QStringList names = entryNames(o.output);
    const QString tag = m_python.cacheTag;
    for (const QString &module : {QStringLiteral("pkg/__pycache__/__init__"), QStringLiteral("pkg/__pycache__/mod"),
                                  QStringLiteral("pkg/sub/__pycache__/__init__")})
        QVERIFY2(names.contains(QStringLiteral("python/%1.%2.pyc").arg(module, tag)), qPrintable(module));
    QVERIFY(names.contains(QStringLiteral("python/pkg/mod.py")));
    QVERIFY(names.contains(QStringLiteral("python/pkg/sub/__pycache__/")));
    QCOMPARE(r.transform.bytecodeAddedFiles, 3u);
    QCOMPARE(r.transform.bytecodeRemovedFiles, 1u); // the shipped cache, replaced by a fresh one
    // Python takes the shipped .pyc (unchecked-hash: no timestamp check) and imports.
    QCOMPARE(importFrom(o.output, QStringLiteral("import pkg, pkg.sub; print(pkg.VALUE, pkg.sub.NAME, "
                                                 "pkg.mod.__cached__.split('/python/')[1])")),
             QStringLiteral("42 sub pkg/__pycache__/mod.%1.pyc").arg(tag));
    const QByteArray flags =
        sh(QStringLiteral("unzip -p %1 python/pkg/__pycache__/mod.%2.pyc | head -c 8 | od -An -tx1")
               .arg(quoted(o.output), tag));
    QCOMPARE(flags.simplified().split(' ').value(4), QByteArray("01")); // hash-based, check_source off
}

void TestExportTransform::sourcelessImports()
{
    QString error;
    const Layer layer = Layer::open(m_layer, &error);
    QVERIFY2(layer.tree, qPrintable(error));
    ExportOptions o;
    o.output = m_tmp.filePath(QStringLiteral("sourceless.zip"));
    o.bytecode = BytecodeMode::Sourceless;
    o.python = m_python;
    o.runtime = m_python.runtimeName();
    const ExportResult r = Exporter::run(*layer.tree, Bitset(layer.tree->count()), layer.zipEntries, o);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(sh(QStringLiteral("unzip -tq %1").arg(quoted(o.output))).startsWith("No errors detected"));
    const QStringList names = entryNames(o.output);
    QVERIFY(names.contains(QStringLiteral("python/pkg/mod.pyc")));
    QVERIFY(names.contains(QStringLiteral("python/pkg/__init__.pyc")));
    QVERIFY(names.contains(QStringLiteral("python/pkg/sub/__init__.pyc")));
    for (const QString &n : names)
        QVERIFY2(!n.endsWith(QLatin1String(".py")) && !n.contains(QLatin1String("__pycache__")), qPrintable(n));
    QCOMPARE(r.transform.bytecodeAddedFiles, 3u);
    QCOMPARE(r.transform.bytecodeRemovedFiles, 4u); // three sources and the shipped cache
    QCOMPARE(importFrom(o.output, QStringLiteral("import pkg, pkg.sub; print(pkg.VALUE, pkg.sub.NAME, "
                                                 "pkg.mod.__file__.split('/python/')[1])")),
             QStringLiteral("42 sub pkg/mod.pyc"));
}

void TestExportTransform::dropAndCli()
{
    // Through the command line: --strip and --bytecode drop, with the report.
    const QString out = m_tmp.filePath(QStringLiteral("cli.zip"));
    int code = -1;
    // The runtime the fixture's extension names say: lint for another one exits 2.
    const QByteArray json =
        sh(QStringLiteral("%1 export %2 -o %3 --strip --bytecode drop --json --runtime %4")
               .arg(QStringLiteral(LAYERSLIM_CLI), quoted(m_layer), quoted(out), testsupport::host().runtime),
           &code);
    QCOMPARE(code, 0);
    const QJsonObject t = QJsonDocument::fromJson(json).object().value(QStringLiteral("transforms")).toObject();
    QCOMPARE(t.value(QStringLiteral("strip")).toObject().value(QStringLiteral("files")).toInt(), 1);
    QCOMPARE(t.value(QStringLiteral("strip")).toObject().value(QStringLiteral("bytes_after")).toDouble(),
             double(m_strippedSize));
    QCOMPARE(t.value(QStringLiteral("bytecode")).toObject().value(QStringLiteral("removed_files")).toInt(), 1);
    checkStripped(out);
    for (const QString &n : entryNames(out))
        QVERIFY2(!n.contains(QLatin1String("__pycache__")) && !n.endsWith(QLatin1String(".pyc")), qPrintable(n));
    QCOMPARE(importFrom(out, QStringLiteral("import pkg; print(pkg.VALUE)")), QStringLiteral("42"));
    const QJsonObject report = QJsonDocument::fromJson([&] {
                                   QFile f(m_tmp.filePath(QStringLiteral("cli.report.json")));
                                   return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
                               }())
                                   .object();
    QCOMPARE(report.value(QStringLiteral("transforms")).toObject(), t);
    // What Lambda counts is what was written: stripped, without bytecode.
    const double written = QJsonDocument::fromJson(json).object().value(QStringLiteral("bytes")).toDouble();
    QCOMPARE(report.value(QStringLiteral("exported_bytes")).toDouble(), written);
    const QByteArray unzipped =
        sh(QStringLiteral("python3 -S -c \"import sys, zipfile; "
                          "print(sum(i.file_size for i in zipfile.ZipFile(sys.argv[1]).infolist()"
                          " if not i.is_dir() and (i.external_attr >> 28) != 0xA))\" %1")
               .arg(quoted(out)));
    QCOMPARE(unzipped.trimmed().toDouble(), written);
    // A mode that needs a Python of another version says so and writes nothing.
    const QString other = m_tmp.filePath(QStringLiteral("other.zip"));
    const QByteArray err =
        sh(QStringLiteral("%1 export %2 -o %3 --bytecode precompile --python \"$(command -v python3)\" "
                          "--runtime python3.9 2>&1")
               .arg(QStringLiteral(LAYERSLIM_CLI), quoted(m_layer), quoted(other)),
           &code);
    QVERIFY(code != 0);
    QVERIFY2(err.contains("python3.9"), err.constData());
    QVERIFY(!QFileInfo::exists(other));
}

QTEST_GUILESS_MAIN(TestExportTransform)
#include "tst_exporttransform.moc"
