// Requirement: PEP 503 names, PEP 508 parsing, and markers read for every
// Lambda target as pip's own packaging library reads them.
#include "select/requirement.h"
#include "testsupport.h"

#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

class TestRequirement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalizeAndParse();
    void markersAgreeWithPip_data();
    void markersAgreeWithPip();
};

void TestRequirement::normalizeAndParse()
{
    QCOMPARE(Requirement::normalize(u"Alpha_Pkg"), QStringLiteral("alpha-pkg"));
    QCOMPARE(Requirement::normalize(u"zope..interface__x-Y"), QStringLiteral("zope-interface-x-y"));
    // PEP 503's rule as written (lower case, runs of -_. as one -), on ASCII and other names.
    for (const QString &name : {QString(), QStringLiteral("-"), QStringLiteral("._-"), QStringLiteral("-_a.-_.B_"),
                                QStringLiteral("Ruamel.YAML.clib"), QStringLiteral("z0-9_A@Z[]"),
                                QStringLiteral("Zürich__Ärger"), QStringLiteral("İstanbul.pkg")}) {
        static const QRegularExpression runs(QStringLiteral("[-_.]+"));
        QCOMPARE(Requirement::normalize(name), name.toLower().replace(runs, QStringLiteral("-")));
    }
    Requirement r;
    QVERIFY(Requirement::parse(QStringLiteral("Gamma [Fast, extra_two] >=1.0 ; python_version >= '3.8'"), &r));
    QCOMPARE(r.name, QStringLiteral("Gamma"));
    QCOMPARE(r.extras, (QStringList{QStringLiteral("fast"), QStringLiteral("extra-two")}));
    QCOMPARE(r.marker, QStringLiteral("python_version >= '3.8'"));
    QVERIFY(!Requirement::parse(QStringLiteral("  ; python_version"), &r));
}

void TestRequirement::markersAgreeWithPip_data()
{
    QTest::addColumn<QString>("marker");
    for (const char *m : {"python_version >= \"3.10\"", "python_version < '3.9' or platform_machine == 'aarch64'",
                          "(sys_platform == 'linux' and python_full_version >= '3.11.0') or extra == 'docs'",
                          "platform_machine in 'x86_64 AMD64'", "'linux' not in sys_platform",
                          "python_version ~= '3.10'", "extra == \"fast\"", "implementation_name != 'pypy'",
                          "os_name == 'nt' and python_version > '3'", "python_version === '3.12'"})
        QTest::newRow(m) << QString::fromLatin1(m);
}

// The same marker, the same environments (every Lambda target, with and
// without an extra): our reading and pip's agree.
void TestRequirement::markersAgreeWithPip()
{
    QFETCH(QString, marker);
    QStringList envs;
    for (const Target &t : Target::all())
        for (const QString &extra : {QString(), QStringLiteral("fast")})
            envs << QStringLiteral("%1,%2,%3").arg(t.pythonVersion(), t.machine(), extra);
    const QStringList expected =
        QString::fromUtf8(
            sh(QStringLiteral("python3 -c \"import sys; from pip._vendor.packaging.markers import Marker\n"
                              "for e in sys.argv[2:]:\n  v, m, x = e.split(',')\n"
                              "  print(Marker(sys.argv[1]).evaluate({'python_version': v, "
                              "'python_full_version': v + '.0', 'platform_machine': m, "
                              "'sys_platform': 'linux', 'os_name': 'posix', "
                              "'implementation_name': 'cpython', 'extra': x}))\" %1 %2")
                   .arg(quoted(marker), envs.join(QLatin1Char(' ')))))
            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(expected.size(), envs.size());
    Requirement r;
    QVERIFY(Requirement::parse(QStringLiteral("x; ") + marker, &r));
    int i = 0;
    for (const Target &t : Target::all()) {
        for (const QString &extra : {QString(), QStringLiteral("fast")}) {
            QString why;
            const bool got = r.appliesTo(t, extra, &why);
            QVERIFY2(why.isEmpty(), qPrintable(why));
            QCOMPARE(got ? QStringLiteral("True") : QStringLiteral("False"), expected[i++]);
        }
    }
}

QTEST_GUILESS_MAIN(TestRequirement)
#include "tst_requirement.moc"
