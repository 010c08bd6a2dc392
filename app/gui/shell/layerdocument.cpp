#include "gui/shell/layerdocument.h"

#include "checks/metadatausers.h"
#include "gui/budget/zipestimator.h"
#include "gui/shell/selectioncommand.h"

#include <QFutureWatcher>
#include <QtConcurrent>

#include <spdlog/spdlog.h>

LayerDocument::LayerDocument(std::shared_ptr<Layer> layer, QString path, QObject *parent)
    : QObject(parent)
    , m_layer(std::move(layer))
    , m_ledger(std::make_unique<SizeLedger>(*m_layer->tree))
    , m_zip(std::make_unique<ZipEstimator>(m_layer, kEstimateLevel,
                                           m_ledger->ruleMatches(RuleCatalog::indexOf(RuleId::Strip))))
    , m_path(std::move(path))
{
    // Stripping's real savings give the strip rule its bytes and the kept
    // total its exported size, as `scan` measures them.
    connect(m_zip.get(), &ZipEstimator::exactReady, this, [this] {
        if (const auto &savings = m_zip->stripSavings())
            m_ledger->setTransformSavings(RuleCatalog::indexOf(RuleId::Strip), *savings);
        Q_EMIT zipEstimateReady();
    });
    // What the layer's code reads of its metadata, found while the user looks
    // at the treemap; the dist-info rules spare it from then on.
    m_metadataScan = std::make_shared<JobControl>();
    auto *watcher = new QFutureWatcher<MetadataUsers>(this);
    connect(watcher, &QFutureWatcher<MetadataUsers>::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (m_metadataScan->cancelled())
            return;
        m_metadataUsers = std::make_unique<MetadataUsers>(watcher->result());
        for (const QString &problem : m_metadataUsers->problems)
            spdlog::warn("cannot look for metadata reads in {}", problem.toStdString());
        refreshSpares();
        Q_EMIT selectionChanged();
        Q_EMIT metadataSparesReady();
    });
    watcher->setFuture(QtConcurrent::run([layer = m_layer, control = m_metadataScan] {
        return MetadataUsers::find(*layer->tree, &layer->zipEntries, control.get());
    }));
}

// The undo stack's commands point back here; clear them before the ledger goes.
LayerDocument::~LayerDocument()
{
    m_metadataScan->cancel();
    m_undo.clear();
}

void LayerDocument::setLintResults(const LintReport &report)
{
    m_checkMarks.setLint(tree(), report);
    Q_EMIT checksChanged();
}

void LayerDocument::setVerifyResults(const VerifyReport &report,
                                     const std::function<FileTree::Index(const QString &)> &nodeOf)
{
    m_checkMarks.setVerify(tree(), report, nodeOf);
    Q_EMIT checksChanged();
}

void LayerDocument::setRuleEnabled(int rule, bool on)
{
    const QString &title = RuleCatalog::all()[std::size_t(rule)].displayTitle();
    change(on ? tr("Enable rule “%1”").arg(title) : tr("Disable rule “%1”").arg(title),
           [&](SizeLedger &l) { l.setRuleEnabled(rule, on); });
}

void LayerDocument::setRuleExceptions(int rule, const QStringList &globs)
{
    change(tr("Edit exceptions of “%1”").arg(RuleCatalog::all()[std::size_t(rule)].displayTitle()),
           [&](SizeLedger &l) { l.setRuleExceptions(rule, globs); });
}

void LayerDocument::mark(FileTree::Index node, SizeLedger::Mark m)
{
    const QString name = node == 0 ? tr("the whole layer") : FileTree::displayName(tree().name(node));
    QString text;
    switch (m) {
    case SizeLedger::Mark::Prune:
        text = tr("Prune %1").arg(name);
        break;
    case SizeLedger::Mark::Keep:
        text = tr("Keep %1").arg(name);
        break;
    case SizeLedger::Mark::Inherit:
        text = tr("Let rules decide %1").arg(name);
        break;
    }
    change(text, [&](SizeLedger &l) { l.mark(node, m); });
}

namespace {

// No rule on, each rule's exceptions as the catalog ships them, no manual mark.
void resetToCatalogDefaults(SizeLedger &l)
{
    const auto &rules = RuleCatalog::all();
    for (std::size_t r = 0; r < rules.size(); ++r) {
        l.setRuleEnabled(int(r), false);
        if (l.ruleExceptions(int(r)) != rules[r].defaultExceptions)
            l.setRuleExceptions(int(r), rules[r].defaultExceptions);
    }
    l.mark(0, SizeLedger::Mark::Inherit);
}

} // namespace

void LayerDocument::resetSelection()
{
    change(tr("Reset all choices"), [](SizeLedger &l) { resetToCatalogDefaults(l); });
}

bool LayerDocument::applyProfile(const Profile &profile, QString *error)
{
    const SizeLedger::State before = m_ledger->state();
    bool ok = true;
    change(tr("Apply profile"), [&](SizeLedger &l) {
        // A profile replaces the selection: start from the catalog's defaults.
        resetToCatalogDefaults(l);
        ok = profile.applyTo(l, error);
        if (!ok)
            l.restore(before);
    });
    if (!ok)
        spdlog::warn("profile not applied: {}", error ? error->toStdString() : std::string());
    return ok;
}

void LayerDocument::restoreState(const SizeLedger::State &state)
{
    m_ledger->restore(state);
    refreshSpares();
    Q_EMIT selectionChanged();
}

void LayerDocument::refreshSpares()
{
    if (m_metadataUsers)
        m_metadataUsers->spareIn(*m_ledger);
}

void LayerDocument::change(const QString &text, const std::function<void(SizeLedger &)> &op)
{
    SizeLedger::State before = m_ledger->state();
    op(*m_ledger);
    refreshSpares(); // a pruned reader no longer keeps the metadata it reads
    SizeLedger::State after = m_ledger->state();
    if (before == after)
        return;
    m_undo.push(new SelectionCommand(this, std::move(before), std::move(after), text));
    Q_EMIT selectionChanged();
}
