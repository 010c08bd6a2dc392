#include "clisupport.h"

#include "checks/layertarget.h"
#include "checks/metadatausers.h"
#include "checks/traceprune.h"
#include "export/compressedsizecache.h"
#include "select/distributions.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace cli {

void printOut(const QString &text)
{
    QTextStream(stdout) << text << Qt::flush;
}

void printErr(const QString &text)
{
    QTextStream(stderr) << text << Qt::flush;
}

void addSelectionOptions(QCommandLineParser &parser)
{
    parser.addOption(
        {QStringLiteral("rules"), QStringLiteral("Comma-separated rule ids to enable."), QStringLiteral("ids")});
    parser.addOption(
        {QStringLiteral("profile"), QStringLiteral("A saved LayerSlim profile (JSON)."), QStringLiteral("file")});
    parser.addOption({QStringLiteral("trace"),
                      QStringLiteral("A trace (layerslim-cli trace) for the not-traced rule, which it turns on "
                                     "(default: the profile's \"trace\")."),
                      QStringLiteral("file")});
    parser.addOption({QStringLiteral("requirements"),
                      QStringLiteral("A pip requirements file: its names are the top-level requirements "
                                     "(default: the distributions nothing else installed requires)."),
                      QStringLiteral("file")});
}

namespace {

// QCommandLineParser lists its options nowhere but in its help, where each
// line of the options section starts with "-x, --name" or "--name".
QStringList optionNames(const QCommandLineParser &parser)
{
    QStringList names;
    static const QRegularExpression option(QStringLiteral("^\\s+(-[^\\s<,]+(?:,\\s*-[^\\s<,]+)*)"));
    for (const QString &line : parser.helpText().split(QLatin1Char('\n'))) {
        const QRegularExpressionMatch m = option.match(line);
        if (!m.hasMatch())
            continue;
        for (const QString &n : m.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts))
            names << n.trimmed();
    }
    return names;
}

