#include "transform/bytecodecompiler.h"

#include "base/oserror.h"
#include "base/processrunner.h"
#include "checks/keptset.h"
#include "checks/lint.h"
#include "select/rules.h"
#include "select/targets.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>

#include <unistd.h>

BytecodeCompiler::BytecodeCompiler(const FileTree &tree, const std::vector<ZipEntryRef> *zipEntries, PythonInfo python,
                                   QString runtime)
    : m_tree(tree)
    , m_zipEntries(zipEntries)
    , m_python(std::move(python))
    , m_runtime(std::move(runtime))
{
}

QString BytecodeCompiler::modeName(BytecodeMode m)
{
    switch (m) {
    case BytecodeMode::Keep:
        return QStringLiteral("keep");
    case BytecodeMode::Drop:
        return QStringLiteral("drop");
    case BytecodeMode::Precompile:
        return QStringLiteral("precompile");
    case BytecodeMode::Sourceless:
        return QStringLiteral("sourceless");
    }
    return {};
}

std::optional<BytecodeMode> BytecodeCompiler::modeFromName(QStringView name)
{
    for (BytecodeMode m : {BytecodeMode::Keep, BytecodeMode::Drop, BytecodeMode::Precompile, BytecodeMode::Sourceless})
        if (modeName(m) == name)
            return m;
    return std::nullopt;
}

std::pair<QString, QByteArray> BytecodeCompiler::extensionVersion(const QString &other) const
{
    const FileTree::Index root = m_tree.packageRoot();
    for (FileTree::Index i = root; i < m_tree.subtreeEnd(root); ++i) {
        if (m_tree.isDir(i))
            continue;
        const QString version = Lint::cpythonVersion(Lint::abiTag(m_tree.name(i)));
        if (!version.isEmpty() && version != other)
            return {version, m_tree.path(i)};
    }
    return {};
}

QString BytecodeCompiler::unavailableReason(BytecodeMode mode) const
{
    if (mode == BytecodeMode::Keep || mode == BytecodeMode::Drop)
        return {};
    if (const QString why = Target::runtimeProblem(m_runtime); !why.isEmpty())
        return why;
    const auto want = PythonFinder::runtimeVersion(m_runtime);
    if (m_python.path.isEmpty())
        return QStringLiteral("%1 needs a %2 interpreter and none was found").arg(modeName(mode), m_runtime);
    if (m_python.major != want->first || m_python.minor != want->second)
        return QStringLiteral("%1 needs a %2 interpreter: bytecode is version-specific, and %3 is Python %4")
            .arg(modeName(mode), m_runtime, m_python.path, m_python.version);
    // Bytecode carries its interpreter's magic number: .pyc written for one
    // version fail with "bad magic number" under the version the layer's
    // extension modules were built for, which is the one Lambda must run.
    const QString bytecodeVersion = QStringLiteral("%1.%2").arg(want->first).arg(want->second);
    if (const auto [layerVersion, example] = extensionVersion(bytecodeVersion); !layerVersion.isEmpty())
        return QStringLiteral("%1 would write Python %2 bytecode with %3, but the layer's extension modules are built "
                              "for CPython %4 (%5), where that bytecode fails with \"bad magic number\": target "
                              "python%4 instead")
            .arg(modeName(mode), bytecodeVersion, m_python.path, layerVersion, FileTree::displayName(example));
    return {};
}

BytecodeResult BytecodeCompiler::prepare(const Bitset &pruned, BytecodeMode mode, const QString &destDir,
                                         JobControl *control) const
{
    BytecodeResult result;
    if (const QString why = unavailableReason(mode); !why.isEmpty()) {
        result.error = why;
        return result;
    }
    // Shipped bytecode that the selection keeps: left out by every mode but Keep.
    Bitset effective = pruned;
    if (mode != BytecodeMode::Keep) {
        const Bitset bytecode = RuleCatalog::match(m_tree, RuleCatalog::indexOf(RuleId::Bytecode));
        bytecode.forEach([&](std::size_t n) {
            const auto i = FileTree::Index(n);
            if (m_tree.isFile(i) && !pruned.test(i)) {
                result.removedBytes += m_tree.size(i);
                ++result.removedFiles;
            }
        });
        effective |= bytecode;
    }
    if (!KeptSet::materialize({&m_tree, m_zipEntries, {}}, effective, destDir, &result.error, control))
        return result;
    const QByteArray rel = m_tree.path(m_tree.packageRoot());
    result.root = rel.isEmpty() ? destDir : destDir + QLatin1Char('/') + QFile::decodeName(rel);
    if (mode == BytecodeMode::Keep || mode == BytecodeMode::Drop) {
        result.deltaBytes = -std::int64_t(result.removedBytes);
        return result;
    }

    // Tracebacks name /opt/python/..., where Lambda mounts the layer, not the scratch folder.
    QStringList args{QStringLiteral("-I"),
                     QStringLiteral("-m"),
                     QStringLiteral("compileall"),
                     QStringLiteral("-q"),
                     QStringLiteral("-j"),
                     QStringLiteral("2"),
                     QStringLiteral("--invalidation-mode"),
                     QStringLiteral("unchecked-hash"),
                     QStringLiteral("-d"),
                     QStringLiteral("/opt/python")};
    if (mode == BytecodeMode::Sourceless)
        args << QStringLiteral("-b"); // legacy layout: x.pyc beside x.py, importable without the source
    args << result.root;
    ProcessRequest request;
    request.program = m_python.path;
    request.arguments = args;
    request.environment = ProcessRunner::cleanEnvironment();
    request.workingDirectory = destDir;
    request.mergeOutput = true;
    request.outputCap = 0; // its messages are not shown
    request.control = control;
    const ProcessResult run = ProcessRunner::run(request);
    if (run.end == ProcessResult::End::Cancelled) {
        result.error = QStringLiteral("cancelled");
        return result;
    }
    if (run.end == ProcessResult::End::Crashed || run.end == ProcessResult::End::FailedToStart) {
        result.error = QStringLiteral("%1 -m compileall did not run: %2").arg(m_python.path, run.error);
        return result;
    }
    // compileall exits 1 when some file does not compile (e.g. test data with
    // another Python's syntax); those modules keep their source.

    QDirIterator it(result.root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    std::vector<QString> sources;
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        if (path.endsWith(QLatin1String(".pyc")) && !info.isSymLink()) {
            result.addedBytes += std::uint64_t(info.size());
            ++result.addedFiles;
        } else if (mode == BytecodeMode::Sourceless && path.endsWith(QLatin1String(".py"))) {
            sources.push_back(path);
        }
    }
    for (const QString &py : sources) {
        if (!QFileInfo::exists(py + QLatin1Char('c')))
            continue;
        result.removedBytes += std::uint64_t(QFileInfo(py).size()); // follows the link to the source's size
        ++result.removedFiles;
        if (::unlink(QFile::encodeName(py).constData()) != 0) { // removes the link, never the source
            result.error = QStringLiteral("%1: %2").arg(py, errnoText());
            return result;
        }
    }
    result.deltaBytes = std::int64_t(result.addedBytes) - std::int64_t(result.removedBytes);
    return result;
}
