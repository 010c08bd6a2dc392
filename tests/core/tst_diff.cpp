// `layerslim-cli diff` on two layers pip installs from two wheelhouses (one
// distribution upgraded, every payload rewritten, a file added, one removed),
// zipped with Python: checked against the zips' name lists, sizes and CRCs
// as Python's zipfile reads them, and per distribution against their RECORDs.
#include "testsupport.h"
#include "wheelsupport.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::cli;
using testsupport::quoted;
using testsupport::sh;

namespace {

// What Python's zipfile says of two layer zips: files added, removed and
// changed (size or CRC) below python/, kept bytes, and each distribution's
// version and bytes from its own RECORD (pip --target's "../../bin/x" is bin/x).
const char kZipDiff[] = R"PY(
import json, os, re, sys, zipfile
def read(path, skip):
    z = zipfile.ZipFile(path)
    files = {i.filename[len("python/"):]: i for i in z.infolist() if not i.is_dir() and not re.search(skip, i.filename)}
    dists = {}
    for name, info in files.items():
        m = re.fullmatch(r"([^/]+)-([^-/]+)\.dist-info/RECORD", name)
        if not m:
            continue
        meta = z.read("python/" + name[:-len("RECORD")] + "METADATA").decode()
        dname = re.search(r"^Name: (.*)$", meta, re.M).group(1)
        owned = set()
        for line in z.read(info).decode().splitlines():
            p = line.split(",")[0]
            p = os.path.normpath(p[6:] if p.startswith("../../") else p)
            if p in files:
                owned.add(p)
        for f in files:
            if f.startswith(name[:-len("RECORD")]):
                owned.add(f)
        dists[dname] = {"version": m.group(2), "bytes": sum(files[p].file_size for p in owned)}
    return files, dists
skip = sys.argv[3] if len(sys.argv) > 3 else "^$"
a, da = read(sys.argv[1], skip)
b, db = read(sys.argv[2], skip)
print(json.dumps({
    "bytes_a": sum(i.file_size for i in a.values()), "bytes_b": sum(i.file_size for i in b.values()),
    "added": sorted([p, b[p].file_size] for p in b if p not in a),
    "removed": sorted([p, a[p].file_size] for p in a if p not in b),
    "changed": sorted([p, a[p].file_size, b[p].file_size] for p in a
                      if p in b and (a[p].file_size, a[p].CRC) != (b[p].file_size, b[p].CRC)),
    "dists_a": da, "dists_b": db}))
)PY";

void zipFolder(const QString &folder, const QString &zip)
{
    sh(QStringLiteral("cd %1 && python3 -c \"import os, sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w', "
                      "zipfile.ZIP_DEFLATED) as z:\n  for r, ds, fs in sorted(os.walk('.')):\n    for f in sorted(fs): "
                      "z.write(os.path.join(r, f), 'python/' + os.path.relpath(os.path.join(r, f)))\" %2")
           .arg(quoted(folder), quoted(zip)));
}

QJsonObject parse(const QByteArray &out)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &err);
    if (err.error != QJsonParseError::NoError)
        qWarning("not JSON: %s\n%s", qPrintable(err.errorString()), out.constData());
    return doc.object();
}

// [path, bytes] pairs (removed and added) or [path, bytes_a, bytes_b] (changed), sorted by path.
QJsonArray rows(const QJsonArray &files, bool changed)
{
    QList<QJsonArray> list;
    for (const QJsonValue &v : files) {
        const QJsonObject o = v.toObject();
        if (changed)
            list << QJsonArray{o.value(QStringLiteral("path")), o.value(QStringLiteral("bytes_a")),
                               o.value(QStringLiteral("bytes_b"))};
        else
            list << QJsonArray{o.value(QStringLiteral("path")), o.value(QStringLiteral("bytes"))};
    }
    std::sort(list.begin(), list.end(),
              [](const QJsonArray &x, const QJsonArray &y) { return x.first().toString() < y.first().toString(); });
    QJsonArray out;
    for (const QJsonArray &r : list)
        out.append(r);
    return out;
}

} // namespace

class TestDiff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void zipsAgreeWithZipfile_data();
    void zipsAgreeWithZipfile();
    void folderEqualsItsZip();
    void textReportAndBadInput();

private:
    QTemporaryDir m_dir;
    QString m_siteA, m_zipA, m_zipB;
};

