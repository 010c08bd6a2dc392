// Lambda runtime targets: a Python version on a CPU architecture, with the
// Amazon Linux release and glibc it runs on, and what follows from them (pip's
// platform tags, the CPython ABI and bytecode tags, the site-packages prefix).
#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

// The CPU a Lambda function runs on.
enum class Arch : std::uint8_t {
    X86_64, // Intel/AMD 64-bit ("x86_64" in the console, EM_X86_64 in ELF)
    Arm64,  // Graviton ("arm64" in the console, aarch64 / EM_AARCH64 in ELF)
};

// The operating system image under a Python runtime.
enum class AmazonLinux : std::uint8_t {
    AL2,    // Amazon Linux 2: python3.8 – python3.11, glibc 2.26
    AL2023, // Amazon Linux 2023: python3.12 and later, glibc 2.34
};

// One runtime on one architecture. A default-constructed Target is the
// default target, python3.10 on x86_64: what a new profile, an export and lint
// use unless told otherwise, and what the CLI's option defaults name.
struct Target {
    int pythonMinor = 10; // Python 3.<minor>
    Arch arch = Arch::X86_64;
    AmazonLinux os = AmazonLinux::AL2;
    int glibcMinor = 26; // glibc 2.<minor>

    // Every runtime × architecture Lambda offers, python3.8 … python3.13: the
    // one table the profile loader, every command, lint and the GUI read.
    [[nodiscard]] static const std::vector<Target> &all();
    // The target for a runtime id ("python3.10") and an architecture name
    // ("x86_64", "arm64"; "aarch64" is accepted), or nullopt.
    [[nodiscard]] static std::optional<Target> find(QStringView runtime, QStringView arch);
    [[nodiscard]] static QStringList runtimes();      // "python3.8" … "python3.13", the table's order
    [[nodiscard]] static QStringList architectures(); // "x86_64", "arm64", the table's order
    // Why `runtime` is not one of Lambda's Python runtimes, listing them all
    // ("python2.7" parses as a version but Lambda never ran it); empty when it
    // is one. Every command, dialog and the profile loader say it this way.
    [[nodiscard]] static QString runtimeProblem(QStringView runtime);
    // The same for an architecture name ("aarch64" is accepted as arm64).
    [[nodiscard]] static QString archProblem(QStringView arch);

    [[nodiscard]] QString runtime() const;          // "python3.10"
    [[nodiscard]] QString pythonVersion() const;    // "3.10"
    [[nodiscard]] QString archName() const;         // "x86_64" or "arm64", as Lambda names it
    [[nodiscard]] QString machine() const;          // "x86_64" or "aarch64", as uname and wheels name it
    [[nodiscard]] std::uint16_t elfMachine() const; // e_machine of native files built for it
    [[nodiscard]] QString osName() const;           // "Amazon Linux 2"
    [[nodiscard]] QString glibc() const;            // "2.26"
    [[nodiscard]] QString abiTag() const;           // "cp310", as in wheel names
    [[nodiscard]] QString bytecodeTag() const;      // "cpython-310", as in __pycache__/x.cpython-310.pyc
    [[nodiscard]] QString extensionSuffix() const;  // ".cpython-310-x86_64-linux-gnu.so"
    // pip --platform values, most general first: manylinux2014 always, plus the
    // newer manylinux_2_28 / _2_34 tags that Amazon Linux 2023's glibc accepts.
    [[nodiscard]] QStringList pipPlatforms() const;
    // Where Lambda also looks inside a layer: "python/lib/python3.10/site-packages/".
    [[nodiscard]] QString sitePackagesPrefix() const;
    // "Python 3.10 · x86_64 · Amazon Linux 2 (glibc 2.26)"
    [[nodiscard]] QString label() const;

    bool operator==(const Target &) const = default;
};
