#include "gui/explorer/breadcrumbbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

BreadcrumbBar::BreadcrumbBar(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    m_layout->addStretch(1);
}

void BreadcrumbBar::setPath(const FileTree *tree, FileTree::Index node, const QString &rootLabel)
{
    while (m_layout->count() > 1) {
        QLayoutItem *item = m_layout->takeAt(0);
        delete item->widget();
        delete item;
    }
    if (!tree)
        return;
    std::vector<FileTree::Index> chain;
    for (FileTree::Index n = node; n != FileTree::kNone; n = n == 0 ? FileTree::kNone : tree->parent(n))
        chain.push_back(n);
    int position = 0;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const FileTree::Index n = *it;
        if (position > 0) {
            auto *separator = new QLabel(QStringLiteral("›"), this);
            separator->setForegroundRole(QPalette::PlaceholderText);
            m_layout->insertWidget(position++, separator);
        }
        auto *button = new QToolButton(this);
        button->setAutoRaise(true);
        button->setText(n == 0 ? rootLabel : FileTree::displayName(tree->name(n)));
        button->setToolTip(n == 0 ? tr("Show the whole layer") : tr("Show %1").arg(tree->displayPath(n)));
        if (n == node) {
            QFont f = button->font();
            f.setBold(true);
            button->setFont(f);
        }
        connect(button, &QToolButton::clicked, this, [this, n] { Q_EMIT nodeRequested(n); });
        m_layout->insertWidget(position++, button);
    }
}
