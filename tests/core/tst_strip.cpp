// Strip estimates against what binutils' strip really does: an unstripped
// extension built here with gcc -g, and the demo layer's (already stripped)
// numpy extensions; stripped copies must load and the source stay untouched.
#include "export/zipsizepredictor.h"
#include "scan/directoryscanner.h"
#include "scan/layer.h"
#include "select/rules.h"
#include "select/sizeledger.h"
#include "testsupport.h"
#include "transform/stripper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

namespace {

// Enough code and types that debug info and symbols are a real share of the file.
const char kSource[] = R"(#include <math.h>
#include <stdlib.h>
#include <string.h>
struct point { double x, y, z; };
struct mesh { struct point *pts; int n; char name[32]; };
static double norm(struct point p) { return sqrt(p.x * p.x + p.y * p.y + p.z * p.z); }
double api_norm(double x, double y, double z) { struct point p = {x, y, z}; return norm(p); }
int api_sum(const int *v, int n) { int s = 0; for (int i = 0; i < n; ++i) s += v[i]; return s; }
struct mesh *api_mesh(int n) { struct mesh *m = calloc(1, sizeof *m); m->pts = calloc(n, sizeof *m->pts);
  m->n = n; strcpy(m->name, "mesh"); for (int i = 0; i < n; ++i) m->pts[i] = (struct point){i, 2.0 * i, 3.0 * i};
  return m; }
double api_mesh_len(const struct mesh *m) { double s = 0; for (int i = 0; i < m->n; ++i) s += norm(m->pts[i]);
  return s; }
#define F(k) static int helper##k(int a) { return a * k + (a >> 1); } int api_f##k(int a) { return helper##k(a); }
F(1) F(2) F(3) F(4) F(5) F(6) F(7) F(8) F(9) F(10) F(11) F(12) F(13) F(14) F(15) F(16)
)";

qint64 fileSize(const QString &path)
{
    return QFileInfo(path).size();
}

QByteArray sha(const QString &path)
{
    return sh(QStringLiteral("sha256sum %1 | cut -d' ' -f1").arg(quoted(path))).trimmed();
}

} // namespace

class TestStrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void predictionWithinOnePercent();
    void strippedCopyLoads();
    void estimateOverTreeAndZip();
    void estimateReadsNamesThatAreNotUtf8();
    void demoExtensionsMatchStrip();
    void refusesInPlaceAndKeepsDstOnFailure();
    void scanEstimateIsTheExportedZip();

private:
    QTemporaryDir m_tmp;
    QString m_layer; // python/ext/_ext<host's extension suffix>, built by gcc, + a text file named .so
    QString m_so;
};

void TestStrip::initTestCase()
{
    QVERIFY2(!Stripper::program().isEmpty(), "binutils strip is needed (scripts/install-deps.sh)");
    m_layer = m_tmp.filePath(QStringLiteral("layer"));
    // Named as the host Python names its extensions: gcc builds for this CPU.
    m_so = m_layer + QStringLiteral("/python/ext/_ext") + testsupport::host().extSuffix;
    QFile src(m_tmp.filePath(QStringLiteral("ext.c")));
    QVERIFY(src.open(QIODevice::WriteOnly));
    src.write(kSource);
    src.close();
    sh(QStringLiteral("set -e; mkdir -p %1/python/ext && gcc -g -O1 -shared -fPIC -o %2 %3 -lm && "
                      "echo 'INPUT(-lfoo)' > %1/python/ext/libscript.so")
           .arg(quoted(m_layer), quoted(m_so), quoted(src.fileName())));
    QVERIFY(QFileInfo(m_so).size() > 0);
    QVERIFY(sh(QStringLiteral("readelf -S -W %1").arg(quoted(m_so))).contains(".debug_info"));
}

