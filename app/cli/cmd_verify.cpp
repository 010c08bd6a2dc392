#include "base/units.h"
#include "checks/culpritfinder.h"
#include "checks/keptset.h"
#include "checks/pythonfinder.h"
#include "checks/verifier.h"
#include "clisupport.h"
#include "select/targets.h"
#include "transform/bytecodecompiler.h"

#include <QTemporaryDir>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cli {

namespace {

QJsonObject resultJson(const CheckResult &r)
{
    return QJsonObject{
        {QStringLiteral("name"), r.check.name},
        {QStringLiteral("kind"),
         r.check.kind == CheckKind::Import ? QStringLiteral("import") : QStringLiteral("smoke")},
        {QStringLiteral("status"), Verifier::statusName(r.status)},
        {QStringLiteral("passed"), r.passed()},
        {QStringLiteral("exit_code"), r.exitCode},
        {QStringLiteral("seconds"), double(r.millis) / 1000.0},
        {QStringLiteral("error"), r.error},
        {QStringLiteral("output"), r.output},
        {QStringLiteral("truncated"), r.truncated},
    };
}

QJsonObject bisectJson(const BisectResult &b)
{
    QJsonArray culprits;
    for (const Culprit &c : b.culprits)
        culprits.append(QJsonObject{{QStringLiteral("path"), FileTree::displayName(c.path)},
                                    {QStringLiteral("bytes"), double(c.bytes)},
                                    {QStringLiteral("files"), qint64(c.files)}});
    return QJsonObject{
        {QStringLiteral("name"), b.check.name},       {QStringLiteral("outcome"), BisectResult::outcomeName(b.outcome)},
        {QStringLiteral("culprits"), culprits},       {QStringLiteral("runs"), b.runs},
        {QStringLiteral("candidates"), b.candidates}, {QStringLiteral("message"), b.message},
    };
}

QString indented(const QString &text)
{
    QString out;
    for (const QString &line : text.trimmed().split(QLatin1Char('\n')))
        out += QStringLiteral("      ") + line + QLatin1Char('\n');
    return out;
}

} // namespace

