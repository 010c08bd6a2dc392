// Staging from requirements, offline: the test writes tiny wheels with
// python3's zipfile into a wheelhouse and stages them with the system pip.
#include "stage/stager.h"
#include "testsupport.h"
#include "wheelsupport.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;
using wheelsupport::stagedFiles;
using wheelsupport::wheelFiles;
using wheelsupport::writeWheel;

namespace {

const QString kPython = testsupport::python();

int runCli(const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr)
{
    QProcess p;
    p.start(QStringLiteral(LAYERSLIM_CLI), args);
    p.waitForFinished(300000);
    if (out)
        *out = p.readAllStandardOutput();
    const QByteArray e = p.readAllStandardError();
    if (err)
        *err = e;
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

QStringList leftovers(const QString &dir)
{
    return QDir(dir).entryList({QStringLiteral(".layerslim-stage-*")}, QDir::AllEntries | QDir::Hidden);
}

} // namespace

class TestStage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pipArgumentsForATarget();
    void stagesFromAWheelhouse_data();
    void stagesFromAWheelhouse();
    void coreStreamsLinesAndProgress();
    void failedPipKeepsThePreviousLayer();
    void replaceSwapsInTheNewLayer();
    void cancelLeavesNothing();
    void badInput();

private:
    QTemporaryDir m_dir;
    QString m_wheelhouse;
    QString m_requirements;
};

void TestStage::initTestCase()
{
    QVERIFY(m_dir.isValid());
    int code = 0;
    sh(kPython + QStringLiteral(" -m pip --version"), &code);
    QVERIFY2(code == 0, "python3-pip is needed (scripts/install-deps.sh installs it)");
    m_wheelhouse = m_dir.filePath(QStringLiteral("wheelhouse"));
    QVERIFY(QDir().mkpath(m_wheelhouse));
    writeWheel(m_wheelhouse, QStringLiteral("tinypkg"), QStringLiteral("1.0"), 70000);
    writeWheel(m_wheelhouse, QStringLiteral("otherpkg"), QStringLiteral("2.5"), 3000);
    QVERIFY(QFileInfo::exists(m_wheelhouse + QStringLiteral("/tinypkg-1.0-py3-none-any.whl")));
    m_requirements = m_dir.filePath(QStringLiteral("requirements.txt"));
    sh(QStringLiteral("printf 'tinypkg==1.0\\n# a comment\\notherpkg\\n' > %1").arg(quoted(m_requirements)));
}

void TestStage::pipArgumentsForATarget()
{
    StageRequest request;
    request.requirements = m_requirements;
    request.target = *Target::find(u"python3.10", u"x86_64");
    request.extraPipArgs = {QStringLiteral("--no-index"), QStringLiteral("--find-links"), QStringLiteral("/wh")};
    QCOMPARE(
        Stager::pipArguments(request, QStringLiteral("/out/python")),
        (QStringList{QStringLiteral("-m"), QStringLiteral("pip"), QStringLiteral("install"), QStringLiteral("--target"),
                     QStringLiteral("/out/python"), QStringLiteral("--platform"),
                     QStringLiteral("manylinux2014_x86_64"), QStringLiteral("--implementation"), QStringLiteral("cp"),
                     QStringLiteral("--python-version"), QStringLiteral("3.10"), QStringLiteral("--only-binary=:all:"),
                     QStringLiteral("--no-compile"), QStringLiteral("-r"), m_requirements, QStringLiteral("--no-index"),
                     QStringLiteral("--find-links"), QStringLiteral("/wh")}));
    request.target = *Target::find(u"python3.13", u"arm64");
    const QStringList arm = Stager::pipArguments(request, QStringLiteral("/o"));
    QVERIFY(arm.contains(QStringLiteral("manylinux2014_aarch64")));
    QCOMPARE(arm[arm.indexOf(QStringLiteral("--python-version")) + 1], QStringLiteral("3.13"));
}

void TestStage::stagesFromAWheelhouse_data()
{
    QTest::addColumn<QString>("runtime");
    QTest::addColumn<QString>("arch");
    QTest::newRow("python3.10 x86_64") << "python3.10"
                                       << "x86_64";
    QTest::newRow("python3.13 arm64") << "python3.13"
                                      << "arm64";
}

