// The target read from a layer's own names: extension-module tags on the demo
// layer (counted against `find`), a pythonX.Y folder, bytecode tags, arm64
// tags, a majority among mixed tags, and a version Lambda never ran.
#include "checks/layertarget.h"
#include "scan/directoryscanner.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
    void wheelTagsAndElfMachines();
    void chooseNamedOverLayerOverDefault();
    void commandsOpenWithTheLayersTarget();
    void anotherVersionIsOneFinding();
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

// Without tagged extension modules: the WHEEL files pip left say the CPython
// and the CPU; without those, the ELF files' own e_machine says the CPU.
void TestLayerTarget::wheelTagsAndElfMachines()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString root = dir.filePath(QStringLiteral("wheels"));
    touch(root, {"fast/__init__.py", "fast/_impl.so", "plain/__init__.py"});
    QVERIFY(QDir().mkpath(root + QStringLiteral("/fast-1.0.dist-info")));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/plain-2.0.dist-info")));
    QFile wheel(root + QStringLiteral("/fast-1.0.dist-info/WHEEL"));
    QVERIFY(wheel.open(QIODevice::WriteOnly));
    wheel.write("Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: cp312-cp312-manylinux_2_17_aarch64\n");
    wheel.close();
    QFile pure(root + QStringLiteral("/plain-2.0.dist-info/WHEEL"));
    QVERIFY(pure.open(QIODevice::WriteOnly));
    pure.write("Wheel-Version: 1.0\nTag: py3-none-any\n");
    pure.close();
    LayerTarget found = inferFrom(root);
    QCOMPARE(found.pythonMinor.value_or(-1), 12);
    QCOMPARE(found.arch.value_or(Arch::X86_64), Arch::Arm64);
    QCOMPARE(found.evidence, QStringLiteral("1 wheel tagged cp312; 1 wheel for aarch64"));

    // A site-packages of python3.9 whose library is a real ELF file of this machine.
    const QString site = dir.filePath(QStringLiteral("elf/python/lib/python3.9/site-packages"));
    touch(site, {"pkg/__init__.py"});
    const QString lib =
        QString::fromUtf8(
            sh(QStringLiteral("find %1 -name '*.so' | head -1").arg(testsupport::quoted(testsupport::demoLayer()))))
            .trimmed();
    QVERIFY(QFile::copy(lib, site + QStringLiteral("/pkg/libnative.so")));
    found = inferFrom(dir.filePath(QStringLiteral("elf")));
    QCOMPARE(found.pythonMinor.value_or(-1), 9);
    QVERIFY(found.arch);
    const Target host = *Target::find(QStringLiteral("python3.9"), testsupport::host().arch);
    QCOMPARE(*found.arch, host.arch);
    QCOMPARE(found.evidence, QStringLiteral("the folder python/lib/python3.9; 1 ELF file for %1").arg(host.machine()));
}

void TestLayerTarget::chooseNamedOverLayerOverDefault()
{
    LayerTarget arm;
    arm.pythonMinor = 12;
    arm.arch = Arch::Arm64;
    arm.evidence = QStringLiteral("1 extension module tagged cpython-312-aarch64-linux-gnu");
    const QString layer = QStringLiteral("the layer (1 extension module tagged cpython-312-aarch64-linux-gnu)");

    LintTarget t = arm.choose({}, {}, {}, {});
    QCOMPARE(t.runtime, QStringLiteral("python3.12"));
    QCOMPARE(t.arch, QStringLiteral("arm64"));
    QCOMPARE(t.origin, QStringLiteral("from ") + layer);

    t = arm.choose(QStringLiteral("python3.9"), QStringLiteral("the profile"), {}, {});
    QCOMPARE(t.runtime, QStringLiteral("python3.9"));
    QCOMPARE(t.arch, QStringLiteral("arm64"));
    QCOMPARE(t.origin, QStringLiteral("runtime from the profile, architecture from ") + layer);

    t = arm.choose(QStringLiteral("python3.11"), QStringLiteral("the command line"), QStringLiteral("x86_64"),
                   QStringLiteral("the command line"));
    QCOMPARE(t.origin, QStringLiteral("from the command line"));

    const LintTarget none = LayerTarget().choose({}, {}, {}, {});
    QCOMPARE(none.runtime, Target{}.runtime());
    QCOMPARE(none.arch, Target{}.archName());
    QCOMPARE(none.origin, QStringLiteral("from the default (the layer names no Python version)"));

    LayerTarget old;
    old.pythonMinor = 7;
    QCOMPARE(old.choose({}, {}, {}, {}).origin,
             QStringLiteral("from the default (the layer's python3.7 is not a Lambda runtime)"));
}

