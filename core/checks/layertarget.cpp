#include "checks/layertarget.h"

#include "checks/lint.h"

#include <QRegularExpression>

#include <map>
#include <utility>

namespace {

// "3.11" -> 11; nullopt for anything but a Python 3 version.
std::optional<int> minorOf(const QString &version)
{
    if (!version.startsWith(QLatin1String("3.")))
        return std::nullopt;
    bool ok = false;
    const int minor = version.mid(2).toInt(&ok);
    return ok ? std::optional<int>(minor) : std::nullopt;
}

// The CPU an extension tag names ("cpython-311-aarch64-linux-gnu"), if any.
std::optional<Arch> archOf(QByteArrayView tag)
{
    if (tag.contains("-x86_64-"))
        return Arch::X86_64;
    if (tag.contains("-aarch64-"))
        return Arch::Arm64;
    return std::nullopt;
}

// The tag of a bytecode cache: "cpython-311" for "x.cpython-311.pyc" or "x.cpython-311.opt-1.pyc".
QByteArrayView bytecodeTag(QByteArrayView name)
{
    if (!name.endsWith(".pyc"))
        return {};
    QByteArrayView stem = name.chopped(4);
    if (const qsizetype opt = stem.lastIndexOf(".opt-"); opt >= 0)
        stem = stem.first(opt);
    const qsizetype dot = stem.lastIndexOf('.');
    return dot < 0 ? QByteArrayView() : stem.sliced(dot + 1);
}

// "python3.11" as a folder name.
const QRegularExpression &versionFolder()
{
    static const QRegularExpression re(QStringLiteral(R"(^python3\.(\d+)$)"));
    return re;
}

template<typename Key> std::pair<Key, std::uint32_t> mostCommon(const std::map<Key, std::uint32_t> &counts)
{
    std::pair<Key, std::uint32_t> best{};
    for (const auto &[key, n] : counts)
        if (n > best.second)
            best = {key, n};
    return best;
}

} // namespace

LayerTarget LayerTarget::infer(const FileTree &tree)
{
    LayerTarget found;
    std::map<QByteArray, std::uint32_t> modules; // extension tag -> count
    std::map<int, std::uint32_t> caches;         // minor version of bytecode caches -> count
    for (FileTree::Index i = 1; i < tree.count(); ++i) {
        if (!tree.isFile(i))
            continue;
        const QByteArrayView name = tree.name(i);
        if (const QByteArray tag = Lint::abiTag(name); minorOf(Lint::cpythonVersion(tag)))
            ++modules[tag];
        else if (const auto minor = minorOf(Lint::cpythonVersion(bytecodeTag(name))))
            ++caches[*minor];
    }
    for (const auto &[tag, n] : modules)
        found.taggedModules += n;

    if (!modules.empty()) {
        const auto [tag, n] = mostCommon(modules);
        found.pythonMinor = minorOf(Lint::cpythonVersion(tag));
        found.arch = archOf(tag);
        for (const auto &[other, count] : modules)
            if (minorOf(Lint::cpythonVersion(other)) == found.pythonMinor)
                found.modulesForVersion += count;
        found.evidence = QStringLiteral("%1 extension module%2 tagged %3")
                             .arg(n)
                             .arg(n == 1 ? QString() : QStringLiteral("s"))
                             .arg(QString::fromLatin1(tag));
        return found;
    }
    // No tagged extension module: a pythonX.Y folder above the packages, then bytecode tags.
    for (FileTree::Index i = tree.packageRoot(); i != FileTree::kNone && i != 0; i = tree.parent(i)) {
        const auto m = versionFolder().match(QString::fromUtf8(tree.name(i)));
        if (m.hasMatch()) {
            found.pythonMinor = m.captured(1).toInt();
            found.evidence = QStringLiteral("the folder %1").arg(tree.displayPath(i));
            return found;
        }
    }
    if (!caches.empty()) {
        const auto [minor, n] = mostCommon(caches);
        found.pythonMinor = minor;
        found.evidence = QStringLiteral("%1 bytecode cache%2 tagged cpython-3%3")
                             .arg(n)
                             .arg(n == 1 ? QString() : QStringLiteral("s"))
                             .arg(minor);
    }
    return found;
}

std::optional<Target> LayerTarget::target(const Target &fallback) const
{
    if (!pythonMinor)
        return std::nullopt;
    Target wanted = fallback;
    wanted.arch = arch.value_or(fallback.arch);
    return Target::find(QStringLiteral("python3.%1").arg(*pythonMinor), wanted.archName());
}

QString LayerTarget::describe() const
{
    if (!pythonMinor)
        return QStringLiteral("the layer names no Python version");
    QString what = QStringLiteral("python3.%1").arg(*pythonMinor);
    if (arch) {
        Target named;
        named.arch = *arch;
        what += QStringLiteral(" · ") + named.archName();
    }
    return QStringLiteral("%1, from %2").arg(what, evidence);
}

LintTarget LayerTarget::choose(const QString &runtime, const QString &runtimeBy, const QString &arch,
                               const QString &archBy) const
{
    const Target fallback;
    const std::optional<Target> fromLayer = target(fallback);
    const QString layer = QStringLiteral("the layer (%1)").arg(evidence);
    QString byDefault = QStringLiteral("the default (the layer names no Python version)");
    if (pythonMinor && !fromLayer)
        byDefault = QStringLiteral("the default (the layer's python3.%1 is not a Lambda runtime)").arg(*pythonMinor);
    else if (fromLayer)
        byDefault = QStringLiteral("the default (no extension module names one)"); // only the arch can fall back here

    LintTarget chosen;
    QString runtimeFrom = runtimeBy;
    QString archFrom = archBy;
    if (!runtime.isEmpty()) {
        chosen.runtime = runtime;
    } else {
        chosen.runtime = fromLayer ? fromLayer->runtime() : fallback.runtime();
        runtimeFrom = fromLayer ? layer : byDefault;
    }
    if (!arch.isEmpty()) {
        chosen.arch = arch;
    } else {
        const bool layerSays = fromLayer && this->arch;
        chosen.arch = layerSays ? fromLayer->archName() : fallback.archName();
        archFrom = layerSays ? layer : byDefault;
    }
    chosen.origin = runtimeFrom == archFrom
                        ? QStringLiteral("from %1").arg(runtimeFrom)
                        : QStringLiteral("runtime from %1, architecture from %2").arg(runtimeFrom, archFrom);
    return chosen;
}
