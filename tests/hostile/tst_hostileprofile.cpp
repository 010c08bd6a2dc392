// Hostile profiles: malformed JSON, wrong types, unknown keys and rule ids,
// paths outside the tree, newer versions, numbers past 2^64, unsafe prefixes,
// and profile "files" that are FIFOs, devices, folders or huge. Every refusal
// names the key or path and the reason; nothing blocks.
#include "hostilesupport.h"
#include "select/profile.h"

#include <QtTest>

#include <sys/stat.h>

using hostile::reliability;
using testsupport::quoted;
using testsupport::sh;

class TestHostileProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rejected_data();
    void rejected();
    void accepted();
    void profileFilesThatAreNotFiles();
    void cliNamesTheProblem();
    void pathologicalGlobsStayFast();
};

void TestHostileProfile::rejected_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("input");
    const auto row = [](const char *tag, const QByteArray &json, const char *reason, const char *input) {
        QTest::newRow(tag) << json << QString::fromUtf8(reason) << QString::fromUtf8(input);
    };
    row("empty", "", "malformed JSON", "an empty profile");
    row("truncated", R"({"version": 1, "rules": ["tests")", "malformed JSON at offset", "truncated JSON");
    row("garbage", "\xff\xfe\x00{", "malformed JSON", "binary garbage");
    row("array", "[1, 2]", "must be a JSON object", "a JSON array instead of an object");
    row("nested", QByteArray(100000, '['), "malformed JSON", "100,000 nested arrays");
    row("unknown-key", R"({"version": 1, "rulez": []})", "unknown key \"rulez\"", "an unknown key");
    row("no-version", R"({"rules": []})", "missing key \"version\"", "no version");
    row("newer", R"({"version": 2})", "\"version\" 2 is not supported", "a newer version (2)");
    row("version-zero", R"({"version": 0})", "\"version\" 0 is not supported", "version 0");
    row("version-string", R"({"version": "1"})", "\"version\" must be an integer", "version as a string");
    row("version-huge", R"({"version": 1e300})", "\"version\" must be an integer", "version 1e300");
    row("rules-type", R"({"version": 1, "rules": "tests"})", "\"rules\" must be a list of strings",
        "rules as a string");
    row("rules-items", R"({"version": 1, "rules": [1]})", "\"rules\" must hold only strings", "a number in rules");
    row("rule-id", R"({"version": 1, "rules": ["tests", "everything"]})", "unknown rule id \"everything\"",
        "an unknown rule id");
    row("exception-id", R"({"version": 1, "exceptions": {"nope": []}})", "\"exceptions\": unknown rule id \"nope\"",
        "exceptions for an unknown rule");
    row("exceptions-type", R"({"version": 1, "exceptions": ["a"]})", "\"exceptions\" must be an object",
        "exceptions as a list");
    row("limit-negative", R"({"version": 1, "limit_bytes": -1})", "\"limit_bytes\" must be a whole number",
        "a negative limit");
    row("limit-huge", R"({"version": 1, "limit_bytes": 1e300})", "\"limit_bytes\" must be a whole number",
        "limit_bytes 1e300 (past 2^64)");
    row("reserve-fraction", R"({"version": 1, "reserve_bytes": 0.5})", "\"reserve_bytes\" must be a whole number",
        "a fractional reserve");
    row("level", R"({"version": 1, "level": 13})", "\"level\" must be an integer from 0 to 12", "level 13");
    row("runtime", R"({"version": 1, "runtime": "python2.7"})", "\"runtime\": unknown runtime \"python2.7\"",
        "an unknown runtime");
    row("arch", R"({"version": 1, "arch": "sparc"})", "\"arch\": unknown architecture \"sparc\"", "an unknown arch");
    row("prune-up", R"({"version": 1, "prune": ["../../etc"]})", "\"prune\": path \"../../etc\" is outside",
        "a prune path with ..");
    row("keep-absolute", R"({"version": 1, "keep": ["/etc/passwd"]})", "\"keep\": path \"/etc/passwd\" is outside",
        "an absolute keep path");
    row("prefix-up", R"({"version": 1, "prefix": "../out/"})", "\"prefix\" must be a relative path", "prefix ../out/");
    row("prefix-absolute", R"({"version": 1, "prefix": "/opt/"})", "\"prefix\" must be a relative path",
        "prefix /opt/");
    row("prefix-drive", R"({"version": 1, "prefix": "C:/python/"})", "\"prefix\" must be a relative path",
        "prefix C:/python/");
    row("prefix-backslash", R"({"version": 1, "prefix": "..\\python\\"})", "\"prefix\" must be a relative path",
        "prefix ..\\python\\");
    row("prefix-nul", R"({"version": 1, "prefix": "py\u0000thon/"})", "\"prefix\" must be a relative path",
        "prefix with a NUL");
}

void TestHostileProfile::rejected()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    QFETCH(QString, input);
    QString error;
    const auto p = Profile::fromJson(json, &error);
    QVERIFY(!p);
    QVERIFY2(error.contains(reason), qPrintable(error));
    reliability(QStringLiteral("profile: %1").arg(input), QStringLiteral("refused: \"%1\"").arg(error));
}

