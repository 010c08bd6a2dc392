// Predicts an export's zip size to the byte for any selection. A background
// pass encodes every exportable file once at a level (libdeflate is
// deterministic) and keeps its stored size; a prediction is then a word-wise
// pass over the exported nodes adding sizes and header lengths that depend only
// on name lengths and the prefix. Until the pass ends, predictions are marked
// approximate.
#pragma once

#include "bitset.h"
#include "exportmask.h"
#include "exporttransform.h"
#include "filetree.h"
#include "scancontrol.h"
#include "zipscanner.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

class ZipSizePredictor
{
public:
    struct Prediction {
        std::uint64_t bytes = 0; // the zip's size
        bool exact = false;      // false until compute() has finished for this level
    };
    // Deflate keeps about this share of a typical scientific layer; used until exact.
    static constexpr double kApproximateRatio = 0.4;

    // A zip source's stored sizes are known at once (export copies them raw),
    // so its predictions are exact without compute().
    ZipSizePredictor(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries);

    // Encodes every exportable file at `level` (0..12) on `threads` threads
    // (0: one per core). Safe to run on a worker thread while predict() is
    // called elsewhere. False when cancelled or a file could not be read
    // (`error` names it); earlier exact results are then kept.
    bool compute(int level, JobControl *control = nullptr, int threads = 0, QString *error = nullptr);
    // The level the exact sizes are for (-1 when none).
    [[nodiscard]] int level() const;

    // Predicts exports written with `transform`'s stripped copies: each is
    // encoded at `level` (the export's) and stands in for its source file.
    // The files a bytecode mode adds or drops are not predicted. False with
    // `error` when a copy cannot be read.
    bool useTransform(const ExportTransform &transform, int level, QString *error = nullptr);

    // The size Exporter would write for `pruned` (SizeLedger::pruned()) under a
    // normalised prefix (ExportPlan::normalizePrefix).
    [[nodiscard]] Prediction predict(const Bitset &pruned, const QByteArray &prefix) const;

private:
    struct Sizes {
        int level = -1;
        std::vector<std::uint64_t> stored; // per node: bytes of its data in the zip
    };
    struct Replaced {
        std::uint64_t stored = 0;       // bytes of the stripped copy's data in the zip
        std::uint64_t uncompressed = 0; // the stripped copy's size
    };
    using ReplacedMap = std::unordered_map<FileTree::Index, Replaced>;
    [[nodiscard]] std::uint64_t exactWalk(const Bitset &exported, const QByteArray &prefix, const Sizes &s,
                                          const ReplacedMap *replaced) const;

    const FileTree &m_tree;
    ExportMask m_mask;
    std::vector<std::uint32_t> m_nameLength;     // entry name without prefix ('/' included for folders)
    std::vector<std::uint64_t> m_uncompressed;   // per node: its content's size
    std::vector<std::uint64_t> m_approximate;    // per node: a guess of its stored size
    mutable std::mutex m_mutex;
    std::shared_ptr<const Sizes> m_exact;        // published by compute()
    std::shared_ptr<const ReplacedMap> m_replaced; // published by useTransform()
    bool m_zipSource = false;
};
