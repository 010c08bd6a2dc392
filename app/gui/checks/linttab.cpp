#include "gui/checks/linttab.h"

#include "gui/checks/layersnapshot.h"
#include "gui/checks/resultlist.h"
#include "gui/checks/statusdot.h"
#include "gui/checks/verifyjob.h"
#include "gui/shell/layerdocument.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace {

QString checkText(LintCheck c)
{
    switch (c) {
    case LintCheck::Machine:
        return LintTab::tr("machine");
    case LintCheck::AbiTag:
        return LintTab::tr("ABI tag");
    case LintCheck::Glibc:
        return LintTab::tr("glibc");
    case LintCheck::NonElf:
        return LintTab::tr("not ELF");
    case LintCheck::Unreadable:
        break;
    }
    return LintTab::tr("unreadable");
}

} // namespace

LintTab::LintTab(VerifyJob *job, QWidget *parent)
    : QWidget(parent)
    , m_job(job)
    , m_lintButton(new QPushButton(tr("&Lint"), this))
    , m_summary(new QLabel(this))
    , m_list(makeResultList({tr("Severity"), tr("Check"), tr("Path"), tr("Message")}, this))
{
    m_lintButton->setObjectName(QStringLiteral("lintButton"));
    m_lintButton->setToolTip(
        tr("Check the kept native files: ELF machine, CPython ABI tag, GLIBC version, macOS/Windows binaries"));
    m_summary->setWordWrap(true);
    auto *row = new QHBoxLayout;
    row->addWidget(m_lintButton);
    row->addWidget(m_summary, 1);
    m_list->setObjectName(QStringLiteral("lintList"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_list, 1);

    connect(m_lintButton, &QPushButton::clicked, this, &LintTab::startLint);
    connect(m_list, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        const auto node = FileTree::Index(item->data(0, kNodeRole).toUInt());
        if (node != FileTree::kNone)
            Q_EMIT nodeActivated(node);
    });
}

void LintTab::setDocument(LayerDocument *document)
{
    m_document = document;
    m_lint.reset();
    showLint();
}

void LintTab::setTarget(const QString &runtime, const QString &arch)
{
    m_target.runtime = runtime;
    m_target.arch = arch;
}

void LintTab::updateButtons()
{
    m_lintButton->setEnabled(m_document && !m_job->isRunning());
}

void LintTab::startLint()
{
    if (!m_document || m_job->isRunning())
        return;
    const LayerSnapshot layer = LayerSnapshot::of(*m_document);
    const LintTarget target = m_target;
    auto report = std::make_shared<LintReport>();
    m_job->start(
        tr("Linting native files for %1 on %2…").arg(target.runtime, target.arch),
        [tree = layer.tree, zip = layer.zipEntries, pruned = m_document->ledger().pruned(), target,
         report](JobControl &control) { *report = Lint::run(*tree, zip.get(), target, &pruned, &control); },
        [this, report](bool cancelled) {
            m_lint = std::move(*report);
            showLint();
            if (m_document)
                m_document->setLintResults(*m_lint);
            Q_EMIT statusMessage(cancelled ? tr("Lint cancelled; the list is partial.") : QString());
        });
}

void LintTab::showLint()
{
    m_list->clear();
    if (!m_lint) {
        m_summary->setText(m_document ? tr("Lint checks the kept native files against the target.") : QString());
        return;
    }
    const QIcon error = statusDot(QColor(0xc6, 0x28, 0x28));
    const QIcon warning = statusDot(QColor(0xef, 0x8f, 0x00));
    // One row a cause; a cause shared by several files opens into them.
    for (const LintGroup &g : m_lint->groups()) {
        const bool isError = g.severity == LintSeverity::Error;
        const LintFinding &first = m_lint->findings[g.findings.front()];
        const bool single = g.findings.size() == 1;
        auto *item = new QTreeWidgetItem(
            m_list, {isError ? tr("error") : tr("warning"), checkText(g.check),
                     single ? FileTree::displayName(first.path) : tr("%n file(s)", nullptr, int(g.findings.size())),
                     g.headline});
        item->setIcon(0, isError ? error : warning);
        item->setData(0, kNodeRole, uint(single ? first.node : FileTree::kNone));
        item->setToolTip(3, g.headline);
        if (single)
            continue;
        for (const std::size_t i : g.findings) {
            const LintFinding &f = m_lint->findings[i];
            auto *child = new QTreeWidgetItem(item, {QString(), QString(), FileTree::displayName(f.path), f.message});
            child->setData(0, kNodeRole, uint(f.node));
            child->setToolTip(3, f.message);
        }
    }
    m_list->setRootIsDecorated(true);
    for (int c = 0; c < m_list->columnCount() - 1; ++c)
        m_list->resizeColumnToContents(c);
    const LintTarget &t = m_lint->target;
    m_summary->setText(tr("%1 on %2 (%3, glibc ≤ %4): %5 files checked, %6 ELF — %7 error(s), %8 warning(s)")
                           .arg(t.runtime, t.arch, t.cacheTag(), QString::fromLatin1(t.glibc()))
                           .arg(m_lint->filesChecked)
                           .arg(m_lint->elfFiles.size())
                           .arg(m_lint->errors())
                           .arg(m_lint->warnings()));
}
