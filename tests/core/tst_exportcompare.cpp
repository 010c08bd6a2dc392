// `layerslim-cli export --compare OLD`: two exports of a copy of the demo
// layer under different rules, with files edited in between, compared in the export's report and
// --json, checked against the two zips' name lists, sizes and CRCs as Python's
// zipfile reads them; a bad OLD stops the export before anything is written.
#include "testsupport.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using testsupport::cli;
using testsupport::quoted;
using testsupport::sh;

namespace {

// What zipfile says changed from OLD to NEW below python/: every list sorted
// as the report sorts it (largest change first, then by path), with counts and
// summed changes.
const char kZipChange[] = R"PY(
import json, sys, zipfile
def files(path):
    return {i.filename[len("python/"):]: i for i in zipfile.ZipFile(path).infolist() if not i.is_dir()}
a, b = files(sys.argv[1]), files(sys.argv[2])
added = [(p, 0, b[p].file_size) for p in b if p not in a]
removed = [(p, a[p].file_size, 0) for p in a if p not in b]
changed = [(p, a[p].file_size, b[p].file_size) for p in a
           if p in b and (a[p].file_size, a[p].CRC) != (b[p].file_size, b[p].CRC)]
out = {"bytes_a": sum(i.file_size for i in a.values()), "bytes_b": sum(i.file_size for i in b.values())}
for key, rows in (("added", added), ("removed", removed), ("changed", changed)):
    rows.sort(key=lambda r: (-abs(r[2] - r[1]), r[0]))
    out[key] = [[p, x, y] for p, x, y in rows]
    out[key + "_files"] = len(rows)
    out[key + "_bytes"] = sum(y - x for p, x, y in rows)
print(json.dumps(out))
)PY";

QJsonObject parse(const QByteArray &out)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &err);
    if (err.error != QJsonParseError::NoError)
        qWarning("not JSON: %s\n%s", qPrintable(err.errorString()), out.constData());
    return doc.object();
}

QByteArray sha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestExportCompare : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void changeAgreesWithZipfile();
    void folderOldAndOtherDirectory();
    void badOldWritesNothing();

private:
    QTemporaryDir m_dir;
    QString m_layer; // a copy of the demo layer, edited after the first export
    QString m_old;
};

void TestExportCompare::initTestCase()
{
    QVERIFY2(testsupport::haveDemoLayer(), testsupport::kDemoMissing);
    QVERIFY(m_dir.isValid());
    m_layer = m_dir.filePath(QStringLiteral("layer"));
    sh(QStringLiteral("cp -a %1 %2").arg(quoted(testsupport::demoLayer()), quoted(m_layer)));
    m_old = m_dir.filePath(QStringLiteral("old.zip"));
    // Exit 2 is the verdict (lint for the demo's glibc), with the zip written.
    const auto run = cli({QStringLiteral("export"), m_layer, QStringLiteral("-o"), m_old, QStringLiteral("--rules"),
                          QStringLiteral("tests,datasets"), QStringLiteral("--no-report")});
    QVERIFY2(run.exitCode == 0 || run.exitCode == 2, run.err.constData());
    QVERIFY(QFileInfo::exists(m_old));
    // 25 modules grow by a line; six.py keeps its size with another first byte.
    sh(QStringLiteral(
           "cd %1 && for f in $(find pandas/core -name '*.py' -not -path '*/tests/*' | LC_ALL=C sort | head -25); do "
           "echo '# edited' >> $f; done && printf X | dd of=six.py bs=1 conv=notrunc status=none")
           .arg(quoted(m_layer)));
}

