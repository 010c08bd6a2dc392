#include "gui/checks/culpritsearch.h"

#include "base/units.h"
#include "gui/checks/resultlist.h"
#include "gui/checks/verifyjob.h"
#include "gui/shell/layerdocument.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <memory>

CulpritSearch::CulpritSearch(VerifyJob *job, QWidget *parent)
    : QWidget(parent)
    , m_job(job)
    , m_label(new QLabel(this))
    , m_list(makeResultList({tr("Pruned path"), tr("Size"), tr("Files")}, this))
    , m_keepButton(new QPushButton(tr("&Keep These Paths"), this))
{
    m_label->setWordWrap(true);
    m_keepButton->setObjectName(QStringLiteral("keepButton"));
    m_keepButton->setToolTip(tr("Mark the culprits Keep (one undo step)"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    row->addWidget(m_label, 1);
    row->addWidget(m_keepButton);
    layout->addLayout(row);
    layout->addWidget(m_list);
    hide();

    connect(m_keepButton, &QPushButton::clicked, this, &CulpritSearch::keep);
    connect(m_list, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        Q_EMIT nodeActivated(FileTree::Index(item->data(0, kNodeRole).toUInt()));
    });
}

void CulpritSearch::setDocument(LayerDocument *document)
{
    m_document = document;
    clear();
}

void CulpritSearch::clear()
{
    m_bisect.reset();
    showResult();
}

void CulpritSearch::start(const VerifiedRun &run, const CheckResult &failed)
{
    auto result = std::make_shared<BisectResult>();
    m_job->start(
        tr("Looking for what %1 needs among the pruned paths…").arg(failed.check.name),
        [tree = run.layer.tree, zip = run.layer.zipEntries, pruned = run.pruned, options = run.options,
         failedRun = failed, result](JobControl &control) {
            Verifier verifier(*tree, zip.get(), options);
            CulpritFinder finder(verifier);
            *result = finder.find(pruned, failedRun.check, &control, &failedRun);
        },
        [this, result](bool cancelled) {
            m_bisect = std::move(*result);
            showResult();
            Q_EMIT statusMessage(cancelled ? tr("Search cancelled.") : QString());
        });
}

void CulpritSearch::keep()
{
    if (!m_document || !m_bisect || m_bisect->outcome != BisectResult::Outcome::Found || m_bisect->culprits.empty())
        return;
    QUndoStack *undo = m_document->undoStack();
    undo->beginMacro(tr("Keep %n path(s) %1 needs", nullptr, int(m_bisect->culprits.size())).arg(m_bisect->check.name));
    for (const Culprit &c : m_bisect->culprits)
        m_document->mark(c.node, SizeLedger::Mark::Keep);
    undo->endMacro();
    Q_EMIT statusMessage(tr("Kept %n path(s); verify again to confirm.", nullptr, int(m_bisect->culprits.size())));
}

void CulpritSearch::updateButtons()
{
    const bool idle = m_document && !m_job->isRunning();
    m_keepButton->setEnabled(idle && m_bisect && m_bisect->outcome == BisectResult::Outcome::Found);
}

void CulpritSearch::showResult()
{
    m_list->clear();
    if (!m_bisect) {
        hide();
        updateButtons();
        return;
    }
    const bool found = m_bisect->outcome == BisectResult::Outcome::Found;
    m_label->setText(
        found ? tr("<b>%1</b> imports again when these pruned paths are kept (%2 verify runs over %3 pruned subtrees):")
                    .arg(m_bisect->check.name)
                    .arg(m_bisect->runs)
                    .arg(m_bisect->candidates)
              : tr("No culprit for <b>%1</b>: %2").arg(m_bisect->check.name, m_bisect->message.toHtmlEscaped()));
    for (const Culprit &c : m_bisect->culprits) {
        auto *item = new QTreeWidgetItem(
            m_list, {FileTree::displayName(c.path), units::localBytes(c.bytes), QLocale().toString(c.files)});
        item->setData(0, kNodeRole, uint(c.node));
    }
    for (int c = 0; c < m_list->columnCount(); ++c)
        m_list->resizeColumnToContents(c);
    // As tall as its rows (up to four), so the results above keep the room.
    const int rows = std::clamp(m_list->topLevelItemCount(), 1, 4);
    m_list->setFixedHeight(m_list->header()->sizeHint().height() + rows * std::max(m_list->sizeHintForRow(0), 1) +
                           2 * m_list->frameWidth() + 2);
    m_list->setVisible(found);
    m_keepButton->setVisible(found);
    show();
    updateButtons();
}
