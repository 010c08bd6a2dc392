// The Lambda target a layer was built for, read from the layer itself: the
// CPython tags of its extension modules ("x.cpython-311-x86_64-linux-gnu.so"),
// a "pythonX.Y" folder on the way to its site-packages, the tags pip's wheels
// left in dist-info/WHEEL, the tags of its bytecode caches
// ("__pycache__/x.cpython-311.pyc"), and for the CPU the e_machine of its ELF
// files. A layer opens with this target when no profile names one, and says
// where it came from.
#pragma once

#include "checks/lint.h"
#include "scan/zipscanner.h"
#include "select/targets.h"
#include "tree/filetree.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

struct LayerTarget {
    std::optional<int> pythonMinor;      // Python 3.<minor>, when the layer says
    std::optional<Arch> arch;            // when a tag or the ELF files say
    QString evidence;                    // "180 extension modules tagged cpython-311-x86_64-linux-gnu"
    std::uint32_t taggedModules = 0;     // extension modules carrying a CPython version tag
    std::uint32_t modulesForVersion = 0; // of those, tagged for `pythonMinor`

    // The table's target for what was found, the rest from `fallback`; nullopt
    // when the layer names no version Lambda runs.
    [[nodiscard]] std::optional<Target> target(const Target &fallback) const;
    // "python3.11 · x86_64, from 180 extension modules tagged cpython-311-x86_64-linux-gnu"
    [[nodiscard]] QString describe() const;

    // The target to check the layer for. `runtime` and `arch` are what the
    // command line or a profile named (empty when not named), `runtimeBy` and
    // `archBy` who named them ("--runtime", "the profile"); what is not named
    // comes from the layer, else from the default Target. The result's origin
    // says where each came from ("from the layer (…)").
    [[nodiscard]] LintTarget choose(const QString &runtime, const QString &runtimeBy, const QString &arch,
                                    const QString &archBy) const;

    // Reads the names of `tree`, and only when they leave the version or the
    // CPU open its WHEEL files and the headers of its native libraries
    // (through `zipEntries` for a zip source).
    [[nodiscard]] static LayerTarget infer(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries = {});
};
