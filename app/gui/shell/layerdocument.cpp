#include "gui/shell/layerdocument.h"

#include "checks/layertarget.h"
#include "checks/metadatausers.h"
#include "checks/trace.h"
#include "checks/traceprune.h"
#include "gui/budget/zipestimator.h"
#include "gui/shell/selectioncommand.h"
#include "select/distributions.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent>

#include <spdlog/spdlog.h>

namespace {

// The distributions with requirement markers read for the layer's own target.
Distributions readDistributions(const Layer &layer)
{
    const std::optional<Target> target =
        LayerTarget::infer(*layer.tree, layer.zipEntries).choose({}, {}, {}, {}).target();
    return Distributions::scan(*layer.tree, layer.zipEntries, target.value_or(Target{}));
}

} // namespace

LayerDocument::LayerDocument(std::shared_ptr<Layer> layer, QString path, QObject *parent, Background background)
    : QObject(parent)
    , m_layer(std::move(layer))
    , m_categories(NodeClassifier::classifyAll(*m_layer->tree))
    , m_ledger(std::make_unique<SizeLedger>(*m_layer->tree))
    , m_zip(std::make_unique<ZipEstimator>(m_layer, kEstimateLevel,
                                           m_ledger->ruleMatches(RuleCatalog::indexOf(RuleId::Strip)), m_categories))
    , m_droppedFiles(m_layer->tree->count())
    , m_path(std::move(path))
{
    // Stripping's real savings give the strip rule its bytes and the kept
    // total its exported size, as `scan` measures them.
    connect(m_zip.get(), &ZipEstimator::exactReady, this, [this] {
        if (const auto &savings = m_zip->stripSavings())
            m_ledger->setTransformSavings(RuleCatalog::indexOf(RuleId::Strip), *savings);
        Q_EMIT zipEstimateReady();
    });
    if (background == Background::Now)
        startBackgroundWork();
}

void LayerDocument::startBackgroundWork()
{
    if (isBackgroundStarted())
        return;
    m_zip->start();
    startBackgroundReads();
}

void LayerDocument::startBackgroundReads()
{
    // Who installed what, and what the layer's code reads of its metadata,
    // found while the user looks at the treemap; the dist-info rules spare
    // those reads from then on.
    struct Reads {
        std::shared_ptr<const Distributions> distributions;
        MetadataUsers users;
    };
    m_metadataScan = std::make_shared<JobControl>();
    auto *watcher = new QFutureWatcher<Reads>(this);
    connect(watcher, &QFutureWatcher<Reads>::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (m_metadataScan->cancelled())
            return;
        Reads reads = watcher->result();
        for (const QString &problem : reads.distributions->problems())
            spdlog::warn("distributions: {}", problem.toStdString());
        for (const QString &problem : reads.users.problems)
            spdlog::warn("cannot look for metadata reads in {}", problem.toStdString());
        if (!m_distributions) { // a profile's drops may have needed them sooner
            m_distributions = std::move(reads.distributions);
            Q_EMIT distributionsReady();
        }
        m_metadataUsers = std::make_unique<MetadataUsers>(std::move(reads.users));
        refreshSpares();
        Q_EMIT selectionChanged();
        Q_EMIT metadataSparesReady();
    });
    watcher->setFuture(QtConcurrent::run([layer = m_layer, control = m_metadataScan] {
        Reads reads;
        reads.distributions = std::make_shared<const Distributions>(readDistributions(*layer));
        reads.users = MetadataUsers::find(*layer->tree, &layer->zipEntries, *reads.distributions, control.get());
        return reads;
    }));
}

