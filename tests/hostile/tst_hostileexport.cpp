// Export under faults: kill -9, `ulimit -f` and a full disk leave the previous
// output intact and no temporary behind, a tree changing under the exporter
// gives a sound zip or a clear error, cancel is prompt, and the source is
// never written.
#include "export/exporter.h"
#include "exportsuite.h"
#include "scan/layer.h"
#include "select/sizeledger.h"

#include <QtTest>

#include <atomic>
#include <csignal>
#include <thread>

using hostile::reliability;
using hostile::temporaries;
using hostile::writeBytes;
using hostile::zipNames;
using testsupport::quoted;
using testsupport::sh;

class TestHostileExport : public hostile::ExportSuite
{
    Q_OBJECT

private Q_SLOTS:
    void init() { makeScratch(); }
    void cleanup() { removeScratch(); }
    void killDuringExport();
    void fileSizeLimit();
    void diskFull();
    void treeChangingDuringExport();
    void cancelIsPrompt();
};

void TestHostileExport::killDuringExport()
{
    QVERIFY(writeBytes(srcBytes() + "/python/pkg/small.py", "small\n"));
    const QString target = out("layer.zip");
    auto first = hostile::cli({QStringLiteral("export"), src(), QStringLiteral("-o"), target}, 30000);
    QCOMPARE(first.exitCode, 0);
    const QByteArray before = sh(QStringLiteral("sha256sum < %1").arg(quoted(target)));
    makeBulk(24);
    hostile::SourceGuard guard(src());

    QProcess p;
    p.start(QStringLiteral(LAYERSLIM_CLI),
            {QStringLiteral("export"), src(), QStringLiteral("-o"), target, QStringLiteral("--level"),
             QStringLiteral("12"), QStringLiteral("--threads"), QStringLiteral("1")});
    QVERIFY(p.waitForStarted());
    QElapsedTimer timer;
    timer.start();
    while (temporaries(m_dir->filePath(QStringLiteral("out"))).isEmpty() && timer.elapsed() < 20000 &&
           p.state() == QProcess::Running)
        QTest::qWait(5);
    QVERIFY2(p.state() == QProcess::Running, "export finished before it could be killed");
    QTest::qWait(150);
    ::kill(pid_t(p.processId()), SIGKILL);
    p.waitForFinished();
    QCOMPARE(sh(QStringLiteral("sha256sum < %1").arg(quoted(target))), before); // the old output is intact
    const QStringList stray = temporaries(m_dir->filePath(QStringLiteral("out")));
    QVERIFY(guard.unchanged());

    // A different tree this time, so that the next export is seen to replace the output.
    QVERIFY(QFile::remove(src() + QStringLiteral("/python/pkg/bulk1.bin")));
    hostile::SourceGuard guardAgain(src());
    const auto again = hostile::cli(
        {QStringLiteral("export"), src(), QStringLiteral("-o"), target, QStringLiteral("--level"), QStringLiteral("0")},
        60000);
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(temporaries(m_dir->filePath(QStringLiteral("out"))), QStringList());
    bool sound = false;
    const QList<QByteArray> names = zipNames(target, &sound);
    QVERIFY(names.contains("python/pkg/bulk2.bin"));
    QVERIFY(!names.contains("python/pkg/bulk1.bin"));
    QVERIFY(sound);
    QVERIFY(guardAgain.unchanged());
    reliability(QStringLiteral("kill -9 during an export over an existing output"),
                QStringLiteral("old output byte-identical; %1 stray temporary left by the killed run, removed by "
                               "the next export, which succeeds")
                    .arg(stray.size()));
}

