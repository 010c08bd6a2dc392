// Bytecode options on the demo layer with testsupport::python(): precompiled
// (unchecked-hash) and sourceless layers import numpy, scipy and pandas; the
// size effects add up against find; the source is never written.
#include "checks/verifier.h"
#include "scan/directoryscanner.h"
#include "select/sizeledger.h"
#include "testsupport.h"
#include "transform/bytecodecompiler.h"

#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

class TestBytecode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void needsTheTargetVersion();
    void dropRemovesShippedBytecode();
    void precompiledImports();
    void sourcelessImports();
    void cliRefusesAnotherVersion();
    void refusesWhenExtensionsNameAnotherCPython();

private:
    void importAll(const QString &root);

    std::unique_ptr<FileTree> m_tree;
    std::unique_ptr<SizeLedger> m_ledger; // tests/ pruned, to keep the compile short
    PythonInfo m_python;
    QTemporaryDir m_tmp;
    QString m_stamp;
};

void TestBytecode::initTestCase()
{
    QVERIFY2(testsupport::haveDemoLayer(), "the demo layer is staged by ctest's stage_demo_layer");
    QString error;
    const auto python = PythonFinder::probe(testsupport::python(), &error);
    QVERIFY2(python, qPrintable(error));
    m_python = *python;
    m_tree = DirectoryScanner::scan(testsupport::demoLayer(), &error);
    QVERIFY(m_tree);
    m_ledger = std::make_unique<SizeLedger>(*m_tree);
    m_ledger->setRuleEnabled(RuleCatalog::indexOf(u"tests"), true);
    m_stamp = m_tmp.filePath(QStringLiteral("stamp"));
    sh(QStringLiteral("touch %1 && sleep 1").arg(quoted(m_stamp)));
}

void TestBytecode::importAll(const QString &root)
{
    VerifyOptions o;
    o.python = m_python.path;
    std::vector<VerifyCheck> checks;
    for (const QString &m : Verifier::importables(*m_tree, m_ledger->pruned()))
        checks.push_back({CheckKind::Import, m});
    QVERIFY(checks.size() >= 6);
    const VerifyReport r = Verifier::runAt(o, root, m_tmp.filePath(QStringLiteral("work")), checks);
    for (const CheckResult &c : r.results)
        QVERIFY2(c.passed(), qPrintable(c.check.name + QStringLiteral(": ") + c.output));
}

void TestBytecode::needsTheTargetVersion()
{
    const QString other = QStringLiteral("python3.%1").arg(m_python.minor == 10 ? 11 : 10);
    BytecodeCompiler wrong(*m_tree, nullptr, m_python, other);
    QVERIFY(wrong.unavailableReason(BytecodeMode::Drop).isEmpty());
    QVERIFY(wrong.unavailableReason(BytecodeMode::Precompile).contains(other));
    const BytecodeResult r =
        wrong.prepare(m_ledger->pruned(), BytecodeMode::Sourceless, m_tmp.filePath(QStringLiteral("x")));
    QVERIFY(!r.ok());
    QVERIFY(!QFileInfo::exists(m_tmp.filePath(QStringLiteral("x"))));
    QCOMPARE(BytecodeCompiler::modeFromName(u"sourceless"), BytecodeMode::Sourceless);
    QVERIFY(!BytecodeCompiler::modeFromName(u"fast"));
}

