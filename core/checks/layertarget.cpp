#include "checks/layertarget.h"

#include "checks/lint.h"
#include "scan/nodereader.h"
#include "tree/pathnames.h"

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
    if (!pathnames::endsWith(name, ".pyc"))
        return {};
    QByteArrayView stem = name.chopped(4);
    if (const std::size_t opt = pathnames::view(stem).rfind(".opt-"); opt != std::string_view::npos)
        stem = stem.first(qsizetype(opt));
    const std::size_t dot = pathnames::view(stem).rfind('.');
    return dot == std::string_view::npos ? QByteArrayView() : stem.sliced(qsizetype(dot) + 1);
}

// How many bytecode files carry each tag ("cpython-311"). A folder's files
// share theirs, so a run of one tag is gathered before the map is searched.
// The views point into the tree's names.
class BytecodeTagCounts
{
public:
    void add(QByteArrayView tag)
    {
        if (tag.isEmpty())
            return;
        if (tag != m_last) {
            flush();
            m_last = tag;
        }
        ++m_run;
    }
    const std::map<QByteArray, std::uint32_t> &counts()
    {
        flush();
        return m_counts;
    }

private:
    void flush()
    {
        if (m_run > 0)
            m_counts[m_last.toByteArray()] += m_run;
        m_run = 0;
    }
    std::map<QByteArray, std::uint32_t> m_counts;
    QByteArrayView m_last;
    std::uint32_t m_run = 0;
};

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

// "180 extension modules tagged …", "1 wheel tagged cp311".
QString counted(std::uint32_t n, const char *what, const QString &rest)
{
    return QStringLiteral("%1 %2%3 %4").arg(n).arg(QLatin1String(what), n == 1 ? QString() : QStringLiteral("s"), rest);
}

QString machineName(Arch arch)
{
    Target t;
    t.arch = arch;
    return t.machine();
}

// What the WHEEL files of the layer's dist-info folders say ("Tag: cp311-cp311-manylinux_2_17_x86_64").
struct WheelTags {
    std::map<int, std::uint32_t> minors; // CPython minor -> wheels tagged for it
    std::map<int, std::uint32_t> arches; // Arch -> wheels built for it
};

WheelTags wheelTags(const FileTree &tree, NodeReader &reader)
{
    WheelTags tags;
    static const QRegularExpression tagLine(QStringLiteral(R"(^Tag:\s*cp3(\d+)-[^-\s]+-(\S+)\s*$)"),
                                            QRegularExpression::MultilineOption);
    for (const FileTree::Index info : tree.children(tree.packageRoot())) {
        if (!tree.isDir(info) || !tree.name(info).endsWith(".dist-info"))
            continue;
        const FileTree::Index wheel = tree.find("WHEEL", info);
        QByteArray text;
        QString why;
        if (wheel == FileTree::kNone || !reader.read(wheel, &text, &why, 64 << 10))
            continue;
        const QRegularExpressionMatch m = tagLine.match(QString::fromUtf8(text));
        if (!m.hasMatch())
            continue; // py3-none-any: pure Python says nothing
        ++tags.minors[m.captured(1).toInt()];
        const QString platform = m.captured(2);
        if (platform.endsWith(QLatin1String("x86_64")))
            ++tags.arches[int(Arch::X86_64)];
        else if (platform.endsWith(QLatin1String("aarch64")))
            ++tags.arches[int(Arch::Arm64)];
    }
    return tags;
}

// The CPUs of the layer's 64-bit ELF files named like native libraries, from e_machine.
std::map<int, std::uint32_t> elfMachines(const FileTree &tree, NodeReader &reader)
{
    std::map<int, std::uint32_t> machines;
    QByteArray header;
    QString why;
    for (FileTree::Index i = tree.packageRoot(); i < tree.subtreeEnd(tree.packageRoot()); ++i) {
        const QByteArrayView name = tree.name(i);
        if (!tree.isFile(i) || !pathnames::isSharedLibraryName(name))
            continue;
        if (!reader.read(i, &header, &why, 20) || header.size() < 20 ||
            !header.startsWith("\x7f"
                               "ELF"))
            continue;
        const int machine = (std::uint8_t(header[19]) << 8) | std::uint8_t(header[18]); // little-endian e_machine
        for (const Target &t : Target::all())
            if (t.elfMachine() == machine) {
                ++machines[int(t.arch)];
                break;
            }
    }
    return machines;
}

} // namespace