int runVerify(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Builds the kept set of a layer folder or zip in a scratch folder and imports every top-level package "
        "with a real Python (-S -I, clean environment), one subprocess each. When an import fails after pruning "
        "but passes unpruned, bisects the pruned paths for the culprit. Exit status 2 when any check fails."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Layer folder or zip."));
    addSelectionOptions(parser);
    parser.addOption({QStringLiteral("python"),
                      QStringLiteral("Interpreter to use (default: detected, the one "
                                     "matching the runtime preferred)."),
                      QStringLiteral("path")});
    parser.addOption({QStringLiteral("import"),
                      QStringLiteral("Comma-separated modules (default: every top-level "
                                     "package and module)."),
                      QStringLiteral("mods")});
    parser.addOption(
        {QStringLiteral("smoke"), QStringLiteral("A Python script run after the imports."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("runtime"), QStringLiteral("Target runtime (default: the profile's)."),
                      QStringLiteral("pythonX.Y")});
    parser.addOption({QStringLiteral("timeout"), QStringLiteral("Seconds per check (default 120)."),
                      QStringLiteral("s"), QStringLiteral("120")});
    parser.addOption({QStringLiteral("jobs"), QStringLiteral("Checks run at once (default 2)."), QStringLiteral("n"),
                      QStringLiteral("2")});
    parser.addOption({QStringLiteral("no-bisect"), QStringLiteral("Do not look for culprits.")});
    parser.addOption({QStringLiteral("bytecode"),
                      QStringLiteral("Verify the layer as exported with bytecode "
                                     "keep, drop, precompile or sourceless; prints the "
                                     "size effect."),
                      QStringLiteral("mode")});
    parser.addOption({QStringLiteral("list-pythons"), QStringLiteral("Print the interpreters found and exit.")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print one JSON object.")});
    int exitCode = Ok;
    const bool listOnly = args.contains(QStringLiteral("--list-pythons"));
    if (!parseOrExplain(parser, args, QStringLiteral("verify"), listOnly ? -1 : 1, &exitCode))
        return exitCode;
    const bool json = parser.isSet(QStringLiteral("json"));

    if (listOnly) {
        QJsonArray list;
        for (const PythonInfo &p : PythonFinder::detect()) {
            list.append(QJsonObject{{QStringLiteral("path"), p.path},
                                    {QStringLiteral("version"), p.version},
                                    {QStringLiteral("cache_tag"), p.cacheTag},
                                    {QStringLiteral("machine"), p.machine},
                                    {QStringLiteral("origin"), p.origin}});
            if (!json)
                printOut(QStringLiteral("%1  %2 (%3, %4)\n").arg(p.path, p.version, p.machine, p.origin));
        }
        if (json)
            printOut(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented)));
        return Ok;
    }

    bool ok = false;
    const double timeout = parser.value(QStringLiteral("timeout")).toDouble(&ok);
    const int jobs = parser.value(QStringLiteral("jobs")).toInt();
    if (!ok || timeout <= 0 || jobs < 1) {
        printErr(QStringLiteral("layerslim-cli verify: --timeout and --jobs must be positive numbers\n"));
        return BadInput;
    }
    if (parser.isSet(QStringLiteral("smoke")))
        if (const QString why = Verifier::smokeScriptProblem(parser.value(QStringLiteral("smoke"))); !why.isEmpty()) {
            printErr(QStringLiteral("layerslim-cli verify: %1\n").arg(why));
            return BadInput;
        }
    auto session = openSession(parser.positionalArguments().first(), parser);
    if (!session)
        return BadInput;
    const QString runtime =
        parser.isSet(QStringLiteral("runtime")) ? parser.value(QStringLiteral("runtime")) : session->profile.runtime;
    if (const QString why = Target::runtimeProblem(runtime); !why.isEmpty()) {
        printErr(QStringLiteral("layerslim-cli verify: %1\n").arg(why));
        return BadInput;
    }
    QStringList warnings;
    std::optional<PythonInfo> python;
    if (parser.isSet(QStringLiteral("python"))) {
        QString error;
        python = PythonFinder::probe(parser.value(QStringLiteral("python")), &error);
        if (!python) {
            printErr(QStringLiteral("layerslim-cli verify: %1\n").arg(error));
            return BadInput;
        }
    } else {
        const std::vector<PythonInfo> found = PythonFinder::detect();
        const int i = PythonFinder::pick(found, runtime);
        if (i < 0) {
            printErr(QStringLiteral("layerslim-cli verify: no Python 3 found on PATH or in ~/.pyenv; use --python\n"));
            return BadInput;
        }
        python = found[std::size_t(i)];
    }
    if (const QString w = PythonFinder::mismatch(*python, runtime, session->profile.arch); !w.isEmpty())
        warnings << w;

    VerifyOptions options;
    options.python = python->path;
    options.modules = parser.value(QStringLiteral("import")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    options.smokeScript = parser.value(QStringLiteral("smoke"));
    options.timeoutMs = int(timeout * 1000);
    options.parallel = jobs;
    const FileTree &tree = *session->layer.tree;
    Verifier verifier(tree, &session->layer.zipEntries, options);
    const Bitset &pruned = session->ledger->pruned();
    if (!json)
        for (const QString &w : warnings)
            printErr(QStringLiteral("layerslim-cli verify: warning: %1\n").arg(w));

    std::optional<BytecodeMode> bytecodeMode;
    if (parser.isSet(QStringLiteral("bytecode"))) {
        bytecodeMode = BytecodeCompiler::modeFromName(parser.value(QStringLiteral("bytecode")));
        if (!bytecodeMode) {
            printErr(QStringLiteral("layerslim-cli verify: --bytecode is keep, drop, precompile or sourceless\n"));
            return BadInput;
        }
    }
    VerifyReport report;
    BytecodeResult bytecode;
    if (bytecodeMode) {
        QTemporaryDir scratch(QDir::tempPath() + QStringLiteral("/layerslim-bytecode-XXXXXX"));
        scratch.setAutoRemove(false); // KeptSet::remove never follows the links into the source
        const BytecodeCompiler compiler(tree, &session->layer.zipEntries, *python, runtime);
        bytecode = compiler.prepare(pruned, *bytecodeMode, scratch.filePath(QStringLiteral("kept")));
        if (bytecode.ok())
            report = Verifier::runAt(options, bytecode.root, scratch.filePath(QStringLiteral("work")),
                                     verifier.checks(pruned));
        else
            report.error = bytecode.error;
        KeptSet::remove(scratch.path());
    } else {
        report = verifier.run(pruned, nullptr);
    }
    std::vector<BisectResult> bisections;
    if (!bytecodeMode && !parser.isSet(QStringLiteral("no-bisect")) && report.error.isEmpty() && pruned.any()) {
        CulpritFinder finder(verifier);
        for (const CheckResult *f : report.failures()) {
            if (f->status == CheckStatus::NotStarted || f->status == CheckStatus::Cancelled)
                continue;
            if (!json)
                printErr(QStringLiteral("layerslim-cli verify: looking for what %1 needs among the pruned paths...\n")
                             .arg(f->check.name));
            bisections.push_back(finder.find(pruned, f->check, nullptr, f));
        }
    }
    const bool passed = report.passed();

    if (json) {
        QJsonArray results, culprits;
        for (const CheckResult &r : report.results)
            results.append(resultJson(r));
        for (const BisectResult &b : bisections)
            culprits.append(bisectJson(b));
        const QJsonObject out{
            {QStringLiteral("root"), tree.rootPath()},
            {QStringLiteral("python"), QJsonObject{{QStringLiteral("path"), python->path},
                                                   {QStringLiteral("version"), python->version},
                                                   {QStringLiteral("cache_tag"), python->cacheTag},
                                                   {QStringLiteral("machine"), python->machine}}},
            {QStringLiteral("runtime"), runtime},
            {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
            {QStringLiteral("kept_bytes"), double(session->ledger->totals().keptBytes)},
            {QStringLiteral("error"), report.error},
            {QStringLiteral("results"), results},
            {QStringLiteral("bisections"), culprits},
            {QStringLiteral("passed"), passed},
            {QStringLiteral("bytecode"),
             bytecodeMode ? QJsonValue(QJsonObject{{QStringLiteral("mode"), BytecodeCompiler::modeName(*bytecodeMode)},
                                                   {QStringLiteral("delta_bytes"), double(bytecode.deltaBytes)},
                                                   {QStringLiteral("added_bytes"), double(bytecode.addedBytes)},
                                                   {QStringLiteral("added_files"), qint64(bytecode.addedFiles)},
                                                   {QStringLiteral("removed_bytes"), double(bytecode.removedBytes)},
                                                   {QStringLiteral("removed_files"), qint64(bytecode.removedFiles)}})
                          : QJsonValue()},
        };
        printOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)));
        return !report.error.isEmpty() && report.results.empty() ? BadInput : passed ? Ok : DoesNotFit;
    }

    printOut(QStringLiteral("%1\n  with %2 (Python %3), kept %4\n")
                 .arg(tree.rootPath(), python->path, python->version,
                      units::formatBytes(session->ledger->totals().keptBytes)));
    if (!report.error.isEmpty()) {
        printErr(QStringLiteral("layerslim-cli verify: %1\n").arg(report.error));
        return BadInput;
    }
    if (bytecodeMode)
        printOut(QStringLiteral("  bytecode %1: +%2 in %3 .pyc, -%4 in %5 files (%6%7 bytes)\n")
                     .arg(BytecodeCompiler::modeName(*bytecodeMode), units::formatBytes(bytecode.addedBytes))
                     .arg(bytecode.addedFiles)
                     .arg(units::formatBytes(bytecode.removedBytes))
                     .arg(bytecode.removedFiles)
                     .arg(bytecode.deltaBytes >= 0 ? QStringLiteral("+") : QString())
                     .arg(bytecode.deltaBytes));
    for (const CheckResult &r : report.results) {
        const QString label =
            r.check.kind == CheckKind::Import ? r.check.name : QStringLiteral("smoke %1").arg(r.check.name);
        if (r.passed()) {
            printOut(QStringLiteral("  ok    %1 (%2 s)\n").arg(label).arg(double(r.millis) / 1000.0, 0, 'f', 1));
            continue;
        }
        printOut(QStringLiteral("  FAIL  %1: %2\n").arg(label, r.error));
        if (!r.output.trimmed().isEmpty())
            printOut(indented(r.output));
    }
    for (const BisectResult &b : bisections) {
        for (const Culprit &c : b.culprits)
            printOut(QStringLiteral("culprit: %1 (%2, %3 files) for %4\n")
                         .arg(FileTree::displayName(c.path), units::formatBytes(c.bytes))
                         .arg(c.files)
                         .arg(b.check.name));
        if (b.outcome != BisectResult::Outcome::Found)
            printOut(QStringLiteral("no culprit for %1: %2\n").arg(b.check.name, b.message));
        else
            printOut(QStringLiteral("  (%1 verify runs over %2 pruned subtrees)\n").arg(b.runs).arg(b.candidates));
    }
    printOut(passed ? QStringLiteral("verified: every check passed\n")
                    : QStringLiteral("NOT VERIFIED: %1 of %2 checks failed\n")
                          .arg(report.failures().size())
                          .arg(report.results.size()));
    return passed ? Ok : DoesNotFit;
}

} // namespace cli