void TestBytecode::dropRemovesShippedBytecode()
{
    BytecodeCompiler c(*m_tree, nullptr, m_python, m_python.runtimeName());
    const BytecodeResult r = c.prepare(m_ledger->pruned(), BytecodeMode::Drop, m_tmp.filePath(QStringLiteral("drop")));
    QVERIFY2(r.ok(), qPrintable(r.error));
    // Independent: bytecode outside tests/ folders, by find.
    const QByteArray expected =
        sh(QStringLiteral("cd %1 && find . \\( -type d \\( -name tests -o -name test \\) -prune \\) -o -type f \\( "
                          "-path '*/__pycache__/*' "
                          "-o -name '*.pyc' -o -name '*.pyo' \\) -printf '%s\\n' | awk '{s+=$1; n++} END {print s, n}'")
               .arg(quoted(testsupport::demoLayer())))
            .trimmed();
    QCOMPARE(QByteArray::number(r.removedBytes) + ' ' + QByteArray::number(r.removedFiles), expected);
    QCOMPARE(r.deltaBytes, -std::int64_t(r.removedBytes));
    QCOMPARE(sh(QStringLiteral("find %1 -name '*.pyc' | wc -l").arg(quoted(r.root))).trimmed(), QByteArray("0"));
}

void TestBytecode::precompiledImports()
{
    BytecodeCompiler c(*m_tree, nullptr, m_python, m_python.runtimeName());
    const BytecodeResult r =
        c.prepare(m_ledger->pruned(), BytecodeMode::Precompile, m_tmp.filePath(QStringLiteral("pre")));
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QByteArray pycs = sh(QStringLiteral("cd %1 && find . -name '*.pyc' -type f -printf '%s\\n' | "
                                              "awk '{s+=$1; n++} END {print s, n}'")
                                   .arg(quoted(r.root)))
                                .trimmed();
    QCOMPARE(QByteArray::number(r.addedBytes) + ' ' + QByteArray::number(r.addedFiles), pycs);
    const int pyFiles = sh(QStringLiteral("find %1 -name '*.py' | wc -l").arg(quoted(r.root))).trimmed().toInt();
    QVERIFY2(r.addedFiles >= std::uint32_t(pyFiles) * 99 / 100, qPrintable(QString::number(r.addedFiles)));
    // PEP 552 flags word: 1 = hash-based, source not checked (timestamps in a zip cannot make it stale).
    const QByteArray flags = sh(QStringLiteral("f=$(find %1/numpy/__pycache__ -name '__init__.*.pyc' | head -1); "
                                               "od -An -tu4 -j4 -N4 \"$f\"")
                                    .arg(quoted(r.root)))
                                 .trimmed();
    QCOMPARE(flags, QByteArray("1"));
    qInfo("precompile: +%llu bytes in %u .pyc, -%llu shipped", static_cast<unsigned long long>(r.addedBytes),
          r.addedFiles, static_cast<unsigned long long>(r.removedBytes));
    importAll(r.root);
    QCOMPARE(sh(QStringLiteral("find %1 -newer %2 | wc -l").arg(quoted(testsupport::demoLayer()), quoted(m_stamp)))
                 .trimmed(),
             QByteArray("0"));
}

void TestBytecode::sourcelessImports()
{
    BytecodeCompiler c(*m_tree, nullptr, m_python, m_python.runtimeName());
    const BytecodeResult r =
        c.prepare(m_ledger->pruned(), BytecodeMode::Sourceless, m_tmp.filePath(QStringLiteral("nosrc")));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QVERIFY(!QFileInfo::exists(r.root + QStringLiteral("/numpy/__init__.py")));
    QVERIFY(QFileInfo(r.root + QStringLiteral("/numpy/__init__.pyc")).isFile());
    QVERIFY(QFileInfo::exists(testsupport::demoLayer() + QStringLiteral("/numpy/__init__.py"))); // source intact
    QCOMPARE(sh(QStringLiteral("find %1 -name '__pycache__' | wc -l").arg(quoted(r.root))).trimmed(), QByteArray("0"));
    importAll(r.root);
}

void TestBytecode::cliRefusesAnotherVersion()
{
    const QString other = QStringLiteral("python3.%1").arg(m_python.minor == 10 ? 11 : 10);
    int code = -1;
    const QByteArray out =
        sh(QStringLiteral("%1 verify %2 --python %3 --runtime %4 --bytecode precompile 2>&1")
               .arg(QStringLiteral(LAYERSLIM_CLI), quoted(testsupport::demoLayer()), m_python.path, other),
           &code);
    QCOMPARE(code, 1);
    QVERIFY2(out.contains("precompile needs a " + other.toUtf8()), out.constData());
}

