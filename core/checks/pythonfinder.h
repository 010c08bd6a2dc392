// Finds Python interpreters a layer can be verified with (PATH's python3*,
// pyenv's versions) and asks each what it is, so that the one matching the
// target Lambda runtime can be preferred and a mismatch named.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

struct PythonInfo {
    QString path;    // absolute path of the interpreter, as found (not resolved)
    QString version; // "3.11.2"
    int major = 0;
    int minor = 0;
    QString cacheTag; // "cpython-311", what bytecode and extension names carry
    QString machine;  // platform.machine(): "x86_64", "aarch64"
    QString origin;   // where it was found: "PATH" or "pyenv" or "given"

    // "python3.11", comparable with Profile::runtime.
    [[nodiscard]] QString runtimeName() const { return QStringLiteral("python%1.%2").arg(major).arg(minor); }
};

class PythonFinder
{
public:
    // Runs `path -S -I` to learn its version; nullopt with `error` when it is
    // not a working CPython 3.
    [[nodiscard]] static std::optional<PythonInfo> probe(const QString &path, QString *error = nullptr);

    // Every distinct interpreter on PATH (python3, python3.N) and under
    // ~/.pyenv/versions/*/bin/python3, in that order; pyenv shims are skipped
    // (they pick a version by environment, not by path).
    [[nodiscard]] static std::vector<PythonInfo> detect();

    // "python3.10" -> {3, 10}; nullopt when the name is not pythonX.Y.
    [[nodiscard]] static std::optional<std::pair<int, int>> runtimeVersion(QStringView runtime);

    // Index of the interpreter to use for `runtime`: the first whose version
    // matches, else the first one; -1 when the list is empty.
    [[nodiscard]] static int pick(const std::vector<PythonInfo> &found, QStringView runtime);

    // A warning when `python` differs from the target runtime's version (or arch), else empty.
    [[nodiscard]] static QString mismatch(const PythonInfo &python, QStringView runtime, QStringView arch = {});
};
