// Export speed on the demo layer with the seed rules: LayerSlim's parallel
// libdeflate export vs `zip -r -q -6` and `7zz a -tzip -mmt` over the same kept
// files (staged as hard links), with the three output sizes.
//   bench_export [DEMO/python]
#include "benchsupport.h"
#include "export/exporter.h"
#include "export/exportmask.h"
#include "export/exportplan.h"
#include "scan/layer.h"
#include "select/rules.h"
#include "select/sizeledger.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <thread>
#include <unistd.h>

namespace {

// Hard links (symlinks across file systems) of the kept files under stage/python/.
bool stage(const FileTree &tree, const ExportPlan &plan, const QString &stageDir)
{
    const QByteArray base = QFile::encodeName(stageDir) + '/';
    const QByteArray root = QFile::encodeName(tree.rootPath()) + '/';
    for (const PlanEntry &e : plan.entries()) {
        const QByteArray to = base + e.name;
        if (e.kind == NodeKind::Directory) {
            if (!QDir().mkpath(QFile::decodeName(to)))
                return false;
            continue;
        }
        const QByteArray from = root + tree.path(e.node);
        if (::link(from.constData(), to.constData()) != 0 && ::symlink(from.constData(), to.constData()) != 0)
            return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // What it prints on standard output is the measurement: the log goes to standard error.
    spdlog::set_default_logger(spdlog::stderr_color_mt("bench"));
    spdlog::set_level(spdlog::level::warn);
    QTextStream out(stdout);
    const QString demo =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(LAYERSLIM_FIXTURE_DIR "/demo/python");
    QString error;
    const Layer layer = Layer::open(demo, &error);
    if (!layer.tree) {
        out << "bench_export: " << error << "\n";
        return 1;
    }
    SizeLedger ledger(*layer.tree);
    bench::enableSeedRules(ledger);
    const ExportPlan plan =
        ExportPlan::build(*layer.tree, ExportMask(*layer.tree).exported(ledger.pruned()), "python/");

    QTemporaryDir tmp;
    const QString staged = tmp.filePath(QStringLiteral("stage"));
    if (!stage(*layer.tree, plan, staged)) {
        out << "bench_export: cannot stage the kept files in " << staged << "\n";
        return 1;
    }
    const QString ours = tmp.filePath(QStringLiteral("layerslim.zip"));
    const QString zip6 = tmp.filePath(QStringLiteral("zip6.zip"));
    const QString sevenZip = tmp.filePath(QStringLiteral("7zz.zip"));
    // Warm the page cache once so that every tool reads from memory.
    bench::commandSeconds(1, QStringLiteral("cat $(find '%1' -type f) > /dev/null 2>&1; true").arg(demo));

    ExportOptions o;
    o.output = ours;
    ExportResult r;
    const double tOurs =
        bench::bestSeconds(3, [&] { r = Exporter::run(*layer.tree, ledger.pruned(), layer.zipEntries, o); });
    if (!r.ok) {
        out << "bench_export: " << r.error << "\n";
        return 1;
    }
    const double tZip =
        bench::commandSeconds(3, QStringLiteral("cd '%1' && rm -f '%2' && zip -r -q -6 '%2' python").arg(staged, zip6));
    const double t7z = bench::commandSeconds(
        3,
        QStringLiteral("cd '%1' && rm -f '%2' && 7zz a -tzip -mmt -bd -bso0 -bsp0 '%2' python").arg(staged, sevenZip));
    const qint64 sOurs = QFileInfo(ours).size(), sZip = QFileInfo(zip6).size(), s7z = QFileInfo(sevenZip).size();

    out << "export of the demo layer, rules " << bench::kSeedRules << ": " << plan.files() << " files, "
        << plan.fileBytes() << " bytes kept, " << std::thread::hardware_concurrency() << " cores (best of 3)\n";
    out << QStringLiteral("  LayerSlim level 6   %1 s  %2 bytes\n").arg(tOurs, 7, 'f', 2).arg(sOurs, 11);
    out << QStringLiteral("  zip -r -q -6        %1 s  %2 bytes  (LayerSlim %3x faster, size ratio %4)\n")
               .arg(tZip, 7, 'f', 2)
               .arg(sZip, 11)
               .arg(tZip / tOurs, 0, 'f', 1)
               .arg(double(sOurs) / double(sZip), 0, 'f', 3);
    out << QStringLiteral("  7zz a -tzip -mmt    %1 s  %2 bytes  (LayerSlim %3x faster, size ratio %4)\n")
               .arg(t7z, 7, 'f', 2)
               .arg(s7z, 11)
               .arg(t7z / tOurs, 0, 'f', 1)
               .arg(double(sOurs) / double(s7z), 0, 'f', 3);
    out << "  LayerSlim's time by phase (its last run): " << bench::phasesText(r.phases) << "\n";
    // Deflating is nearly all of it; the lower levels libdeflate offers, with
    // what each would write, against zip -6's time and size.
    for (int level : {5, 4}) {
        ExportOptions lower = o;
        lower.level = level;
        ExportResult rl;
        const double t =
            bench::bestSeconds(3, [&] { rl = Exporter::run(*layer.tree, ledger.pruned(), layer.zipEntries, lower); });
        if (!rl.ok) {
            out << "bench_export: level " << level << ": " << rl.error << "\n";
            return 1;
        }
        const qint64 size = QFileInfo(ours).size();
        out << QStringLiteral("  LayerSlim level %1     %2 s  %3 bytes  (%4x faster than zip -6, size ratio %5: %6)\n")
                   .arg(level)
                   .arg(t, 7, 'f', 2)
                   .arg(size, 11)
                   .arg(tZip / t, 0, 'f', 1)
                   .arg(double(size) / double(sZip), 0, 'f', 3)
                   .arg(size <= sZip ? QStringLiteral("no larger") : QStringLiteral("larger"));
    }
    out << "  goal: >= 5x faster than zip -6 with an output no larger: "
        << (tZip / tOurs >= 5.0 && sOurs <= sZip ? "met" : "not met") << "\n";
    return 0;
}
