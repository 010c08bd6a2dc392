// Runs a smoke script against a layer's kept set, built in a scratch folder
// as verify builds it (never the source), under a Python audit hook that
// records the layer's modules imported and files opened, listed or loaded
// (open, os.listdir, os.scandir, ctypes.dlopen; at exit also every loaded
// module's __file__ and the process's mapped files, which cover extension
// modules and the libraries they link, whose dlopen fires no event).
#pragma once

#include "base/bitset.h"
#include "base/jobcontrol.h"
#include "checks/pythonfinder.h"
#include "checks/trace.h"
#include "scan/zipscanner.h"
#include "tree/filetree.h"

#include <QString>

struct TraceOptions {
    PythonInfo python;      // the interpreter the script runs on (`-S -I -B`, clean environment)
    QString smokeScript;    // the script, relative to the caller's working folder or absolute
    int timeoutMs = 300000; // for the whole run
    QString scratchDir;     // where the kept set is built; empty: the system's temporary folder
    QStringList rules;      // the rules the kept set was built with, recorded in the trace
    QString layer;          // the layer's path as named, recorded in the trace
};

struct TraceRun {
    // How the run ended.
    enum class Status : std::uint8_t {
        Traced,     // the script exited 0 and its trace was read
        Failed,     // the script exited non-zero, crashed or timed out; `error` and `stderrTail` say how
        NotStarted, // the kept set could not be built or the interpreter not started; `error` says why
    };
    Status status = Status::NotStarted;
    Trace trace;         // complete when Traced
    int exitStatus = -1; // the script's exit status
    QString error;       // one line, on failure
    QString stderrTail;  // the last lines of the script's stderr, on failure
    QString output;      // the script's stdout (capped)
};

class Tracer
{
public:
    // Builds the kept set of `tree` under `pruned` (for a zip source,
    // `zipEntries` is its entry table), runs the script and reads the trace.
    [[nodiscard]] static TraceRun run(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries,
                                      const Bitset &pruned, const TraceOptions &options, JobControl *control = nullptr);
};
