// The installed distributions of a layer and the bytes each one brings: every
// file attributed to the distribution that installed it (from RECORD, else
// installed-files.txt, else top_level.txt and the folder names; bytecode in
// __pycache__ goes with its source), and the requirement graph from
// Requires-Dist with markers evaluated for the target.
#pragma once

#include "base/bitset.h"
#include "scan/zipscanner.h"
#include "select/requirement.h"
#include "select/targets.h"
#include "tree/filetree.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

class Bitset;
class SizeLedger;
class JobControl;

// How a distribution's files were found.
enum class OwnershipSource : std::uint8_t {
    Record,         // *.dist-info/RECORD lists every file, also outside the package folder
    InstalledFiles, // *.egg-info/installed-files.txt (pip's egg-info installs)
    TopLevel,       // *.egg-info/top_level.txt (or the name) matched to package-root folders and modules
};

struct Distribution {
    QString name;                 // METADATA/PKG-INFO Name, as written
    QString normalized;           // PEP 503 form, the key names are matched by
    QString version;              // METADATA Version
    FileTree::Index infoNode = 0; // the *.dist-info / *.egg-info folder (or egg-info file)
    OwnershipSource source = OwnershipSource::TopLevel;
    std::vector<Requirement> declared; // every Requires-Dist, markers unevaluated
    QStringList activeExtras;          // extras some installed requirer asks of it
    std::vector<int> dependencies;     // installed distributions it needs on the target (indices)
    std::vector<int> requiredBy;       // installed distributions that need it (indices)
    QStringList missing;               // required on the target but not installed (normalised names)
    bool topLevel = true;              // required by no other installed distribution
    std::uint32_t files = 0;           // files attributed to it that are in the tree
    std::uint64_t bytes = 0;           // their bytes
};

class Distributions
{
public:
    static constexpr int kNone = -1;

    // Reads every distribution's metadata below the package root (zip
    // sources through `zipEntries`) and attributes the tree's files. Metadata
    // that cannot be read is reported in problems(), never fatal.
    [[nodiscard]] static Distributions scan(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries,
                                            const Target &target = Target{});

    [[nodiscard]] const std::vector<Distribution> &all() const { return m_dists; }
    [[nodiscard]] const Distribution &at(int d) const { return m_dists[std::size_t(d)]; }
    [[nodiscard]] int count() const { return int(m_dists.size()); }
    // The distribution with that name in any spelling PEP 503 equates, or kNone.
    [[nodiscard]] int byNormalizedName(QStringView name) const;
    // Who installed a file; for a folder, the one owner of every file below it
    // (kNone when nobody or more than one distribution owns files there).
    [[nodiscard]] int ownerOf(FileTree::Index node) const { return m_owner[node]; }
    // Who owns the top-level package or module `importName` ("numpy", "six"), or kNone.
    [[nodiscard]] int ownerOfTopLevel(QByteArrayView importName) const;

    [[nodiscard]] std::uint64_t unownedBytes() const { return m_unownedBytes; }
    [[nodiscard]] std::uint32_t unownedFiles() const { return m_unownedFiles; }
    // Messages naming a metadata file and why it could not be used.
    [[nodiscard]] const QStringList &problems() const { return m_problems; }

    // Bytes of each distribution's files that the ledger keeps (every byte
    // without a ledger), indexed like all(); one pass over the tree.
    [[nodiscard]] std::vector<std::uint64_t> keptBytes(const SizeLedger *ledger) const;
    // The same for a pruned set (null: every byte), e.g. a selection copied for a worker.
    [[nodiscard]] std::vector<std::uint64_t> keptBytes(const Bitset *pruned) const;
    // What dropping top-level (or any) distribution d frees: d and every
    // distribution it needs, directly or not, that no other kept top-level
    // distribution needs. A distribution counts as kept while the ledger keeps
    // any of its files.
    [[nodiscard]] std::vector<int> exclusiveSet(int d, const SizeLedger *ledger) const;
    [[nodiscard]] std::uint64_t exclusiveBytes(int d, const SizeLedger *ledger) const;
    // The same from keptBytes() counted once, for a table of every
    // distribution: the overloads above each count it afresh.
    [[nodiscard]] std::vector<int> exclusiveSet(int d, const std::vector<std::uint64_t> &kept) const;
    [[nodiscard]] std::uint64_t exclusiveBytes(int d, const std::vector<std::uint64_t> &kept) const;
    // "Why is this here?": d, a distribution that requires it, … up to one
    // required by none (the shortest such chain); just d when it is top-level
    // or only a requirement cycle holds it.
    [[nodiscard]] std::vector<int> requiredChain(int d) const;
    // Prunes (as manual marks) every file of each named distribution's
    // exclusive set, name by name, each judged on the ledger as the drops
    // before it left it: kept bytes then fall by exactly the exclusive bytes
    // shown for it. A file the user
    // marked to keep stays kept. Fails, naming the distribution, when one is
    // not installed; the ledger is then unchanged. `marked` (when given)
    // receives the files it marked.
    bool drop(SizeLedger &ledger, const QStringList &names, QString *error, Bitset *marked = nullptr) const;
    // Takes the top-level requirements from the user (a requirements file's
    // names) instead of "required by no other installed distribution".
    // Returns the names that are not installed.
    QStringList setTopLevel(const QStringList &names);
    // The distribution whose metadata folder (or egg-info file) is `info`, or kNone.
    [[nodiscard]] int byInfoNode(FileTree::Index info) const;

private:
    void attribute(const FileTree &tree, int d, FileTree::Index node);
    void buildGraph(const Target &target);

    std::vector<Distribution> m_dists;
    QHash<QString, int> m_byName;
    // Per node: a file's owner, or a folder's single owner. 4 bytes a node
    // (0.8 MB for a 200,000-node tree); names and graph are per distribution.
    std::vector<int> m_owner;
    const FileTree *m_tree = nullptr;
    std::uint64_t m_unownedBytes = 0;
    std::uint32_t m_unownedFiles = 0;
    QStringList m_problems;
};