// The undo stack's commands point back here; clear them before the ledger goes.
LayerDocument::~LayerDocument()
{
    if (m_metadataScan) // null until the background passes start
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

bool LayerDocument::loadTrace(const QString &file, const QString &expectedSha256, QString *error, QStringList *warnings)
{
    const QString path = QFileInfo(file).absoluteFilePath();
    const std::optional<Trace> trace = Trace::load(path, error);
    if (!trace || !TracePrune::load(*m_ledger, m_layer->zipEntries, path, expectedSha256, warnings, error))
        return false;
    m_traceFile = path;
    m_traceSha256 = trace->smokeSha256;
    Q_EMIT selectionChanged();
    return true;
}

void LayerDocument::setRuleEnabled(int rule, bool on)
{
    if (on && RuleCatalog::all()[std::size_t(rule)].fromData && m_traceFile.isEmpty()) {
        Q_EMIT traceNeeded(rule);
        return;
    }
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

bool LayerDocument::dropDistributions(const QStringList &names, QString *error)
{
    if (!m_distributions) {
        if (error)
            *error = tr("The layer's distributions are still being read.");
        return false;
    }
    bool ok = true;
    change(names.size() == 1 ? tr("Drop %1").arg(names.first())
                             : tr("Drop %n distribution(s)", nullptr, int(names.size())),
           [&](SizeLedger &l) {
               Bitset marked;
               ok = m_distributions->drop(l, names, error, &marked);
               if (ok) {
                   m_dropped += names;
                   m_droppedFiles |= marked;
               }
           });
    return ok;
}

bool LayerDocument::setRequirementsFile(const QString &file, QStringList *missing, QString *error)
{
    if (!m_distributions) {
        if (error)
            *error = tr("The layer's distributions are still being read.");
        return false;
    }
    const std::optional<QStringList> names = Requirement::namesInFile(file, error);
    if (!names)
        return false;
    auto dists = std::make_shared<Distributions>(*m_distributions);
    const QStringList notInstalled = dists->setTopLevel(*names);
    if (missing)
        *missing = notInstalled;
    m_distributions = std::move(dists);
    m_requirementsFile = QFileInfo(file).absoluteFilePath();
    Q_EMIT distributionsReady();
    return true;
}

void LayerDocument::setSelection(const SizeLedger::State &state, const QString &text)
{
    change(text, [&](SizeLedger &l) { l.restore(state); });
}

Profile LayerDocument::profileOf(const SizeLedger &ledger, const Profile &base) const
{
    Profile p = base;
    p.tracePath = m_traceFile; // absolute: the profile may be saved anywhere
    p.traceSmokeSha256 = m_traceFile.isEmpty() ? QString() : m_traceSha256;
    // The drops replay as drop_distributions while every file they marked is
    // still pruned by hand; once the user has taken any back, the marks as
    // they are say it exactly.
    Bitset takenBack = m_droppedFiles;
    takenBack.subtract(ledger.manualPrunes());
    if (takenBack.any()) {
        p.dropDistributions.clear();
        return Profile::fromLedger(ledger, p);
    }
    p.dropDistributions = m_dropped;
    return Profile::fromLedger(ledger, p, &m_droppedFiles);
}

void LayerDocument::resetSelection()
{
    change(tr("Reset all choices"), [this](SizeLedger &l) {
        resetToCatalogDefaults(l);
        m_dropped.clear();
        m_droppedFiles.clear();
    });
}

bool LayerDocument::applyProfile(const Profile &profile, QString *error)
{
    // Its trace gives the not-traced rule what it prunes before the rules are applied.
    if (const QString trace = profile.traceFile(); !trace.isEmpty()) {
        QStringList warnings;
        if (!loadTrace(trace, profile.traceSmokeSha256, error, &warnings))
            return false;
        for (const QString &w : warnings)
            spdlog::warn("{}", w.toStdString());
    }
    for (const QString &id : profile.rules) {
        const int rule = RuleCatalog::indexOf(id);
        if (rule >= 0 && RuleCatalog::all()[std::size_t(rule)].fromData && profile.tracePath.isEmpty()) {
            if (error)
                *error = tr("Rule “%1” needs a trace: name one in the profile's \"trace\".")
                             .arg(RuleCatalog::all()[std::size_t(rule)].displayTitle());
            return false;
        }
    }
    // Its drops need the distributions now, not when the background read ends.
    if (!profile.dropDistributions.isEmpty() && !m_distributions) {
        m_distributions = std::make_shared<const Distributions>(readDistributions(*m_layer));
        Q_EMIT distributionsReady();
    }
    const Selection before = selection();
    bool ok = true;
    change(tr("Apply profile"), [&](SizeLedger &l) {
        // A profile replaces the selection: start from the catalog's defaults.
        resetToCatalogDefaults(l);
        m_dropped.clear();
        m_droppedFiles = Bitset(tree().count());
        ok = profile.applyTo(l, error);
        if (ok && !profile.dropDistributions.isEmpty()) {
            ok = m_distributions->drop(l, profile.dropDistributions, error, &m_droppedFiles);
            m_dropped = profile.dropDistributions;
        }
        if (!ok) {
            l.restore(before.ledger);
            m_dropped = before.dropped;
            m_droppedFiles = before.droppedFiles;
        }
    });
    if (!ok)
        spdlog::warn("profile not applied: {}", error ? error->toStdString() : std::string());
    return ok;
}

LayerDocument::Selection LayerDocument::selection() const
{
    return {m_ledger->state(), m_dropped, m_droppedFiles};
}

void LayerDocument::restoreSelection(const Selection &selection)
{
    m_ledger->restore(selection.ledger);
    m_dropped = selection.dropped;
    m_droppedFiles = selection.droppedFiles;
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
    Selection before = selection();
    op(*m_ledger);
    refreshSpares(); // a pruned reader no longer keeps the metadata it reads
    Selection after = selection();
    if (before == after)
        return;
    m_undo.push(new SelectionCommand(this, std::move(before), std::move(after), text));
    Q_EMIT selectionChanged();
}