void TestStrip::predictionWithinOnePercent()
{
    QString error;
    const auto predicted = Stripper::estimateFile(m_so, &error);
    QVERIFY2(predicted, qPrintable(error));
    const QByteArray before = sha(m_so);
    const QString dst = m_tmp.filePath(QStringLiteral("stripped.so"));
    QVERIFY2(Stripper::stripCopy(m_so, dst, &error), qPrintable(error));
    QCOMPARE(sha(m_so), before); // the source is only read
    const qint64 actual = fileSize(m_so) - fileSize(dst);
    QVERIFY(actual > 0);
    const double off = std::abs(double(*predicted) - double(actual)) / double(actual);
    qInfo("gcc -g extension: %lld bytes, predicted savings %llu, actual %lld (%.3f%% off)", fileSize(m_so),
          static_cast<unsigned long long>(*predicted), actual, off * 100);
    QVERIFY2(off <= 0.01, qPrintable(QStringLiteral("predicted %1, actual %2").arg(*predicted).arg(actual)));
    // What strip left: no symbol table, no debug sections.
    const QByteArray sections = sh(QStringLiteral("readelf -S -W %1").arg(quoted(dst)));
    QVERIFY(!sections.contains(".symtab") && !sections.contains(".debug_"));
    QCOMPARE(Stripper::estimateFile(dst).value_or(1), std::uint64_t(0));
}

void TestStrip::strippedCopyLoads()
{
    QString error;
    const QString dst = m_tmp.filePath(QStringLiteral("loadme.so"));
    QVERIFY2(Stripper::stripCopy(m_so, dst, &error), qPrintable(error));
    const QByteArray out = sh(QStringLiteral("python3 -S -c \"import ctypes; l = ctypes.CDLL('%1'); "
                                             "print(l.api_f7(6), l.api_sum((ctypes.c_int * 3)(1, 2, 3), 3))\"")
                                  .arg(dst));
    QCOMPARE(out.trimmed(), QByteArray("45 6"));
    QByteArray data;
    QFile f(m_so);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY2(Stripper::stripData(f.readAll(), &data, &error), qPrintable(error));
    QFile g(dst);
    QVERIFY(g.open(QIODevice::ReadOnly));
    QCOMPARE(data, g.readAll()); // in memory and on disk strip the same way
}

void TestStrip::estimateOverTreeAndZip()
{
    QString error;
    auto tree = DirectoryScanner::scan(m_layer, &error);
    QVERIFY(tree);
    SizeLedger ledger(*tree);
    const Bitset &stripSet = ledger.ruleMatches(RuleCatalog::indexOf(u"strip"));
    const std::vector<StripEstimate> est = Stripper::estimate(*tree, stripSet);
    QCOMPARE(est.size(), std::size_t(1)); // the linker script named .so is not ELF
    QCOMPARE(est[0].path, QByteArray("ext/_ext") + testsupport::host().extSuffix.toUtf8());
    QCOMPARE(est[0].savings, Stripper::estimateFile(m_so).value());
    QCOMPARE(est[0].size, std::uint64_t(fileSize(m_so)));
    QCOMPARE(Stripper::totals(est).savings, est[0].savings);
    // The CLI shows the same estimate before export (lint --json "strip").
    int code = -1;
    const QJsonObject lint = QJsonDocument::fromJson(sh(QStringLiteral("%1 lint %2 --runtime %3 --json")
                                                            .arg(QStringLiteral(LAYERSLIM_CLI), quoted(m_layer),
                                                                 testsupport::host().runtime),
                                                        &code))
                                 .object();
    const QJsonObject strip = lint.value(QStringLiteral("strip")).toObject();
    QCOMPARE(strip.value(QStringLiteral("savings_bytes")).toDouble(), double(est[0].savings));
    QCOMPARE(strip.value(QStringLiteral("files")).toInt(), 1);

    sh(QStringLiteral("cd %1 && zip -qr ../strip.zip python").arg(quoted(m_layer)));
    const Layer zip = Layer::open(m_tmp.filePath(QStringLiteral("strip.zip")), &error);
    QVERIFY2(zip.tree, qPrintable(error));
    SizeLedger zipLedger(*zip.tree);
    const std::vector<StripEstimate> fromZip =
        Stripper::estimate(*zip.tree, zipLedger.ruleMatches(RuleCatalog::indexOf(u"strip")), &zip.zipEntries);
    QCOMPARE(fromZip.size(), std::size_t(1));
    QCOMPARE(fromZip[0].savings, est[0].savings);
}

