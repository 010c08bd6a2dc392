// The one table `make bench` prints: LayerSlim's walk, scan (estimated, and
// exact with a cold and a warm size cache) and export beside du -sb, ncdu,
// gdu, zip -r -6 and 7zz on the demo layer, a generated 200,000-file tree and
// this machine's dist-packages, all measured in this run (medians after a
// warm-up run, so every tool reads from the page cache). Ratios are against
// `du -sb` on the same tree; "x du" under 1 is faster than du. With the GUI
// built, the window's time from opening a layer to its first painted treemap
// and from a rule toggle to the repaint, driven offscreen.
//   bench_table [DEMO/python]
#include "benchsupport.h"
#include "checks/metadatausers.h"
#include "export/exporter.h"
#include "scan/directoryscanner.h"
#include "scan/layer.h"
#include "select/distributions.h"
#include "select/rules.h"
#include "select/sizeledger.h"
#ifdef LAYERSLIM_BENCH_WINDOW
#include "windowtiming.h"

#include <QApplication>
#endif

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTextStream>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <thread>

namespace {

QString quoted(const QString &s)
{
    QString q = s;
    q.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

QString cpuModel()
{
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (f.open(QIODevice::ReadOnly))
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.startsWith("model name"))
                return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
    return QStringLiteral("unknown CPU");
}

bool have(const char *tool)
{
    return !QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty();
}

class Table
{
public:
    explicit Table(QString work)
        : m_work(std::move(work))
        , m_out(quoted(m_work + QStringLiteral("/out.zip")))
        , m_warmCache(quoted(m_work + QStringLiteral("/warm-cache")))
    {
    }

