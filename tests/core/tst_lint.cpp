// Lint on real extension modules from the demo layer: copies patched to
// aarch64, renamed to another ABI tag, fake Mach-O and PE files; GLIBC
// versions checked against binutils' readelf over the whole demo layer.
#include "checks/elffile.h"
#include "checks/lint.h"
#include "scan/directoryscanner.h"
#include "scan/layer.h"
#include "select/rules.h"
#include "select/sizeledger.h"
#include "testsupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

using testsupport::quoted;
using testsupport::sh;

namespace {

// A real extension module of the demo layer, whatever CPython and CPU it was built for.
const char kGood[] = "numpy/linalg/lapack_lite.*.so";

using FindingKey = std::pair<QByteArray, QString>; // path, check

std::set<FindingKey> keys(const LintReport &r)
{
    std::set<FindingKey> out;
    for (const LintFinding &f : r.findings)
        out.insert({f.path, Lint::checkName(f.check)});
    return out;
}

} // namespace

class TestLint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void targets();
    void abiTags();
    void patchedCopiesAreFlagged();
    void zipSourceGivesTheSameFindings();
    void glibcMatchesReadelfOnDemoLayer();
    void cliJsonAndExitStatus();
    void windowsLaunchersAreDeadWeight();
    void nonUtf8NamesAreOpenedByTheirBytes();

private:
    QTemporaryDir m_tmp;
    QString m_layer; // a small layer: python/ with real and doctored extensions
};

void TestLint::initTestCase()
{
    QVERIFY2(testsupport::haveDemoLayer(), "the demo layer is staged by ctest's stage_demo_layer");
    m_layer = m_tmp.filePath(QStringLiteral("layer"));
    const QString good =
        QString::fromUtf8(sh(QStringLiteral("ls %1/%2").arg(quoted(testsupport::demoLayer()), QLatin1String(kGood))))
            .trimmed();
    QVERIFY2(QFileInfo(good).isFile(), qPrintable(good));
    // e_machine is the little-endian half-word at offset 18 of an ELF64 header (x86_64 and aarch64 alike):
    // 62 = 0x3e is x86_64, 183 = 0xb7 aarch64. Every copy gets its machine written, so the names below
    // hold on any host.
    sh(QStringLiteral(
           "set -e; mkdir -p %1/python/pkg && cd %1/python/pkg && "
           "cp %2 good.cpython-311-x86_64-linux-gnu.so && "
           "printf '\\x3e\\x00' | dd of=good.cpython-311-x86_64-linux-gnu.so bs=1 seek=18 conv=notrunc status=none && "
           "cp %2 arm.cpython-311-x86_64-linux-gnu.so && "
           "printf '\\xb7\\x00' | dd of=arm.cpython-311-x86_64-linux-gnu.so bs=1 seek=18 conv=notrunc status=none && "
           "cp good.cpython-311-x86_64-linux-gnu.so other.cpython-310-x86_64-linux-gnu.so && "
           "printf '\\xcf\\xfa\\xed\\xfe\\x07\\x00\\x00\\x01junk' > mac.cpython-311-darwin.so && "
           "printf 'MZ\\x90\\x00junk' > win.pyd && printf 'MZ is a text file' > notes.txt && "
           "cp good.cpython-311-x86_64-linux-gnu.so tool && chmod +x tool && "
           "cp good.cpython-311-x86_64-linux-gnu.so blob.bin && chmod -x blob.bin && "
           "touch __init__.py")
           .arg(quoted(m_layer), quoted(good)));
    QCOMPARE(sh(QStringLiteral("od -An -tu2 -j18 -N2 %1/python/pkg/arm.cpython-311-x86_64-linux-gnu.so")
                    .arg(quoted(m_layer)))
                 .trimmed(),
             QByteArray("183"));
}

void TestLint::targets()
{
    LintTarget t{QStringLiteral("python3.10"), QStringLiteral("x86_64")};
    QCOMPARE(t.cacheTag(), QStringLiteral("cpython-310"));
    QCOMPARE(t.glibc(), QByteArray("2.26"));
    QCOMPARE(t.elfMachine(), 62);
    t = {QStringLiteral("python3.12"), QStringLiteral("arm64")};
    QCOMPARE(t.glibc(), QByteArray("2.34"));
    QCOMPARE(t.elfMachine(), 183);
    QCOMPARE(t.machineName(), QStringLiteral("aarch64"));
    QVERIFY(!LintTarget({QStringLiteral("python3.10"), QStringLiteral("sparc")}).valid());
    QVERIFY(ElfFile::compareVersions("2.9", "2.17") < 0);
    QVERIFY(ElfFile::compareVersions("2.2.5", "2.2") > 0);
    QCOMPARE(ElfFile::compareVersions("2.26", "2.26"), 0);
}