void TestExportCompare::changeAgreesWithZipfile()
{
    // Tests and data sets come back, bytecode and sources go, 26 modules were edited.
    const QString fresh = m_dir.filePath(QStringLiteral("new.zip"));
    const auto run =
        cli({QStringLiteral("export"), m_layer, QStringLiteral("-o"), fresh, QStringLiteral("--rules"),
             QStringLiteral("bytecode,sources"), QStringLiteral("--compare"), m_old, QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0 || run.exitCode == 2, run.err.constData());
    const QJsonObject printed = parse(run.out).value(QStringLiteral("compare")).toObject();
    QFile reportFile(m_dir.filePath(QStringLiteral("new.report.json")));
    QVERIFY(reportFile.open(QIODevice::ReadOnly));
    const QJsonObject got = parse(reportFile.readAll()).value(QStringLiteral("compare")).toObject();
    QCOMPARE(got, printed); // the report and --json say the same
    QCOMPARE(got.value(QStringLiteral("old")).toString(), m_old);
    QCOMPARE(got.value(QStringLiteral("new")).toString(), fresh);

    const QJsonObject want = parse(sh(QStringLiteral("python3 - %1 %2 <<'EOF'\n%3EOF\n")
                                          .arg(quoted(m_old), quoted(fresh), QString::fromUtf8(kZipChange))));
    QCOMPARE(got.value(QStringLiteral("bytes_a")).toInteger(), want.value(QStringLiteral("bytes_a")).toInteger());
    QCOMPARE(got.value(QStringLiteral("bytes_b")).toInteger(), want.value(QStringLiteral("bytes_b")).toInteger());
    QCOMPARE(got.value(QStringLiteral("bytes_b")).toInteger(),
             parse(run.out).value(QStringLiteral("bytes")).toInteger()); // what the export wrote
    for (const QString &list : {QStringLiteral("added"), QStringLiteral("removed"), QStringLiteral("changed")}) {
        const QJsonArray all = want.value(list).toArray();
        // Each list is longer than the report shows, so the cut is checked too.
        QVERIFY2(all.size() > 20, qPrintable(list));
        QCOMPARE(got.value(list + QStringLiteral("_files")).toInteger(), qint64(all.size()));
        QCOMPARE(got.value(list + QStringLiteral("_bytes")).toInteger(),
                 want.value(list + QStringLiteral("_bytes")).toInteger());
        QCOMPARE(got.value(list + QStringLiteral("_more")).toInteger(), qint64(all.size() - 20));
        const QJsonArray top = got.value(list).toArray();
        QCOMPARE(top.size(), 20);
        for (qsizetype i = 0; i < top.size(); ++i) {
            const QJsonObject f = top[i].toObject();
            const QJsonArray w = all[i].toArray();
            QCOMPARE(f.value(QStringLiteral("path")).toString(), w[0].toString());
            if (list == u"changed") {
                QCOMPARE(f.value(QStringLiteral("bytes_a")).toInteger(), w[1].toInteger());
                QCOMPARE(f.value(QStringLiteral("bytes_b")).toInteger(), w[2].toInteger());
                QCOMPARE(f.value(QStringLiteral("bytes")).toInteger(), w[2].toInteger() - w[1].toInteger());
            } else {
                QCOMPARE(f.value(QStringLiteral("bytes")).toInteger(), w[1].toInteger() + w[2].toInteger());
            }
        }
    }
    // What the two rule sets and the edits differ in, spelled out.
    const auto firstPath = [&](const QString &list, qsizetype at = 0) {
        const QJsonArray all = want.value(list).toArray();
        return all[at < 0 ? all.size() + at : at].toArray()[0].toString();
    };
    QVERIFY(firstPath(QStringLiteral("added")).startsWith(QStringLiteral("scipy/misc/"))); // face.dat
    QCOMPARE(want.value(QStringLiteral("changed")).toArray().size(), 26);
    QCOMPARE(want.value(QStringLiteral("changed_bytes")).toInteger(), 25 * 9);    // "# edited\n"
    QCOMPARE(firstPath(QStringLiteral("changed"), -1), QStringLiteral("six.py")); // same size, other content
    // Per distribution: the demo's versions on both sides (metadata kept), bytes that sum to the totals.
    const QJsonArray dists = got.value(QStringLiteral("distributions")).toArray();
    QVERIFY(dists.size() >= 6);
    qint64 sumA = got.value(QStringLiteral("unowned_bytes_a")).toInteger();
    qint64 sumB = got.value(QStringLiteral("unowned_bytes_b")).toInteger();
    for (const QJsonValue &v : dists) {
        const QJsonObject d = v.toObject();
        QCOMPARE(d.value(QStringLiteral("version_a")), d.value(QStringLiteral("version_b")));
        sumA += d.value(QStringLiteral("bytes_a")).toInteger();
        sumB += d.value(QStringLiteral("bytes_b")).toInteger();
        if (d.value(QStringLiteral("name")).toString() == u"numpy")
            QCOMPARE(d.value(QStringLiteral("version_a")).toString(), QStringLiteral("1.24.2"));
    }
    QCOMPARE(sumA, got.value(QStringLiteral("bytes_a")).toInteger());
    QCOMPARE(sumB, got.value(QStringLiteral("bytes_b")).toInteger());

    // The markdown: the section, the 20 largest removed files, then how many more.
    QFile md(m_dir.filePath(QStringLiteral("new.report.md")));
    QVERIFY(md.open(QIODevice::ReadOnly));
    const QByteArray text = md.readAll();
    QVERIFY(text.contains(QStringLiteral("## Change against `%1`").arg(m_old).toUtf8()));
    const QJsonArray removed = want.value(QStringLiteral("removed")).toArray();
    QVERIFY(text.contains(QStringLiteral("### Removed: %1 files").arg(removed.size()).toUtf8()));
    QVERIFY(text.contains(QStringLiteral("`%1`").arg(removed[19].toArray()[0].toString()).toUtf8()));
    QVERIFY(!text.contains(QStringLiteral("| `%1` |").arg(removed[20].toArray()[0].toString()).toUtf8()));
    QVERIFY(text.contains(QStringLiteral("… and %1 more").arg(removed.size() - 20).toUtf8()));
}

// OLD a folder, paths relative to another working directory: the demo layer
// itself against an export that prunes tests, in the text output.
void TestExportCompare::folderOldAndOtherDirectory()
{
    const QString out = sh(QStringLiteral("cd %1 && %2 export %3 -o slim.zip --rules tests --compare %3; echo "
                                          "exit=$?")
                               .arg(quoted(m_dir.path()), quoted(QStringLiteral(LAYERSLIM_CLI)),
                                    quoted(QDir(m_dir.path()).relativeFilePath(testsupport::demoLayer()))));
    const qint64 tests =
        sh(QStringLiteral("cd %1 && find . -type f \\( -path '*/tests/*' -o -path '*/test/*' \\) -printf '%s\\n' | "
                          "awk '{s+=$1} END {printf \"%d\", s}'")
               .arg(quoted(testsupport::demoLayer())))
            .toLongLong();
    QVERIFY(tests > 0);
    QVERIFY2(out.contains(QStringLiteral("exit=0")) || out.contains(QStringLiteral("exit=2")), qPrintable(out));
    const QJsonObject got =
        parse(sh(QStringLiteral("cat %1").arg(quoted(m_dir.filePath(QStringLiteral("slim.report.json"))))))
            .value(QStringLiteral("compare"))
            .toObject();
    QCOMPARE(got.value(QStringLiteral("removed_bytes")).toInteger(), -tests);
    QCOMPARE(got.value(QStringLiteral("added_files")).toInteger(), 0);
    QCOMPARE(got.value(QStringLiteral("changed_files")).toInteger(), 0);
    QVERIFY2(out.contains(QStringLiteral(" files added, %1 removed, 0 changed")
                              .arg(got.value(QStringLiteral("removed_files")).toInteger())),
             qPrintable(out));
}

void TestExportCompare::badOldWritesNothing()
{
    const QString out = m_dir.filePath(QStringLiteral("bad.zip"));
    const QString missing = m_dir.filePath(QStringLiteral("no-such-old.zip"));
    auto run = cli({QStringLiteral("export"), testsupport::demoLayer(), QStringLiteral("-o"), out,
                    QStringLiteral("--compare"), missing});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(missing.toUtf8()) && run.err.contains("no such file"), run.err.constData());
    QVERIFY(!QFileInfo::exists(out));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("bad.report.md"))));

    // Not a zip: named with the reason; an earlier output stays as it was.
    const QString notZip = m_dir.filePath(QStringLiteral("notes.zip"));
    sh(QStringLiteral("echo not a zip > %1").arg(quoted(notZip)));
    const QByteArray before = sha256(m_old);
    run = cli({QStringLiteral("export"), testsupport::demoLayer(), QStringLiteral("-o"), m_old,
               QStringLiteral("--compare"), notZip});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(notZip.toUtf8()) && run.err.contains("not a zip file"), run.err.constData());
    QCOMPARE(sha256(m_old), before);

    // A folder export may not replace the folder it compares with.
    const QString folder = m_dir.filePath(QStringLiteral("exported"));
    run = cli({QStringLiteral("export"), m_old, QStringLiteral("-o"), folder, QStringLiteral("--folder"),
               QStringLiteral("--no-report")});
    QVERIFY2(run.exitCode == 0 || run.exitCode == 2, run.err.constData());
    run = cli({QStringLiteral("export"), m_old, QStringLiteral("-o"), folder, QStringLiteral("--folder"),
               QStringLiteral("--compare"), folder});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("compare with a copy"), run.err.constData());
}

QTEST_GUILESS_MAIN(TestExportCompare)
#include "tst_exportcompare.moc"
