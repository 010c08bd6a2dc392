// `layerslim-cli fit` on a layer the suite writes: alpha (headers and a
// tests folder nothing imports) and needy (whose __init__ imports
// needy.tests.fixture, beside a blob in the same folder). The plan must keep
// what needy's import needs and prune the rest; its profile replays in scan
// and export, and the exported zip imports with a real Python.
#include "fitsupport.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

namespace {

// layerslim-cli run in `cwd`.
testsupport::CliRun cliIn(const QString &cwd, const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(cwd);
    p.start(QStringLiteral(LAYERSLIM_CLI), args);
    p.waitForFinished(600000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QJsonObject json(const QByteArray &out)
{
    return QJsonDocument::fromJson(out).object();
}

} // namespace

class TestFit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void planKeepsWhatAnImportNeeds();
    void zippedGoalIsExactToTheByte();
    void cannotFitSaysByHowMuch();
    void tracedPlanReplays();
    void badInput();

private:
    QTemporaryDir m_dir;
    QString m_site;
};

void TestFit::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_site = m_dir.filePath(QStringLiteral("site"));
    fitsupport::writeNeedyLayer(m_site);
}

// Headers (safe) go first, then tests (caution) package by package, largest
// first; needy's tests break `import needy` until the bisection keeps the
// fixture. The plan's bytes are what scan and export make of its profile.
void TestFit::planKeepsWhatAnImportNeeds()
{
    // Relative paths, from the folder that holds the layer.
    const auto run =
        cliIn(m_dir.path(), {QStringLiteral("fit"), QStringLiteral("site"), QStringLiteral("-o"),
                             QStringLiteral("plan.json"), QStringLiteral("--limit"), QStringLiteral("300000"),
                             QStringLiteral("--reserve"), QStringLiteral("100000"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject out = json(run.out);
    QVERIFY(out.value(QStringLiteral("fits")).toBool());
    QCOMPARE(out.value(QStringLiteral("target_bytes")).toInteger(), 200000);
    const QString profile = m_dir.filePath(QStringLiteral("plan.json"));
    QCOMPARE(out.value(QStringLiteral("profile")).toString(), profile);
    QVERIFY(QFileInfo::exists(profile));

    QStringList steps;
    QJsonObject needy;
    for (const QJsonValue &v : out.value(QStringLiteral("steps")).toArray()) {
        const QJsonObject s = v.toObject();
        steps << QStringLiteral("%1 %2 %3")
                     .arg(s.value(QStringLiteral("rule")).toString(), s.value(QStringLiteral("package")).toString(),
                          s.value(QStringLiteral("outcome")).toString());
        if (s.value(QStringLiteral("package")).toString() == QStringLiteral("needy"))
            needy = s;
    }
    QCOMPARE(steps, QStringList({QStringLiteral("headers alpha taken"), QStringLiteral("tests alpha taken"),
                                 QStringLiteral("tests needy culprits-kept")}));
    QVERIFY2(needy.value(QStringLiteral("failure")).toString().contains(QStringLiteral("needy")),
             qPrintable(needy.value(QStringLiteral("failure")).toString()));
    const QStringList culprits = needy.value(QStringLiteral("kept_culprits")).toVariant().toStringList();
    QVERIFY(!culprits.isEmpty());
    for (const QString &c : culprits) {
        QVERIFY2(c.startsWith(QStringLiteral("needy/tests")), qPrintable(c));
        QVERIFY2(!c.endsWith(QStringLiteral("blob.bin")), qPrintable(c));
    }
    // needy's step freed its blob and nothing its import needs.
    QCOMPARE(needy.value(QStringLiteral("bytes")).toInteger(), 600000);

    // scan and export replay the profile to the same bytes; the zip imports.
    const qint64 kept = out.value(QStringLiteral("kept_bytes")).toInteger();
    const auto scan = testsupport::cli(
        {QStringLiteral("scan"), m_site, QStringLiteral("--profile"), profile, QStringLiteral("--json")});
    QVERIFY2(scan.exitCode == 0, scan.err.constData());
    QCOMPARE(json(scan.out).value(QStringLiteral("kept_bytes")).toInteger(), kept);
    const QString zip = m_dir.filePath(QStringLiteral("fit.zip"));
    const auto exported = testsupport::cli({QStringLiteral("export"), m_site, QStringLiteral("--profile"), profile,
                                            QStringLiteral("-o"), zip, QStringLiteral("--no-report")});
    QVERIFY2(exported.exitCode == 0, exported.err.constData());
    const QString unzipped = m_dir.filePath(QStringLiteral("unzipped"));
    QCOMPARE(sh(QStringLiteral("python3 -c \"import zipfile, sys; z = zipfile.ZipFile(sys.argv[1]); "
                               "print(sum(i.file_size for i in z.infolist() if not i.is_dir()))\" %1")
                    .arg(quoted(zip)))
                 .trimmed()
                 .toLongLong(),
             kept);
    sh(QStringLiteral("unzip -q %1 -d %2").arg(quoted(zip), quoted(unzipped)));
    QCOMPARE(sh(QStringLiteral("cd / && python3 -S -I -c \"import sys; sys.path.insert(0, sys.argv[1]); "
                               "import alpha, needy; print(needy.VALUE)\" %1/python")
                    .arg(quoted(unzipped)))
                 .trimmed(),
             QByteArray("42"));
    QVERIFY(!QFileInfo::exists(unzipped + QStringLiteral("/python/needy/tests/blob.bin")));
    QVERIFY(!QFileInfo::exists(unzipped + QStringLiteral("/python/alpha/tests")));
}

// --zipped: every file is deflated for the plan, so its zipped size is exact
// (zip_exact) and is the size of the zip export writes from its profile; the
// text says it without "about".
void TestFit::zippedGoalIsExactToTheByte()
{
    const QStringList args{QStringLiteral("fit"),       QStringLiteral("site"),    QStringLiteral("-o"),
                           QStringLiteral("zip.json"),  QStringLiteral("--limit"), QStringLiteral("300000"),
                           QStringLiteral("--reserve"), QStringLiteral("100000"),  QStringLiteral("--zipped")};
    const auto run = cliIn(m_dir.path(), args + QStringList{QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject out = json(run.out);
    QVERIFY(out.value(QStringLiteral("fits")).toBool());
    QVERIFY(out.value(QStringLiteral("zip_exact")).toBool());
    QCOMPARE(out.value(QStringLiteral("zip_limit_bytes")).toInteger(), 52428800); // 50 MB as Lambda counts it
    const qint64 zipBytes = out.value(QStringLiteral("zip_bytes")).toInteger();
    const QString zip = m_dir.filePath(QStringLiteral("zip-plan.zip"));
    const auto exported = testsupport::cli({QStringLiteral("export"), m_site, QStringLiteral("--profile"),
                                            m_dir.filePath(QStringLiteral("zip.json")), QStringLiteral("-o"), zip,
                                            QStringLiteral("--no-report")});
    QVERIFY2(exported.exitCode == 0, exported.err.constData());
    QCOMPARE(sh(QStringLiteral("stat -c %s %1").arg(quoted(zip))).trimmed().toLongLong(), zipBytes);
    QCOMPARE(sh(QStringLiteral("unzip -tq %1").arg(quoted(zip))).left(9), QByteArray("No errors"));

    const auto text = cliIn(m_dir.path(), args);
    QVERIFY2(text.exitCode == 0, text.err.constData());
    QVERIFY2(text.out.contains(", zipped ") && !text.out.contains("zipped about"), text.out.constData());
}

// Nothing the rules may take gets it under 40 bytes (needy's import needs
// 71): exit 2, the
// shortfall is the kept bytes over the target, and no profile is written.
void TestFit::cannotFitSaysByHowMuch()
{
    const QString profile = m_dir.filePath(QStringLiteral("none.json"));
    const auto run = testsupport::cli({QStringLiteral("fit"), m_site, QStringLiteral("-o"), profile,
                                       QStringLiteral("--limit"), QStringLiteral("50"), QStringLiteral("--reserve"),
                                       QStringLiteral("10"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 2);
    const QJsonObject out = json(run.out);
    QVERIFY(!out.value(QStringLiteral("fits")).toBool());
    const qint64 kept = out.value(QStringLiteral("kept_bytes")).toInteger();
    QCOMPARE(out.value(QStringLiteral("shortfall_bytes")).toInteger(), kept - 40);
    QVERIFY(out.value(QStringLiteral("shortfall_bytes")).toInteger() > 0);
    QVERIFY(out.value(QStringLiteral("profile")).isNull());
    QVERIFY(!QFileInfo::exists(profile));
    const auto text =
        testsupport::cli({QStringLiteral("fit"), m_site, QStringLiteral("-o"), profile, QStringLiteral("--limit"),
                          QStringLiteral("50"), QStringLiteral("--reserve"), QStringLiteral("10")});
    QCOMPARE(text.exitCode, 2);
    QVERIFY2(text.out.contains("cannot fit:") && text.out.contains("next candidates:"), text.out.constData());
}

// With a trace of a run that imports alpha only, the not-traced rule is a
// risky step: it prunes needy (never imported) once nothing safer is left,
// and the profile names the trace, so scan replays the same bytes.
void TestFit::tracedPlanReplays()
{
    const QString smoke = m_dir.filePath(QStringLiteral("alpha-only.py"));
    sh(QStringLiteral("printf 'import alpha\\nprint(alpha.A)\\n' > %1").arg(quoted(smoke)));
    const QString trace = m_dir.filePath(QStringLiteral("alpha-trace.json"));
    const auto traced = testsupport::cli(
        {QStringLiteral("trace"), m_site, QStringLiteral("--smoke"), smoke, QStringLiteral("-o"), trace});
    QVERIFY2(traced.exitCode == 0, traced.err.constData());
    const QString profile = m_dir.filePath(QStringLiteral("traced-plan.json"));
    // Only alpha is checked: this function's code never imports needy.
    const auto run = testsupport::cli(
        {QStringLiteral("fit"), m_site, QStringLiteral("--trace"), trace, QStringLiteral("--smoke"), smoke,
         QStringLiteral("--import"), QStringLiteral("alpha"), QStringLiteral("-o"), profile, QStringLiteral("--limit"),
         QStringLiteral("50"), QStringLiteral("--reserve"), QStringLiteral("40"), QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject out = json(run.out);
    QStringList taken;
    for (const QJsonValue &v : out.value(QStringLiteral("steps")).toArray())
        taken << v.toObject().value(QStringLiteral("rule")).toString() + QLatin1Char(' ') +
                     v.toObject().value(QStringLiteral("package")).toString();
    QVERIFY2(taken.contains(QStringLiteral("not-traced needy")), qPrintable(taken.join(u',')));
    QCOMPARE(testsupport::readJson(profile)
                 .value(QStringLiteral("trace"))
                 .toObject()
                 .value(QStringLiteral("path"))
                 .toString(),
             trace);
    const auto scan = testsupport::cli(
        {QStringLiteral("scan"), m_site, QStringLiteral("--profile"), profile, QStringLiteral("--json")});
    QVERIFY2(scan.exitCode == 0, scan.err.constData());
    QCOMPARE(json(scan.out).value(QStringLiteral("kept_bytes")).toInteger(),
             out.value(QStringLiteral("kept_bytes")).toInteger());
    QCOMPARE(out.value(QStringLiteral("kept_bytes")).toInteger(), 6); // alpha/__init__.py alone
}

void TestFit::badInput()
{
    const QString profile = m_dir.filePath(QStringLiteral("bad.json"));
    auto run = testsupport::cli({QStringLiteral("fit"), m_site, QStringLiteral("-o"), profile,
                                 QStringLiteral("--limit"), QStringLiteral("lots")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("--limit") && run.err.contains("lots"), run.err.constData());
    run = testsupport::cli({QStringLiteral("fit"), m_site});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("-o PROFILE.json"), run.err.constData());
    run = testsupport::cli({QStringLiteral("fit"), m_site, QStringLiteral("-o"), profile, QStringLiteral("--limit"),
                            QStringLiteral("10MB"), QStringLiteral("--reserve"), QStringLiteral("10MB")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("reserve"), run.err.constData());
    run = testsupport::cli(
        {QStringLiteral("fit"), m_dir.filePath(QStringLiteral("missing")), QStringLiteral("-o"), profile});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("missing"), run.err.constData());
    run = testsupport::cli({QStringLiteral("fit"), m_site, QStringLiteral("-o"),
                            m_dir.filePath(QStringLiteral("no-such-folder/plan.json"))});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("no such folder"), run.err.constData());
    QVERIFY(!QFileInfo::exists(profile));
}

QTEST_MAIN(TestFit)
#include "tst_fit.moc"
