// The budget pane: the unzipped gauge against 262,144,000 bytes with the
// reserve for other layers, the zipped gauge against the 50 MB direct-upload
// limit, the reserve spin box, and the other layers and function code that
// share the 250 MB (zips, folders or plain sizes, remembered in QSettings).
#pragma once

#include "layerbudget.h"

#include <QWidget>

#include <cstdint>

class LayerDocument;
class LimitGauge;
class QListWidget;
class QSpinBox;
class QToolButton;

class BudgetPanel : public QWidget
{
    Q_OBJECT

public:
    explicit BudgetPanel(QWidget *parent = nullptr);

    void setDocument(LayerDocument *document);
    [[nodiscard]] LimitGauge *unzippedGauge() const { return m_unzipped; }
    [[nodiscard]] LimitGauge *zippedGauge() const { return m_zipped; }

    [[nodiscard]] std::uint64_t reserveBytes() const;
    // Sets the reserve (rounded to whole MB) and remembers it in QSettings.
    void setReserveBytes(std::uint64_t bytes);

    [[nodiscard]] const LayerBudget &budget() const { return m_budget; }
    // Adds a zip or folder measured now; false with `error` (naming the path) when it cannot be read.
    bool addOther(const QString &path, QString *error);
    void addOtherSize(const QString &label, std::uint64_t bytes);
    void removeOther(int index);

    // The zip prefix the zipped gauge counts entry names under.
    void setPrefix(const QString &prefix);

Q_SIGNALS:
    void reserveChanged(std::uint64_t bytes);
    // The other layers and code sharing the limit changed.
    void othersBytesChanged(std::uint64_t bytes);

private:
    void refresh();
    void refreshZipped();
    void othersChanged();
    void restoreOthers();
    void chooseOther(bool folder);
    void askOtherSize();

    LayerDocument *m_document = nullptr;
    LimitGauge *m_unzipped;
    LimitGauge *m_zipped;
    QSpinBox *m_reserve;
    QListWidget *m_othersList;
    QToolButton *m_removeOther;
    LayerBudget m_budget;
    QString m_prefix = QStringLiteral("python/");
};
