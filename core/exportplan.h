// The entries of one export in writing order: full entry names (prefix +
// package path, folders '/'-terminated) sorted by their bytes, with the node
// each comes from.
#pragma once

#include "bitset.h"
#include "filetree.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

struct PlanEntry {
    FileTree::Index node = FileTree::kNone; // kNone for the folders the prefix itself creates
    NodeKind kind = NodeKind::Directory;    // Directory, File or Symlink
    QByteArray name;                        // full entry name, raw bytes
};

class ExportPlan
{
public:
    // `exported` comes from ExportMask::exported(); `prefix` is normalised.
    [[nodiscard]] static ExportPlan build(const FileTree &tree, const Bitset &exported, const QByteArray &prefix);
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

private:
    std::vector<PlanEntry> m_entries;
    std::uint64_t m_files = 0;
    std::uint64_t m_symlinks = 0;
    std::uint64_t m_folders = 0;
    std::uint64_t m_fileBytes = 0;
};
