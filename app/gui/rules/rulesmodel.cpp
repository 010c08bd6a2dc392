#include "gui/rules/rulesmodel.h"

#include "base/units.h"
#include "gui/shell/layerdocument.h"

#include <QColor>
#include <QFont>

RulesModel::RulesModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_bytes(RuleCatalog::all().size())
{
}

void RulesModel::setDocument(LayerDocument *document)
{
    beginResetModel();
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        connect(m_document, &LayerDocument::selectionChanged, this, &RulesModel::refresh);
        // The strip rule's bytes are measured by the exact zip pass.
        connect(m_document, &LayerDocument::zipEstimateReady, this, &RulesModel::refresh);
    }
    std::fill(m_bytes.begin(), m_bytes.end(), RuleBytes{});
    if (m_document)
        for (std::size_t r = 0; r < m_bytes.size(); ++r)
            m_bytes[r] = m_document->ledger().ruleBytes(int(r));
    endResetModel();
}

void RulesModel::refresh()
{
    for (std::size_t r = 0; r < m_bytes.size(); ++r)
        m_bytes[r] = m_document->ledger().ruleBytes(int(r));
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int RulesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(RuleCatalog::all().size());
}

int RulesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RulesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const std::size_t r = std::size_t(index.row());
    const Rule &rule = RuleCatalog::all()[r];
    const RuleBytes &bytes = m_bytes[r];
    const bool transform = rule.action == RuleAction::Transform;
    const bool enabled = m_document && m_document->ledger().ruleEnabled(int(r));

    switch (role) {
    case RiskRole:
        return int(rule.risk);
    case BytesRole:
        if (index.column() == AloneColumn)
            return QVariant::fromValue(quint64(bytes.aloneBytes));
        if (index.column() == MarginalColumn)
            return QVariant::fromValue(quint64(bytes.marginalBytes));
        return {};
    case Qt::CheckStateRole:
        return index.column() == RuleColumn ? QVariant(enabled ? Qt::Checked : Qt::Unchecked) : QVariant();
    case Qt::ToolTipRole: {
        QString tip = QStringLiteral("<b>%1</b> <code>%2</code><br>%3")
                          .arg(rule.displayTitle().toHtmlEscaped(), rule.id, rule.displayWhy().toHtmlEscaped());
        if (!transform && m_document)
            tip += QStringLiteral("<br><br>") +
                   tr("Alone: %1 bytes in %2 files.<br>Beyond the other choices: %3 bytes in %4 files.")
                       .arg(units::localGroupedBytes(bytes.aloneBytes))
                       .arg(bytes.aloneFiles)
                       .arg(units::localGroupedBytes(bytes.marginalBytes))
                       .arg(bytes.marginalFiles);
        const QStringList &exceptions =
            m_document ? m_document->ledger().ruleExceptions(int(r)) : rule.defaultExceptions;
        if (!exceptions.isEmpty())
            tip += QStringLiteral("<br><br>") +
                   tr("Spared: %1").arg(exceptions.join(QStringLiteral(", ")).toHtmlEscaped());
        if (m_document && !m_document->ledger().ruleSpares(int(r)).empty()) {
            QStringList spared;
            for (const RuleSpare &spare : m_document->ledger().ruleSpares(int(r)))
                spared << QStringLiteral("%1 — %2").arg(spare.glob.toHtmlEscaped(), spare.reason.toHtmlEscaped());
            tip += QStringLiteral("<br><br>") + tr("Kept because the layer's code reads it:") + QStringLiteral("<br>") +
                   spared.join(QStringLiteral("<br>"));
        }
        return tip;
    }
    case Qt::TextAlignmentRole:
        return index.column() == AloneColumn || index.column() == MarginalColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::FontRole:
        if (index.column() == MarginalColumn && enabled) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case RuleColumn:
            return rule.displayTitle();
        case RiskColumn:
            switch (rule.risk) {
            case Risk::Safe:
                return tr("safe");
            case Risk::Caution:
                return tr("caution");
            case Risk::Risky:
                return tr("risky");
            }
            return {};
        case AloneColumn:
            if (transform)
                return tr("on export");
            return m_document ? units::localBytes(bytes.aloneBytes) : QString();
        case MarginalColumn:
            if (transform)
                return QStringLiteral("–");
            return m_document ? units::localBytes(bytes.marginalBytes) : QString();
        case ExceptionsColumn: {
            const qsizetype n =
                (m_document ? m_document->ledger().ruleExceptions(int(r)) : rule.defaultExceptions).size();
            return n == 0 ? tr("none") : tr("%n spared", nullptr, int(n));
        }
        }
        return {};
    default:
        return {};
    }
}

bool RulesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!m_document || !index.isValid() || role != Qt::CheckStateRole || index.column() != RuleColumn)
        return false;
    m_document->setRuleEnabled(index.row(), Qt::CheckState(value.toInt()) == Qt::Checked);
    return true;
}

Qt::ItemFlags RulesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable;
    if (m_document)
        f |= Qt::ItemIsEnabled;
    if (index.column() == RuleColumn)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant RulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case AloneColumn:
            return tr("What the rule frees if it were the only choice.");
        case MarginalColumn:
            return tr("What the rule frees on top of every other rule and manual prune: the gauge moves by this "
                      "much when you toggle it.");
        case ExceptionsColumn:
            return tr("Packages or paths the rule leaves alone (double-click to edit).");
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return section == AloneColumn || section == MarginalColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RuleColumn:
        return tr("Rule");
    case RiskColumn:
        return tr("Risk");
    case AloneColumn:
        return tr("Alone");
    case MarginalColumn:
        return tr("In union");
    case ExceptionsColumn:
        return tr("Exceptions");
    }
    return {};
}