void TestStrip::estimateReadsNamesThatAreNotUtf8()
{
    // The extension under a name holding byte 0xff: the estimate opens it by
    // its raw name, as export's strip pass and lint do.
    const QString layer = m_tmp.filePath(QStringLiteral("odd"));
    const QString suffix = testsupport::host().extSuffix;
    sh(QStringLiteral("set -e; mkdir -p %1/python/ext && cp %2 %1/python/ext/\"$(printf '_ext\\377')\"%3")
           .arg(quoted(layer), quoted(m_so), suffix));
    // QTemporaryDir cannot remove a name that is not UTF-8.
    const auto removeLayer = qScopeGuard([&] { sh(QStringLiteral("rm -rf %1").arg(quoted(layer))); });
    QString error;
    auto tree = DirectoryScanner::scan(layer, &error);
    QVERIFY2(tree, qPrintable(error));
    SizeLedger ledger(*tree);
    const std::vector<StripEstimate> est =
        Stripper::estimate(*tree, ledger.ruleMatches(RuleCatalog::indexOf(u"strip")));
    QCOMPARE(est.size(), std::size_t(1));
    QCOMPARE(est[0].path, QByteArray("ext/_ext\xff") + suffix.toUtf8());
    QVERIFY2(est[0].error.isEmpty(), qPrintable(est[0].error));
    QCOMPARE(est[0].savings, Stripper::estimateFile(m_so).value());
    QVERIFY(est[0].savings > 0);
}

void TestStrip::demoExtensionsMatchStrip()
{
    QVERIFY2(testsupport::haveDemoLayer(), "the demo layer is staged by ctest's stage_demo_layer");
    const QString dir = testsupport::demoLayer() + QStringLiteral("/numpy/core");
    const QStringList files = QDir(dir).entryList({QStringLiteral("*.so")}, QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString &name : files) {
        const QString src = dir + QLatin1Char('/') + name;
        const QString dst = m_tmp.filePath(QStringLiteral("demo-") + name);
        QString error;
        const auto predicted = Stripper::estimateFile(src, &error);
        QVERIFY2(predicted, qPrintable(error));
        QVERIFY2(Stripper::stripCopy(src, dst, &error), qPrintable(error));
        const qint64 actual = fileSize(src) - fileSize(dst);
        QVERIFY2(std::abs(qint64(*predicted) - actual) <= std::max<qint64>(actual / 100, 16),
                 qPrintable(QStringLiteral("%1: predicted %2, actual %3").arg(name).arg(*predicted).arg(actual)));
    }
}

