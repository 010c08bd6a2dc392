// layerslim-cli: LayerSlim's scan, rules and export for scripts and CI.
#include "base/logging.h"
#include "clisupport.h"
#include "commands.h"

#include <QCoreApplication>

#include <functional>
#include <map>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace {

struct Command {
    std::function<int(const QStringList &)> run;
    const char *summary;
};

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> table{
        {QStringLiteral("rules"), {cli::runRules, "list the prune rules"}},
        {QStringLiteral("scan"), {cli::runScan, "scan a folder or zip and report sizes"}},
        {QStringLiteral("lint"), {cli::runLint, "check native files against the target runtime and arch"}},
        {QStringLiteral("verify"), {cli::runVerify, "import the kept set with a real Python; find culprits"}},
        {QStringLiteral("fit"),
         {cli::runFit, "plan the least risky cut that fits, each step verified; write a profile"}},
        {QStringLiteral("export"), {cli::runExport, "write the kept files as a reproducible layer zip"}},
        {QStringLiteral("diff"), {cli::runDiff, "compare two layers: distributions and files added, removed, changed"}},
        {QStringLiteral("stage"), {cli::runStage, "pip-install requirements for a Lambda runtime into a layer folder"}},
        {QStringLiteral("trace"),
         {cli::runTrace, "run a smoke script on the kept set; record what it imports and opens"}},
    };
    return table;
}

QString usage()
{
    QString text = QStringLiteral("Usage: layerslim-cli COMMAND [options]\n\n"
                                  "Fits Python dependencies into AWS Lambda layers.\n\nCommands:\n");
    for (const auto &[name, cmd] : commands())
        text += QStringLiteral("  %1 %2\n").arg(name, -8).arg(QString::fromLatin1(cmd.summary));
    text += QStringLiteral("\nRun `layerslim-cli COMMAND --help` for a command's options.\n"
                           "Exit status: 0 success; 1 bad usage or input; 2 the layer does not fit with the\n"
                           "reserve left whole (over the limit, or eating into the reserve), export found lint\n"
                           "errors in the kept files for the target, or verification failed.\n");
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
#ifdef __GLIBC__
    // A scan builds a few large arrays and hundreds of thousands of names in
    // well under a second: the heap grows 64 MB at a time instead of in
    // thousands of small steps (pages are still only touched when used).
    // Setting this stops glibc from raising its mmap threshold as buffers
    // are freed, so it is set where glibc would take it at most: an export's
    // per-file buffers are reused from the heap, not mapped afresh each time.
    mallopt(M_TOP_PAD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("LayerSlim"));
    QCoreApplication::setOrganizationName(QStringLiteral("LayerSlim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LAYERSLIM_VERSION));
    logging::init(QStringLiteral("layerslim-cli"));

    QStringList args = app.arguments().mid(1);
    if (args.isEmpty()) {
        cli::printErr(usage());
        return cli::BadInput;
    }
    const QString name = args.takeFirst();
    if (name == QStringLiteral("--help") || name == QStringLiteral("-h") || name == QStringLiteral("help")) {
        cli::printOut(usage());
        return cli::Ok;
    }
    if (name == QStringLiteral("--version") || name == QStringLiteral("-v")) {
        cli::printOut(QStringLiteral("layerslim-cli %1\n").arg(QCoreApplication::applicationVersion()));
        return cli::Ok;
    }
    const auto it = commands().find(name);
    if (it == commands().end()) {
        cli::printErr(QStringLiteral("layerslim-cli: unknown command \"%1\"\n\n%2").arg(name, usage()));
        return cli::BadInput;
    }
    return it->second.run(args);
}
