// Runtime presets against what a real CPython says about itself (sysconfig,
// cache tags, extension suffixes), and the one table, limit, default target and
// level range against what the profile loader, lint and layerslim-cli use.
#include "base/units.h"
#include "checks/lint.h"
#include "export/exportoptions.h"
#include "select/layerbudget.h"
#include "select/profile.h"
#include "select/targets.h"
#include "testsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::sh;

class TestTargets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRuntimeOnBothArchitectures();
    void amazonLinuxAndGlibc_data();
    void amazonLinuxAndGlibc();
    void namesMatchTheHostPython();
    void sitePackagesPrefixMatchesSysconfig_data();
    void sitePackagesPrefixMatchesSysconfig();
    void pipPlatforms();
    void oneLimitOneDefaultOneLevelRange();
    void lintReadsTheTable();
    void cliAcceptsTheTableAndNothingElse();
    void cliHelpAndProfileNameTheLevelRange();
    void everyCommandRefusesAnUnknownTarget();
};

void TestTargets::everyRuntimeOnBothArchitectures()
{
    QCOMPARE(Target::all().size(), std::size_t(12));
    QCOMPARE(Target::runtimes().size(), 6);
    QCOMPARE(Target::runtimes().first(), QStringLiteral("python3.8"));
    QCOMPARE(Target::runtimes().last(), QStringLiteral("python3.13"));
    for (const QString &runtime : Target::runtimes()) {
        for (const QString &arch : Target::architectures()) {
            const auto t = Target::find(runtime, arch);
            QVERIFY2(t, qPrintable(runtime + QLatin1Char('/') + arch));
            QCOMPARE(t->runtime(), runtime);
            QCOMPARE(t->archName(), arch);
            QCOMPARE(t->pythonVersion(), runtime.mid(6));
        }
    }
    QCOMPARE(Target::find(u"python3.10", u"aarch64")->arch, Arch::Arm64);
    QCOMPARE(Target::find(u"python3.10", u"arm64")->machine(), QStringLiteral("aarch64"));
    QCOMPARE(Target::find(u"python3.10", u"arm64")->elfMachine(), std::uint16_t(183)); // EM_AARCH64
    QCOMPARE(Target::find(u"python3.10", u"x86_64")->elfMachine(), std::uint16_t(62)); // EM_X86_64
    QVERIFY(!Target::find(u"python3.7", u"x86_64"));
    QVERIFY(!Target::find(u"python3.14", u"x86_64"));
    QVERIFY(!Target::find(u"python3.10", u"i386"));
    QVERIFY(!Target::find(u"", u""));
}

void TestTargets::amazonLinuxAndGlibc_data()
{
    // AWS's runtime table: python3.8–3.11 run on Amazon Linux 2, 3.12 and later on AL2023.
    QTest::addColumn<QString>("runtime");
    QTest::addColumn<QString>("os");
    QTest::addColumn<QString>("glibc");
    for (const char *r : {"python3.8", "python3.9", "python3.10", "python3.11"})
        QTest::newRow(r) << QString::fromLatin1(r) << QStringLiteral("Amazon Linux 2") << QStringLiteral("2.26");
    for (const char *r : {"python3.12", "python3.13"})
        QTest::newRow(r) << QString::fromLatin1(r) << QStringLiteral("Amazon Linux 2023") << QStringLiteral("2.34");
}

void TestTargets::amazonLinuxAndGlibc()
{
    QFETCH(QString, runtime);
    QFETCH(QString, os);
    QFETCH(QString, glibc);
    for (const QString &arch : Target::architectures()) {
        const auto t = Target::find(runtime, arch);
        QVERIFY(t);
        QCOMPARE(t->osName(), os);
        QCOMPARE(t->glibc(), glibc);
        QVERIFY(t->label().contains(os));
        QVERIFY(t->label().contains(QStringLiteral("glibc ") + glibc));
    }
}

