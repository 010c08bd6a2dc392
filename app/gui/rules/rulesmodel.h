// The rules panel's model: one row per RuleCatalog rule with its checkbox,
// risk, the bytes it frees alone and in the current union (SizeLedger::ruleBytes)
// and its exceptions. Ticking a row enables the rule through LayerDocument.
#pragma once

#include "select/sizeledger.h"

#include <QAbstractTableModel>

#include <vector>

class LayerDocument;

class RulesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // The columns, left to right.
    enum Column {
        RuleColumn,       // checkbox and title; the rule's "why" as tooltip
        RiskColumn,       // safe / caution / risky badge
        AloneColumn,      // bytes the rule frees by itself
        MarginalColumn,   // bytes it frees beyond everything else selected
        ExceptionsColumn, // how many globs the rule spares
        ColumnCount
    };
    // Extra data roles.
    enum Role {
        RiskRole = Qt::UserRole + 1, // the rule's Risk as int
        BytesRole,                   // raw quint64 for the byte columns
    };

    explicit RulesModel(QObject *parent = nullptr);

    void setDocument(LayerDocument *document);
    [[nodiscard]] LayerDocument *document() const { return m_document; }
    [[nodiscard]] RuleBytes ruleBytes(int rule) const { return m_bytes[std::size_t(rule)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void refresh();

    LayerDocument *m_document = nullptr;
    std::vector<RuleBytes> m_bytes;
};
