// The entries of one export in writing order: full entry names (prefix +
// package path, folders '/'-terminated) sorted by their bytes, with the node
// each comes from, or the transformed file it is written from.
#pragma once

#include "base/bitset.h"
#include "transform/exporttransform.h"
#include "tree/filetree.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

struct PlanEntry {
    FileTree::Index node = FileTree::kNone; // kNone for the folders the prefix itself creates
    NodeKind kind = NodeKind::Directory;    // Directory, File or Symlink
    QByteArray name;                        // full entry name, raw bytes
    std::int32_t added = -1;                // index into ExportTransform::added() for a file it adds
};

class ExportPlan
{
public:
    // `exported` comes from ExportMask::exported(); `prefix` is normalised.
    // With a `transform` (which must outlive the plan), stripped files count
    // with their new size and its added files join, with their folders.
    [[nodiscard]] static ExportPlan build(const FileTree &tree, const Bitset &exported, const QByteArray &prefix,
                                          const ExportTransform *transform = nullptr);
    // "python/" stays, "python" gains its slash, "" and "/" mean no prefix;
    // absolute-looking, "..", "." or empty components are refused with a reason.
    [[nodiscard]] static std::optional<QByteArray> normalizePrefix(const QString &prefix, QString *error);
    // The folders a prefix creates: "python/lib/" gives "python/", "python/lib/".
    [[nodiscard]] static std::vector<QByteArray> prefixFolders(const QByteArray &prefix);

    [[nodiscard]] const std::vector<PlanEntry> &entries() const { return m_entries; }
    [[nodiscard]] std::uint64_t files() const { return m_files; }
    [[nodiscard]] std::uint64_t symlinks() const { return m_symlinks; }
    [[nodiscard]] std::uint64_t folders() const { return m_folders; }
    [[nodiscard]] std::uint64_t fileBytes() const { return m_fileBytes; }

    // The scratch file a file entry is written from instead of the source
    // (a stripped copy or an added .pyc), or null.
    [[nodiscard]] const TransformedFile *transformed(const PlanEntry &e) const;
    // The bytes a file entry writes, uncompressed.
    [[nodiscard]] std::uint64_t fileSize(const FileTree &tree, const PlanEntry &e) const;
    // Zip mode bits: 0100644, 0100755 (executables), 040755, 0120777.
    [[nodiscard]] static std::uint32_t unixMode(const FileTree &tree, const PlanEntry &e);

private:
    void addTransformed(const QByteArray &prefix);

    const ExportTransform *m_transform = nullptr;
    std::vector<PlanEntry> m_entries;
    std::uint64_t m_files = 0;
    std::uint64_t m_symlinks = 0;
    std::uint64_t m_folders = 0;
    std::uint64_t m_fileBytes = 0;
};
