#include "gui/rules/rulespanel.h"

#include "gui/rules/exceptionsdialog.h"
#include "gui/rules/riskbadgedelegate.h"
#include "gui/rules/rulesmodel.h"
#include "gui/shell/layerdocument.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

RulesPanel::RulesPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new RulesModel(this))
    , m_view(new QTreeView(this))
    , m_exceptionsButton(new QPushButton(tr("&Exceptions…"), this))
{
    m_view->setObjectName(QStringLiteral("rulesView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setItemDelegateForColumn(RulesModel::RiskColumn, new RiskBadgeDelegate(m_view));
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(RulesModel::RuleColumn, QHeaderView::Stretch);
    header->resizeSection(RulesModel::RiskColumn, 72);
    header->resizeSection(RulesModel::AloneColumn, 70);
    header->resizeSection(RulesModel::MarginalColumn, 70);
    header->resizeSection(RulesModel::ExceptionsColumn, 72);
    // Every rule fits without scrolling: the list is short and the point is to compare them.
    const int rows = m_model->rowCount();
    const int rowHeight = std::max(m_view->sizeHintForRow(0), m_view->fontMetrics().height() * 13 / 10);
    m_view->setMinimumHeight(header->sizeHint().height() + rows * rowHeight + 2 * m_view->frameWidth() + 2);
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.column() == RulesModel::ExceptionsColumn)
            editExceptions();
    });

    auto *title = new QLabel(tr("<b>Prune rules</b>"), this);
    auto *hint = new QLabel(tr("Tick a rule to leave its matches out; hover for what can break."), this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    m_exceptionsButton->setToolTip(tr("Keep some packages or paths the current rule would prune"));
    m_exceptionsButton->setEnabled(false);
    connect(m_exceptionsButton, &QPushButton::clicked, this, &RulesPanel::editExceptions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        m_exceptionsButton->setEnabled(current.isValid() && m_model->document());
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(hint, 1);
    buttons->addWidget(m_exceptionsButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(title);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
}

void RulesPanel::setDocument(LayerDocument *document)
{
    m_model->setDocument(document);
    m_exceptionsButton->setEnabled(document && m_view->currentIndex().isValid());
}

void RulesPanel::editExceptions()
{
    LayerDocument *document = m_model->document();
    const QModelIndex current = m_view->currentIndex();
    if (!document || !current.isValid())
        return;
    const int rule = current.row();
    ExceptionsDialog dialog(rule, document->ledger().ruleExceptions(rule), m_suggestion, this);
    if (dialog.exec() == QDialog::Accepted)
        document->setRuleExceptions(rule, dialog.globs());
}
