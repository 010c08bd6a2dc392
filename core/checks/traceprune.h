// What the "not used by the traced run" rule (not-traced) prunes, from a
// Trace: the package folders (an __init__.py inside, reached through packages
// from the package root) whose modules the run never imported, less what it
// must keep: files the run opened, listed or loaded, and native libraries a
// kept ELF file needs (DT_NEEDED through RPATH/RUNPATH and $ORIGIN, or a
// *.libs/ folder), followed until nothing new is needed.
#pragma once

#include "base/bitset.h"
#include "checks/trace.h"
#include "scan/zipscanner.h"
#include "select/sizeledger.h"
#include "tree/filetree.h"

#include <QString>
#include <QStringList>

#include <vector>

struct TracePrune {
    Bitset nodes;                  // the unimported package folders, each with its whole subtree
    std::vector<RuleSpare> spares; // what inside them stays, and why
    QStringList problems;          // native files that could not be read (their needs are not known)

    // Works it out for `tree`; `zipEntries` is the layer's entry table for a zip source.
    [[nodiscard]] static TracePrune compute(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries,
                                            const Trace &trace);
    // Gives the not-traced rule of `ledger` these nodes and spares; `traceFile`
    // names the trace in the rule's origin (SizeLedger::ruleDataOrigin).
    void applyTo(SizeLedger &ledger, const Trace &trace, const QString &traceFile) const;
    // Reads `traceFile`, works out what it prunes in the ledger's tree and
    // applies it: the one way a trace is replayed (the CLI's --trace and a
    // profile's "trace"; the GUI should call it too). `expectedSha256` is the
    // profile's smoke_sha256 (may be empty). `warnings` gets the staleness of
    // the trace and unreadable native files. False with `error` naming the
    // file and the reason when the trace cannot be used.
    static bool load(SizeLedger &ledger, const std::vector<ZipEntryRef> &zipEntries, const QString &traceFile,
                     const QString &expectedSha256, QStringList *warnings, QString *error);
    // "trace /x/trace.json of /x/smoke.py (sha256 1a2b3c4d…)".
    [[nodiscard]] static QString origin(const Trace &trace, const QString &traceFile);
};
