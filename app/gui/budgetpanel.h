// The budget pane: the unzipped gauge against 262,144,000 bytes with the
// reserve for other layers, the zipped gauge against the 50 MB direct-upload
// limit, and the reserve spin box.
#pragma once

#include <QWidget>

#include <cstdint>

class LayerDocument;
class LimitGauge;
class QSpinBox;

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

    // The zip prefix the zipped gauge counts entry names under.
    void setPrefix(const QString &prefix);

Q_SIGNALS:
    void reserveChanged(std::uint64_t bytes);

private:
    void refresh();
    void refreshZipped();

    LayerDocument *m_document = nullptr;
    LimitGauge *m_unzipped;
    LimitGauge *m_zipped;
    QSpinBox *m_reserve;
    QString m_prefix = QStringLiteral("python/");
};
