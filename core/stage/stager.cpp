#include "stage/stager.h"

#include "base/processrunner.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <spdlog/spdlog.h>

#include <optional>

namespace {

constexpr int kTerminateGraceMs = 3000;

// Splits one of pip's streams into lines; pip ends progress lines with '\r'.
struct LineBuffer {
    QByteArray pending;

    template<typename Fn> void feed(const QByteArray &data, Fn &&emitLine)
    {
        pending += data;
        qsizetype start = 0;
        for (qsizetype i = 0; i < pending.size(); ++i) {
            if (pending[i] != '\n' && pending[i] != '\r')
                continue;
            if (i > start)
                emitLine(QString::fromUtf8(pending.mid(start, i - start)));
            start = i + 1;
        }
        pending.remove(0, start);
    }

    template<typename Fn> void flush(Fn &&emitLine)
    {
        if (!pending.isEmpty())
            emitLine(QString::fromUtf8(pending));
        pending.clear();
    }
};

QString resolvePython(const QString &python)
{
    if (python.contains(QLatin1Char('/'))) {
        const QFileInfo info(python);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    return QStandardPaths::findExecutable(python);
}

Stager::Result fail(Stager::Outcome outcome, const QString &message)
{
    spdlog::info("stage: {}", message.toStdString());
    return Stager::Result{outcome, message, QString(), -1};
}

// Why the request cannot run, before anything is written; empty when it can.
// `python` receives the interpreter's absolute path.
std::optional<Stager::Result> refusal(const StageRequest &request, QString *python)
{
    const QFileInfo requirements(request.requirements);
    if (!requirements.isFile() || !requirements.isReadable())
        return fail(Stager::Outcome::BadInput,
                    QStringLiteral("%1: not a readable requirements file").arg(request.requirements));
    *python = resolvePython(request.python);
    if (python->isEmpty())
        return fail(Stager::Outcome::BadInput, QStringLiteral("%1: no such Python interpreter").arg(request.python));
    if (request.outputDir.isEmpty())
        return fail(Stager::Outcome::BadInput, QStringLiteral("no output folder given"));
    return std::nullopt;
}

// The folder pip installs into: a temporary one inside the output folder (so
// that the final rename stays on one file system), which is created if missing.
class StagingArea
{
public:
    explicit StagingArea(const QDir &outDir)
        : m_outDir(outDir)
    {
    }

    // Creates the output folder when missing, and the staging folder; a message when it cannot.
    QString create()
    {
        m_createdOutDir = !m_outDir.exists();
        if (m_createdOutDir && !QDir().mkpath(m_outDir.path()))
            return QStringLiteral("%1: cannot create the folder").arg(m_outDir.path());
        m_staging.emplace(m_outDir.filePath(QStringLiteral(".layerslim-stage-XXXXXX")));
        if (!m_staging->isValid()) {
            removeOutDir();
            return QStringLiteral("%1: cannot create a staging folder: %2")
                .arg(m_outDir.path(), m_staging->errorString());
        }
        QDir().mkpath(installDir());
        return {};
    }

    [[nodiscard]] QString installDir() const { return m_staging->filePath(QStringLiteral("python")); }
    [[nodiscard]] QString filePath(const QString &name) const { return m_staging->filePath(name); }

    // Removes everything staged, and the output folder when this run created it.
    void discard()
    {
        m_staging->remove();
        removeOutDir();
    }

private:
    void removeOutDir()
    {
        if (m_createdOutDir)
            QDir().rmdir(m_outDir.path()); // only if still empty
    }

    QDir m_outDir;
    bool m_createdOutDir = false;
    std::optional<QTemporaryDir> m_staging;
};

// What pip's run amounted to.
struct PipRun {
    ProcessResult process;
    QStringList errorLines; // pip's standard error, line by line
    JobProgress progress;   // items: distributions collected
};

// Runs pip, handing each line it prints to `onLine` and counting the
// distributions it collects.
PipRun runPip(const QString &python, const QStringList &args, const QString &workDir, const Stager::LineFn &onLine,
              JobControl *control)
{
    PipRun run;
    auto lineFrom = [&](Stager::Stream stream) {
        return [&, stream](const QString &line) {
            if (stream == Stager::Stream::Out &&
                (line.startsWith(QLatin1String("Collecting ")) || line.startsWith(QLatin1String("Processing "))))
                ++run.progress.items;
            if (stream == Stager::Stream::Err)
                run.errorLines.push_back(line);
            run.progress.current = line.toUtf8();
            if (onLine)
                onLine(stream, line);
            if (control)
                control->report(run.progress);
        };
    };
    LineBuffer outBuf;
    LineBuffer errBuf;

    ProcessRequest request;
    request.program = python;
    request.arguments = args;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    env.insert(QStringLiteral("PIP_NO_INPUT"), QStringLiteral("1")); // nobody can answer a prompt
    env.insert(QStringLiteral("PIP_DISABLE_PIP_VERSION_CHECK"), QStringLiteral("1"));
    request.environment = env;
    request.workingDirectory = workDir;
    request.outputCap = 0; // every line goes to onLine instead
    request.cancelGraceMs = kTerminateGraceMs;
    request.control = control;
    request.onOutput = [&](const QByteArray &chunk) { outBuf.feed(chunk, lineFrom(Stager::Stream::Out)); };
    request.onErrors = [&](const QByteArray &chunk) { errBuf.feed(chunk, lineFrom(Stager::Stream::Err)); };
    run.process = ProcessRunner::run(request);
    if (run.process.end == ProcessResult::End::FailedToStart)
        return run;
    outBuf.flush(lineFrom(Stager::Stream::Out));
    errBuf.flush(lineFrom(Stager::Stream::Err));
    if (control)
        control->report(run.progress, true);
    return run;
}

// pip's own verdict is its last "ERROR:" line; otherwise its last line.
QString pipVerdict(const QStringList &errorLines)
{
    for (auto it = errorLines.crbegin(); it != errorLines.crend(); ++it)
        if (it->startsWith(QLatin1String("ERROR:")))
            return *it;
    return errorLines.isEmpty() ? QString() : errorLines.last();
}

// Renames the staged layer to `layerDir`, moving any previous layer aside
// first so that a failed rename can put it back; a message when it fails.
QString moveIntoPlace(const StagingArea &staging, const QString &layerDir)
{
    const QString previous = staging.filePath(QStringLiteral("previous"));
    const bool hadPrevious = QFileInfo::exists(layerDir) || QFileInfo(layerDir).isSymLink();
    if (hadPrevious && !QDir().rename(layerDir, previous))
        return QStringLiteral("%1: cannot move the previous layer aside").arg(layerDir);
    if (!QDir().rename(staging.installDir(), layerDir)) {
        if (hadPrevious)
            QDir().rename(previous, layerDir);
        return QStringLiteral("%1: cannot move the staged layer into place").arg(layerDir);
    }
    return {};
}

} // namespace

QStringList Stager::pipArguments(const StageRequest &request, const QString &installDir)
{
    QStringList args{QStringLiteral("-m"), QStringLiteral("pip"), QStringLiteral("install"), QStringLiteral("--target"),
                     installDir};
    for (const QString &platform : request.target.pipPlatforms())
        args << QStringLiteral("--platform") << platform;
    args << QStringLiteral("--implementation") << QStringLiteral("cp") << QStringLiteral("--python-version")
         << request.target.pythonVersion() << QStringLiteral("--only-binary=:all:") << QStringLiteral("--no-compile")
         << QStringLiteral("-r") << QFileInfo(request.requirements).absoluteFilePath();
    return args + request.extraPipArgs;
}

Stager::Result Stager::run(const StageRequest &request, const LineFn &onLine, JobControl *control)
{
    QString python;
    if (auto refused = refusal(request, &python))
        return *refused;
    const QDir outDir(QFileInfo(request.outputDir).absoluteFilePath());
    const QString layerDir = outDir.filePath(QStringLiteral("python"));
    const QFileInfo existing(layerDir);
    if ((existing.exists() || existing.isSymLink()) && !request.replace)
        return fail(Outcome::BadInput,
                    QStringLiteral("%1 already exists; remove it or ask to replace it").arg(layerDir));
    StagingArea staging(outDir);
    if (const QString why = staging.create(); !why.isEmpty())
        return fail(Outcome::BadInput, why);

    const QStringList args = pipArguments(request, staging.installDir());
    spdlog::info("stage: {} {}", python.toStdString(), args.join(QLatin1Char(' ')).toStdString());
    // Relative paths in the requirements file resolve as pip users expect.
    const PipRun pip = runPip(python, args, QFileInfo(request.requirements).absolutePath(), onLine, control);
    if (pip.process.end == ProcessResult::End::FailedToStart) {
        staging.discard();
        return fail(Outcome::PipFailed, QStringLiteral("%1: cannot start: %2").arg(python, pip.process.error));
    }
    // A cancel that arrives as pip exits still wins: the user asked for nothing.
    if (pip.process.end == ProcessResult::End::Cancelled || (control && control->cancelled())) {
        staging.discard();
        return fail(Outcome::Cancelled, QStringLiteral("staging was cancelled; nothing was written"));
    }
    if (!pip.process.succeeded()) {
        const QString reason = pipVerdict(pip.errorLines);
        const int code = pip.process.end == ProcessResult::End::Exited ? pip.process.exitCode : -1;
        staging.discard();
        Result r = fail(Outcome::PipFailed, QStringLiteral("pip failed (exit status %1)%2")
                                                .arg(code)
                                                .arg(reason.isEmpty() ? QString() : QStringLiteral(": ") + reason));
        r.pipExitCode = code;
        return r;
    }
    if (const QString why = moveIntoPlace(staging, layerDir); !why.isEmpty())
        return fail(Outcome::BadInput, why);

    Result r;
    r.outcome = Outcome::Staged;
    r.layerDir = layerDir;
    r.pipExitCode = 0;
    r.message = QStringLiteral("staged %1 distribution(s) for %2 into %3")
                    .arg(pip.progress.items)
                    .arg(request.target.label(), layerDir);
    spdlog::info("stage: {}", r.message.toStdString());
    return r;
}
