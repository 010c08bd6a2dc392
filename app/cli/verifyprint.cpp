#include "verifyprint.h"

#include "base/units.h"
#include "clisupport.h"
#include "transform/bytecodecompiler.h"

#include <QJsonArray>

namespace cli {

namespace {

QString indented(const QString &text)
{
    QString out;
    for (const QString &line : text.trimmed().split(QLatin1Char('\n')))
        out += QStringLiteral("      ") + line + QLatin1Char('\n');
    return out;
}

QJsonObject transformJson(const TransformSummary &t)
{
    return QJsonObject{{QStringLiteral("stripped_files"), qint64(t.strippedFiles)},
                       {QStringLiteral("strip_before_bytes"), double(t.stripBefore)},
                       {QStringLiteral("strip_after_bytes"), double(t.stripAfter)},
                       {QStringLiteral("warnings"), QJsonArray::fromStringList(t.warnings)}};
}

} // namespace

QJsonObject resultJson(const CheckResult &r)
{
    QJsonObject out{
        {QStringLiteral("name"), r.check.name},
        {QStringLiteral("kind"), Verifier::kindName(r.check.kind)},
        {QStringLiteral("status"), Verifier::statusName(r.status)},
        {QStringLiteral("passed"), r.passed()},
        {QStringLiteral("exit_code"), r.exitCode},
        {QStringLiteral("seconds"), double(r.millis) / 1000.0},
        {QStringLiteral("error"), r.error},
        {QStringLiteral("output"), r.output},
        {QStringLiteral("truncated"), r.truncated},
        {QStringLiteral("runs"), r.timing.runs},
    };
    if (r.timing.runs > 0) {
        out.insert(QStringLiteral("import_ms_median"), r.timing.medianMs);
        out.insert(QStringLiteral("import_ms_min"), r.timing.minMs);
        out.insert(QStringLiteral("import_ms_max"), r.timing.maxMs);
        out.insert(QStringLiteral("wall_ms_median"), r.timing.wallMedianMs);
    }
    return out;
}

QJsonObject exportedJson(const ExportedLayerCheck &e)
{
    QJsonArray results;
    for (const CheckResult &r : e.report.results)
        results.append(resultJson(r));
    const VerifyReport::ImportTotals t = e.report.importTotals();
    return QJsonObject{
        {QStringLiteral("mode"), BytecodeCompiler::modeName(e.mode)},
        {QStringLiteral("error"), e.error},
        {QStringLiteral("unavailable"), e.unavailable},
        {QStringLiteral("unzipped_bytes"), double(e.unzippedBytes)},
        {QStringLiteral("zip_bytes"), double(e.zipBytes)},
        {QStringLiteral("modules_timed"), t.modules},
        {QStringLiteral("import_ms_sum"), t.medianMs},
        {QStringLiteral("wall_ms_sum"), t.wallMedianMs},
        {QStringLiteral("transform"), transformJson(e.transform)},
        {QStringLiteral("passed"), e.ok()},
        {QStringLiteral("results"), results},
    };
}

void printResults(const VerifyReport &report)
{
    for (const CheckResult &r : report.results) {
        const QString label =
            r.check.kind == CheckKind::Smoke ? QStringLiteral("smoke %1").arg(r.check.name) : r.check.name;
        if (r.passed() && r.timing.runs > 0) {
            printOut(QStringLiteral("  ok    %1 (import %2 ms, %3..%4 over %5 %6; process %7 ms)\n")
                         .arg(label)
                         .arg(r.timing.medianMs, 0, 'f', 1)
                         .arg(r.timing.minMs, 0, 'f', 1)
                         .arg(r.timing.maxMs, 0, 'f', 1)
                         .arg(r.timing.runs)
                         .arg(r.timing.runs == 1 ? QStringLiteral("run") : QStringLiteral("runs"))
                         .arg(r.timing.wallMedianMs, 0, 'f', 0));
            continue;
        }
        if (r.passed() && r.check.kind == CheckKind::Libraries) {
            printOut(QStringLiteral("  ok    %1 (%2 s)\n")
                         .arg(r.output.trimmed())
                         .arg(double(r.millis) / 1000.0, 0, 'f', 1));
            continue;
        }
        if (r.passed()) {
            printOut(QStringLiteral("  ok    %1 (%2 s)\n").arg(label).arg(double(r.millis) / 1000.0, 0, 'f', 1));
            continue;
        }
        printOut(QStringLiteral("  FAIL  %1: %2\n").arg(label, r.error));
        if (!r.output.trimmed().isEmpty())
            printOut(indented(r.output));
    }
}

void printComparisonTable(const std::vector<ExportedLayerCheck> &modes)
{
    printOut(QStringLiteral("%1 %2 %3 %4 %5  %6\n")
                 .arg(QStringLiteral("bytecode"), -11)
                 .arg(QStringLiteral("unzipped bytes"), 15)
                 .arg(QStringLiteral("zip bytes"), 13)
                 .arg(QStringLiteral("import ms"), 10)
                 .arg(QStringLiteral("process ms"), 10)
                 .arg(QStringLiteral("checks")));
    for (const ExportedLayerCheck &e : modes) {
        const QString mode = BytecodeCompiler::modeName(e.mode);
        if (!e.error.isEmpty()) {
            printOut(QStringLiteral("%1 not measured: %2\n").arg(mode, -11).arg(e.error));
            continue;
        }
        const VerifyReport::ImportTotals t = e.report.importTotals();
        const auto failed = e.report.failures().size();
        printOut(QStringLiteral("%1 %2 %3 %4 %5  %6\n")
                     .arg(mode, -11)
                     .arg(units::groupedBytes(e.unzippedBytes), 15)
                     .arg(units::groupedBytes(e.zipBytes), 13)
                     .arg(QString::number(t.medianMs, 'f', 1), 10)
                     .arg(QString::number(t.wallMedianMs, 'f', 0), 10)
                     .arg(failed ? QStringLiteral("%1 of %2 failed").arg(failed).arg(e.report.results.size())
                                 : QStringLiteral("%1 passed").arg(e.report.results.size())));
        for (const CheckResult *f : e.report.failures())
            printOut(QStringLiteral("    FAIL %1: %2\n").arg(f->check.name, f->error));
    }
    printOut(QStringLiteral("import ms: the imports alone, medians added over %1 modules; process ms: the same for "
                            "the whole python process\n")
                 .arg(modes.empty() ? 0 : modes.front().report.importTotals().modules));
}

} // namespace cli