void TestLint::abiTags()
{
    QCOMPARE(Lint::abiTag("x.cpython-311-x86_64-linux-gnu.so"), QByteArray("cpython-311-x86_64-linux-gnu"));
    QCOMPARE(Lint::abiTag("x.abi3.so"), QByteArray("abi3"));
    QCOMPARE(Lint::abiTag("libfoo.so"), QByteArray());
    QCOMPARE(Lint::abiTag("libfoo-1.2.so"), QByteArray());
    QCOMPARE(Lint::abiTag("x.cp311-win_amd64.pyd"), QByteArray("cp311-win_amd64"));
}

void TestLint::patchedCopiesAreFlagged()
{
    QString error;
    auto tree = DirectoryScanner::scan(m_layer, &error);
    QVERIFY(tree);
    const LintReport r = Lint::run(*tree, nullptr, {QStringLiteral("python3.11"), QStringLiteral("x86_64")});
    const std::set<FindingKey> expected{
        {"pkg/arm.cpython-311-x86_64-linux-gnu.so", QStringLiteral("machine")},
        {"pkg/other.cpython-310-x86_64-linux-gnu.so", QStringLiteral("abi-tag")},
        {"pkg/mac.cpython-311-darwin.so", QStringLiteral("non-elf")},
        {"pkg/win.pyd", QStringLiteral("non-elf")},
    };
    QCOMPARE(keys(r), expected);
    // Windows and macOS binaries never load on Linux: dead weight, warned about, not errors.
    QCOMPARE(r.errors(), 2);
    QCOMPARE(r.warnings(), 2);
    for (const LintFinding &f : r.findings)
        QCOMPARE(f.severity, f.check == LintCheck::NonElf ? LintSeverity::Warning : LintSeverity::Error);
    // good, arm, other and the executable tool; blob.bin has no bit to be run by.
    QCOMPARE(r.elfFiles.size(), std::size_t(4));
    for (const LintFinding &f : r.findings) {
        if (f.check == LintCheck::Machine)
            QCOMPARE(f.found, QStringLiteral("aarch64"));
        if (f.check == LintCheck::AbiTag)
            QVERIFY(f.found.startsWith(QStringLiteral("cpython-310")));
    }

    // On arm64 the patched copy is the one that fits; the others do not.
    const LintReport arm = Lint::run(*tree, nullptr, {QStringLiteral("python3.11"), QStringLiteral("arm64")});
    std::set<QByteArray> machineFlagged;
    for (const LintFinding &f : arm.findings)
        if (f.check == LintCheck::Machine)
            machineFlagged.insert(f.path);
    QCOMPARE(machineFlagged, (std::set<QByteArray>{"pkg/good.cpython-311-x86_64-linux-gnu.so",
                                                   "pkg/other.cpython-310-x86_64-linux-gnu.so", "pkg/tool"}));
    // And for python3.10 the untouched 3.11 copies carry the wrong tag instead.
    const LintReport py310 = Lint::run(*tree, nullptr, {QStringLiteral("python3.10"), QStringLiteral("x86_64")});
    QVERIFY(keys(py310).count({"pkg/good.cpython-311-x86_64-linux-gnu.so", QStringLiteral("abi-tag")}));
    QVERIFY(!keys(py310).count({"pkg/other.cpython-310-x86_64-linux-gnu.so", QStringLiteral("abi-tag")}));
}

void TestLint::zipSourceGivesTheSameFindings()
{
    sh(QStringLiteral("cd %1 && zip -qr ../lint.zip python").arg(quoted(m_layer)));
    QString error;
    const Layer zip = Layer::open(m_tmp.filePath(QStringLiteral("lint.zip")), &error);
    QVERIFY2(zip.tree, qPrintable(error));
    auto dir = DirectoryScanner::scan(m_layer, &error);
    const LintTarget t{QStringLiteral("python3.11"), QStringLiteral("x86_64")};
    const LintReport fromZip = Lint::run(*zip.tree, &zip.zipEntries, t);
    const LintReport fromDir = Lint::run(*dir, nullptr, t);
    QCOMPARE(keys(fromZip), keys(fromDir));
    QCOMPARE(fromZip.elfFiles.size(), fromDir.elfFiles.size());
    // Both look at the files that can be loaded or run: the five named as
    // native and the executable `tool`, not `blob.bin` (ELF bytes, no bit).
    QCOMPARE(fromDir.filesChecked, 6u);
    QCOMPARE(fromZip.filesChecked, fromDir.filesChecked);
    QCOMPARE(fromDir.elfFiles.size(), std::size_t(4));
}