void TestTargets::namesMatchTheHostPython()
{
    // The host's own CPython names its ABI, bytecode and extension files; the
    // preset for the same version and machine must name them identically.
    const QStringList host =
        QString::fromUtf8(
            sh(QStringLiteral("python3 -S -c \"import sys, sysconfig, platform; "
                              "print(sys.version_info.minor, platform.machine(), sys.implementation.cache_tag, "
                              "sysconfig.get_config_var('EXT_SUFFIX'))\"")))
            .trimmed()
            .split(QLatin1Char(' '));
    QCOMPARE(host.size(), 4);
    const QString arch = host[1] == QStringLiteral("aarch64") ? QStringLiteral("arm64") : host[1];
    const auto t = Target::find(QStringLiteral("python3.") + host[0], arch);
    if (!t)
        QSKIP("the host Python is not a Lambda runtime version");
    QCOMPARE(t->machine(), host[1]);
    QCOMPARE(t->bytecodeTag(), host[2]);
    QCOMPARE(t->extensionSuffix(), host[3]);
    QCOMPARE(t->abiTag(), QStringLiteral("cp3") + host[0]);
}

void TestTargets::sitePackagesPrefixMatchesSysconfig_data()
{
    QTest::addColumn<QString>("runtime");
    for (const QString &r : Target::runtimes())
        QTest::newRow(qPrintable(r)) << r;
}

void TestTargets::sitePackagesPrefixMatchesSysconfig()
{
    QFETCH(QString, runtime);
    const auto t = Target::find(runtime, u"x86_64");
    QVERIFY(t);
    // CPython's posix_prefix scheme with base "python" is where Lambda looks in /opt.
    const QString expected =
        QString::fromUtf8(
            sh(QStringLiteral("python3 -S -c \"import sysconfig; print(sysconfig.get_path('purelib', 'posix_prefix', "
                              "vars={'base': 'python', 'platbase': 'python', 'installed_base': 'python', "
                              "'installed_platbase': 'python', 'py_version_short': '%1', 'platlibdir': 'lib'}))\"")
                   .arg(t->pythonVersion())))
            .trimmed();
    QCOMPARE(t->sitePackagesPrefix(), expected + QLatin1Char('/'));
}

void TestTargets::pipPlatforms()
{
    const auto al2 = Target::find(u"python3.10", u"x86_64");
    QCOMPARE(al2->pipPlatforms(), QStringList{QStringLiteral("manylinux2014_x86_64")});
    const auto al2Arm = Target::find(u"python3.11", u"arm64");
    QCOMPARE(al2Arm->pipPlatforms(), QStringList{QStringLiteral("manylinux2014_aarch64")});
    // glibc 2.34 also runs wheels built for manylinux_2_28 and _2_34.
    const auto al2023 = Target::find(u"python3.12", u"arm64");
    QCOMPARE(al2023->pipPlatforms(),
             (QStringList{QStringLiteral("manylinux2014_aarch64"), QStringLiteral("manylinux_2_28_aarch64"),
                          QStringLiteral("manylinux_2_34_aarch64")}));
    for (const Target &t : Target::all())
        for (const QString &p : t.pipPlatforms())
            QVERIFY(p.endsWith(t.machine()));
}

void TestTargets::oneLimitOneDefaultOneLevelRange()
{
    QCOMPARE(units::kLambdaUnzippedLimit, std::uint64_t(262'144'000));
    QCOMPARE(LayerBudget().limitBytes(), units::kLambdaUnzippedLimit);
    // The default target is the table's python3.10 on x86_64, and every default names it.
    const Target standard;
    QCOMPARE(Target::find(u"python3.10", u"x86_64"), std::optional<Target>(standard));
    const Profile p;
    QCOMPARE(p.runtime, standard.runtime());
    QCOMPARE(p.arch, standard.archName());
    QCOMPARE(LintTarget().runtime, standard.runtime());
    QCOMPARE(LintTarget().arch, standard.archName());
    QCOMPARE(ExportOptions().runtime, standard.runtime());
    QCOMPARE(p.limitBytes, units::kLambdaUnzippedLimit);
    QCOMPARE(p.level, ExportOptions::kDefaultLevel);
    QCOMPARE(ExportOptions().level, ExportOptions::kDefaultLevel);
    QCOMPARE(ExportOptions::kMinLevel, 0);
    QCOMPARE(ExportOptions::kMaxLevel, 12);
}