void TestStrip::refusesInPlaceAndKeepsDstOnFailure()
{
    QString error;
    const QByteArray before = sha(m_so);
    QVERIFY(!Stripper::stripCopy(m_so, m_so, &error));
    QVERIFY(error.contains(QStringLiteral("in place")));
    QCOMPARE(sha(m_so), before);

    const QString dst = m_tmp.filePath(QStringLiteral("keep.txt"));
    QFile f(dst);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("previous output");
    f.close();
    QVERIFY(!Stripper::stripCopy(m_layer + QStringLiteral("/python/ext/libscript.so"), dst, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("previous output"));
    QCOMPARE(QDir(m_tmp.path()).entryList({QStringLiteral(".keep.txt.*")}, QDir::Files | QDir::Hidden).size(), 0);
}

void TestStrip::scanEstimateIsTheExportedZip()
{
    // Two unstripped extensions (one also in a zip source), a linker script named
    // .so, and an excepted PIL extension: scan's zip size with the strip rule on
    // must be the size of the zip export writes, and say exact only when it is.
    const QString layer = m_tmp.filePath(QStringLiteral("scanned"));
    const QString py = layer + QStringLiteral("/python");
    sh(QStringLiteral("set -e; mkdir -p %1/ext %1/PIL %1/pkg; cp %2 %1/ext/; cp %2 %1/PIL/_imaging.so; "
                      "cc -g -shared -fPIC -o %1/pkg/_two.so %3 -lm; echo 'INPUT(-lfoo)' > %1/ext/libscript.so; "
                      "printf 'VALUE = 1\\n' > %1/pkg/__init__.py")
           .arg(quoted(py), quoted(m_so), quoted(m_tmp.filePath(QStringLiteral("ext.c")))));
    // Independently: what binutils frees from each copy strip rewrites.
    qint64 freed = 0;
    for (const QString &rel :
         {QStringLiteral("ext/_ext") + testsupport::host().extSuffix, QStringLiteral("pkg/_two.so")}) {
        const QString copy = m_tmp.filePath(QStringLiteral("copy.so"));
        sh(QStringLiteral("cp %1 %2 && strip --strip-unneeded %2")
               .arg(quoted(py + QLatin1Char('/') + rel), quoted(copy)));
        freed += fileSize(py + QLatin1Char('/') + rel) - fileSize(copy);
    }
    QVERIFY(freed > 0);
    const QString zipSource = m_tmp.filePath(QStringLiteral("scanned.zip"));
    sh(QStringLiteral("cd %1 && zip -qr %2 python").arg(quoted(layer), quoted(zipSource)));

    for (const QString &source : {layer, zipSource}) {
        int code = -1;
        const QJsonObject scan =
            QJsonDocument::fromJson(sh(QStringLiteral("%1 scan %2 --rules strip,tests --exact-zip --json")
                                           .arg(QStringLiteral(LAYERSLIM_CLI), quoted(source)),
                                       &code))
                .object();
        QCOMPARE(code, 0);
        const QString out = m_tmp.filePath(QStringLiteral("scanned-export.zip"));
        QFile::remove(out);
        // The extensions carry the host's ABI tag: lint for the host's runtime passes.
        sh(QStringLiteral("%1 export %2 -o %3 --rules strip,tests --no-report --runtime %4")
               .arg(QStringLiteral(LAYERSLIM_CLI), quoted(source), quoted(out), testsupport::host().runtime),
           &code);
        QCOMPARE(code, 0);
        QVERIFY(sh(QStringLiteral("unzip -tq %1").arg(quoted(out))).startsWith("No errors detected"));
        const qint64 written = QFileInfo(out).size();
        qInfo("%s: scan %.0f (exact %d), export wrote %lld", qPrintable(source),
              scan.value(QStringLiteral("zip_bytes_estimate")).toDouble(),
              int(scan.value(QStringLiteral("zip_estimate_exact")).toBool()), written);
        QVERIFY(scan.value(QStringLiteral("zip_estimate_exact")).toBool());
        QCOMPARE(qint64(scan.value(QStringLiteral("zip_bytes_estimate")).toDouble()), written);
        // The strip rule reports the bytes binutils frees, in the files it rewrites.
        QJsonObject rule;
        for (const QJsonValue v : scan.value(QStringLiteral("rules")).toArray())
            if (v.toObject().value(QStringLiteral("id")).toString() == QStringLiteral("strip"))
                rule = v.toObject();
        QCOMPARE(qint64(rule.value(QStringLiteral("bytes")).toDouble()), freed);
        QCOMPARE(rule.value(QStringLiteral("files")).toInt(), 2);
        QCOMPARE(qint64(rule.value(QStringLiteral("marginal_bytes")).toDouble()), freed);
    }

    // In core: without the stripped copies measured, a prediction with strip on is not exact.
    QString error;
    const Layer opened = Layer::open(layer, &error);
    QVERIFY2(opened.tree, qPrintable(error));
    SizeLedger ledger(*opened.tree);
    ledger.setRuleEnabled(RuleCatalog::indexOf(u"strip"), true);
    ZipSizePredictor predictor(*opened.tree, opened.zipEntries);
    QVERIFY(predictor.compute(6, nullptr, 2));
    QVERIFY(!predictor.predict(ledger, QByteArrayLiteral("python/")).exact);
    QVERIFY(!ledger.transformMeasured(RuleCatalog::indexOf(u"strip")));
    QVERIFY2(predictor.compute(ledger, 6, nullptr, 2, &error), qPrintable(error));
    QVERIFY(predictor.predict(ledger, QByteArrayLiteral("python/")).exact);
    QCOMPARE(qint64(ledger.ruleBytes(RuleCatalog::indexOf(u"strip")).aloneBytes), freed);
    // Pruning a stripped file takes its saving out of the union, not out of "alone".
    ledger.mark(opened.tree->find("pkg", opened.tree->packageRoot()), SizeLedger::Mark::Prune);
    const RuleBytes pruned = ledger.ruleBytes(RuleCatalog::indexOf(u"strip"));
    QCOMPARE(qint64(pruned.aloneBytes), freed);
    QCOMPARE(
        qint64(pruned.marginalBytes), fileSize(m_so) - [&] {
            const QString copy = m_tmp.filePath(QStringLiteral("copy.so"));
            sh(QStringLiteral("cp %1 %2 && strip --strip-unneeded %2").arg(quoted(m_so), quoted(copy)));
            return fileSize(copy);
        }());
}

QTEST_GUILESS_MAIN(TestStrip)
#include "tst_strip.moc"
