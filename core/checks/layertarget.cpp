#include "checks/layertarget.h"

#include <QRegularExpression>

#include <map>
#include <utility>

namespace {

// ".cpython-311-x86_64-linux-gnu.so": minor version and machine.
const QRegularExpression &extensionTag()
{
    static const QRegularExpression re(QStringLiteral(R"(\.cpython-3(\d+)-(x86_64|aarch64)-linux-gnu\.so$)"));
    return re;
}

// "x.cpython-311.pyc" inside __pycache__.
const QRegularExpression &bytecodeTag()
{
    static const QRegularExpression re(QStringLiteral(R"(\.cpython-3(\d+)(?:\.opt-\d)?\.pyc$)"));
    return re;
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
    std::map<std::pair<int, QString>, std::uint32_t> modules; // (minor, machine) -> count
    std::map<int, std::uint32_t> caches;
    for (FileTree::Index i = 1; i < tree.count(); ++i) {
        if (!tree.isFile(i))
            continue;
        const QString name = QString::fromUtf8(tree.name(i));
        if (name.endsWith(QLatin1String(".so"))) {
            const auto m = extensionTag().match(name);
            if (m.hasMatch())
                ++modules[{m.captured(1).toInt(), m.captured(2)}];
        } else if (name.endsWith(QLatin1String(".pyc"))) {
            const auto m = bytecodeTag().match(name);
            if (m.hasMatch())
                ++caches[m.captured(1).toInt()];
        }
    }
    for (const auto &[key, n] : modules)
        found.taggedModules += n;

    if (!modules.empty()) {
        const auto [key, n] = mostCommon(modules);
        found.pythonMinor = key.first;
        found.arch = key.second == QLatin1String("aarch64") ? Arch::Arm64 : Arch::X86_64;
        for (const auto &[k, count] : modules)
            if (k.first == key.first)
                found.modulesForVersion += count;
        found.evidence = QStringLiteral("%1 extension module%2 tagged cpython-3%3-%4-linux-gnu")
                             .arg(n)
                             .arg(n == 1 ? QString() : QStringLiteral("s"))
                             .arg(key.first)
                             .arg(key.second);
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
    const QString runtime = QStringLiteral("python3.%1").arg(*pythonMinor);
    const Arch a = arch.value_or(fallback.arch);
    for (const Target &t : Target::all())
        if (t.runtime() == runtime && t.arch == a)
            return t;
    return std::nullopt;
}

QString LayerTarget::describe() const
{
    if (!pythonMinor)
        return QStringLiteral("the layer names no Python version");
    QString what = QStringLiteral("python3.%1").arg(*pythonMinor);
    if (arch)
        what += *arch == Arch::Arm64 ? QStringLiteral(" · arm64") : QStringLiteral(" · x86_64");
    return QStringLiteral("%1, from %2").arg(what, evidence);
}
