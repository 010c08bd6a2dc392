#include "checks/pythonfinder.h"

#include "base/processrunner.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>

namespace {

// One line: version, cache tag, machine; tab-separated.
constexpr char kProbeScript[] =
    "import sys, platform\n"
    "v = sys.version_info\n"
    "print('%d.%d.%d\\t%s\\t%s' % (v[0], v[1], v[2], sys.implementation.cache_tag, platform.machine()))\n";

bool isExecutableFile(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

} // namespace

std::optional<PythonInfo> PythonFinder::probe(const QString &path, QString *error)
{
    auto fail = [&](const QString &why) -> std::optional<PythonInfo> {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, why);
        return std::nullopt;
    };
    if (!isExecutableFile(path))
        return fail(QStringLiteral("not an executable file"));
    ProcessRequest request;
    request.program = path;
    request.arguments = {QStringLiteral("-S"), QStringLiteral("-I"), QStringLiteral("-c"),
                         QString::fromLatin1(kProbeScript)};
    request.environment = ProcessRunner::cleanEnvironment(QStringLiteral("/usr/bin:/bin"));
    request.mergeOutput = true;
    request.timeoutMs = 15000;
    const ProcessResult run = ProcessRunner::run(request);
    if (run.end == ProcessResult::End::TimedOut || run.end == ProcessResult::End::FailedToStart)
        return fail(QStringLiteral("did not answer within 15 s"));
    const QString out = QString::fromUtf8(run.output.bytes()).trimmed();
    if (!run.succeeded())
        return fail(QStringLiteral("exited with %1: %2").arg(run.exitCode).arg(out.left(200)));
    const QStringList parts = out.split(QLatin1Char('\t'));
    if (parts.size() != 3)
        return fail(QStringLiteral("unexpected answer: %1").arg(out.left(200)));
    const QStringList v = parts[0].split(QLatin1Char('.'));
    PythonInfo info;
    info.path = path;
    info.version = parts[0];
    info.major = v.value(0).toInt();
    info.minor = v.value(1).toInt();
    info.cacheTag = parts[1];
    info.machine = parts[2];
    info.origin = QStringLiteral("given");
    if (info.major != 3)
        return fail(QStringLiteral("Python %1 is not Python 3").arg(info.version));
    return info;
}

std::vector<PythonInfo> PythonFinder::detect()
{
    QStringList candidates, origins;
    static const QRegularExpression pythonName(QStringLiteral("^python3(\\.[0-9]+)?$"));
    const QStringList pathDirs = qEnvironmentVariable("PATH").split(QLatin1Char(':'), Qt::SkipEmptyParts);
    for (const QString &dir : pathDirs) {
        if (dir.contains(QStringLiteral("/.pyenv/shims")))
            continue;
        const QStringList names =
            QDir(dir).entryList({QStringLiteral("python3*")}, QDir::Files | QDir::System, QDir::Name);
        for (const QString &name : names)
            if (pythonName.match(name).hasMatch()) {
                candidates << QDir(dir).filePath(name);
                origins << QStringLiteral("PATH");
            }
    }
    const QDir pyenv(QDir::homePath() + QStringLiteral("/.pyenv/versions"));
    for (const QString &version : pyenv.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        candidates << pyenv.filePath(version + QStringLiteral("/bin/python3"));
        origins << QStringLiteral("pyenv");
    }

    std::vector<PythonInfo> found;
    QSet<QString> seen;
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        const QString real = QFileInfo(candidates[i]).canonicalFilePath();
        if (real.isEmpty() || seen.contains(real) || !isExecutableFile(real))
            continue;
        seen.insert(real);
        if (auto info = probe(candidates[i])) {
            info->origin = origins[i];
            found.push_back(*info);
        }
    }
    return found;
}

std::optional<std::pair<int, int>> PythonFinder::runtimeVersion(QStringView runtime)
{
    static const QRegularExpression re(QStringLiteral("^python([0-9]+)\\.([0-9]+)$"));
    const auto m = re.match(runtime.toString());
    if (!m.hasMatch())
        return std::nullopt;
    return std::make_pair(m.captured(1).toInt(), m.captured(2).toInt());
}

int PythonFinder::pick(const std::vector<PythonInfo> &found, QStringView runtime)
{
    if (found.empty())
        return -1;
    if (const auto want = runtimeVersion(runtime))
        for (std::size_t i = 0; i < found.size(); ++i)
            if (found[i].major == want->first && found[i].minor == want->second)
                return int(i);
    return 0;
}

QString PythonFinder::mismatch(const PythonInfo &python, QStringView runtime, QStringView arch)
{
    QStringList why;
    if (const auto want = runtimeVersion(runtime);
        want && (want->first != python.major || want->second != python.minor))
        why << QStringLiteral("%1 is Python %2 but the layer targets %3; extension modules built for one "
                              "version do not import in another")
                   .arg(python.path, python.version, runtime.toString());
    const QString machine = arch == u"arm64" ? QStringLiteral("aarch64") : arch.toString();
    if (!arch.isEmpty() && python.machine != machine)
        why << QStringLiteral("%1 runs on %2 but the layer targets %3")
                   .arg(python.path, python.machine, arch.toString());
    return why.join(QStringLiteral("; "));
}