void TestHostileProfile::accepted()
{
    // The limits of what is valid still load, exactly.
    QString error;
    const auto p = Profile::fromJson(R"({"version": 1, "limit_bytes": 9000000000000000, "reserve_bytes": 0,
        "level": 0, "prefix": "", "prune": ["./a//b"], "keep": ["caf\u00e9/x"]})",
                                     &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->limitBytes, quint64(9000000000000000));
    QCOMPARE(p->prefix, QString());
}

void TestHostileProfile::profileFilesThatAreNotFiles()
{
    QTemporaryDir dir(hostile::scratchTemplate());
    const QString fifo = dir.filePath(QStringLiteral("fifo.json"));
    QCOMPARE(mkfifo(QFile::encodeName(fifo).constData(), 0644), 0);
    const QString big = dir.filePath(QStringLiteral("big.json"));
    {
        QFile f(big);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(17 * 1024 * 1024)); // sparse: 17 MB of NULs
    }
    const QList<std::pair<QString, QString>> cases{
        {fifo, QStringLiteral("not a regular file")},
        {QStringLiteral("/dev/zero"), QStringLiteral("not a regular file")},
        {dir.path(), QStringLiteral("not a regular file")},
        {big, QStringLiteral("too large for a profile")},
        {dir.filePath(QStringLiteral("missing.json")), QString()},
    };
    for (const auto &[path, reason] : cases) {
        QElapsedTimer timer;
        timer.start();
        QString error;
        QVERIFY(!Profile::load(path, &error));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(path));
        QVERIFY2(error.startsWith(path + QStringLiteral(": ")), qPrintable(error));
        if (!reason.isEmpty())
            QVERIFY2(error.contains(reason), qPrintable(error));
    }
    reliability(QStringLiteral("--profile given a FIFO, /dev/zero, a folder, a 17 MB file, a missing file"),
                QStringLiteral("refused at once with the path: \"not a regular file\", \"too large for a profile\", "
                               "\"No such file or directory\"; a FIFO is never opened"));
}

void TestHostileProfile::cliNamesTheProblem()
{
    QTemporaryDir dir(hostile::scratchTemplate());
    sh(QStringLiteral("mkdir -p %1/src/python/pkg/tests && echo x > %1/src/python/pkg/tests/t.py "
                      "&& echo y > %1/src/python/pkg/m.py")
           .arg(quoted(dir.path())));
    const QString src = dir.filePath(QStringLiteral("src"));
    const QString profile = dir.filePath(QStringLiteral("p.json"));
    hostile::SourceGuard guard(src);
    const QList<std::pair<QByteArray, QByteArray>> cases{
        {R"({"version": 1, "prune": ["pkg/missing"]})", R"("prune": path "pkg/missing" is not in)"},
        {R"({"version": 1, "rules": ["nope"]})", R"(unknown rule id "nope")"},
        {R"({"version": 3})", R"("version" 3 is not supported)"},
    };
    for (const auto &[json, reason] : cases) {
        QFile f(profile);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(json);
        f.close();
        const auto run = hostile::cli({QStringLiteral("scan"), src, QStringLiteral("--profile"), profile}, 20000);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(reason), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }
    QVERIFY(guard.unchanged());
}

void TestHostileProfile::pathologicalGlobsStayFast()
{
    // "*a*a*...*b" against a long run of 'a's backtracks exponentially
    // without memoisation (this took > 20 s before it).
    QTemporaryDir dir(hostile::scratchTemplate());
    const QString src = dir.filePath(QStringLiteral("src"));
    sh(QStringLiteral("mkdir -p %1/python/tests && touch %1/python/%2 %1/python/tests/%2")
           .arg(quoted(src), QString(60, QLatin1Char('a'))));
    const QString profile = dir.filePath(QStringLiteral("p.json"));
    QFile f(profile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"version": 1, "rules": ["tests"], "exceptions": {"tests": [)"
            R"("*a*a*a*a*a*a*a*a*a*a*a*a*b", "**/**/**/**/**/**/**/**/**/**/**/x", "**a**a**a**a**a**a**a**b"]}})");
    f.close();
    const auto run = hostile::cli(
        {QStringLiteral("scan"), src, QStringLiteral("--profile"), profile, QStringLiteral("--json")}, 20000);
    QVERIFY2(run.finished, "the scan hung on a glob");
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().value(QStringLiteral("files")).toInt(), 2);
    QVERIFY2(run.millis < 5000, qPrintable(QString::number(run.millis)));
    reliability(QStringLiteral("profile exceptions with backtracking globs (*a*a*a…*b on 60 a's, 11 x **/)"),
                QStringLiteral("matched in polynomial time: CLI scan %1 ms").arg(run.millis));
}

QTEST_GUILESS_MAIN(TestHostileProfile)
#include "tst_hostileprofile.moc"