void TestStage::stagesFromAWheelhouse()
{
    QFETCH(QString, runtime);
    QFETCH(QString, arch);
    const QString out = m_dir.filePath(QStringLiteral("layer-") + runtime + arch);
    QByteArray stdoutText;
    QByteArray stderrText;
    const int code = runCli({QStringLiteral("stage"), QStringLiteral("-r"), m_requirements, QStringLiteral("-o"), out,
                             QStringLiteral("--runtime"), runtime, QStringLiteral("--arch"), arch,
                             QStringLiteral("--python"), kPython, QStringLiteral("--"), QStringLiteral("--no-index"),
                             QStringLiteral("--find-links"), m_wheelhouse},
                            &stdoutText, &stderrText);
    QVERIFY2(code == 0, stderrText.constData());
    QVERIFY2(stdoutText.contains("Successfully installed"), stdoutText.constData());

    const QString layer = out + QStringLiteral("/python");
    const QStringList expected = wheelFiles(m_wheelhouse + QStringLiteral("/tinypkg-1.0-py3-none-any.whl")) +
                                 wheelFiles(m_wheelhouse + QStringLiteral("/otherpkg-2.5-py3-none-any.whl"));
    QStringList sortedExpected = expected;
    sortedExpected.sort();
    QCOMPARE(stagedFiles(layer), sortedExpected);
    QVERIFY(sortedExpected.contains(QStringLiteral("tinypkg/data/blob.bin 70000")));
    // Byte-identical, and pip really installed it: RECORD lists every file, nothing was compiled.
    QCOMPARE(sh(QStringLiteral("cd %1 && cmp tinypkg/data/blob.bin <(unzip -p %2 tinypkg/data/blob.bin) && echo same")
                    .arg(quoted(layer), quoted(m_wheelhouse + QStringLiteral("/tinypkg-1.0-py3-none-any.whl"))))
                 .trimmed(),
             QByteArray("same"));
    QVERIFY(QFileInfo::exists(layer + QStringLiteral("/tinypkg-1.0.dist-info/RECORD")));
    QCOMPARE(sh(QStringLiteral("find %1 -name '*.pyc' -o -name __pycache__ | wc -l").arg(quoted(layer))).trimmed(),
             QByteArray("0"));
    QVERIFY(leftovers(out).isEmpty());
    // The staged layer imports with a plain interpreter.
    QCOMPARE(sh(QStringLiteral("%1 -S -B -c \"import sys; sys.path.insert(0, '%2'); import tinypkg, otherpkg; "
                               "print(tinypkg.VERSION, otherpkg.VERSION)\"")
                    .arg(kPython, layer))
                 .trimmed(),
             QByteArray("1.0 2.5"));
}

void TestStage::coreStreamsLinesAndProgress()
{
    StageRequest request;
    request.requirements = m_requirements;
    request.outputDir = m_dir.filePath(QStringLiteral("core-layer"));
    request.target = *Target::find(u"python3.12", u"x86_64");
    request.python = kPython;
    request.extraPipArgs = {QStringLiteral("--no-index"), QStringLiteral("--find-links"), m_wheelhouse};
    QStringList outLines;
    std::uint64_t lastItems = 0;
    JobControl control([&](const JobProgress &p) { lastItems = p.items; });
    const Stager::Result r = Stager::run(
        request,
        [&](Stager::Stream s, const QString &line) {
            if (s == Stager::Stream::Out)
                outLines.push_back(line);
        },
        &control);
    QVERIFY2(r.outcome == Stager::Outcome::Staged, qPrintable(r.message));
    QCOMPARE(r.pipExitCode, 0);
    QCOMPARE(r.layerDir, QDir(request.outputDir).filePath(QStringLiteral("python")));
    QVERIFY(r.message.contains(QStringLiteral("Amazon Linux 2023")));
    QCOMPARE(lastItems, std::uint64_t(2)); // two wheels processed
    QVERIFY(std::any_of(outLines.begin(), outLines.end(), [](const QString &l) {
        return l.startsWith(QLatin1String("Successfully installed")) && l.contains(QLatin1String("tinypkg-1.0")) &&
               l.contains(QLatin1String("otherpkg-2.5"));
    }));
    for (const QString &l : outLines)
        QVERIFY(!l.contains(QLatin1Char('\n')) && !l.isEmpty());
}

void TestStage::failedPipKeepsThePreviousLayer()
{
    const QString out = m_dir.filePath(QStringLiteral("keep-previous"));
    const QStringList common{QStringLiteral("stage"), QStringLiteral("-o"), out, QStringLiteral("--python"), kPython,
                             QStringLiteral("-q")};
    const QStringList offline{QStringLiteral("--"), QStringLiteral("--no-index"), QStringLiteral("--find-links"),
                              m_wheelhouse};
    QCOMPARE(runCli(common + QStringList{QStringLiteral("-r"), m_requirements} + offline), 0);
    const QStringList before = stagedFiles(out + QStringLiteral("/python"));
    QVERIFY(!before.isEmpty());

    const QString bad = m_dir.filePath(QStringLiteral("bad-requirements.txt"));
    sh(QStringLiteral("echo 'no-such-package-anywhere==9.9' > %1").arg(quoted(bad)));
    QByteArray err;
    // Without --replace the existing layer is in the way: nothing runs.
    QCOMPARE(runCli(common + QStringList{QStringLiteral("-r"), m_requirements} + offline, nullptr, &err), 1);
    QVERIFY2(err.contains("already exists"), err.constData());
    // With --replace but a failing pip, the previous layer stays as it was.
    QCOMPARE(
        runCli(common + QStringList{QStringLiteral("-r"), bad, QStringLiteral("--replace")} + offline, nullptr, &err),
        1);
    QVERIFY2(err.contains("no-such-package-anywhere"), err.constData());
    QCOMPARE(stagedFiles(out + QStringLiteral("/python")), before);
    QVERIFY(leftovers(out).isEmpty());

    // A failing first run into a new folder leaves no folder at all.
    const QString fresh = m_dir.filePath(QStringLiteral("never-made"));
    QCOMPARE(runCli({QStringLiteral("stage"), QStringLiteral("-r"), bad, QStringLiteral("-o"), fresh,
                     QStringLiteral("--python"), kPython, QStringLiteral("--"), QStringLiteral("--no-index"),
                     QStringLiteral("--find-links"), m_wheelhouse}),
             1);
    QVERIFY(!QFileInfo::exists(fresh));
}

