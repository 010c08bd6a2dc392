// Encodes an export plan's files and symlinks on a pool of threads (one per
// core by default) and hands the results to a single consumer in plan order,
// holding at most a fixed budget of buffers in flight whatever the input.
#pragma once

#include "base/jobcontrol.h"
#include "export/exportoptions.h"
#include "export/exportplan.h"
#include "export/zip/entryencoder.h"
#include "tree/filetree.h"

#include <functional>

class CompressedSizeCache;

class DeflatePipeline
{
public:
    // Called in plan order on the thread that called run(); `encoded` is empty
    // for folders. Returns false (with `error` set) to stop.
    using Consumer = std::function<bool(std::size_t index, EncodedEntry &encoded, QString *error)>;

    DeflatePipeline(const FileTree &tree, const ExportPlan &plan, int level, int threads, std::uint64_t budget);

    // False on the first failure (error names the source path) or on cancel.
    [[nodiscard]] bool run(const Consumer &consume, JobControl *control, QString *error, bool *cancelled);
    // Source files (not transformed copies) that stayed the same while they
    // were read record their deflated size in `cache` (null: none, the default).
    void recordSizesIn(CompressedSizeCache *cache) { m_cache = cache; }

    // Where the last run()'s time went: opening, reading, CRC and deflating
    // summed over the pool; the consumer's time as writing, and its waits.
    [[nodiscard]] const ExportPhases &phases() const { return m_phases; }

    // The absolute path of a node of a folder-sourced tree, as bytes.
    [[nodiscard]] static QByteArray sourcePath(const FileTree &tree, FileTree::Index node);

private:
    const FileTree &m_tree;
    const ExportPlan &m_plan;
    CompressedSizeCache *m_cache = nullptr;
    int m_level;
    int m_threads;
    std::uint64_t m_budget;
    ExportPhases m_phases;
};
