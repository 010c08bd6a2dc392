// The "strip" transform: predicts from section headers what
// `strip --strip-unneeded` frees in each native file (symbol tables and debug
// sections), and strips COPIES with binutils for export, never the source.
#pragma once

#include "base/bitset.h"
#include "base/jobcontrol.h"
#include "checks/elffile.h"
#include "scan/zipscanner.h"
#include "tree/filetree.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

struct StripEstimate {
    FileTree::Index node = FileTree::kNone;
    QByteArray path;           // package path
    std::uint64_t size = 0;    // bytes now
    std::uint64_t savings = 0; // bytes strip is predicted to remove
    QString error;             // set when the file could not be read as ELF (savings 0)
};

struct StripTotals {
    std::uint64_t bytes = 0;   // size of the ELF files considered
    std::uint64_t savings = 0; // predicted bytes freed
    std::uint32_t files = 0;   // ELF files considered
};

class Stripper
{
public:
    // Bytes --strip-unneeded removes from a parsed file: the non-loaded
    // .symtab/.strtab/.debug_* sections, their section headers and names.
    [[nodiscard]] static std::uint64_t savings(const ElfInfo &info);
    // True for a section --strip-unneeded drops.
    [[nodiscard]] static bool isStrippable(const ElfSection &s, int elfType);

    // Predicted savings for one file on disk; nullopt with `error` when it is not ELF.
    [[nodiscard]] static std::optional<std::uint64_t> estimateFile(const QString &path, QString *error = nullptr);

    // Per-file predictions for the regular ELF files in `stripSet` (e.g. the
    // strip rule's matches minus what is pruned). Files that are not ELF are
    // left out. For a zip source pass its entries.
    [[nodiscard]] static std::vector<StripEstimate> estimate(const FileTree &tree, const Bitset &stripSet,
                                                             const std::vector<ZipEntryRef> *zipEntries = nullptr,
                                                             JobControl *control = nullptr);
    [[nodiscard]] static StripTotals totals(const std::vector<StripEstimate> &estimates);

    // Writes a stripped copy of `src` to `dst` (through a temporary file
    // beside it, renamed into place) with `strip --strip-unneeded`. `src` is
    // only read; `dst` must be another file. False with `error` (strip's
    // message, or what changed) on failure, leaving `dst` as it was: a copy
    // whose program headers or dynamic section differ from `src`'s
    // (loaderChange) is refused, so the original is used.
    static bool stripCopy(const QString &src, const QString &dst, QString *error);
    // The same for bytes in memory (e.g. an entry of a zip source).
    static bool stripData(const QByteArray &in, QByteArray *out, QString *error);

    // What stripping changed in the program headers or dynamic section of
    // `original` (ElfFile::loaderChange), or why either cannot be read; empty
    // when the loader sees the same file.
    [[nodiscard]] static QString loaderChange(const QString &original, const QString &stripped);

    // The binutils strip used ("strip" on PATH), empty when missing.
    [[nodiscard]] static QString program();
};