void TestLint::glibcMatchesReadelfOnDemoLayer()
{
    QString error;
    auto tree = DirectoryScanner::scan(testsupport::demoLayer(), &error);
    QVERIFY(tree);
    // The host Python's own runtime and CPU: the demo layer copies its packages.
    const LintTarget target{testsupport::host().runtime, testsupport::host().arch};
    QVERIFY2(target.valid(), qPrintable(testsupport::host().runtime));
    const LintReport r = Lint::run(*tree, nullptr, target);

    // Independent: every file with ELF magic (python3), its highest GLIBC_ version (readelf -V).
    const QString script =
        QStringLiteral(
            "cd %1 && python3 -c \"import os\n"
            "for d, _, fs in os.walk('.'):\n"
            "  for f in fs:\n"
            "    p = os.path.join(d, f)\n"
            "    if os.path.isfile(p) and not os.path.islink(p) and open(p, 'rb').read(4) == b'\\x7fELF': "
            "print(p[2:])\" | "
            "sort | while read -r f; do v=$(readelf -V -W \"$f\" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | "
            "sort -V | tail -1); echo \"$f $v\"; done")
            .arg(quoted(testsupport::demoLayer()));
    QStringList expected = QString::fromUtf8(sh(script)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QStringList got;
    int tooNew = 0;
    for (const LintElf &e : r.elfFiles) {
        got << (QString::fromUtf8(e.path) + QLatin1Char(' ') + QString::fromLatin1(e.maxGlibc)).trimmed();
        tooNew += !e.maxGlibc.isEmpty() && ElfFile::compareVersions(e.maxGlibc, target.glibc()) > 0;
    }
    for (QString &line : expected)
        line = line.trimmed();
    got.sort();
    expected.sort();
    QVERIFY(expected.size() > 100);
    QCOMPARE(got, expected);
    int glibcFindings = 0;
    for (const LintFinding &f : r.findings)
        glibcFindings += f.check == LintCheck::Glibc;
    QCOMPARE(glibcFindings, tooNew);
    qInfo("demo layer: %d ELF files, %d need a glibc newer than %s", int(r.elfFiles.size()), tooNew,
          target.glibc().constData());
}

void TestLint::cliJsonAndExitStatus()
{
    int code = -1;
    const QByteArray out = sh(QStringLiteral("%1 lint %2 --runtime python3.11 --arch x86_64 --json")
                                  .arg(QStringLiteral(LAYERSLIM_CLI), quoted(m_layer)),
                              &code);
    QCOMPARE(code, 2);
    const QJsonObject o = QJsonDocument::fromJson(out).object();
    QCOMPARE(o.value(QStringLiteral("errors")).toInt(), 2);
    QCOMPARE(o.value(QStringLiteral("warnings")).toInt(), 2);
    QCOMPARE(o.value(QStringLiteral("target_origin")).toString(), QStringLiteral("from the command line"));
    // Each finding is its own group here: no two share a cause.
    QCOMPARE(o.value(QStringLiteral("groups")).toArray().size(), 4);
    QCOMPARE(o.value(QStringLiteral("abi_tag")).toString(), QStringLiteral("cpython-311"));
    QCOMPARE(o.value(QStringLiteral("glibc")).toString(), QStringLiteral("2.26"));
    bool sawArm = false;
    for (const QJsonValue &v : o.value(QStringLiteral("findings")).toArray())
        sawArm = sawArm ||
                 (v.toObject().value(QStringLiteral("path")).toString() == u"pkg/arm.cpython-311-x86_64-linux-gnu.so" &&
                  v.toObject().value(QStringLiteral("check")).toString() == u"machine");
    QVERIFY(sawArm);

    // Only the good copy: no errors, exit 0.
    const QString clean = m_tmp.filePath(QStringLiteral("clean"));
    sh(QStringLiteral("mkdir -p %1/python && cp %2/python/pkg/good.cpython-311-x86_64-linux-gnu.so %1/python/")
           .arg(quoted(clean), quoted(m_layer)));
    const QByteArray text =
        sh(QStringLiteral("%1 lint %2 --runtime python3.11").arg(QStringLiteral(LAYERSLIM_CLI), quoted(clean)), &code);
    QCOMPARE(code, 0);
    QVERIFY2(text.contains("0 error(s)"), text.constData());
}

// setuptools' wheel ships Windows launchers (cli-64.exe, gui-arm64.exe, …):
// lint warns about each, never errs, and the foreign-binaries rule prunes
// exactly them, byte for byte as zipfile lists them.
void TestLint::windowsLaunchersAreDeadWeight()
{
    const QString wheel =
        QString::fromUtf8(sh(QStringLiteral("ls /usr/share/python-wheels/setuptools-*.whl"))).trimmed();
    QVERIFY2(QFileInfo::exists(wheel), "python3-setuptools-whl is installed by scripts/install-deps.sh");
    const QString root = m_tmp.filePath(QStringLiteral("setuptools/python"));
    sh(QStringLiteral("mkdir -p %1 && cd %1 && python3 -m zipfile -e %2 .").arg(quoted(root), quoted(wheel)));
    const QStringList launchers =
        QString::fromUtf8(
            sh(QStringLiteral("python3 -c \"import zipfile, sys; [print(i.filename, i.file_size) for i "
                              "in zipfile.ZipFile(sys.argv[1]).infolist() if i.filename.endswith(('.exe', "
                              "'.dll', '.pyd', '.dylib'))]\" %1")
                   .arg(quoted(wheel))))
            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(launchers.size() >= 4);
    std::uint64_t launcherBytes = 0;
    std::set<QByteArray> launcherPaths;
    for (const QString &l : launchers) {
        launcherPaths.insert(l.section(QLatin1Char(' '), 0, 0).toUtf8());
        launcherBytes += l.section(QLatin1Char(' '), 1).toULongLong();
    }

    QString error;
    const Layer layer = Layer::open(root, &error);
    QVERIFY2(layer.tree, qPrintable(error));
    const LintReport r = Lint::run(*layer.tree, nullptr, LintTarget{});
    QCOMPARE(r.errors(), 0);
    std::set<QByteArray> warned;
    for (const LintFinding &f : r.findings) {
        QCOMPARE(f.check, LintCheck::NonElf);
        QCOMPARE(f.severity, LintSeverity::Warning);
        QCOMPARE(f.found, QStringLiteral("PE (Windows)"));
        warned.insert(f.path);
    }
    QCOMPARE(warned, launcherPaths);
    // One cause, told once.
    const std::vector<LintGroup> groups = r.groups();
    QCOMPARE(groups.size(), std::size_t(1));
    QCOMPARE(groups[0].headline,
             QStringLiteral("%1 PE (Windows) binaries never load on Lambda's Linux").arg(launchers.size()));

    SizeLedger ledger(*layer.tree);
    const RuleBytes rb = ledger.ruleBytes(RuleCatalog::indexOf(RuleId::ForeignBinaries));
    QCOMPARE(rb.aloneBytes, launcherBytes);
    QCOMPARE(int(rb.aloneFiles), launchers.size());
    QCOMPARE(RuleCatalog::all()[std::size_t(RuleCatalog::indexOf(RuleId::ForeignBinaries))].risk, Risk::Safe);
}

void TestLint::nonUtf8NamesAreOpenedByTheirBytes()
{
    // The aarch64 copy under a name that is not UTF-8 (byte 0xff): lint
    // opens it by its raw name and finds its machine.
    const QString layer = m_tmp.filePath(QStringLiteral("odd"));
    sh(QStringLiteral("set -e; mkdir -p %1/python/pkg && cd %1/python/pkg && "
                      "cp %2/python/pkg/arm.cpython-311-x86_64-linux-gnu.so "
                      "\"$(printf 'arm\\377').cpython-311-x86_64-linux-gnu.so\"")
           .arg(quoted(layer), quoted(m_layer)));
    // QTemporaryDir cannot remove a name that is not UTF-8.
    const auto removeLayer = qScopeGuard([&] { sh(QStringLiteral("rm -rf %1").arg(quoted(layer))); });
    QString error;
    auto tree = DirectoryScanner::scan(layer, &error);
    QVERIFY2(tree, qPrintable(error));
    const LintReport r = Lint::run(*tree, nullptr, {QStringLiteral("python3.11"), QStringLiteral("x86_64")});
    const std::set<FindingKey> expected{
        {QByteArray("pkg/arm\xff.cpython-311-x86_64-linux-gnu.so"), QStringLiteral("machine")}};
    QCOMPARE(keys(r), expected);
    QCOMPARE(r.elfFiles.size(), std::size_t(1));
    QCOMPARE(r.elfFiles[0].machine, QStringLiteral("aarch64"));
}

QTEST_GUILESS_MAIN(TestLint)
#include "tst_lint.moc"