LayerTarget LayerTarget::infer(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries)
{
    LayerTarget found;
    // Tags are counted as spelled, and each distinct one is read after: a
    // layer holds a handful of tags over thousands of files.
    std::map<QByteArray, std::uint32_t> modules; // extension tag -> count
    BytecodeTagCounts bytecodeTags;
    for (FileTree::Index i = 1; i < tree.count(); ++i) {
        if (!tree.isFile(i))
            continue;
        const QByteArrayView name = tree.name(i);
        if (pathnames::endsWith(name, ".pyc"))
            bytecodeTags.add(bytecodeTag(name));
        else if (const QByteArray tag = Lint::abiTag(name); minorOf(Lint::cpythonVersion(tag)))
            ++modules[tag];
    }
    std::map<int, std::uint32_t> caches; // minor version of bytecode caches -> count
    for (const auto &[tag, n] : bytecodeTags.counts())
        if (const auto minor = minorOf(Lint::cpythonVersion(tag)))
            caches[*minor] += n;
    for (const auto &[tag, n] : modules)
        found.taggedModules += n;

    QStringList evidence;
    if (!modules.empty()) {
        const auto [tag, n] = mostCommon(modules);
        found.pythonMinor = minorOf(Lint::cpythonVersion(tag));
        found.arch = archOf(tag);
        for (const auto &[other, count] : modules)
            if (minorOf(Lint::cpythonVersion(other)) == found.pythonMinor)
                found.modulesForVersion += count;
        evidence << counted(n, "extension module", QStringLiteral("tagged ") + QString::fromLatin1(tag));
    }
    // No tagged extension module: a pythonX.Y folder above the packages.
    for (FileTree::Index i = tree.packageRoot(); !found.pythonMinor && i != FileTree::kNone && i != 0;
         i = tree.parent(i)) {
        const auto m = versionFolder().match(QString::fromUtf8(tree.name(i)));
        if (m.hasMatch()) {
            found.pythonMinor = m.captured(1).toInt();
            evidence << QStringLiteral("the folder %1").arg(tree.displayPath(i));
        }
    }
    // Then what the wheels said when pip installed them, then bytecode tags;
    // the CPU from wheel tags, else from the ELF files themselves.
    if (!found.pythonMinor || !found.arch) {
        NodeReader reader(tree, zipEntries);
        const WheelTags wheels = wheelTags(tree, reader);
        if (!found.pythonMinor && !wheels.minors.empty()) {
            const auto [minor, n] = mostCommon(wheels.minors);
            found.pythonMinor = minor;
            evidence << counted(n, "wheel", QStringLiteral("tagged cp3%1").arg(minor));
        }
        if (!found.pythonMinor && !caches.empty()) {
            const auto [minor, n] = mostCommon(caches);
            found.pythonMinor = minor;
            evidence << counted(n, "bytecode cache", QStringLiteral("tagged cpython-3%1").arg(minor));
        }
        if (!found.arch && !wheels.arches.empty()) {
            const auto [arch, n] = mostCommon(wheels.arches);
            found.arch = Arch(arch);
            evidence << counted(n, "wheel", QStringLiteral("for %1").arg(machineName(Arch(arch))));
        } else if (!found.arch) {
            const std::map<int, std::uint32_t> machines = elfMachines(tree, reader);
            if (!machines.empty()) {
                const auto [arch, n] = mostCommon(machines);
                found.arch = Arch(arch);
                evidence << counted(n, "ELF file", QStringLiteral("for %1").arg(machineName(Arch(arch))));
            }
        }
    }
    found.evidence = evidence.join(QStringLiteral("; "));
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
        byDefault =
            QStringLiteral("the default (nothing in the layer names a CPU)"); // only the arch can fall back here

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