void TestDiff::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString whA = m_dir.filePath(QStringLiteral("whA")), whB = m_dir.filePath(QStringLiteral("whB"));
    wheelsupport::writeDependencyWheels(whA);
    wheelsupport::writeDependencyWheels(whB, QStringLiteral("4.0"), 20000);
    m_siteA = m_dir.filePath(QStringLiteral("a"));
    const QString siteB = m_dir.filePath(QStringLiteral("b"));
    wheelsupport::pipInstallTarget(whA, m_siteA, {QStringLiteral("alpha-pkg"), QStringLiteral("lone")});
    wheelsupport::pipInstallTarget(whB, siteB, {QStringLiteral("alpha-pkg"), QStringLiteral("lone")});
    sh(QStringLiteral("cd %1 && rm gamma_data/table.csv && mkdir extra && head -c 7777 /dev/urandom > extra/new.bin")
           .arg(quoted(siteB)));
    m_zipA = m_dir.filePath(QStringLiteral("a.zip"));
    m_zipB = m_dir.filePath(QStringLiteral("b.zip"));
    zipFolder(m_siteA, m_zipA);
    zipFolder(siteB, m_zipB);
}

void TestDiff::zipsAgreeWithZipfile_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("skip"); // what the options prune, as a regular expression over zip names
    QTest::newRow("everything") << QStringList() << QString();
    QTest::newRow("--rules dist-info") << QStringList{QStringLiteral("--rules"), QStringLiteral("dist-info")}
                                       << QStringLiteral("\\.dist-info/");
}

void TestDiff::zipsAgreeWithZipfile()
{
    QFETCH(QStringList, options);
    QFETCH(QString, skip);
    const auto run = cli(QStringList{QStringLiteral("diff"), m_zipA, m_zipB, QStringLiteral("--json")} + options);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject got = parse(run.out);
    QStringList args{m_zipA, m_zipB};
    if (!skip.isEmpty())
        args << skip;
    QStringList q;
    for (const QString &a : args)
        q << quoted(a);
    const QJsonObject want =
        parse(sh(QStringLiteral("python3 - %1 <<'EOF'\n%2EOF\n").arg(q.join(u' '), QString::fromUtf8(kZipDiff))));
    QCOMPARE(got.value(QStringLiteral("bytes_a")).toDouble(), want.value(QStringLiteral("bytes_a")).toDouble());
    QCOMPARE(got.value(QStringLiteral("bytes_b")).toDouble(), want.value(QStringLiteral("bytes_b")).toDouble());
    QCOMPARE(rows(got.value(QStringLiteral("added")).toArray(), false), want.value(QStringLiteral("added")).toArray());
    QCOMPARE(rows(got.value(QStringLiteral("removed")).toArray(), false),
             want.value(QStringLiteral("removed")).toArray());
    QCOMPARE(rows(got.value(QStringLiteral("changed")).toArray(), true),
             want.value(QStringLiteral("changed")).toArray());
    // What the layers were made to differ in, spelled out.
    QCOMPARE(rows(got.value(QStringLiteral("added")).toArray(), false).first().toArray().at(0).toString(),
             QStringLiteral("extra/new.bin"));
    // Every random payload differs: data.bin, both .libs, beta/core.py, lone's module.
    QVERIFY(want.value(QStringLiteral("changed")).toArray().size() >= 5);
    // Largest change first, in every list.
    for (const QString &list : {QStringLiteral("added"), QStringLiteral("removed"), QStringLiteral("changed")}) {
        double last = 1e300;
        for (const QJsonValue &v : got.value(list).toArray()) {
            const double change = std::abs(v.toObject().value(QStringLiteral("bytes")).toDouble());
            QVERIFY(change <= last);
            last = change;
        }
    }
    // Per distribution: versions and bytes from each side's RECORD.
    const QJsonObject distsA = want.value(QStringLiteral("dists_a")).toObject();
    const QJsonObject distsB = want.value(QStringLiteral("dists_b")).toObject();
    const QJsonArray dists = got.value(QStringLiteral("distributions")).toArray();
    QCOMPARE(dists.size(), 5);
    double lastChange = 1e300;
    for (const QJsonValue &v : dists) {
        const QJsonObject d = v.toObject();
        const QString name = d.value(QStringLiteral("name")).toString();
        const QJsonObject a = distsA.value(name).toObject(), b = distsB.value(name).toObject();
        if (skip.isEmpty()) { // RECORD itself is pruned with the dist-info rule
            QCOMPARE(d.value(QStringLiteral("version_a")).toString(), a.value(QStringLiteral("version")).toString());
            QCOMPARE(d.value(QStringLiteral("version_b")).toString(), b.value(QStringLiteral("version")).toString());
            QCOMPARE(d.value(QStringLiteral("bytes_a")).toDouble(), a.value(QStringLiteral("bytes")).toDouble());
            QCOMPARE(d.value(QStringLiteral("bytes_b")).toDouble(), b.value(QStringLiteral("bytes")).toDouble());
        }
        const double change =
            std::abs(d.value(QStringLiteral("bytes_b")).toDouble() - d.value(QStringLiteral("bytes_a")).toDouble());
        QVERIFY(change <= lastChange);
        lastChange = change;
    }
    QJsonObject lone;
    for (const QJsonValue &v : dists)
        if (v.toObject().value(QStringLiteral("name")).toString() == u"lone")
            lone = v.toObject();
    QCOMPARE(lone.value(QStringLiteral("name")).toString(), QStringLiteral("lone"));
    QCOMPARE(lone.value(QStringLiteral("version_a")).toString(), QStringLiteral("3.0"));
    QCOMPARE(lone.value(QStringLiteral("version_b")).toString(), QStringLiteral("4.0"));
}