void TestHostileExport::fileSizeLimit()
{
    makeBulk(4);
    const QString target = out("limited.zip");
    QVERIFY(writeBytes(QFile::encodeName(target), "previous output"));
    hostile::SourceGuard guard(src());
    // ulimit -f counts 1024-byte blocks: 1 MiB allowed for a 4 MiB zip.
    const auto run = hostile::run(QStringLiteral("bash"),
                                  {QStringLiteral("-c"), QStringLiteral("ulimit -f 1024; exec \"$0\" \"$@\""),
                                   QStringLiteral(LAYERSLIM_CLI), QStringLiteral("export"), src(), QStringLiteral("-o"),
                                   target, QStringLiteral("--level"), QStringLiteral("0")},
                                  60000);
    QVERIFY(run.finished);
    QVERIFY2(run.exitCode == 1,
             qPrintable(QStringLiteral("exit %1: %2").arg(run.exitCode).arg(QString::fromLocal8Bit(run.err))));
    QVERIFY2(run.err.contains("File too large"), run.err.constData());
    QFile previous(target);
    QVERIFY(previous.open(QIODevice::ReadOnly));
    QCOMPARE(previous.readAll(), QByteArray("previous output"));
    QCOMPARE(temporaries(m_dir->filePath(QStringLiteral("out"))), QStringList());
    QVERIFY(guard.unchanged());
    reliability(QStringLiteral("export past `ulimit -f` (1 MiB for a 4 MiB zip)"),
                QStringLiteral("exit 1, \"%1\"; previous output intact, no temporary left")
                    .arg(tidy(QString::fromLocal8Bit(run.err.trimmed().split('\n').last()))));
}

// A 2 MiB tmpfs mounted in a private mount namespace (unshare -rm: no root
// needed, gone when the shell exits) fills up during a 4 MiB export.
void TestHostileExport::diskFull()
{
    makeBulk(4);
    const QString mountPoint = m_dir->filePath(QStringLiteral("out/full"));
    QVERIFY(QDir().mkpath(mountPoint));
    hostile::SourceGuard guard(src());
    const char *script = R"SH(
d=$1; shift
mount -t tmpfs -o size=2m tmpfs "$d" || exit 77
for mode in zip folder; do
    mkdir "$d/previous-$mode" && printf 'previous output' > "$d/previous-$mode/keep"
    if [ $mode = zip ]; then out="$d/layer.zip"; printf 'previous output' > "$out"; set -- "$@" -o "$out";
    else out="$d/layer"; set -- "${@:1:$(($# - 2))}" -o "$out" --folder; fi
    "$@" --level 0 >/dev/null
    echo "rc=$?" >&2
    [ $mode = zip ] && echo "content=$(cat "$out")" >&2
    echo "entries=$(ls -A "$d" | LC_ALL=C sort | tr '\n' ' ')" >&2
    rm -rf "$d"/previous-* "$d/layer.zip"
done
)SH";
    const auto run = hostile::run(QStringLiteral("unshare"),
                                  {QStringLiteral("-rm"), QStringLiteral("bash"), QStringLiteral("-c"),
                                   QString::fromLatin1(script), QStringLiteral("bash"), mountPoint,
                                   QStringLiteral(LAYERSLIM_CLI), QStringLiteral("export"), src()},
                                  60000);
    QVERIFY(run.finished);
    if (run.exitCode == 77 || run.err.contains("unshare failed"))
        QSKIP(qPrintable(QStringLiteral("no private tmpfs here: %1").arg(QString::fromLocal8Bit(run.err))));
    const QList<QByteArray> lines = run.err.split('\n');
    QList<QByteArray> errors, results;
    for (const QByteArray &l : lines) {
        if (l.startsWith("layerslim-cli export: "))
            errors << l;
        else if (l.startsWith("rc=") || l.startsWith("content=") || l.startsWith("entries="))
            results << l;
    }
    const QList<QByteArray> expected{"rc=1", "content=previous output", "entries=layer.zip previous-zip ", "rc=1",
                                     "entries=previous-folder "};
    if (results != expected)
        qWarning("%s", run.err.constData());
    QCOMPARE(results, expected); // no temporary, no half-written output, the previous zip intact
    QCOMPARE(errors.size(), 2);
    for (const QByteArray &e : errors)
        QVERIFY2(e.contains("No space left on device") && e.contains(QFile::encodeName(mountPoint)), e.constData());
    QVERIFY(guard.unchanged());
    reliability(QStringLiteral("export onto a full disk (a 2 MiB tmpfs, 4 MiB to write), zip and folder"),
                QStringLiteral("exit 1 naming the output and \"No space left on device\"; previous zip intact, no "
                               "temporary and no partial folder left"));
}

