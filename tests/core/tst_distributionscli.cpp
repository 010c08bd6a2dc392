// What `scan --json` and profiles say of distributions, through layerslim-cli,
// on a layer pip installs from wheels the suite writes (tst_distributions
// checks the core against importlib.metadata on the same layer).
#include "scan/layer.h"
#include "select/distributions.h"
#include "select/duplicates.h"
#include "select/profile.h"
#include "testsupport.h"
#include "wheelsupport.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;

class TestDistributionsCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void scanJson();
    void dropDistributionsReplays();

private:
    QTemporaryDir m_dir;
    QString m_site;
};

void TestDistributionsCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    wheelsupport::writeDependencyWheels(m_dir.filePath(QStringLiteral("wh")));
    m_site = m_dir.filePath(QStringLiteral("site"));
    wheelsupport::pipInstallTarget(m_dir.filePath(QStringLiteral("wh")), m_site,
                                   {QStringLiteral("alpha-pkg"), QStringLiteral("lone")});
}

// `scan --json` reports what the core computes, under the selection given.
void TestDistributionsCli::scanJson()
{
    QString error;
    const Layer layer = Layer::open(m_site, &error);
    QVERIFY2(layer.tree, qPrintable(error));
    const Distributions dists = Distributions::scan(*layer.tree, layer.zipEntries);
    const auto groups = Duplicates::find(*layer.tree, layer.zipEntries);
    const auto run =
        testsupport::cli({QStringLiteral("scan"), m_site, QStringLiteral("--json"), QStringLiteral("--duplicates")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject out = QJsonDocument::fromJson(run.out).object();
    const QJsonArray list = out.value(QStringLiteral("distributions")).toArray();
    QCOMPARE(list.size(), dists.count());
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        const int d = dists.byNormalizedName(o.value(QStringLiteral("name")).toString());
        QVERIFY(d != Distributions::kNone);
        const Distribution &dist = dists.at(d);
        QCOMPARE(o.value(QStringLiteral("version")).toString(), dist.version);
        QCOMPARE(o.value(QStringLiteral("files")).toInt(), int(dist.files));
        QCOMPARE(o.value(QStringLiteral("bytes")).toDouble(), double(dist.bytes));
        QCOMPARE(o.value(QStringLiteral("kept_bytes")).toDouble(), double(dist.bytes));
        QCOMPARE(o.value(QStringLiteral("exclusive_bytes")).toDouble(), double(dists.exclusiveBytes(d, nullptr)));
        QCOMPARE(o.value(QStringLiteral("top_level")).toBool(), dist.topLevel);
        QCOMPARE(o.value(QStringLiteral("requires")).toArray().size(), qsizetype(dist.dependencies.size()));
        QCOMPARE(o.value(QStringLiteral("required_by")).toArray().size(), qsizetype(dist.requiredBy.size()));
    }
    QCOMPARE(out.value(QStringLiteral("unowned_bytes")).toDouble(), 0.0);
    QCOMPARE(out.value(QStringLiteral("duplicate_bytes")).toDouble(), double(Duplicates::wastedBytes(groups)));
    const QJsonObject first = out.value(QStringLiteral("duplicates")).toArray().first().toObject();
    QCOMPARE(first.value(QStringLiteral("bytes")).toDouble(), 300000.0);
    QCOMPARE(first.value(QStringLiteral("paths")).toVariant().toStringList(),
             (QStringList{"alpha_pkg.libs/libblas-a1b2.so", "beta.libs/libblas-c3d4.so"}));

    // Without --duplicates, scan reads no file contents for them: the keys are absent.
    const auto plain = testsupport::cli({QStringLiteral("scan"), m_site, QStringLiteral("--json")});
    QVERIFY2(plain.exitCode == 0, plain.err.constData());
    const QJsonObject plainOut = QJsonDocument::fromJson(plain.out).object();
    QVERIFY(!plainOut.contains(QStringLiteral("duplicates")));
    QVERIFY(!plainOut.contains(QStringLiteral("duplicate_bytes")));
    QCOMPARE(plainOut.value(QStringLiteral("distributions")).toArray().size(), dists.count());
    // The text report names the largest group's first copy and the waste.
    const auto text = testsupport::cli({QStringLiteral("scan"), m_site, QStringLiteral("--duplicates")});
    QVERIFY2(text.exitCode == 0, text.err.constData());
    QVERIFY2(text.out.contains("2 × ") && text.out.contains("alpha_pkg.libs/libblas-a1b2.so"), text.out.constData());
    QVERIFY2(text.out.contains(QStringLiteral("in %1 groups of identical files").arg(groups.size()).toUtf8()),
             text.out.constData());

    // With the metadata pruned, kept bytes drop by each dist-info folder's bytes.
    const auto pruned = testsupport::cli({QStringLiteral("scan"), m_site, QStringLiteral("--json"),
                                          QStringLiteral("--rules"), QStringLiteral("dist-info")});
    QVERIFY2(pruned.exitCode == 0, pruned.err.constData());
    for (const QJsonValue &v :
         QJsonDocument::fromJson(pruned.out).object().value(QStringLiteral("distributions")).toArray()) {
        const QJsonObject o = v.toObject();
        const Distribution &dist = dists.at(dists.byNormalizedName(o.value(QStringLiteral("name")).toString()));
        QCOMPARE(o.value(QStringLiteral("kept_bytes")).toDouble(),
                 double(dist.bytes - layer.tree->totalBytes(dist.infoNode)));
        QCOMPARE(o.value(QStringLiteral("bytes")).toDouble(), double(dist.bytes));
    }
}

// A profile's drop_distributions, replayed by scan and export: the kept bytes
// fall by exactly the exclusive bytes scan showed, and the zip lacks the files.
void TestDistributionsCli::dropDistributionsReplays()
{
    QTemporaryDir dir;
    const QString profile = dir.filePath(QStringLiteral("drop.json"));
    Profile p;
    p.runtime = QStringLiteral("python3.11");
    p.dropDistributions = {QStringLiteral("alpha.pkg")};
    QString error;
    QVERIFY2(p.save(profile, &error), qPrintable(error));
    const std::optional<Profile> back = Profile::load(profile, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->dropDistributions, p.dropDistributions);

    const auto before = testsupport::cli({QStringLiteral("scan"), m_site, QStringLiteral("--json")});
    const QJsonObject all = QJsonDocument::fromJson(before.out).object();
    double exclusive = -1;
    for (const QJsonValue &v : all.value(QStringLiteral("distributions")).toArray())
        if (v.toObject().value(QStringLiteral("name")).toString() == u"Alpha_Pkg")
            exclusive = v.toObject().value(QStringLiteral("exclusive_bytes")).toDouble();
    QVERIFY(exclusive > 300000);
    const auto after = testsupport::cli(
        {QStringLiteral("scan"), m_site, QStringLiteral("--json"), QStringLiteral("--profile"), profile});
    QVERIFY2(after.exitCode == 0, after.err.constData());
    const QJsonObject dropped = QJsonDocument::fromJson(after.out).object();
    QCOMPARE(dropped.value(QStringLiteral("kept_bytes")).toDouble(),
             all.value(QStringLiteral("kept_bytes")).toDouble() - exclusive);
    for (const QJsonValue &v : dropped.value(QStringLiteral("distributions")).toArray()) {
        const QJsonObject o = v.toObject();
        const bool gone =
            QStringList{"Alpha_Pkg", "beta", "gamma", "epsilon"}.contains(o.value(QStringLiteral("name")).toString());
        QCOMPARE(o.value(QStringLiteral("kept_bytes")).toDouble() == 0, gone);
    }

    // export writes what is left: lone's files alone, as Python's zipfile lists them.
    const QString zip = dir.filePath(QStringLiteral("layer.zip"));
    const auto exported = testsupport::cli(
        {QStringLiteral("export"), m_site, QStringLiteral("-o"), zip, QStringLiteral("--profile"), profile});
    QVERIFY2(exported.exitCode == 0, exported.err.constData());
    const QByteArray names = sh(QStringLiteral("python3 -c \"import sys, zipfile; print(' '.join(sorted(set("
                                               "n.split('/')[1] for n in zipfile.ZipFile(sys.argv[1]).namelist() "
                                               "if not n.endswith('/')))))\" %1")
                                    .arg(quoted(zip)));
    QCOMPARE(names.trimmed(), QByteArray("lone lone-3.0.dist-info"));

    // A name nobody installed is refused, naming it and the layer.
    p.dropDistributions = {QStringLiteral("no-such-dist")};
    QVERIFY2(p.save(profile, &error), qPrintable(error));
    const auto bad = testsupport::cli({QStringLiteral("scan"), m_site, QStringLiteral("--profile"), profile});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("no distribution \"no-such-dist\" is installed in " + m_site.toUtf8()),
             bad.err.constData());
    QVERIFY(!Profile::fromJson(R"({"version": 1, "drop_distributions": [""]})", &error));
    QVERIFY2(error.contains(QStringLiteral("empty distribution name")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestDistributionsCli)
#include "tst_distributionscli.moc"
