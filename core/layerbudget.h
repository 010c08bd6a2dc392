// The 250 MB Lambda budget a layer shares with the function's own code and its
// other layers: each of those is an item (a zip, a folder or a plain size), and
// what is left after them and the reserve is what this layer may still take.
#pragma once

#include "targets.h"

#include <QString>

#include <cstdint>
#include <vector>

class JobControl;

class LayerBudget
{
public:
    // Where an item's size came from.
    enum class ItemKind : std::uint8_t {
        Zip,    // a deployment or layer zip: the sum of its entries' uncompressed sizes
        Folder, // an unpacked folder: the sum of its regular files' sizes
        Size,   // a number the user typed (e.g. a layer only known from the console)
    };

    // What a gauge segment stands for.
    enum class SegmentKind : std::uint8_t {
        Item,    // one of the items, in the order they were added
        Reserve, // headroom kept back for layers not listed
        Layer,   // the layer being slimmed
        Free,    // what is left under the limit (0 when over)
    };

    struct Item {
        QString label; // shown on the gauge: a file name or what the user typed
        ItemKind kind = ItemKind::Size;
        QString path;  // empty for ItemKind::Size
        std::uint64_t bytes = 0;
    };

    struct Segment {
        SegmentKind kind = SegmentKind::Free;
        QString label;
        std::uint64_t bytes = 0;
        int item = -1; // index into items() for SegmentKind::Item
    };

    explicit LayerBudget(std::uint64_t limitBytes = Target::kLimitBytes, std::uint64_t reserveBytes = 0);

    // Adds a zip or a folder, measured now. Fails, naming the path and the
    // reason, when it cannot be read; the budget is unchanged then.
    bool addPath(const QString &path, QString *error, JobControl *control = nullptr);
    void addSize(const QString &label, std::uint64_t bytes);
    void removeItem(int index);
    void clear() { m_items.clear(); }

    void setLimitBytes(std::uint64_t bytes) { m_limit = bytes; }
    void setReserveBytes(std::uint64_t bytes) { m_reserve = bytes; }
    [[nodiscard]] std::uint64_t limitBytes() const { return m_limit; }
    [[nodiscard]] std::uint64_t reserveBytes() const { return m_reserve; }
    [[nodiscard]] const std::vector<Item> &items() const { return m_items; }

    // Sum of the items (saturating).
    [[nodiscard]] std::uint64_t othersBytes() const;
    // What this layer may still take: limit − reserve − items, or 0.
    [[nodiscard]] std::uint64_t remainingBytes() const;
    [[nodiscard]] bool fits(std::uint64_t layerBytes) const { return layerBytes <= remainingBytes(); }
    // How far a layer of `layerBytes` goes past the limit with everything else (0 when it fits).
    [[nodiscard]] std::uint64_t overBytes(std::uint64_t layerBytes) const;
    // The gauge, left to right: items, reserve, this layer, free. Empty
    // segments are left out except the layer's own.
    [[nodiscard]] std::vector<Segment> segments(std::uint64_t layerBytes) const;

private:
    std::uint64_t m_limit;
    std::uint64_t m_reserve;
    std::vector<Item> m_items;
};