    // `seedSet`: also the export of the seed rules' kept set beside zip over the same files.
    void measure(const QString &label, const QString &root, bool seedSet = false)
    {
        Subject t{label, quoted(root), 0};
        QDir(m_work + QStringLiteral("/warm-cache")).removeRecursively();
        // The deflating steps run 3 times without a warm-up (the page cache is
        // warm by then); 7zz's deflate at -mx=6 is so slow that it runs once.
        constexpr int fast = 5, slow = 3;

        t.du = bench::medianCommandSeconds(fast, 1, QStringLiteral("du -sb %1 >/dev/null").arg(t.shellRoot));
        auto command = [&](const QString &step, int runs, const QString &script, const QString &note = QString()) {
            const double s = bench::medianCommandSeconds(runs, runs == fast ? 1 : 0, script);
            printRow(t, step, s, note);
            return s;
        };

        std::unique_ptr<FileTree> tree;
        QString error;
        const double walk = bench::medianSeconds(fast, 1, [&] { tree = DirectoryScanner::scan(root, &error); });
        if (!tree) {
            printRow(t, QStringLiteral("cannot scan: %1").arg(error));
            return;
        }
        std::size_t nameBytes = 0;
        for (FileTree::Index i = 0; i < tree->count(); ++i)
            nameBytes += std::size_t(tree->name(i).size());
        const double perNode = double(tree->memoryBytes() - nameBytes) / double(tree->count());
        printRow(t, QStringLiteral("`du -sb`"), t.du,
                 QStringLiteral("%L1 files, %L2 bytes").arg(tree->fileCount()).arg(tree->totalBytes(0)));
        if (have("ncdu"))
            command(QStringLiteral("`ncdu -0 -o /dev/null`"), fast,
                    QStringLiteral("ncdu -0 -o /dev/null %1").arg(t.shellRoot));
        if (have("gdu"))
            command(QStringLiteral("`gdu -n`"), fast, QStringLiteral("gdu -n %1 >/dev/null").arg(t.shellRoot));
        printRow(t, QStringLiteral("LayerSlim walk (in process)"), walk,
                 QStringLiteral("%L1 nodes, %2 B a node + %L3 name bytes")
                     .arg(tree->count())
                     .arg(perNode, 0, 'f', 1)
                     .arg(nameBytes));
        command(QStringLiteral("`layerslim-cli scan --json`"), fast,
                QStringLiteral("%1 scan %2 --json >/dev/null").arg(m_cli, t.shellRoot),
                QStringLiteral("zip size estimated"));
        command(QStringLiteral("`layerslim-cli scan --json --duplicates`"), slow,
                QStringLiteral("%1 scan %2 --json --duplicates >/dev/null").arg(m_cli, t.shellRoot),
                QStringLiteral("same-size files hashed, digest matches compared byte for byte"));
#ifdef LAYERSLIM_BENCH_WINDOW
        const WindowTiming window = timeWindow(root, 3);
        if (window.open >= 0)
            printRow(t, QStringLiteral("window: open → treemap painted"), window.open,
                     QStringLiteral("offscreen at 1600×1000, median of 3 fresh windows"));
        if (window.toggle >= 0)
            printRow(t, QStringLiteral("window: rule toggle → repainted"), window.toggle,
                     QStringLiteral("%1 ms; goal %2 ms")
                         .arg(window.toggle * 1e3, 0, 'f', 1)
                         .arg(tree->fileCount() > 100000 ? 50 : 16));
        if (!window.error.isEmpty())
            printRow(t, QStringLiteral("window: %1").arg(window.error));
#endif
        tree.reset();
        command(QStringLiteral("`scan --exact-zip`, cold cache"), slow,
                QStringLiteral("d=$(mktemp -d %1/cold.XXXXXX) && XDG_CACHE_HOME=$d %2 scan %3 --exact-zip --json "
                               ">/dev/null; rm -rf \"$d\"")
                    .arg(quoted(m_work), m_cli, t.shellRoot),
                QStringLiteral("every file deflated"));
        command(QStringLiteral("`scan --exact-zip`, warm cache"), fast,
                QStringLiteral("XDG_CACHE_HOME=%1 %2 scan %3 --exact-zip --json >/dev/null")
                    .arg(m_warmCache, m_cli, t.shellRoot),
                QStringLiteral("sizes from the cache"));
        const double ours = bench::medianCommandSeconds(
            slow, 0,
            QStringLiteral("rm -f %1 && XDG_CACHE_HOME=%2 %3 export %4 -o %1 --no-report >/dev/null 2>&1")
                .arg(m_out, m_warmCache, m_cli, t.shellRoot));
        const qint64 oursBytes = outBytes();
        printRow(t, QStringLiteral("`layerslim-cli export` (level 6)"), ours,
                 QStringLiteral("%L1 bytes, the whole tree").arg(oursBytes));

        // The exporter in process on the same tree, opened once for the rows below.
        const Layer layer = Layer::open(root, &error);
        if (!layer.tree) {
            printRow(t, QStringLiteral("cannot open: %1").arg(error));
            QFile::remove(m_work + QStringLiteral("/out.zip"));
            return;
        }
        exportPhases(t, layer);
        auto peer = [&](const QString &step, int runs, const QString &script) {
            const double s = bench::medianCommandSeconds(runs, 0, script);
            const qint64 bytes = outBytes();
            printRow(t, step, s,
                     QStringLiteral("%L1 bytes; LayerSlim export %2× faster, %3% of its size")
                         .arg(bytes)
                         .arg(s / ours, 0, 'f', 1)
                         .arg(100.0 * double(oursBytes) / double(bytes), 0, 'f', 1));
        };
        if (have("zip"))
            peer(QStringLiteral("`zip -r -q -6`"), slow,
                 QStringLiteral("rm -f %1 && cd %2 && zip -r -q -6 %1 .").arg(m_out, t.shellRoot));
        if (have("7zz"))
            peer(QStringLiteral("`7zz a -tzip -mx=6` (one run)"), 1,
                 QStringLiteral("rm -f %1 && cd %2 && 7zz a -tzip -mx=6 -bd -bso0 -bsp0 %1 . >/dev/null")
                     .arg(m_out, t.shellRoot));
        QFile::remove(m_work + QStringLiteral("/out.zip"));
        if (seedSet)
            seedExport(t, layer);
    }

private:
    // One tree of the table: its row label, its root quoted for a shell, and
    // du's median on it, which every row is a ratio of.
    struct Subject {
        QString label;
        QString shellRoot;
        double du = 0;
    };