void TestHostileExport::treeChangingDuringExport()
{
    for (int i = 0; i < 40; ++i)
        QVERIFY(writeBytes(srcBytes() + "/python/pkg/f" + QByteArray::number(i) + ".py", QByteArray(2000 + i, 'x')));
    std::atomic_bool stop{false};
    const QByteArray pkg = srcBytes() + "/python/pkg/";
    int oks = 0, errors = 0;
    QString sampleError;
    std::thread mutator([&] {
        for (unsigned n = 0; !stop.load(); ++n) {
            const QByteArray f = pkg + "f" + QByteArray::number(n % 40) + ".py";
            if (n % 3 == 0)
                ::unlink(f.constData());
            else if (n % 3 == 1)
                (void)writeBytes(f, QByteArray(int(n % 5000), 'y'));
            else
                (void)!::truncate(f.constData(), 10);
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
    });
    for (int round = 0; round < 12; ++round) {
        QString error;
        const Layer layer = Layer::open(src(), &error);
        QVERIFY(layer.tree);
        SizeLedger ledger(*layer.tree);
        ExportOptions options;
        options.output = out("moving.zip");
        const ExportResult r = Exporter::run(*layer.tree, ledger.pruned(), {}, options);
        QVERIFY(temporaries(m_dir->filePath(QStringLiteral("out"))).isEmpty());
        if (r.ok) {
            bool sound = false;
            zipNames(options.output, &sound);
            QVERIFY(sound);
            ++oks;
        } else {
            QVERIFY2(r.error.contains(QStringLiteral("python/pkg/")) || r.error.contains(src()), qPrintable(r.error));
            sampleError = r.error.mid(r.error.lastIndexOf(QStringLiteral(": ")) + 2);
            ++errors;
        }
    }
    stop = true;
    mutator.join();
    reliability(QStringLiteral("files deleted, rewritten and truncated during export (a thread mutating the tree)"),
                QStringLiteral("%1 exports sound (zip tests clean), %2 refused naming the file (\"%3\"); never a "
                               "temporary left")
                    .arg(oks)
                    .arg(errors)
                    .arg(sampleError));
}

void TestHostileExport::cancelIsPrompt()
{
    makeBulk(24);
    QString error;
    const Layer layer = Layer::open(src(), &error);
    QVERIFY(layer.tree);
    SizeLedger ledger(*layer.tree);
    QList<qint64> latencies;
    for (int delayMs : {30, 100, 250}) {
        ExportOptions options;
        options.output = out("cancelled.zip");
        options.level = 12;
        options.threads = 1;
        JobControl control;
        QElapsedTimer clock;
        clock.start();
        ExportResult r;
        std::thread worker([&] { r = Exporter::run(*layer.tree, ledger.pruned(), {}, options, &control); });
        std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
        const qint64 cancelledAt = clock.nsecsElapsed();
        control.cancel();
        worker.join();
        latencies << (clock.nsecsElapsed() - cancelledAt) / 1000;
        QVERIFY(!r.ok);
        QVERIFY(r.cancelled);
        QVERIFY(!QFile::exists(options.output));
        QVERIFY(temporaries(m_dir->filePath(QStringLiteral("out"))).isEmpty());
        QVERIFY2(latencies.last() < hostile::kCancelBoundMicros,
                 qPrintable(QStringLiteral("%1 µs").arg(latencies.last())));
    }
    std::sort(latencies.begin(), latencies.end());
    reliability(QStringLiteral("cancel during export (24 MiB incompressible, level 12, 1 thread)"),
                QStringLiteral("stops, writes nothing, leaves no temporary; cancel-to-return %1–%2 ms")
                    .arg(latencies.first() / 1000.0, 0, 'f', 1)
                    .arg(latencies.last() / 1000.0, 0, 'f', 1));
}

QTEST_GUILESS_MAIN(TestHostileExport)
#include "tst_hostileexport.moc"
