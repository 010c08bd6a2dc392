// Paints a rule's risk as a coloured pill (safe green, caution amber, risky
// red) in the rules panel.
#pragma once

#include "select/rules.h"

#include <QStyledItemDelegate>

class RiskBadgeDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    [[nodiscard]] static QColor color(Risk risk);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};
