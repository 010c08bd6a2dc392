#include "gui/compare/comparejob.h"

#include "base/units.h"
#include "gui/shell/layerdocument.h"
#include "gui/shell/scanjob.h"
#include "select/distributions.h"

#include <QLocale>
#include <QtConcurrent>

#include <spdlog/spdlog.h>

CompareJob::CompareJob(const LayerDocument &document, const Target &target, QString otherPath, QObject *parent)
    : QObject(parent)
    , m_tree(std::make_shared<const FileTree>(document.tree()))
    , m_zipEntries(std::make_shared<const std::vector<ZipEntryRef>>(document.layer().zipEntries))
    , m_pruned(std::make_shared<const Bitset>(document.ledger().pruned()))
    , m_target(target)
    , m_otherPath(std::move(otherPath))
{
    connect(&m_watcher, &QFutureWatcher<std::shared_ptr<const LayerDiff>>::finished, this, &CompareJob::compared);
}

CompareJob::~CompareJob()
{
    delete m_scan; // cancels a scan still running
    m_watcher.waitForFinished();
}

void CompareJob::start()
{
    m_running = true;
    m_scan = new ScanJob(m_otherPath, this);
    connect(m_scan, &ScanJob::progress, this, [this](quint64 files, quint64 bytes, const QString &) {
        Q_EMIT progress(
            tr("Scanning %1… %2 files, %3").arg(m_otherPath, QLocale().toString(files), units::localBytes(bytes)));
    });
    connect(m_scan, &ScanJob::finished, this, &CompareJob::scanned);
    Q_EMIT progress(tr("Scanning %1…").arg(m_otherPath));
    m_scan->start();
}

void CompareJob::cancel()
{
    m_cancelled = true;
    if (m_scan)
        m_scan->cancel();
}

void CompareJob::scanned(std::shared_ptr<Layer> other, const QString &error, bool cancelled)
{
    m_scan->deleteLater();
    m_scan = nullptr;
    if (!other || m_cancelled) {
        finish(nullptr, cancelled || m_cancelled ? tr("Comparison cancelled.") : error, cancelled || m_cancelled);
        return;
    }
    Q_EMIT progress(tr("Comparing %1 with this layer…").arg(m_otherPath));
    m_watcher.setFuture(
        QtConcurrent::run([other, tree = m_tree, zip = m_zipEntries, pruned = m_pruned, target = m_target] {
            const Distributions distsA = Distributions::scan(*other->tree, other->zipEntries, target);
            const Distributions distsB = Distributions::scan(*tree, *zip, target);
            return std::shared_ptr<const LayerDiff>(std::make_shared<LayerDiff>(
                LayerDiff::compare({other->tree.get(), &other->zipEntries, nullptr, &distsA},
                                   {tree.get(), zip.get(), pruned.get(), &distsB})));
        }));
}

void CompareJob::compared()
{
    if (m_cancelled) {
        finish(nullptr, tr("Comparison cancelled."), true);
        return;
    }
    const std::shared_ptr<const LayerDiff> diff = m_watcher.result();
    spdlog::info("compared {} with the open layer: {} -> {} bytes, {} added, {} removed, {} changed",
                 m_otherPath.toStdString(), diff->bytesA, diff->bytesB, diff->added.size(), diff->removed.size(),
                 diff->changed.size());
    finish(diff, QString(), false);
}

void CompareJob::finish(std::shared_ptr<const LayerDiff> diff, const QString &error, bool cancelled)
{
    m_running = false;
    if (!diff && !cancelled)
        spdlog::warn("cannot compare with {}: {}", m_otherPath.toStdString(), error.toStdString());
    Q_EMIT finished(std::move(diff), error, cancelled);
}
