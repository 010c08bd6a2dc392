// Predicts an export's zip size to the byte for any selection. A background
// pass encodes every exportable file once at a level (libdeflate is
// deterministic) and keeps its stored size; a prediction is then a word-wise
// pass over the exported nodes adding sizes and header lengths that depend only
// on name lengths and the prefix. Until the pass ends, predictions are an
// estimate from per-category deflate ratios, marked approximate. With a
// CompressedSizeCache the pass reuses sizes of file versions seen before.
#pragma once

#include "base/bitset.h"
#include "base/hugepages.h"
#include "base/jobcontrol.h"
#include "export/exportmask.h"
#include "scan/zipscanner.h"
#include "select/sizeledger.h"
#include "transform/exporttransform.h"
#include "tree/filetree.h"
#include "tree/nodecategory.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

class CompressedSizeCache;

class ZipSizePredictor
{
public:
    // How a prediction's stored sizes were found.
    enum class Method : std::uint8_t {
        CategoryRatios,   // each file's size times its category's deflate ratio (approximate)
        Deflated,         // every file deflated at the level, or its size taken from the cache
        CentralDirectory, // a zip source: the stored sizes its central directory gives
    };
    struct Prediction {
        std::uint64_t bytes = 0;                // the zip's size
        bool exact = false;                     // false until compute() has finished for this level
        Method method = Method::CategoryRatios; // where the stored sizes came from
    };
    // The share of its bytes a file of each NodeCategory keeps under deflate
    // level 6, measured over Debian's numpy/scipy/pandas and a machine's
    // dist-packages (per category they agreed within 0.05); used until exact.
    [[nodiscard]] static double approximateRatio(NodeCategory category);
    // "category-ratios", "deflated" or "central-directory" (scan --json's zip_estimate_method).
    [[nodiscard]] static QString methodId(Method method);

    // A zip source's stored sizes are known at once (export copies them raw),
    // so its predictions are exact without compute(). A folder's estimate
    // needs the tree's categories: pass them when they are at hand
    // (NodeClassifier::classifyAll), else they are worked out here. They are
    // read by the constructor only, not kept.
    ZipSizePredictor(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries,
                     const std::vector<NodeCategory> *categories = nullptr);

    // Encodes every exportable file at `level` (0..12) on `threads` threads
    // (0: one per core). Safe to run on a worker thread while predict() is
    // called elsewhere. False when cancelled or a file could not be read
    // (`error` names it); earlier exact results are then kept.
    bool compute(int level, JobControl *control = nullptr, int threads = 0, QString *error = nullptr);
    // compute() takes sizes of unchanged files from `cache` and records the
    // ones it deflates there, then saves it (null: no cache, the default).
    void setCache(CompressedSizeCache *cache) { m_cache = cache; }
    // Why the last compute() could not save the cache (empty when it could):
    // a warning, the sizes are right either way.
    [[nodiscard]] QString cacheWarning() const;
    // The level the exact sizes are for (-1 when none).
    [[nodiscard]] int level() const;

    // Predicts exports written with `transform`'s stripped copies: each is
    // encoded at `level` (the export's) and stands in for its source file.
    // The files a bytecode mode adds or drops are not predicted: with one,
    // predictions stay approximate. False with `error` when a copy cannot be read.
    bool useTransform(const ExportTransform &transform, int level, QString *error = nullptr);

    // Everything `ledger`'s selection needs for exact predictions at `level`:
    // compute(), and when the strip rule is on, stripped copies of all its
    // matches (the same ExportTransform path export takes, so the bytes are
    // the ones export writes), whose real savings are handed to the ledger
    // (SizeLedger::setTransformSavings) for the rule's bytes.
    bool compute(SizeLedger &ledger, int level, JobControl *control = nullptr, int threads = 0,
                 QString *error = nullptr);
    // The strip half of that, for a caller whose ledger lives on another
    // thread (the GUI): strips `stripMatches` (the strip rule's matches) as
    // export would, uses the copies for predictions, and returns what each
    // saves, for SizeLedger::setTransformSavings. Needs compute(level) first
    // for exact predictions. nullopt with `error` when cancelled or unreadable.
    // What the export report's rule bytes need without the deflate pass: when
    // `ledger`'s strip rule is on and its savings are not yet measured,
    // strips its matches as above and hands the savings to the ledger.
    static bool measureStripSavings(SizeLedger &ledger, const std::vector<ZipEntryRef> &zipEntries, int level,
                                    JobControl *control = nullptr, int threads = 0, QString *error = nullptr);
    [[nodiscard]] std::optional<std::unordered_map<FileTree::Index, std::uint64_t>>
    measureStrip(const Bitset &stripMatches, int level, JobControl *control = nullptr, int threads = 0,
                 QString *error = nullptr);

    // The size Exporter would write for `pruned` (SizeLedger::pruned()) under a
    // normalised prefix (ExportPlan::normalizePrefix), with the stripped copies
    // of the last useTransform() standing in for their sources.
    [[nodiscard]] Prediction predict(const Bitset &pruned, const QByteArray &prefix) const;
    // The size Exporter would write for `ledger`'s selection: its pruned set,
    // and stripped copies exactly where its strip rule (if on) rewrites files.
    // Exact only when every kept file strip rewrites has been measured.
    [[nodiscard]] Prediction predict(const SizeLedger &ledger, const QByteArray &prefix) const;

private:
    struct Sizes {
        int level = -1;
        BigVector<std::uint64_t> stored; // per node: bytes of its data in the zip
    };
    struct Replaced {
        std::uint64_t stored = 0;       // bytes of the stripped copy's data in the zip
        std::uint64_t uncompressed = 0; // the stripped copy's size
    };
    using ReplacedMap = std::unordered_map<FileTree::Index, Replaced>;
    // `strip`: the files written stripped (null: every replacement given).
    [[nodiscard]] Prediction predictWith(const Bitset &pruned, const QByteArray &prefix, const Bitset *strip) const;
    [[nodiscard]] std::uint64_t exactWalk(const Bitset &exported, const QByteArray &prefix, const Sizes &s,
                                          const ReplacedMap *replaced, const Bitset *strip) const;

    const FileTree &m_tree;
    const std::vector<ZipEntryRef> &m_zipEntries; // for stripping a zip source's entries
    ExportMask m_mask;
    BigVector<std::uint32_t> m_nameLength;   // entry name without prefix ('/' included for folders)
    BigVector<std::uint64_t> m_uncompressed; // per node: its content's size
    BigVector<std::uint64_t> m_approximate;  // per node: a guess of its stored size
    mutable std::mutex m_mutex;
    std::shared_ptr<const Sizes> m_exact;          // published by compute()
    std::shared_ptr<const ReplacedMap> m_replaced; // published by useTransform()
    std::shared_ptr<const Bitset> m_stripLookedAt; // published by useTransform(): files whose strip outcome is known
    bool m_bytecodeUnpredicted = false;            // the last transform adds or drops bytecode
    bool m_zipSource = false;
    CompressedSizeCache *m_cache = nullptr;
    QString m_cacheWarning; // guarded by m_mutex
};
