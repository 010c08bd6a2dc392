#include "clisupport.h"

#include <QTextStream>

#include <cstdio>

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
    parser.addOption({QStringLiteral("rules"), QStringLiteral("Comma-separated rule ids to enable."),
                      QStringLiteral("ids")});
    parser.addOption({QStringLiteral("profile"), QStringLiteral("A saved LayerSlim profile (JSON)."),
                      QStringLiteral("file")});
}

bool parseOrExplain(QCommandLineParser &parser, const QStringList &args, const QString &command, int positionalCount,
                    int *exitCode)
{
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(QStringList{QStringLiteral("layerslim-cli ") + command} + args)) {
        printErr(QStringLiteral("layerslim-cli %1: %2\n").arg(command, parser.errorText()));
        *exitCode = BadInput;
        return false;
    }
    if (parser.isSet(help)) {
        printOut(parser.helpText());
        *exitCode = Ok;
        return false;
    }
    if (positionalCount >= 0 && parser.positionalArguments().size() != positionalCount) {
        printErr(QStringLiteral("layerslim-cli %1: expected %2 argument(s), got %3\n\n%4")
                     .arg(command)
                     .arg(positionalCount)
                     .arg(parser.positionalArguments().size())
                     .arg(parser.helpText()));
        *exitCode = BadInput;
        return false;
    }
    return true;
}

std::optional<Session> openSession(const QString &path, const QCommandLineParser &parser)
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
    s.ledger = std::make_unique<SizeLedger>(*s.layer.tree);
    if (!s.profile.applyTo(*s.ledger, &error)) {
        printErr(QStringLiteral("layerslim-cli: bad profile: %1\n").arg(error));
        return std::nullopt;
    }
    return s;
}

} // namespace cli
