// Under the budget's "Sharing the limit": for each other layer, the
// distributions this layer installs too, the bytes Lambda counts twice, and
// which copy Python imports (StackOverlap), kept up to date with the selection.
#pragma once

#include "select/layerstack.h"

#include <QLabel>

#include <memory>
#include <optional>

class LayerDocument;

class StackOverlaps : public QLabel
{
    Q_OBJECT

public:
    // Another layer sharing the limit, as the budget lists it.
    struct Other {
        QString label;                             // its list entry
        std::shared_ptr<const StackedLayer> layer; // null for a typed size
        std::vector<StackOverlap> overlaps;        // with this layer as kept, largest first
    };

    explicit StackOverlaps(QWidget *parent = nullptr);
    ~StackOverlaps() override;

    // The open layer, whose distributions the document reads after opening:
    // the overlaps follow once they are ready.
    void setDocument(LayerDocument *document);
    // This layer's export prefix: whether it unpacks into site-packages.
    void setPrefix(const QString &prefix);
    void setOthers(std::vector<Other> others);
    [[nodiscard]] const std::vector<Other> &others() const { return m_others; }
    // Recomputes every overlap for the current selection and rewrites the text.
    void refresh();

private:
    LayerDocument *m_document = nullptr;
    bool m_sitePackages = false;
    std::vector<Other> m_others;
};