void TestStage::replaceSwapsInTheNewLayer()
{
    const QString out = m_dir.filePath(QStringLiteral("replace"));
    const QString only = m_dir.filePath(QStringLiteral("only-other.txt"));
    sh(QStringLiteral("echo otherpkg > %1").arg(quoted(only)));
    const QStringList offline{QStringLiteral("--"), QStringLiteral("--no-index"), QStringLiteral("--find-links"),
                              m_wheelhouse};
    const QStringList common{QStringLiteral("stage"), QStringLiteral("-o"), out, QStringLiteral("--python"), kPython,
                             QStringLiteral("-q")};
    QCOMPARE(runCli(common + QStringList{QStringLiteral("-r"), m_requirements} + offline), 0);
    QVERIFY(QFileInfo::exists(out + QStringLiteral("/python/tinypkg/core.py")));
    QCOMPARE(runCli(common + QStringList{QStringLiteral("-r"), only, QStringLiteral("--replace")} + offline), 0);
    QVERIFY(!QFileInfo::exists(out + QStringLiteral("/python/tinypkg")));
    QCOMPARE(stagedFiles(out + QStringLiteral("/python")),
             wheelFiles(m_wheelhouse + QStringLiteral("/otherpkg-2.5-py3-none-any.whl")));
    QVERIFY(leftovers(out).isEmpty());
}

void TestStage::cancelLeavesNothing()
{
    StageRequest request;
    request.requirements = m_requirements;
    request.outputDir = m_dir.filePath(QStringLiteral("cancelled"));
    request.target = *Target::find(u"python3.11", u"x86_64");
    request.python = kPython;
    request.extraPipArgs = {QStringLiteral("--no-index"), QStringLiteral("--find-links"), m_wheelhouse};
    JobControl control;
    int lines = 0;
    const Stager::Result r = Stager::run(
        request,
        [&](Stager::Stream, const QString &) {
            ++lines;
            control.cancel(); // as a user pressing Cancel on pip's first line
        },
        &control);
    QCOMPARE(r.outcome, Stager::Outcome::Cancelled);
    QVERIFY(lines >= 1);
    QVERIFY(!QFileInfo::exists(request.outputDir));
}

void TestStage::badInput()
{
    QByteArray err;
    const QString out = m_dir.filePath(QStringLiteral("bad"));
    QCOMPARE(runCli({QStringLiteral("stage"), QStringLiteral("-r"), m_dir.filePath(QStringLiteral("missing.txt")),
                     QStringLiteral("-o"), out},
                    nullptr, &err),
             1);
    QVERIFY2(err.contains("missing.txt"), err.constData());
    QCOMPARE(runCli({QStringLiteral("stage"), QStringLiteral("-r"), m_requirements, QStringLiteral("-o"), out,
                     QStringLiteral("--runtime"), QStringLiteral("python2.7")},
                    nullptr, &err),
             1);
    QVERIFY2(err.contains("python2.7"), err.constData());
    QCOMPARE(runCli({QStringLiteral("stage"), QStringLiteral("-o"), out}, nullptr, &err), 1);
    QCOMPARE(runCli({QStringLiteral("stage"), QStringLiteral("-r"), m_requirements, QStringLiteral("-o"), out,
                     QStringLiteral("--python"), QStringLiteral("/nonexistent/python3")},
                    nullptr, &err),
             1);
    QVERIFY2(err.contains("/nonexistent/python3"), err.constData());
    QVERIFY(!QFileInfo::exists(out));
    QByteArray help;
    QCOMPARE(runCli({QStringLiteral("stage"), QStringLiteral("--help")}, &help), 0);
    QVERIFY(help.contains("--find-links"));
}

QTEST_GUILESS_MAIN(TestStage)
#include "tst_stage.moc"
