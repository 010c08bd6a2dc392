// The 250 MB Lambda budget a layer shares with the function's own code and its
// other layers: each of those is an item (a zip, a folder or a plain size), and
// what is left after them and the reserve is what this layer may still take.
// It is also the one place the verdict is made and worded: the GUI's gauges
// and status bar, `scan`, `export` and the export report all show what this
// class says, so they cannot disagree.
#pragma once

#include "base/units.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <vector>

class JobControl;
struct Layer;

class LayerBudget
{
    Q_DECLARE_TR_FUNCTIONS(LayerBudget)

public:
    // Where an item's size came from.
    enum class ItemKind : std::uint8_t {
        Zip,    // a deployment or layer zip: the sum of its entries' uncompressed sizes
        Folder, // an unpacked folder: the sum of its regular files' sizes
        Size,   // a number the user typed (e.g. a layer only known from the console)
    };

    // How a layer stands against the limit. A layer *fits* only in the first
    // state: that is what `fits` in JSON and exit status 0 mean for `scan` and
    // `export`. Eating into the reserve exits 2 like going over the limit,
    // because the reserve is room the user said other layers need.
    enum class Verdict : std::uint8_t {
        Fits,        // layer + items + reserve <= limit: the reserve is left whole
        IntoReserve, // layer + items <= limit, but less than the reserve is left
        OverLimit,   // layer + items > limit: Lambda refuses it
    };

    // What a gauge segment stands for.
    enum class SegmentKind : std::uint8_t {
        Item,    // one of the items, in the order they were added
        Layer,   // the layer being slimmed
        Free,    // room left before the reserve (0 once the layer eats into it)
        Reserve, // what is left of the reserve for layers not listed (0 when over)
    };

    // How bytes are written in a sentence: units::formatBytes for the CLI and
    // reports, units::localBytes for the GUI (the user's locale).
    using ByteFormat = QString (*)(std::uint64_t);

    struct Item {
        QString label; // shown on the gauge: a file name or what the user typed
        ItemKind kind = ItemKind::Size;
        QString path; // empty for ItemKind::Size
        std::uint64_t bytes = 0;
    };

    struct Segment {
        SegmentKind kind = SegmentKind::Free;
        QString label;
        std::uint64_t bytes = 0;
        int item = -1; // index into items() for SegmentKind::Item
    };

    explicit LayerBudget(std::uint64_t limitBytes = units::kLambdaUnzippedLimit, std::uint64_t reserveBytes = 0);
    // The zipped budget: a zip of at most 50 MB (52,428,800 bytes) can be
    // uploaded directly, a larger one only through S3. Its verdict is
    // Fits or OverLimit and its wording names the upload limit. Being over it
    // never changes an exit status: the layer still deploys through S3.
    [[nodiscard]] static LayerBudget directUpload();

    // Adds a zip or a folder, measured now. Fails, naming the path and the
    // reason, when it cannot be read; the budget is unchanged then.
    bool addPath(const QString &path, QString *error, JobControl *control = nullptr);
    // Adds a zip or folder already opened at `path` (e.g. on a worker thread).
    void addLayer(const QString &path, const Layer &layer);
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
    [[nodiscard]] Verdict verdict(std::uint64_t layerBytes) const;
    [[nodiscard]] bool fits(std::uint64_t layerBytes) const { return verdict(layerBytes) == Verdict::Fits; }
    // How far a layer of `layerBytes` goes past the limit with the items (0 when under it).
    [[nodiscard]] std::uint64_t overBytes(std::uint64_t layerBytes) const;
    // The gauge, left to right: each item, this layer, the room left before
    // the reserve, what is left of the reserve. Every kind is present (zero
    // when empty); the bytes add up to the limit, or to layer + items when over.
    [[nodiscard]] std::vector<Segment> segments(std::uint64_t layerBytes) const;

    // The verdict for JSON: "fits", "into_reserve", "over_limit".
    [[nodiscard]] static QString verdictId(Verdict v);
    // The verdict in a few words ("fits", "eats into the reserve", "over the
    // limit"; translated when a translator is installed).
    [[nodiscard]] QString verdictTitle(Verdict v) const;
    // The verdict as one sentence with its numbers, e.g. "fits: 119.7 MB to
    // spare beside the 20.0 MB reserve".
    [[nodiscard]] QString describe(std::uint64_t layerBytes, ByteFormat format = units::formatBytes) const;

private:
    std::uint64_t m_limit;
    std::uint64_t m_reserve;
    bool m_upload = false; // the zipped direct-upload budget: worded for it
    std::vector<Item> m_items;
};