// Levenshtein distance, for "did you mean".
qsizetype editDistance(QStringView a, QStringView b)
{
    std::vector<qsizetype> row(std::size_t(b.size()) + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[std::size_t(j)] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        qsizetype diagonal = row[0];
        row[0] = i;
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const qsizetype up = row[std::size_t(j)];
            row[std::size_t(j)] =
                std::min({up + 1, row[std::size_t(j - 1)] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[std::size_t(b.size())];
}

// The unknown option as the user typed it: Qt reports "jsn" for "--jsn" and
// for "-jsn" alike.
QString asTyped(const QString &name, const QStringList &args)
{
    for (const QString &a : args) {
        if (a == QStringLiteral("--"))
            break;
        if (a == QStringLiteral("--") + name || a.startsWith(QStringLiteral("--%1=").arg(name)))
            return QStringLiteral("--") + name;
    }
    return (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
}

} // namespace

QString nearestName(const QString &name, const QStringList &known)
{
    const auto bare = [](const QString &n) {
        qsizetype i = 0;
        while (i < n.size() && n[i] == QLatin1Char('-'))
            ++i;
        return QStringView(n).mid(i);
    };
    const QStringView wanted = bare(name);
    // One typo in a short name, two in a longer one; a lone letter is any option's neighbour.
    const qsizetype tolerance = wanted.size() < 2 ? 0 : wanted.size() <= 4 ? 1 : wanted.size() <= 8 ? 2 : 3;
    QString best;
    qsizetype bestDistance = tolerance + 1;
    for (const QString &k : known) {
        const QStringView candidate = bare(k);
        const qsizetype d = wanted.size() >= 2 && candidate.startsWith(wanted) ? 1 : editDistance(wanted, candidate);
        if (d < bestDistance) {
            best = k;
            bestDistance = d;
        }
    }
    return best;
}

QString helpText(const QCommandLineParser &parser, const QString &command)
{
    QString text = parser.helpText();
    const QString program = QStringLiteral("Usage: ") + QCoreApplication::arguments().value(0);
    if (text.startsWith(program))
        text.replace(0, program.size(), QStringLiteral("Usage: layerslim-cli ") + command);
    return text;
}

bool parseOrExplain(QCommandLineParser &parser, const QStringList &args, const QString &command, int positionalCount,
                    int *exitCode)
{
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    const QString usage = helpText(parser, command).section(QLatin1Char('\n'), 0, 0);
    if (!parser.parse(QStringList{QStringLiteral("layerslim-cli ") + command} + args)) {
        const QStringList unknown = parser.unknownOptionNames();
        QString why = parser.errorText();
        if (!unknown.isEmpty()) {
            const QString typed = asTyped(unknown.first(), args);
            const QString hint = nearestName(typed, optionNames(parser));
            why = QStringLiteral("unknown option '%1'").arg(typed);
            if (!hint.isEmpty())
                why += QStringLiteral("; did you mean %1?").arg(hint);
        }
        printErr(QStringLiteral("layerslim-cli %1: %2\n%3\nRun `layerslim-cli %1 --help` for its options.\n")
                     .arg(command, why, usage));
        *exitCode = BadInput;
        return false;
    }
    if (parser.isSet(help)) {
        printOut(helpText(parser, command));
        *exitCode = Ok;
        return false;
    }
    if (positionalCount >= 0 && parser.positionalArguments().size() != positionalCount) {
        printErr(QStringLiteral("layerslim-cli %1: expected %2 argument(s), got %3\n\n%4")
                     .arg(command)
                     .arg(positionalCount)
                     .arg(parser.positionalArguments().size())
                     .arg(helpText(parser, command)));
        *exitCode = BadInput;
        return false;
    }
    return true;
}

std::optional<LintTarget> chosenTarget(const QCommandLineParser &parser, const Session &session, const QString &command,
                                       TargetOptions offered)
{
    const Profile &profile = session.profile;
    const QString profileBy = QStringLiteral("the profile");
    QString runtime = profile.namesRuntime ? profile.runtime : QString();
    QString runtimeBy = profileBy;
    QString arch = profile.namesArch ? profile.arch : QString();
    QString archBy = profileBy;
    if (parser.isSet(QStringLiteral("runtime"))) {
        runtime = parser.value(QStringLiteral("runtime"));
        runtimeBy = QStringLiteral("the command line");
    }
    if (offered == TargetOptions::RuntimeAndArch && parser.isSet(QStringLiteral("arch"))) {
        arch = parser.value(QStringLiteral("arch"));
        archBy = QStringLiteral("the command line");
    }
    const LintTarget target = session.inferredTarget().choose(runtime, runtimeBy, arch, archBy);
    if (const QString why = target.problem(); !why.isEmpty()) {
        printErr(QStringLiteral("layerslim-cli %1: %2\n").arg(command, why));
        return std::nullopt;
    }
    return target;
}

namespace {

// The target the distributions' markers are read for: what the profile names
// over what the layer says.
Target profileTarget(const LayerTarget &inferred, const QString &runtime, const QString &arch)
{
    const QString byProfile = QStringLiteral("the profile");
    return inferred.choose(runtime, byProfile, arch, byProfile).target().value_or(Target{});
}

QString profileRuntime(const Profile &p)
{
    return p.namesRuntime ? p.runtime : QString();
}

QString profileArch(const Profile &p)
{
    return p.namesArch ? p.arch : QString();
}

} // namespace

Target sessionTarget(const Session &session)
{
    return profileTarget(session.inferredTarget(), profileRuntime(session.profile), profileArch(session.profile));
}

const LayerTarget &Session::inferredTarget() const
{
    joinReadAhead();
    if (!m_inferred)
        m_inferred = LayerTarget::infer(*layer.tree, layer.zipEntries);
    return *m_inferred;
}

const Distributions &Session::distributions() const
{
    joinReadAhead();
    if (!m_distributions)
        adoptDistributions(
            std::make_shared<Distributions>(Distributions::scan(*layer.tree, layer.zipEntries, sessionTarget(*this))));
    return *m_distributions;
}

void Session::joinReadAhead() const
{
    if (!m_readAhead.valid())
        return;
    ReadAheadResult found = m_readAhead.get();
    m_inferred = std::move(found.inferred);
    adoptDistributions(std::move(found.distributions));
}

void Session::adoptDistributions(std::shared_ptr<Distributions> dists) const
{
    if (topLevelNames)
        for (const QString &name : dists->setTopLevel(*topLevelNames))
            printErr(QStringLiteral("layerslim-cli: warning: %1 asks for %2, which is not installed in the layer\n")
                         .arg(requirementsFile, name));
    m_distributions = std::move(dists);
}

std::future<CompressedSizeCache *> readSizeCacheAhead()
{
    return std::async(std::launch::async, [] { return &CompressedSizeCache::standard(); });
}

void Session::readDistributionsAhead()
{
    if (m_distributions || m_readAhead.valid())
        return;
    // The worker shares nothing that changes with this thread: the entries
    // and the profile's runtime and architecture are copied, as the session
    // may still move; the target is chosen on the worker.
    m_readAhead = std::async(std::launch::async, [tree = layer.tree.get(), entries = layer.zipEntries,
                                                  runtime = profileRuntime(profile), arch = profileArch(profile)] {
        LayerTarget inferred = LayerTarget::infer(*tree, entries);
        const Target target = profileTarget(inferred, runtime, arch);
        return ReadAheadResult{std::move(inferred),
                               std::make_shared<Distributions>(Distributions::scan(*tree, entries, target))};
    });
}

namespace {

// --trace, else the profile's "trace": what the not-traced rule prunes. The
// rule without either is refused: it would prune nothing and say nothing.
bool applyTrace(Session &s, const QCommandLineParser &parser)
{
    const int rule = RuleCatalog::indexOf(RuleId::NotTraced);
    const bool given = parser.isSet(QStringLiteral("trace"));
    const QString file = given ? parser.value(QStringLiteral("trace")) : s.profile.traceFile();
    if (file.isEmpty()) {
        if (s.ledger->ruleEnabled(rule))
            printErr(QStringLiteral("layerslim-cli: rule \"not-traced\" needs a trace: pass --trace TRACE.json "
                                    "(from `layerslim-cli trace`) or name one in the profile's \"trace\"\n"));
        return !s.ledger->ruleEnabled(rule);
    }
    if (given && !s.ledger->ruleEnabled(rule)) {
        s.ledger->setRuleEnabled(rule, true);
        s.profile.rules << RuleCatalog::all()[std::size_t(rule)].id;
    }
    QStringList warnings;
    QString error;
    if (!TracePrune::load(*s.ledger, s.layer.zipEntries, file, given ? QString() : s.profile.traceSmokeSha256,
                          &warnings, &error)) {
        printErr(QStringLiteral("layerslim-cli: bad trace: %1\n").arg(error));
        return false;
    }
    for (const QString &w : warnings)
        printErr(QStringLiteral("layerslim-cli: warning: %1\n").arg(w));
    return true;
}

} // namespace

std::optional<Session> openSession(const QString &path, const QCommandLineParser &parser, ReadAhead ahead)
{
    if (parser.isSet(QStringLiteral("rules")) && parser.isSet(QStringLiteral("profile"))) {
        printErr(QStringLiteral("layerslim-cli: use either --rules or --profile, not both\n"));
        return std::nullopt;
    }
    Session s;
    if (parser.isSet(QStringLiteral("profile"))) {
        QString error;
        auto p = Profile::load(parser.value(QStringLiteral("profile")), &error);
        if (!p) {
            printErr(QStringLiteral("layerslim-cli: bad profile: %1\n").arg(error));
            return std::nullopt;
        }
        s.profile = *p;
    } else if (parser.isSet(QStringLiteral("rules"))) {
        const QStringList ids = parser.value(QStringLiteral("rules")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &id : ids) {
            if (RuleCatalog::indexOf(id.trimmed()) < 0) {
                printErr(QStringLiteral("layerslim-cli: unknown rule id \"%1\" (see `layerslim-cli rules`)\n").arg(id));
                return std::nullopt;
            }
            s.profile.rules.push_back(id.trimmed());
        }
    }
    QString error;
    s.layer = Layer::open(path, &error);
    if (!s.layer.tree) {
        printErr(QStringLiteral("layerslim-cli: %1\n").arg(error));
        return std::nullopt;
    }
    for (const ScanIssue &issue : s.layer.tree->issues())
        printErr(QStringLiteral("layerslim-cli: warning: %1: %2\n")
                     .arg(issue.path.isEmpty() ? path : FileTree::displayName(issue.path), issue.reason));
    if (parser.isSet(QStringLiteral("requirements"))) {
        s.requirementsFile = parser.value(QStringLiteral("requirements"));
        s.topLevelNames = Requirement::namesInFile(s.requirementsFile, &error);
        if (!s.topLevelNames) {
            printErr(QStringLiteral("layerslim-cli: cannot read the requirements: %1\n").arg(error));
            return std::nullopt;
        }
    }
    if (ahead == ReadAhead::Distributions)
        s.readDistributionsAhead();
    // A command matches the rules it uses: scan and export the profile's.
    s.ledger = std::make_unique<SizeLedger>(*s.layer.tree, SizeLedger::Matching::OnDemand);
    if (!s.profile.applyTo(*s.ledger, &error)) {
        printErr(QStringLiteral("layerslim-cli: bad profile: %1\n").arg(error));
        return std::nullopt;
    }
    if (!s.profile.dropDistributions.isEmpty()) {
        if (!s.distributions().drop(*s.ledger, s.profile.dropDistributions, &error)) {
            printErr(QStringLiteral("layerslim-cli: bad profile: %1\n").arg(error));
            return std::nullopt;
        }
    }
    if (!applyTrace(s, parser))
        return std::nullopt;
    // Metadata the layer's own code reads stays, whichever rule removes
    // metadata. Only kept sources' reads count, so pruned ones are not read.
    // (A command that keeps more sources later, as fit does, looks again.)
    const int distInfo = RuleCatalog::indexOf(RuleId::DistInfo);
    const int distInfoLite = RuleCatalog::indexOf(RuleId::DistInfoLite);
    if (s.ledger->ruleEnabled(distInfo) || s.ledger->ruleEnabled(distInfoLite)) {
        const MetadataUsers users =
            MetadataUsers::find(*s.layer.tree, &s.layer.zipEntries, s.distributions(), nullptr, &s.ledger->pruned());
        for (const QString &problem : users.problems)
            printErr(QStringLiteral("layerslim-cli: warning: cannot look for metadata reads in %1\n").arg(problem));
        users.spareIn(*s.ledger);
    }
    return s;
}

} // namespace cli
