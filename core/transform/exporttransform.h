// What an export writes differently from its source: stripped copies of the
// native files in the strip set, and the bytecode option applied. Both are
// made in a scratch folder before anything is written (the source is only
// read), so the zip writer, the folder exporter and ZipSizePredictor all
// encode the very same bytes.
#pragma once

#include "base/bitset.h"
#include "base/jobcontrol.h"
#include "export/exportoptions.h"
#include "scan/zipscanner.h"
#include "tree/filetree.h"

#include <QByteArray>
#include <QTemporaryDir>

#include <memory>
#include <unordered_map>
#include <vector>

// A file in the scratch folder that an export writes.
struct TransformedFile {
    QByteArray path;        // absolute path in the scratch folder
    std::uint64_t size = 0; // its bytes
};

// A file the transform adds to the layer (a compiled .pyc).
struct AddedFile {
    QByteArray name; // package path, e.g. "pkg/__pycache__/mod.cpython-311.pyc"
    TransformedFile file;
};

class ExportTransform
{
public:
    ExportTransform();
    ~ExportTransform();
    ExportTransform(ExportTransform &&) noexcept;
    ExportTransform &operator=(ExportTransform &&) noexcept;

    // True when `options` asks for stripping or a bytecode mode other than Keep.
    [[nodiscard]] static bool wanted(const ExportOptions &options);

    // Strips the files of options.strip that are kept under `pruned` and
    // applies options.bytecode; `zipEntries` is Layer::zipEntries for a zip
    // source. False with `error` (no Python of the target's version, a file
    // that cannot be read, cancelled). A file strip refuses is kept as it is
    // and named in summary().warnings.
    bool prepare(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries, const Bitset &pruned,
                 const ExportOptions &options, JobControl *control, QString *error);

    // A descriptor on a scratch file for reading (the caller closes it), or
    // -1 with `error`.
    [[nodiscard]] static int open(const TransformedFile &file, QString *error);

    // `pruned` plus what the bytecode mode leaves out.
    [[nodiscard]] const Bitset &pruned() const { return m_pruned; }
    // The stripped copy that replaces node i, or null.
    [[nodiscard]] const TransformedFile *replacement(FileTree::Index i) const;
    [[nodiscard]] const std::unordered_map<FileTree::Index, TransformedFile> &replacements() const
    {
        return m_replaced;
    }
    // The files strip looked at (kept matches of options.strip), whether it
    // rewrote them or left them as they are (not ELF, refused, nothing to strip).
    [[nodiscard]] const Bitset &stripLookedAt() const { return m_stripLookedAt; }
    [[nodiscard]] const std::vector<AddedFile> &added() const { return m_added; }
    [[nodiscard]] const TransformSummary &summary() const { return m_summary; }

private:
    bool strip(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries, const Bitset &set, int threads,
               JobControl *control, QString *error);
    bool compile(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries, const ExportOptions &options,
                 JobControl *control, QString *error);

    std::unique_ptr<QTemporaryDir> m_scratch;
    Bitset m_pruned;
    Bitset m_stripLookedAt;
    std::unordered_map<FileTree::Index, TransformedFile> m_replaced;
    std::vector<AddedFile> m_added; // sorted by name
    TransformSummary m_summary;
};
