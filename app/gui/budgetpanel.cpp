#include "budgetpanel.h"

#include "layerdocument.h"
#include "limitgauge.h"
#include "units.h"
#include "zipestimator.h"

#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {
const QString kReserveKey = QStringLiteral("budget/reserveBytes");
}

BudgetPanel::BudgetPanel(QWidget *parent)
    : QWidget(parent)
    , m_unzipped(new LimitGauge(tr("Unzipped"), units::kLambdaUnzippedLimit, this))
    , m_zipped(new LimitGauge(tr("Zipped"), units::kLambdaZipUploadLimit, this))
    , m_reserve(new QSpinBox(this))
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
    const std::uint64_t saved =
        QSettings().value(kReserveKey, QVariant::fromValue(quint64(units::kDefaultReserve))).toULongLong();
    m_reserve->setValue(int(saved / units::kMB));
    m_unzipped->setReserve(reserveBytes());
    connect(m_reserve, &QSpinBox::valueChanged, this, [this] {
        QSettings().setValue(kReserveKey, QVariant::fromValue(quint64(reserveBytes())));
        m_unzipped->setReserve(reserveBytes());
        Q_EMIT reserveChanged(reserveBytes());
    });

    auto *title = new QLabel(tr("<b>Lambda budget</b>"), this);
    auto *reserveRow = new QFormLayout;
    reserveRow->setContentsMargins(0, 0, 0, 0);
    reserveRow->addRow(tr("&Reserve for other layers:"), m_reserve);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(title);
    layout->addWidget(m_unzipped);
    layout->addLayout(reserveRow);
    layout->addWidget(m_zipped);
    layout->addStretch(1);
    refresh();
}

std::uint64_t BudgetPanel::reserveBytes() const
{
    return std::uint64_t(m_reserve->value()) * units::kMB;
}

void BudgetPanel::setReserveBytes(std::uint64_t bytes)
{
    m_reserve->setValue(int((bytes + units::kMB / 2) / units::kMB));
}

void BudgetPanel::setDocument(LayerDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        connect(m_document, &LayerDocument::selectionChanged, this, &BudgetPanel::refresh);
        connect(m_document, &LayerDocument::zipEstimateReady, this, &BudgetPanel::refreshZipped);
    }
    refresh();
}

void BudgetPanel::refresh()
{
    if (!m_document) {
        m_unzipped->setValue(std::nullopt, tr("open a layer"));
        m_zipped->setValue(std::nullopt, tr("open a layer"));
        return;
    }
    m_unzipped->setValue(m_document->ledger().totals().keptBytes);
    refreshZipped();
}

void BudgetPanel::setPrefix(const QString &prefix)
{
    m_prefix = prefix;
    refreshZipped();
}

void BudgetPanel::refreshZipped()
{
    if (!m_document)
        return;
    const std::optional<ZipEstimator::Estimate> estimate =
        m_document->zipEstimator()->predict(m_document->ledger().pruned(), m_prefix);
    if (!estimate) {
        m_zipped->setValue(std::nullopt, tr("the prefix is not valid"));
        return;
    }
    m_zipped->setValue(estimate->bytes, {}, !estimate->exact);
    m_zipped->setToolTip(tr("A layer zip uploaded directly may be at most 50 MB; larger ones go through S3.")
                         + QLatin1Char('\n')
                         + (estimate->exact
                             ? tr("The zip the export writes at level %1, to the byte.").arg(LayerDocument::kEstimateLevel)
                             : tr("An estimate while every file is compressed once in the background; "
                                  "it becomes exact to the byte when that ends.")));
}