// A folder and the zip made from it: nothing added, removed or changed.
void TestDiff::folderEqualsItsZip()
{
    const auto run = cli({QStringLiteral("diff"), m_siteA, m_zipA, QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject got = parse(run.out);
    QCOMPARE(got.value(QStringLiteral("bytes_a")).toDouble(), got.value(QStringLiteral("bytes_b")).toDouble());
    QCOMPARE(got.value(QStringLiteral("bytes_a")).toDouble(),
             sh(QStringLiteral("find %1 -type f -printf '%s\\n' | awk '{s+=$1} END {printf \"%d\", s}'")
                    .arg(quoted(m_siteA)))
                 .toDouble());
    QVERIFY(got.value(QStringLiteral("added")).toArray().isEmpty());
    QVERIFY(got.value(QStringLiteral("removed")).toArray().isEmpty());
    QVERIFY(got.value(QStringLiteral("changed")).toArray().isEmpty());
    for (const QJsonValue &v : got.value(QStringLiteral("distributions")).toArray())
        QCOMPARE(v.toObject().value(QStringLiteral("bytes_a")), v.toObject().value(QStringLiteral("bytes_b")));
}

void TestDiff::textReportAndBadInput()
{
    // Relative paths from another working directory.
    const QByteArray text = sh(QStringLiteral("cd %1 && %2 diff a.zip ./b.zip --top 2")
                                   .arg(quoted(m_dir.path()), quoted(QStringLiteral(LAYERSLIM_CLI))));
    QVERIFY2(text.contains("lone"), text.constData());
    QVERIFY(text.contains("3.0        -> 4.0"));
    // lone's five dist-info files move to lone-4.0.dist-info; extra/new.bin is new.
    QVERIFY2(text.contains("Added: 6 files"), text.constData());
    QVERIFY(text.contains("extra/new.bin"));
    QVERIFY(text.contains("Removed: 6 files"));
    QVERIFY(text.contains("gamma_data/table.csv"));
    QVERIFY(text.contains("more (--top N shows more, --json all)"));

    const QString missing = m_dir.filePath(QStringLiteral("no-such.zip"));
    auto run = cli({QStringLiteral("diff"), m_zipA, missing});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(missing.toUtf8()), run.err.constData());
    run = cli({QStringLiteral("diff"), m_zipA});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("expected 2 argument(s), got 1"));
    run = cli({QStringLiteral("diff"), m_zipA, m_zipB, QStringLiteral("--top"), QStringLiteral("many")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("--top wants a count of files, not \"many\""));
    run = cli({QStringLiteral("diff"), m_zipA, m_zipB, QStringLiteral("--rules"), QStringLiteral("nope")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("unknown rule id \"nope\""));
}

QTEST_GUILESS_MAIN(TestDiff)
#include "tst_diff.moc"