void TestBytecode::refusesWhenExtensionsNameAnotherCPython()
{
    // A layer whose extension module is built for another CPython than the
    // interpreter that would compile: its .pyc would fail "bad magic number"
    // under the Python the layer needs, so precompile and sourceless refuse.
    const int otherMinor = m_python.minor == 13 ? 12 : m_python.minor + 1;
    const QString host = QStringLiteral("%1.%2").arg(m_python.major).arg(m_python.minor);
    const QString other = QStringLiteral("3.%1").arg(otherMinor);
    const QString ext = QStringLiteral("fast/_speed.cpython-3%1-%2-linux-gnu.so").arg(otherMinor).arg(m_python.machine);
    const QString layer = m_tmp.filePath(QStringLiteral("abi"));
    sh(QStringLiteral("set -e; mkdir -p %1/python/fast; cd %1/python; printf 'int f(void) { return 1; }\\n' > f.c; "
                      "cc -shared -fPIC -o %2 f.c; rm f.c; printf 'from . import _speed\\n' > fast/__init__.py; "
                      "printf 'VALUE = 1\\n' > plain.py")
           .arg(quoted(layer), ext));
    QString error;
    auto tree = DirectoryScanner::scan(layer, &error);
    QVERIFY2(tree, qPrintable(error));
    const BytecodeCompiler compiler(*tree, nullptr, m_python, m_python.runtimeName());
    for (BytecodeMode mode : {BytecodeMode::Precompile, BytecodeMode::Sourceless}) {
        const QString why = compiler.unavailableReason(mode);
        QVERIFY2(why.contains(QStringLiteral("Python %1 bytecode").arg(host)), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("CPython %1").arg(other)), qPrintable(why));
        QVERIFY2(why.contains(ext), qPrintable(why));
        const BytecodeResult r =
            compiler.prepare(Bitset(tree->count()), mode, m_tmp.filePath(QStringLiteral("abi-out")));
        QVERIFY(!r.ok());
        QVERIFY(!QFileInfo::exists(m_tmp.filePath(QStringLiteral("abi-out"))));
    }
    QVERIFY(compiler.unavailableReason(BytecodeMode::Drop).isEmpty());
    // The same layer with a matching tag compiles.
    sh(QStringLiteral("cd %1/python/fast && mv _speed.*.so _speed.cpython-%2%3-%4-linux-gnu.so")
           .arg(quoted(layer))
           .arg(m_python.major)
           .arg(m_python.minor)
           .arg(m_python.machine));
    auto matching = DirectoryScanner::scan(layer, &error);
    QVERIFY(matching);
    QVERIFY(BytecodeCompiler(*matching, nullptr, m_python, m_python.runtimeName())
                .unavailableReason(BytecodeMode::Sourceless)
                .isEmpty());
    sh(QStringLiteral("cd %1/python/fast && mv _speed.*.so %2").arg(quoted(layer), QFileInfo(ext).fileName()));

    // export refuses it from the command line, naming both versions, and writes nothing.
    int code = -1;
    const QString out = m_tmp.filePath(QStringLiteral("abi.zip"));
    const QByteArray err =
        sh(QStringLiteral("%1 export %2 -o %3 --bytecode sourceless --python %4 --runtime %5 2>&1")
               .arg(QStringLiteral(LAYERSLIM_CLI), quoted(layer), quoted(out), m_python.path, m_python.runtimeName()),
           &code);
    QCOMPARE(code, 1);
    QVERIFY2(err.contains(QStringLiteral("Python %1 bytecode").arg(host).toUtf8()), err.constData());
    QVERIFY2(err.contains(QStringLiteral("CPython %1").arg(other).toUtf8()), err.constData());
    QVERIFY(!QFileInfo::exists(out));
}

QTEST_GUILESS_MAIN(TestBytecode)
#include "tst_bytecode.moc"