// lint, verify and export check a layer for what it was built for unless told
// otherwise, and say so; a profile or --runtime still wins.
void TestLayerTarget::commandsOpenWithTheLayersTarget()
{
    QVERIFY2(testsupport::haveDemoLayer(), testsupport::kDemoMissing);
    const auto &host = testsupport::host();
    const auto lint = testsupport::cli({QStringLiteral("lint"), testsupport::demoLayer(), QStringLiteral("--json")});
    const QJsonObject o = QJsonDocument::fromJson(lint.out).object();
    QCOMPARE(o.value(QStringLiteral("runtime")).toString(), host.runtime);
    QCOMPARE(o.value(QStringLiteral("arch")).toString(), host.arch);
    QVERIFY2(o.value(QStringLiteral("target_origin")).toString().startsWith(QStringLiteral("from the layer (")),
             qPrintable(o.value(QStringLiteral("target_origin")).toString()));
    // Built for this CPython, no extension module is flagged for its tag.
    for (const QJsonValue &g : o.value(QStringLiteral("groups")).toArray())
        QVERIFY(g.toObject().value(QStringLiteral("check")).toString() != u"abi-tag");

    const auto text = testsupport::cli({QStringLiteral("lint"), testsupport::demoLayer()});
    QVERIFY2(text.out.contains(QStringLiteral("target %1 on %2").arg(host.runtime, host.arch).toUtf8()),
             text.out.constData());
    QVERIFY2(text.out.contains("), from the layer ("), text.out.constData());

    // A profile that names a runtime is obeyed, and said to be the source.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString profile = dir.filePath(QStringLiteral("p.json"));
    QFile f(profile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral(R"({"version": 1, "runtime": "%1"})").arg(host.otherRuntime).toUtf8());
    f.close();
    const auto named = testsupport::cli({QStringLiteral("lint"), testsupport::demoLayer(), QStringLiteral("--profile"),
                                         profile, QStringLiteral("--json")});
    const QJsonObject n = QJsonDocument::fromJson(named.out).object();
    QCOMPARE(n.value(QStringLiteral("runtime")).toString(), host.otherRuntime);
    QVERIFY2(n.value(QStringLiteral("target_origin")).toString().startsWith(QStringLiteral("runtime from the profile")),
             qPrintable(n.value(QStringLiteral("target_origin")).toString()));
}

// 170-odd modules built for another CPython are one finding with the files under it.
void TestLayerTarget::anotherVersionIsOneFinding()
{
    QVERIFY2(testsupport::haveDemoLayer(), testsupport::kDemoMissing);
    const auto &host = testsupport::host();
    const int tagged = sh(QStringLiteral("find %1 -type f -name '*%2' | wc -l")
                              .arg(testsupport::quoted(testsupport::demoLayer()), host.extSuffix))
                           .trimmed()
                           .toInt();
    const auto run = testsupport::cli({QStringLiteral("lint"), testsupport::demoLayer(), QStringLiteral("--runtime"),
                                       host.otherRuntime, QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 2);
    const QJsonArray groups = QJsonDocument::fromJson(run.out).object().value(QStringLiteral("groups")).toArray();
    QVERIFY(!groups.isEmpty());
    const QJsonObject top = groups.first().toObject();
    QCOMPARE(top.value(QStringLiteral("check")).toString(), QStringLiteral("abi-tag"));
    QCOMPARE(top.value(QStringLiteral("count")).toInt(), tagged);
    QCOMPARE(top.value(QStringLiteral("paths")).toArray().size(), tagged);
    const QString version = host.runtime.mid(6); // "3.11"
    QCOMPARE(top.value(QStringLiteral("headline")).toString(),
             QStringLiteral("%1 extension modules are built for CPython %2; the target is %3")
                 .arg(tagged)
                 .arg(version, host.otherRuntime));
    // The text output leads with that one line and lists a few of the files under it.
    const auto text = testsupport::cli(
        {QStringLiteral("lint"), testsupport::demoLayer(), QStringLiteral("--runtime"), host.otherRuntime});
    const QStringList lines = QString::fromUtf8(text.out).split(QLatin1Char('\n'));
    QVERIFY(lines.size() > 4);
    QVERIFY2(lines[3].contains(top.value(QStringLiteral("headline")).toString()), qPrintable(lines[3]));
    QVERIFY2(text.out.contains(QStringLiteral("and %1 more").arg(tagged - 10).toUtf8()), text.out.constData());
}

QTEST_GUILESS_MAIN(TestLayerTarget)
#include "tst_layertarget.moc"
