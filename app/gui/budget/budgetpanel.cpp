#include "gui/budget/budgetpanel.h"

#include "base/units.h"
#include "gui/budget/limitgauge.h"
#include "gui/budget/stackoverlaps.h"
#include "gui/budget/zipestimator.h"
#include "gui/shell/layerdocument.h"
#include "gui/shell/scanjob.h"
#include "select/layerstack.h"
#include "select/profile.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <spdlog/spdlog.h>

namespace {
const QString kReserveKey = QStringLiteral("budget/reserveBytes");
const QString kOthersKey = QStringLiteral("budget/others");
} // namespace

BudgetPanel::BudgetPanel(QWidget *parent)
    : QWidget(parent)
    , m_unzipped(new LimitGauge(tr("Unzipped"), LayerBudget(units::kLambdaUnzippedLimit), this))
    , m_zipped(new LimitGauge(tr("Zipped"), LayerBudget::directUpload(), this))
    , m_reserve(new QSpinBox(this))
    , m_othersList(new QListWidget(this))
    , m_removeOther(new QToolButton(this))
    , m_measureStatus(new QLabel(this))
    , m_measureProgress(new QProgressBar(this))
    , m_overlaps(new StackOverlaps(this))
    , m_budget(units::kLambdaUnzippedLimit)
{
    m_unzipped->setObjectName(QStringLiteral("unzippedGauge"));
    m_unzipped->setToolTip(tr("Lambda allows 250 MB (262,144,000 bytes) unzipped for a function and all its "
                              "layers together; the hatched part is kept free for your other layers."));
    m_zipped->setObjectName(QStringLiteral("zippedGauge"));
    m_zipped->setToolTip(tr("A layer zip uploaded directly may be at most 50 MB; larger ones go through S3."));

    m_reserve->setObjectName(QStringLiteral("reserveSpinBox"));
    m_reserve->setRange(0, int(units::kLambdaUnzippedLimit / units::kMB));
    m_reserve->setSuffix(tr(" MB"));
    m_reserve->setToolTip(tr("Room to leave for the function code and your other layers"));
    setReserveBytes(QSettings().value(kReserveKey, QVariant::fromValue(quint64(units::kDefaultReserve))).toULongLong());
    connect(m_reserve, &QSpinBox::valueChanged, this,
            [this](int mb) { setReserveBytes(std::uint64_t(mb) * units::kMB); });

    // What else shares the 250 MB: each a segment of the unzipped gauge.
    m_othersList->setObjectName(QStringLiteral("othersList"));
    m_othersList->setMaximumHeight(m_othersList->fontMetrics().height() * 3 + 2 * m_othersList->frameWidth());
    m_othersList->setToolTip(tr("The function's code and its other layers: they count against the same 250 MB"));
    auto *addOther = new QToolButton(this);
    addOther->setText(tr("&Add"));
    addOther->setToolTip(tr("Add the function's code or another layer"));
    addOther->setPopupMode(QToolButton::InstantPopup);
    auto *addMenu = new QMenu(addOther);
    addMenu->addAction(tr("Layer or Function &Zip…"), this, [this] { chooseOther(false); });
    addMenu->addAction(tr("&Folder…"), this, [this] { chooseOther(true); });
    addMenu->addAction(tr("Size…"), this, &BudgetPanel::askOtherSize);
    addOther->setMenu(addMenu);
    m_removeOther->setText(tr("Remove"));
    m_removeOther->setEnabled(false);
    connect(m_othersList, &QListWidget::currentRowChanged, this,
            [this](int row) { m_removeOther->setEnabled(row >= 0); });
    connect(m_removeOther, &QToolButton::clicked, this, [this] { removeOther(m_othersList->currentRow()); });
    auto *othersButtons = new QVBoxLayout;
    othersButtons->addWidget(addOther);
    othersButtons->addWidget(m_removeOther);
    othersButtons->addStretch(1);
    auto *othersRow = new QHBoxLayout;
    othersRow->addWidget(m_othersList, 1);
    othersRow->addLayout(othersButtons);

    auto *title = new QLabel(tr("<b>Lambda budget</b>"), this);
    auto *reserveRow = new QFormLayout;
    reserveRow->setContentsMargins(0, 0, 0, 0);
    reserveRow->addRow(tr("&Reserve for other layers:"), m_reserve);
    reserveRow->addRow(tr("Sharing the limit:"), othersRow);
    // Zips and folders are measured in the background: a large one must not freeze the window.
    m_measureStatus->setObjectName(QStringLiteral("measureStatus"));
    m_measureStatus->setWordWrap(true);
    m_measureStatus->hide();
    m_measureProgress->setObjectName(QStringLiteral("measureProgress"));
    m_measureProgress->setRange(0, 0);
    m_measureProgress->setMaximumHeight(m_measureStatus->fontMetrics().height());
    m_measureProgress->hide();
    reserveRow->addRow(QString(), m_measureStatus);
    reserveRow->addRow(QString(), m_measureProgress);
    reserveRow->addRow(QString(), m_overlaps);
    connect(this, &BudgetPanel::otherRefused, this, [this](const QString &, const QString &error) {
        m_measureStatus->setText(tr("Left out of the budget: %1").arg(error));
        m_measureStatus->show();
        m_statusIsError = true;
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    // Make It Fit sits in the title row, beside the gauge it acts on.
    m_fit = new QPushButton(tr("Make It &Fit…"), this);
    m_fit->setObjectName(QStringLiteral("makeItFit"));
    m_fit->setToolTip(tr("Find the least risky selection that fits, each step verified with a real Python"));
    m_fit->setEnabled(false);
    connect(m_fit, &QPushButton::clicked, this, &BudgetPanel::fitRequested);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(title, 1);
    titleRow->addWidget(m_fit);
    layout->addLayout(titleRow);
    layout->addWidget(m_unzipped);
    layout->addLayout(reserveRow);
    layout->addWidget(m_zipped);
    layout->addStretch(1);
    restoreOthers();
    refresh();
}

BudgetPanel::~BudgetPanel()
{
    m_pending.clear();
    m_job.reset(); // cancels the worker and waits for it
}

void BudgetPanel::setReserveBytes(std::uint64_t bytes)
{
    bytes = std::min(bytes, m_budget.limitBytes());
    {
        // The spin box shows whole MB; the budget keeps the bytes a profile gave.
        const QSignalBlocker block(m_reserve);
        m_reserve->setValue(int((bytes + units::kMB / 2) / units::kMB));
    }
    if (bytes == m_budget.reserveBytes() && m_unzipped->reserve() == bytes)
        return;
    m_budget.setReserveBytes(bytes);
    QSettings().setValue(kReserveKey, QVariant::fromValue(quint64(bytes)));
    budgetChanged();
    Q_EMIT reserveChanged(bytes);
}

void BudgetPanel::setLimitBytes(std::uint64_t bytes)
{
    if (bytes == m_budget.limitBytes())
        return;
    m_budget.setLimitBytes(bytes);
    m_reserve->setMaximum(int(bytes / units::kMB));
    budgetChanged();
    Q_EMIT limitChanged(bytes);
}

void BudgetPanel::applyProfile(const Profile &profile)
{
    setLimitBytes(profile.limitBytes);
    setReserveBytes(profile.reserveBytes);
    setPrefix(profile.prefix);
}

bool BudgetPanel::isMeasuring() const
{
    return !m_pending.empty();
}

// The gauge is handed core's budget whole: limit, reserve and items.
void BudgetPanel::budgetChanged()
{
    m_unzipped->setBudget(m_budget);
}

void BudgetPanel::setDocument(LayerDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_fit->setEnabled(document != nullptr);
    if (m_document) {
        connect(m_document, &LayerDocument::selectionChanged, this, &BudgetPanel::refresh);
        // The strip rule's savings arrive with the exact pass: both gauges change.
        connect(m_document, &LayerDocument::zipEstimateReady, this, &BudgetPanel::refresh);
    }
    m_overlaps->setDocument(document);
    refresh();
}

void BudgetPanel::refresh()
{
    if (!m_document) {
        m_unzipped->setValue(std::nullopt, tr("open a layer"));
        m_zipped->setValue(std::nullopt, tr("open a layer"));
        return;
    }
    // What export writes unzipped (stripped sizes when strip is on), as `scan` judges it.
    const LedgerTotals totals = m_document->ledger().totals();
    m_unzipped->setValue(totals.layerBytes, {}, !totals.layerBytesExact);
    refreshZipped();
    m_overlaps->refresh();
}

void BudgetPanel::setPrefix(const QString &prefix)
{
    m_prefix = prefix;
    refreshZipped();
    m_overlaps->setPrefix(prefix);
}

void BudgetPanel::refreshZipped()
{
    if (!m_document)
        return;
    const std::optional<ZipEstimator::Estimate> estimate =
        m_document->zipEstimator()->predict(m_document->ledger(), m_prefix);
    if (!estimate) {
        m_zipped->setValue(std::nullopt, tr("the prefix is not valid"));
        return;
    }
    m_zipped->setValue(estimate->bytes, {}, !estimate->exact);
    m_zipped->setToolTip(
        tr("A layer zip uploaded directly may be at most 50 MB; larger ones go through S3.") + QLatin1Char('\n') +
        (estimate->exact ? tr("The zip the export writes at level %1, to the byte.").arg(LayerDocument::kEstimateLevel)
                         : tr("An estimate while every file is compressed once in the background; "
                              "it becomes exact to the byte when that ends.")));
}

void BudgetPanel::addOther(const QString &path)
{
    m_pending.push_back(Pending{QFileInfo(path).fileName(), path, 0});
    saveOthers();
    if (m_pending.size() == 1)
        measureNext();
}

void BudgetPanel::addOtherSize(const QString &label, std::uint64_t bytes)
{
    if (!m_pending.empty()) { // keeps the order the user gave
        m_pending.push_back(Pending{label, QString(), bytes});
        saveOthers();
        return;
    }
    m_budget.addSize(label, bytes);
    m_stacked.push_back(nullptr);
    othersChanged();
}

void BudgetPanel::measureNext()
{
    while (!m_pending.empty() && m_pending.front().path.isEmpty()) {
        m_budget.addSize(m_pending.front().label, m_pending.front().bytes);
        m_stacked.push_back(nullptr);
        m_pending.pop_front();
        othersChanged();
    }
    if (m_pending.empty()) {
        m_measureProgress->hide();
        if (!m_statusIsError)
            m_measureStatus->hide();
        Q_EMIT measuringFinished();
        return;
    }
    const QString path = m_pending.front().path;
    m_measureStatus->setText(tr("Measuring %1…").arg(QDir::toNativeSeparators(path)));
    m_measureStatus->show();
    m_statusIsError = false;
    m_measureProgress->show();
    m_job = std::make_unique<ScanJob>(path);
    connect(m_job.get(), &ScanJob::progress, this, [this, path](quint64 files, quint64 bytes, const QString &) {
        m_measureStatus->setText(
            tr("Measuring %1… %2 files, %3")
                .arg(QDir::toNativeSeparators(path), QLocale().toString(files), units::localBytes(bytes)));
    });
    connect(m_job.get(), &ScanJob::finished, this,
            [this, path](std::shared_ptr<Layer> layer, const QString &error, bool cancelled) {
                m_job.release()->deleteLater(); // this slot runs inside the job's signal
                m_pending.pop_front();
                if (layer) {
                    m_budget.addLayer(path, *layer);
                    // Its distributions, for the overlaps with this layer (metadata reads: quick next to the scan).
                    const Distributions dists = Distributions::scan(*layer->tree, layer->zipEntries);
                    m_stacked.push_back(std::make_shared<const StackedLayer>(
                        StackedLayer::of(dists, nullptr, StackedLayer::underSitePackages(*layer->tree))));
                    othersChanged();
                } else if (!cancelled) {
                    spdlog::warn("left out of the budget: {}", error.toStdString());
                    saveOthers();
                    Q_EMIT otherRefused(path, error);
                }
                measureNext();
            });
    m_job->start();
}

void BudgetPanel::removeOther(int index)
{
    if (index < 0 || index >= int(m_budget.items().size()))
        return;
    m_budget.removeItem(index);
    m_stacked.erase(m_stacked.begin() + index);
    othersChanged();
}

void BudgetPanel::chooseOther(bool folder)
{
    const QString dir = QSettings().value(QStringLiteral("budget/dir")).toString();
    const QString path = folder ? QFileDialog::getExistingDirectory(this, tr("Add a folder to the budget"), dir)
                                : QFileDialog::getOpenFileName(this, tr("Add a zip to the budget"), dir,
                                                               tr("Zip archives (*.zip);;All files (*)"));
    if (path.isEmpty())
        return;
    QSettings().setValue(QStringLiteral("budget/dir"), QFileInfo(path).absolutePath());
    addOther(path);
}

void BudgetPanel::askOtherSize()
{
    bool ok = false;
    const QString label =
        QInputDialog::getText(this, tr("Add a size"), tr("What takes the space (e.g. a layer's name):"),
                              QLineEdit::Normal, tr("function code"), &ok);
    if (!ok || label.trimmed().isEmpty())
        return;
    const double mb =
        QInputDialog::getDouble(this, tr("Add a size"), tr("Unzipped size of “%1” in MB:").arg(label.trimmed()), 10.0,
                                0.0, double(units::kLambdaUnzippedLimit / units::kMB), 2, &ok);
    if (ok)
        addOtherSize(label.trimmed(), std::uint64_t(mb * double(units::kMB) + 0.5));
}

void BudgetPanel::othersChanged()
{
    m_othersList->clear();
    for (const LayerBudget::Item &item : m_budget.items()) {
        auto *row = new QListWidgetItem(tr("%1 — %2").arg(item.label, units::localBytes(item.bytes)), m_othersList);
        row->setToolTip(item.path.isEmpty()
                            ? tr("%1 bytes").arg(units::localGroupedBytes(item.bytes))
                            : tr("%1: %2 bytes unzipped").arg(item.path, units::localGroupedBytes(item.bytes)));
    }
    std::vector<StackOverlaps::Other> stacked;
    for (std::size_t i = 0; i < m_budget.items().size(); ++i)
        stacked.push_back({m_budget.items()[i].label, i < m_stacked.size() ? m_stacked[i] : nullptr, {}});
    m_overlaps->setOthers(std::move(stacked));
    budgetChanged();
    saveOthers();
    Q_EMIT othersBytesChanged(m_budget.othersBytes());
}

// What is measured and what still waits, so closing the window mid-measure loses nothing.
void BudgetPanel::saveOthers() const
{
    QVariantList saved;
    for (const LayerBudget::Item &item : m_budget.items())
        saved.append(QVariantMap{{QStringLiteral("label"), item.label},
                                 {QStringLiteral("path"), item.path},
                                 {QStringLiteral("bytes"), QVariant::fromValue(quint64(item.bytes))}});
    for (const Pending &p : m_pending)
        saved.append(QVariantMap{{QStringLiteral("label"), p.label},
                                 {QStringLiteral("path"), p.path},
                                 {QStringLiteral("bytes"), QVariant::fromValue(quint64(p.bytes))}});
    QSettings().setValue(kOthersKey, saved);
}

// Zips and folders are measured again, in the background: they may have changed since last time.
void BudgetPanel::restoreOthers()
{
    for (const QVariant &v : QSettings().value(kOthersKey).toList()) {
        const QVariantMap m = v.toMap();
        m_pending.push_back(Pending{m.value(QStringLiteral("label")).toString(),
                                    m.value(QStringLiteral("path")).toString(),
                                    m.value(QStringLiteral("bytes")).toULongLong()});
    }
    if (m_pending.empty())
        othersChanged();
    else
        measureNext();
}
