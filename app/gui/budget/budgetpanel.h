// The budget pane: the unzipped gauge against the limit (262,144,000 bytes, or
// a profile's) with the reserve for other layers, the zipped gauge against the
// 50 MB direct-upload limit, the reserve spin box, and the other layers and
// function code that share the limit (zips, folders or plain sizes,
// remembered in QSettings). Zips and folders are measured on a worker thread,
// one at a time in the order they were added, with progress below the list.
#pragma once

#include "select/layerbudget.h"

#include <QWidget>

#include <cstdint>
#include <deque>
#include <memory>

class LayerDocument;
class LimitGauge;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QToolButton;
class ScanJob;
class StackOverlaps;
struct StackedLayer;
struct Profile;

class BudgetPanel : public QWidget
{
    Q_OBJECT

public:
    explicit BudgetPanel(QWidget *parent = nullptr);
    // Cancels a measurement still running and waits for its worker.
    ~BudgetPanel() override;

    void setDocument(LayerDocument *document);
    [[nodiscard]] LimitGauge *unzippedGauge() const { return m_unzipped; }
    [[nodiscard]] LimitGauge *zippedGauge() const { return m_zipped; }
    [[nodiscard]] QPushButton *fitButton() const { return m_fit; }

    [[nodiscard]] std::uint64_t reserveBytes() const { return m_budget.reserveBytes(); }
    // Sets the reserve to the byte (the spin box shows it in whole MB) and remembers it in QSettings.
    void setReserveBytes(std::uint64_t bytes);
    [[nodiscard]] std::uint64_t limitBytes() const { return m_budget.limitBytes(); }
    void setLimitBytes(std::uint64_t bytes);
    // A profile's limit, reserve and prefix: what `scan --profile` judges by.
    void applyProfile(const Profile &profile);

    [[nodiscard]] const LayerBudget &budget() const { return m_budget; }
    // Queues a zip or folder to be measured on a worker thread; it joins the
    // budget when measured, or otherRefused() names the path and the reason.
    void addOther(const QString &path);
    void addOtherSize(const QString &label, std::uint64_t bytes);
    void removeOther(int index);
    // The distributions other layers install too, and which copy Python imports.
    [[nodiscard]] StackOverlaps *stackOverlaps() const { return m_overlaps; }
    // True while zips or folders are still being measured.
    [[nodiscard]] bool isMeasuring() const;

    // The zip prefix the zipped gauge counts entry names under.
    void setPrefix(const QString &prefix);

Q_SIGNALS:
    void reserveChanged(std::uint64_t bytes);
    void limitChanged(std::uint64_t bytes);
    // The other layers and code sharing the limit changed.
    void othersBytesChanged(std::uint64_t bytes);
    // A zip or folder could not be measured; it is left out of the budget.
    void otherRefused(const QString &path, const QString &error);
    // Every queued zip and folder has been measured (or refused).
    void measuringFinished();
    // The user asked for Make It Fit.
    void fitRequested();

private:
    // A zip or folder waiting to be measured, or a typed size queued behind one.
    struct Pending {
        QString label;
        QString path; // empty for a typed size
        std::uint64_t bytes = 0;
    };

    void refresh();
    void refreshZipped();
    void budgetChanged();
    void othersChanged();
    void saveOthers() const;
    void restoreOthers();
    void measureNext();
    void chooseOther(bool folder);
    void askOtherSize();

    LayerDocument *m_document = nullptr;
    LimitGauge *m_unzipped;
    LimitGauge *m_zipped;
    QPushButton *m_fit = nullptr;
    QSpinBox *m_reserve;
    QListWidget *m_othersList;
    QToolButton *m_removeOther;
    QLabel *m_measureStatus;
    QProgressBar *m_measureProgress;
    StackOverlaps *m_overlaps;
    LayerBudget m_budget;
    std::vector<std::shared_ptr<const StackedLayer>> m_stacked; // per budget item: its distributions (null: a size)
    std::deque<Pending> m_pending;
    std::unique_ptr<ScanJob> m_job; // measures m_pending.front()
    bool m_statusIsError = false;   // m_measureStatus holds a refusal, left up until the next measurement
    QString m_prefix = QStringLiteral("python/");
};
