// The prune-rule catalog: stable ids, what each rule removes and why, its risk,
// and a matcher over path components that yields a Bitset over FileTree.
#pragma once

#include "base/bitset.h"
#include "tree/filetree.h"

#include <QString>
#include <QStringList>

#include <vector>

// How sure we are that removing a rule's matches keeps the layer working.
enum class Risk : std::uint8_t {
    Safe,    // nothing at run time reads these files
    Caution, // usually unused, but some packages or tools read them
    Risky,   // known to break real packages; verify after enabling
};

// What a rule does with the files it matches.
enum class RuleAction : std::uint8_t {
    Remove,    // the files are left out of the layer
    Transform, // the files stay but are rewritten on export (e.g. stripped)
};

// Which rule: its place in RuleCatalog::all() (the ledger's rule index) and the
// case that matches it. Each is named after its string id, which profiles, the
// command line and JSON use and which never changes.
enum class RuleId : std::uint8_t {
    Tests,           // "tests": folders named tests/ or test/
    Bytecode,        // "bytecode": __pycache__/ and *.pyc, *.pyo
    DistInfo,        // "dist-info": *.dist-info/ and *.egg-info as a whole
    Pyproject,       // "pyproject": pyproject.toml
    Datasets,        // "datasets": *.dat and known sample-data folders
    Headers,         // "headers": *.h, *.hpp and include/ folders
    Sources,         // "sources": Cython, C, C++ and Fortran sources
    Stubs,           // "stubs": *.pyi
    StaticLibs,      // "static-libs": *.a
    Docs,            // "docs": *.md, *.rst, docs/ and examples/ outside metadata
    BuildTools,      // "build-tools": pip, setuptools, wheel and their kin
    RuntimeProvided, // "runtime-provided": boto3 and what else Lambda's runtime has
    Strip,           // "strip": native libraries, rewritten stripped (a transform)
    DistInfoLite,    // "dist-info-lite": metadata files nothing reads at run time
    ForeignBinaries, // "foreign-binaries": Windows and macOS binaries Linux never loads (*.exe, *.dll, …)
    NotTraced,       // "not-traced": packages a traced run never imported (the nodes come from a trace)
};
inline constexpr std::size_t kRuleCount = std::size_t(RuleId::NotTraced) + 1;

struct Rule {
    QString id;    // stable, used in profiles and on the command line
    QString title; // short, for the rules panel
    QString why;   // one line: what it removes and what can break
    Risk risk = Risk::Safe;
    RuleAction action = RuleAction::Remove;
    QStringList defaultExceptions; // globs kept by default (e.g. PIL/** for strip)
    // Matches nothing by name: only the nodes the ledger is given for it
    // (SizeLedger::setRuleData), e.g. what a trace says no run imported.
    bool fromData = false;

    // Title and why in the user's language (the GUI's translation); the CLI prints the English ones.
    [[nodiscard]] QString displayTitle() const;
    [[nodiscard]] QString displayWhy() const;
};

class RuleCatalog
{
public:
    [[nodiscard]] static const std::vector<Rule> &all();
    // Index into all() for an id, or -1.
    [[nodiscard]] static int indexOf(QStringView id);
    // Index into all() (and the ledger's rule index) of a rule.
    [[nodiscard]] static constexpr int indexOf(RuleId rule) { return int(rule); }
    [[nodiscard]] static QString riskName(Risk r);

    // Nodes rule `rule` matches in `tree`. A matched folder brings its whole
    // subtree. Nodes whose package path (or an ancestor's) matches one of
    // `exceptions` are left out. Only nodes inside the package root match.
    // A fromData rule matches the nodes set in `given` (none without it).
    [[nodiscard]] static Bitset match(const FileTree &tree, int rule, const QStringList &exceptions = {},
                                      const Bitset *given = nullptr);
};

// Glob over '/'-separated byte paths: `*` and `?` stay within a component,
// `**` spans components ("PIL/**", "**/tests", "scipy/misc/*.dat").
[[nodiscard]] bool globMatch(QByteArrayView pattern, QByteArrayView path);