void TestTargets::lintReadsTheTable()
{
    for (const Target &t : Target::all()) {
        const LintTarget lint{t.runtime(), t.archName()};
        QVERIFY(lint.valid());
        QCOMPARE(lint.target(), std::optional<Target>(t));
        QCOMPARE(lint.elfMachine(), int(t.elfMachine()));
        QCOMPARE(lint.machineName(), t.machine());
        QCOMPARE(lint.cacheTag(), t.bytecodeTag());
        QCOMPARE(lint.glibc(), t.glibc().toLatin1()); // the runtime's Amazon Linux decides
    }
    QCOMPARE(LintTarget({QStringLiteral("python3.12"), QStringLiteral("aarch64")}).target(),
             Target::find(u"python3.12", u"arm64"));
    const LintTarget outside{QStringLiteral("python3.14"), QStringLiteral("x86_64")};
    QCOMPARE(outside.problem(), Target::runtimeProblem(u"python3.14"));
    QVERIFY(!outside.target());
}

void TestTargets::cliAcceptsTheTableAndNothingElse()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString layer = tmp.filePath(QStringLiteral("layer"));
    QVERIFY(QDir().mkpath(layer + QStringLiteral("/python")));
    // Every runtime on every architecture of the table is one `lint` works for,
    // with the table's ABI tag and glibc.
    for (const Target &t : Target::all()) {
        const testsupport::CliRun run =
            testsupport::cli({QStringLiteral("lint"), layer, QStringLiteral("--runtime"), t.runtime(),
                              QStringLiteral("--arch"), t.archName(), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(o.value(QStringLiteral("runtime")).toString(), t.runtime());
        QCOMPARE(o.value(QStringLiteral("arch")).toString(), t.archName());
        QCOMPARE(o.value(QStringLiteral("abi_tag")).toString(), t.bytecodeTag());
        QCOMPARE(o.value(QStringLiteral("glibc")).toString(), t.glibc());
    }
    // Without options, the default target.
    const testsupport::CliRun plain = testsupport::cli({QStringLiteral("lint"), layer, QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(plain.out).object().value(QStringLiteral("runtime")).toString(),
             Target().runtime());
    // One outside the table is refused with the table's list.
    const testsupport::CliRun refused =
        testsupport::cli({QStringLiteral("lint"), layer, QStringLiteral("--runtime"), QStringLiteral("python3.14")});
    QCOMPARE(refused.exitCode, 1);
    QCOMPARE(QString::fromUtf8(refused.err),
             QStringLiteral("layerslim-cli lint: unknown runtime \"python3.14\": Lambda's Python runtimes are %1\n")
                 .arg(Target::runtimes().join(QStringLiteral(", "))));
    const testsupport::CliRun badArch =
        testsupport::cli({QStringLiteral("lint"), layer, QStringLiteral("--arch"), QStringLiteral("riscv64")});
    QCOMPARE(badArch.exitCode, 1);
    QCOMPARE(QString::fromUtf8(badArch.err),
             QStringLiteral("layerslim-cli lint: %1\n").arg(Target::archProblem(u"riscv64")));
    // The help names the table too.
    const QString lintHelp =
        QString::fromUtf8(testsupport::cli({QStringLiteral("lint"), QStringLiteral("--help")}).out).simplified();
    QVERIFY2(lintHelp.contains(Target::architectures().join(QStringLiteral(" or "))), qPrintable(lintHelp));
    QVERIFY2(lintHelp.contains(QStringLiteral("e.g. ") + Target().runtime()), qPrintable(lintHelp));
    const QString stageHelp =
        QString::fromUtf8(testsupport::cli({QStringLiteral("stage"), QStringLiteral("--help")}).out).simplified();
    QVERIFY2(stageHelp.contains(Target::runtimes().join(QStringLiteral(", "))), qPrintable(stageHelp));
}

void TestTargets::cliHelpAndProfileNameTheLevelRange()
{
    const QString range = QStringLiteral("%1 to %2").arg(ExportOptions::kMinLevel).arg(ExportOptions::kMaxLevel);
    const QString help =
        QString::fromUtf8(testsupport::cli({QStringLiteral("export"), QStringLiteral("--help")}).out).simplified();
    QVERIFY2(help.contains(QStringLiteral("Deflate level %1 (store) to %2 (default %3).")
                               .arg(ExportOptions::kMinLevel)
                               .arg(ExportOptions::kMaxLevel)
                               .arg(ExportOptions::kDefaultLevel)),
             qPrintable(help));
    const testsupport::CliRun over = testsupport::cli(
        {QStringLiteral("export"), QStringLiteral("in"), QStringLiteral("-o"), QStringLiteral("out.zip"),
         QStringLiteral("--level"), QString::number(ExportOptions::kMaxLevel + 1)});
    QCOMPARE(over.exitCode, 1);
    QCOMPARE(QString::fromUtf8(over.err),
             QStringLiteral("layerslim-cli export: --level must be a number from %1\n").arg(range));
    QString error;
    const auto top = Profile::fromJson(
        QStringLiteral(R"({"version": 1, "level": %1})").arg(ExportOptions::kMaxLevel).toUtf8(), &error);
    QVERIFY2(top, qPrintable(error));
    QCOMPARE(top->level, ExportOptions::kMaxLevel);
    QVERIFY(!Profile::fromJson(
        QStringLiteral(R"({"version": 1, "level": %1})").arg(ExportOptions::kMaxLevel + 1).toUtf8(), &error));
    QCOMPARE(error, QStringLiteral("\"level\" must be an integer from %1").arg(range));
}

void TestTargets::everyCommandRefusesAnUnknownTarget()
{
    // Runtimes that parse as versions but are not Lambda's: each command, and
    // a profile, refuse them as bad input with the runtime table's own words.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString layer = tmp.filePath(QStringLiteral("layer"));
    sh(QStringLiteral("mkdir -p %1/python && printf 'VALUE = 1\\n' > %1/python/mod.py && printf 'six\\n' > %2")
           .arg(testsupport::quoted(layer), testsupport::quoted(tmp.filePath(QStringLiteral("req.txt")))));
    const QString cli = QStringLiteral(LAYERSLIM_CLI);
    for (const QString &runtime : {QStringLiteral("python2.7"), QStringLiteral("python3.99"),
                                   QStringLiteral("python4.0"), QStringLiteral("python3.7")}) {
        const QString why = Target::runtimeProblem(runtime);
        QVERIFY(why.contains(Target::runtimes().join(QStringLiteral(", "))));
        QVERIFY(why.contains(runtime));
        QFile profile(tmp.filePath(QStringLiteral("p.json")));
        QVERIFY(profile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        profile.write(QStringLiteral(R"({"version": 1, "runtime": "%1"})").arg(runtime).toUtf8());
        profile.close();
        const QStringList commands{
            QStringLiteral("lint %1 --runtime %2").arg(layer, runtime),
            QStringLiteral("export %1 -o %3/out.zip --runtime %2").arg(layer, runtime, tmp.path()),
            QStringLiteral("verify %1 --runtime %2 --python /usr/bin/python3").arg(layer, runtime),
            QStringLiteral("stage -r %1/req.txt -o %1/staged --runtime %2").arg(tmp.path(), runtime),
            QStringLiteral("scan %1 --profile %2").arg(layer, profile.fileName()),
        };
        for (const QString &command : commands) {
            int code = -1;
            const QByteArray err = sh(QStringLiteral("%1 %2 2>&1 >/dev/null").arg(cli, command), &code);
            QVERIFY2(code == 1, qPrintable(command + QStringLiteral(": ") + QString::fromUtf8(err)));
            QVERIFY2(QString::fromUtf8(err).contains(why),
                     qPrintable(command + QStringLiteral(": ") + QString::fromUtf8(err)));
        }
        QVERIFY(!QFileInfo::exists(tmp.filePath(QStringLiteral("out.zip"))));
        QVERIFY(!QFileInfo::exists(tmp.filePath(QStringLiteral("staged"))));
    }
    const QString why = Target::archProblem(u"sparc");
    QVERIFY(why.contains(QStringLiteral("x86_64, arm64")));
    QVERIFY(Target::archProblem(u"aarch64").isEmpty());
    for (const QString &command : {QStringLiteral("lint %1 --arch sparc").arg(layer),
                                   QStringLiteral("stage -r %1/req.txt -o %1/staged --arch sparc").arg(tmp.path())}) {
        int code = -1;
        const QByteArray err = sh(QStringLiteral("%1 %2 2>&1 >/dev/null").arg(cli, command), &code);
        QCOMPARE(code, 1);
        QVERIFY2(QString::fromUtf8(err).contains(why), err.constData());
    }
    // Every runtime of the table passes the same check.
    for (const QString &runtime : Target::runtimes())
        QVERIFY(Target::runtimeProblem(runtime).isEmpty());
}

QTEST_GUILESS_MAIN(TestTargets)
#include "tst_targets.moc"
