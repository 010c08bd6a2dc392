#include "select/targets.h"

namespace {

// Lambda moved its Python runtimes to Amazon Linux 2023 with python3.12.
constexpr int kFirstMinor = 8;
constexpr int kLastMinor = 13;
constexpr int kFirstAl2023Minor = 12;

std::vector<Target> makeTargets()
{
    std::vector<Target> targets;
    for (int minor = kFirstMinor; minor <= kLastMinor; ++minor) {
        for (Arch arch : {Arch::X86_64, Arch::Arm64}) {
            Target t;
            t.pythonMinor = minor;
            t.arch = arch;
            t.os = minor >= kFirstAl2023Minor ? AmazonLinux::AL2023 : AmazonLinux::AL2;
            t.glibcMinor = t.os == AmazonLinux::AL2023 ? 34 : 26;
            targets.push_back(t);
        }
    }
    return targets;
}

} // namespace

const std::vector<Target> &Target::all()
{
    static const std::vector<Target> targets = makeTargets();
    return targets;
}

std::optional<Target> Target::find(QStringView runtime, QStringView arch)
{
    const QStringView archName = arch == u"aarch64" ? QStringView(u"arm64") : arch;
    for (const Target &t : all())
        if (t.runtime() == runtime && t.archName() == archName)
            return t;
    return std::nullopt;
}

QStringList Target::runtimes()
{
    static const QStringList names = [] {
        QStringList out;
        for (const Target &t : all())
            if (!out.contains(t.runtime()))
                out.push_back(t.runtime());
        return out;
    }();
    return names;
}

QStringList Target::architectures()
{
    static const QStringList names = [] {
        QStringList out;
        for (const Target &t : all())
            if (!out.contains(t.archName()))
                out.push_back(t.archName());
        return out;
    }();
    return names;
}

QString Target::runtimeProblem(QStringView runtime)
{
    if (runtimes().contains(runtime))
        return {};
    return QStringLiteral("unknown runtime \"%1\": Lambda's Python runtimes are %2")
        .arg(runtime, runtimes().join(QStringLiteral(", ")));
}

QString Target::archProblem(QStringView arch)
{
    if (architectures().contains(arch) || arch == u"aarch64")
        return {};
    return QStringLiteral("unknown architecture \"%1\": Lambda's architectures are %2")
        .arg(arch, architectures().join(QStringLiteral(", ")));
}

QString Target::runtime() const
{
    return QStringLiteral("python3.%1").arg(pythonMinor);
}

QString Target::pythonVersion() const
{
    return QStringLiteral("3.%1").arg(pythonMinor);
}

QString Target::archName() const
{
    return arch == Arch::Arm64 ? QStringLiteral("arm64") : QStringLiteral("x86_64");
}

QString Target::machine() const
{
    return arch == Arch::Arm64 ? QStringLiteral("aarch64") : QStringLiteral("x86_64");
}

std::uint16_t Target::elfMachine() const
{
    return arch == Arch::Arm64 ? 183 : 62; // EM_AARCH64, EM_X86_64
}

QString Target::osName() const
{
    return os == AmazonLinux::AL2023 ? QStringLiteral("Amazon Linux 2023") : QStringLiteral("Amazon Linux 2");
}

QString Target::glibc() const
{
    return QStringLiteral("2.%1").arg(glibcMinor);
}

QString Target::abiTag() const
{
    return QStringLiteral("cp3%1").arg(pythonMinor);
}

QString Target::bytecodeTag() const
{
    return QStringLiteral("cpython-3%1").arg(pythonMinor);
}

QString Target::extensionSuffix() const
{
    return QStringLiteral(".cpython-3%1-%2-linux-gnu.so").arg(pythonMinor).arg(machine());
}

QStringList Target::pipPlatforms() const
{
    QStringList out{QStringLiteral("manylinux2014_%1").arg(machine())};
    if (glibcMinor >= 28)
        out.push_back(QStringLiteral("manylinux_2_28_%1").arg(machine()));
    if (glibcMinor >= 34)
        out.push_back(QStringLiteral("manylinux_2_34_%1").arg(machine()));
    return out;
}

QString Target::sitePackagesPrefix() const
{
    return QStringLiteral("python/lib/python%1/site-packages/").arg(pythonVersion());
}

QString Target::label() const
{
    return QStringLiteral("Python %1 · %2 · %3 (glibc %4)").arg(pythonVersion(), archName(), osName(), glibc());
}