    static void printRow(const Subject &t, const QString &step, double seconds, const QString &note)
    {
        std::printf("| %s | %s | %.3f s | %.2f× | %s |\n", qPrintable(t.label), qPrintable(step), seconds,
                    seconds / t.du, qPrintable(note));
        std::fflush(stdout);
    }
    // A row that could not be measured, saying why.
    static void printRow(const Subject &t, const QString &why)
    {
        std::printf("| %s | %s | | | |\n", qPrintable(t.label), qPrintable(why));
        std::fflush(stdout);
    }

    [[nodiscard]] qint64 outBytes() const
    {
        return QFileInfo(m_work + QStringLiteral("/out.zip")).size();
    }

    // The seed rules' kept set: `layerslim-cli export` as a user runs it and
    // the exporter in process, beside `zip -r -6` over the same files (which
    // LayerSlim writes out unpacked first, with --folder).
    void seedExport(const Subject &t, const Layer &layer) const
    {
        constexpr int runs = 3;
        const QString rules = QString::fromLatin1(bench::kSeedRules);
        const QString keptDir = m_work + QStringLiteral("/seed-kept");
        const QString kept = quoted(keptDir);

        SizeLedger ledger(*layer.tree);
        bench::enableSeedRules(ledger);
        // The metadata the layer's code reads stays, as in the command.
        MetadataUsers::find(*layer.tree, &layer.zipEntries, Distributions::scan(*layer.tree, layer.zipEntries), nullptr,
                            &ledger.pruned())
            .spareIn(ledger);
        ExportOptions o;
        o.output = m_work + QStringLiteral("/phases.zip");
        ExportResult inProcess;
        const double inProcessSeconds = bench::medianSeconds(
            runs, 0, [&] { inProcess = Exporter::run(*layer.tree, ledger.pruned(), layer.zipEntries, o); });
        QFile::remove(o.output);
        if (!inProcess.ok) {
            printRow(t, QStringLiteral("seed set: %1").arg(inProcess.error));
            return;
        }

        const double ours = bench::medianCommandSeconds(
            runs, 0,
            QStringLiteral("rm -f %1 && XDG_CACHE_HOME=%2 %3 export %4 --rules %5 -o %1 --no-report >/dev/null 2>&1")
                .arg(m_out, m_warmCache, m_cli, t.shellRoot, rules));
        const qint64 oursBytes = outBytes();
        printRow(t, QStringLiteral("`layerslim-cli export --rules %1`").arg(rules), ours,
                 QStringLiteral("the seed-kept set: %L1 files, %L2 bytes kept; %L3 bytes zipped")
                     .arg(inProcess.files)
                     .arg(inProcess.bytes)
                     .arg(oursBytes));
        printRow(t, QStringLiteral("seed-kept set: export by phase (in process)"), inProcessSeconds,
                 QStringLiteral("median of %1; %L2 bytes; its last run %3")
                     .arg(runs)
                     .arg(inProcess.outputBytes)
                     .arg(bench::phasesText(inProcess.phases)));
        if (!have("zip"))
            return;
        QDir(keptDir).removeRecursively();
        bench::commandSeconds(1, QStringLiteral("%1 export %2 --rules %3 --folder -o %4 --no-report >/dev/null 2>&1")
                                     .arg(m_cli, t.shellRoot, rules, kept));
        if (!QFileInfo(keptDir + QStringLiteral("/python")).isDir()) {
            printRow(t, QStringLiteral("seed set: --folder wrote no %1/python").arg(keptDir));
            return;
        }
        const double zip = bench::medianCommandSeconds(
            runs, 0, QStringLiteral("rm -f %1 && cd %2 && zip -r -q -6 %1 python").arg(m_out, kept));
        const qint64 zipBytes = outBytes();
        printRow(t, QStringLiteral("`zip -r -q -6`, the same kept files"), zip,
                 QStringLiteral("%L1 bytes; LayerSlim export %2× faster (%3× in process), %4% of its size")
                     .arg(zipBytes)
                     .arg(zip / ours, 0, 'f', 1)
                     .arg(zip / inProcessSeconds, 0, 'f', 1)
                     .arg(100.0 * double(oursBytes) / double(zipBytes), 0, 'f', 1));
        QFile::remove(m_work + QStringLiteral("/out.zip"));
        QDir(keptDir).removeRecursively();
    }

