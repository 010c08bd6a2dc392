#include "clisupport.h"
#include "select/rules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cli {

int runRules(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lists LayerSlim's prune rules with their risk."));
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    int exitCode = Ok;
    if (!parseOrExplain(parser, args, QStringLiteral("rules"), 0, &exitCode))
        return exitCode;

    const auto &rules = RuleCatalog::all();
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray list;
        for (const Rule &r : rules) {
            list.append(QJsonObject{
                {QStringLiteral("id"), r.id},
                {QStringLiteral("title"), r.title},
                {QStringLiteral("why"), r.why},
                {QStringLiteral("risk"), RuleCatalog::riskName(r.risk)},
                {QStringLiteral("action"),
                 r.action == RuleAction::Remove ? QStringLiteral("remove") : QStringLiteral("transform")},
                {QStringLiteral("default_exceptions"), QJsonArray::fromStringList(r.defaultExceptions)},
            });
        }
        printOut(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented)));
        return Ok;
    }
    for (const Rule &r : rules)
        printOut(QStringLiteral("%1 %2 %3\n    %4\n")
                     .arg(r.id, -17)
                     .arg(RuleCatalog::riskName(r.risk), -8)
                     .arg(r.title, r.why));
    return Ok;
}

} // namespace cli
