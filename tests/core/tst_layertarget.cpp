// The target read from a layer's own names: extension-module tags on the demo
// layer (counted against `find`), a pythonX.Y folder, bytecode tags, arm64
// tags, a majority among mixed tags, and a version Lambda never ran.
#include "checks/layertarget.h"
#include "scan/directoryscanner.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::sh;

class TestLayerTarget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void demoLayerIsCPythonOfItsHost();
    void versionFolderAndBytecodeTags_data();
    void versionFolderAndBytecodeTags();
    void nothingToGoBy();
};

namespace {

LayerTarget inferFrom(const QString &root)
{
    QString error;
    const auto tree = DirectoryScanner::scan(root, &error);
    if (!tree)
        qFatal("scan of %s failed: %s", qPrintable(root), qPrintable(error));
    return LayerTarget::infer(*tree);
}

// Creates empty files at the given relative paths.
void touch(const QString &root, const QStringList &paths)
{
    for (const QString &p : paths) {
        const QString full = root + QLatin1Char('/') + p;
        QVERIFY(QDir().mkpath(QFileInfo(full).absolutePath()));
        QFile f(full);
        QVERIFY(f.open(QIODevice::WriteOnly));
    }
}

} // namespace

void TestLayerTarget::demoLayerIsCPythonOfItsHost()
{
    QVERIFY2(testsupport::haveDemoLayer(), testsupport::kDemoMissing);
    const auto &host = testsupport::host();
    const LayerTarget found = inferFrom(testsupport::demoLayer());
    // The demo layer is Debian's numpy, scipy and pandas: built for the host's CPython.
    const QString suffix = host.extSuffix; // ".cpython-311-x86_64-linux-gnu.so"
    const int expected = sh(QStringLiteral("find %1 -type f -name '*%2' | wc -l")
                                .arg(testsupport::quoted(testsupport::demoLayer()), suffix))
                             .trimmed()
                             .toInt();
    QVERIFY(expected > 50);
    QCOMPARE(int(found.modulesForVersion), expected);
    QCOMPARE(QStringLiteral("python3.%1").arg(found.pythonMinor.value_or(-1)), host.runtime);
    QVERIFY(found.arch);
    const auto target = found.target(Target{});
    QVERIFY(target);
    QCOMPARE(target->runtime(), host.runtime);
    QCOMPARE(target->archName(), host.arch);
    QVERIFY2(found.describe().startsWith(host.runtime), qPrintable(found.describe()));
    QVERIFY2(found.describe().contains(QStringLiteral("%1 extension modules tagged cpython-").arg(expected)),
             qPrintable(found.describe()));
}

void TestLayerTarget::versionFolderAndBytecodeTags_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("runtime"); // "" when no Lambda runtime follows
    QTest::addColumn<QString>("arch");    // "" when the names do not say
    QTest::addColumn<QString>("evidence");
    QTest::newRow("site-packages under python3.12")
        << QStringList{"python/lib/python3.12/site-packages/pkg/__init__.py"} << "python3.12"
        << ""
        << "the folder python/lib/python3.12";
    QTest::newRow("bytecode tags") << QStringList{"pkg/__pycache__/a.cpython-39.pyc",
                                                  "pkg/__pycache__/b.cpython-39.pyc",
                                                  "pkg/__pycache__/c.cpython-312.opt-1.pyc"}
                                   << "python3.9"
                                   << ""
                                   << "2 bytecode caches tagged cpython-39";
    QTest::newRow("arm64 extension") << QStringList{"pkg/_speed.cpython-312-aarch64-linux-gnu.so"} << "python3.12"
                                     << "arm64"
                                     << "1 extension module tagged cpython-312-aarch64-linux-gnu";
    QTest::newRow("majority of mixed tags")
        << QStringList{"a/x.cpython-310-x86_64-linux-gnu.so", "a/y.cpython-310-x86_64-linux-gnu.so",
                       "b/z.cpython-311-x86_64-linux-gnu.so", "pkg/__pycache__/m.cpython-311.pyc"}
        << "python3.10"
        << "x86_64"
        << "2 extension modules tagged cpython-310-x86_64-linux-gnu";
    QTest::newRow("a version Lambda never ran") << QStringList{"pkg/old.cpython-37-x86_64-linux-gnu.so"} << ""
                                                << "x86_64"
                                                << "1 extension module tagged cpython-37-x86_64-linux-gnu";
}

void TestLayerTarget::versionFolderAndBytecodeTags()
{
    QFETCH(QStringList, files);
    QFETCH(QString, runtime);
    QFETCH(QString, arch);
    QFETCH(QString, evidence);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    touch(dir.path(), files);
    const LayerTarget found = inferFrom(dir.path());
    QCOMPARE(found.evidence, evidence);
    const auto target = found.target(Target{});
    QCOMPARE(target ? target->runtime() : QString(), runtime);
    if (target)
        QCOMPARE(target->archName(), arch.isEmpty() ? Target{}.archName() : arch);
    QCOMPARE(found.arch.has_value(), !arch.isEmpty());
}

void TestLayerTarget::nothingToGoBy()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    touch(dir.path(), {"pkg/__init__.py", "pkg/lib.so"});
    const LayerTarget found = inferFrom(dir.path());
    QVERIFY(!found.pythonMinor);
    QVERIFY(!found.target(Target{}));
    QCOMPARE(found.describe(), QStringLiteral("the layer names no Python version"));
}

QTEST_GUILESS_MAIN(TestLayerTarget)
#include "tst_layertarget.moc"