    // One export of the whole tree in process, to say where its time goes.
    void exportPhases(const Subject &t, const Layer &layer) const
    {
        const SizeLedger ledger(*layer.tree);
        ExportOptions o;
        o.output = m_work + QStringLiteral("/phases.zip");
        const ExportResult r = Exporter::run(*layer.tree, ledger.pruned(), layer.zipEntries, o);
        QFile::remove(o.output);
        printRow(t, QStringLiteral("export by phase (in process, one run)"), r.seconds,
                 r.ok ? bench::phasesText(r.phases) : r.error);
    }

    QString m_work;                                        // scratch folder: outputs and caches
    QString m_cli = quoted(QStringLiteral(LAYERSLIM_CLI)); // the commands below, quoted for a shell
    QString m_out;
    QString m_warmCache;
};

} // namespace

int main(int argc, char *argv[])
{
#ifdef LAYERSLIM_BENCH_WINDOW
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Q_INIT_RESOURCE(layerslim); // the window's icons, as the app loads them
    // The window's settings and size cache stay apart from the user's.
    QApplication::setOrganizationName(QStringLiteral("LayerSlimBench"));
#else
    QCoreApplication app(argc, argv);
#endif
    // What it prints on standard output is the measurement: the log goes to standard error.
    spdlog::set_default_logger(spdlog::stderr_color_mt("bench"));
    spdlog::set_level(spdlog::level::warn);
    const QString demo =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(LAYERSLIM_FIXTURE_DIR "/demo/python");
    // Generated trees and outputs live in the build folder, never in the source tree.
    const QString work = QCoreApplication::applicationDirPath() + QStringLiteral("/bench-work");
    QDir().mkpath(work);
    qputenv("XDG_CACHE_HOME", QFile::encodeName(work + QStringLiteral("/window-cache")));
    const QString large = work + QStringLiteral("/tree-200k");
    if (!QFileInfo::exists(large + QStringLiteral(".complete"))) {
        QDir(large).removeRecursively();
        bench::makeLargeTree(large, 200000);
        QFile marker(large + QStringLiteral(".complete"));
        if (!marker.open(QIODevice::WriteOnly))
            return 1;
    }

    std::printf("Machine: %u cores (nproc), %s. Medians of 5 runs after a warm-up run (3 runs for deflating steps); "
                "\"× du\" is the median time over `du -sb`'s on the same tree.\n\n",
                std::thread::hardware_concurrency(), qPrintable(cpuModel()));
    std::printf("| tree | step | median | × du | notes |\n|---|---|---|---|---|\n");
    Table table(work);
    if (QDir(demo).exists())
        table.measure(QStringLiteral("demo layer"), demo, true);
    else
        std::printf("| demo layer | not staged at %s (scripts/stage-demo-layer.sh) | | | |\n", qPrintable(demo));
    table.measure(QStringLiteral("generated 200k"), large);
    const QString system = QStringLiteral("/usr/lib/python3/dist-packages");
    if (QDir(system).exists())
        table.measure(QStringLiteral("dist-packages"), system);
    return 0;
}
