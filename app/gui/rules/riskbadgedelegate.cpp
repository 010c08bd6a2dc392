#include "gui/rules/riskbadgedelegate.h"

#include "gui/rules/rulesmodel.h"

#include <QApplication>
#include <QPainter>

QColor RiskBadgeDelegate::color(Risk risk)
{
    switch (risk) {
    case Risk::Safe:
        return QColor(0x2e, 0x7d, 0x32);
    case Risk::Caution:
        return QColor(0xef, 0x8f, 0x00);
    case Risk::Risky:
        return QColor(0xc6, 0x28, 0x28);
    }
    return Qt::gray;
}

void RiskBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    // The row's background and selection first, without text.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    QFont font = opt.font;
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 0.85);
    const QFontMetrics fm(font);
    const int w = fm.horizontalAdvance(text) + 14;
    const int h = fm.height() + 4;
    const QRect pill(opt.rect.left() + 4, opt.rect.center().y() - h / 2 + 1, w, h);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill = color(Risk(index.data(RulesModel::RiskRole).toInt()));
    if (!(opt.state & QStyle::State_Enabled))
        fill.setAlpha(110);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(pill, h / 2.0, h / 2.0);
    painter->setPen(Qt::white);
    painter->setFont(font);
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
}

QSize RiskBadgeDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    return {s.width() + 16, std::max(s.height(), option.fontMetrics.height() + 8)};
}
