#include "stage/stager.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <spdlog/spdlog.h>

namespace {

constexpr int kPollMs = 100;
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
    const QFileInfo requirements(request.requirements);
    if (!requirements.isFile() || !requirements.isReadable())
        return fail(Outcome::BadInput,
                    QStringLiteral("%1: not a readable requirements file").arg(request.requirements));
    const QString python = resolvePython(request.python);
    if (python.isEmpty())
        return fail(Outcome::BadInput, QStringLiteral("%1: no such Python interpreter").arg(request.python));
    if (request.outputDir.isEmpty())
        return fail(Outcome::BadInput, QStringLiteral("no output folder given"));

    const QDir outDir(QFileInfo(request.outputDir).absoluteFilePath());
    const QString layerDir = outDir.filePath(QStringLiteral("python"));
    const QFileInfo existing(layerDir);
    if ((existing.exists() || existing.isSymLink()) && !request.replace)
        return fail(Outcome::BadInput,
                    QStringLiteral("%1 already exists; remove it or ask to replace it").arg(layerDir));
    const bool createdOutDir = !outDir.exists();
    if (createdOutDir && !QDir().mkpath(outDir.path()))
        return fail(Outcome::BadInput, QStringLiteral("%1: cannot create the folder").arg(outDir.path()));
    auto cleanOutDir = [&] {
        if (createdOutDir)
            QDir().rmdir(outDir.path()); // only if still empty
    };

    // Inside the output folder, so that the final rename stays on one file system.
    QTemporaryDir staging(outDir.filePath(QStringLiteral(".layerslim-stage-XXXXXX")));
    if (!staging.isValid()) {
        cleanOutDir();
        return fail(Outcome::BadInput,
                    QStringLiteral("%1: cannot create a staging folder: %2").arg(outDir.path(), staging.errorString()));
    }
    const QString installDir = staging.filePath(QStringLiteral("python"));
    QDir().mkpath(installDir);

    QProcess pip;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    env.insert(QStringLiteral("PIP_NO_INPUT"), QStringLiteral("1")); // nobody can answer a prompt
    env.insert(QStringLiteral("PIP_DISABLE_PIP_VERSION_CHECK"), QStringLiteral("1"));
    pip.setProcessEnvironment(env);
    pip.setWorkingDirectory(requirements.absolutePath()); // relative paths in the file resolve as pip users expect
    const QStringList args = pipArguments(request, installDir);
    spdlog::info("stage: {} {}", python.toStdString(), args.join(QLatin1Char(' ')).toStdString());
    pip.start(python, args);
    if (!pip.waitForStarted()) {
        const QString why = pip.errorString();
        staging.remove();
        cleanOutDir();
        return fail(Outcome::PipFailed, QStringLiteral("%1: cannot start: %2").arg(python, why));
    }

    JobProgress progress;
    QStringList errorLines;
    LineBuffer outBuf;
    LineBuffer errBuf;
    auto lineFrom = [&](Stream stream) {
        return [&, stream](const QString &line) {
            if (stream == Stream::Out &&
                (line.startsWith(QLatin1String("Collecting ")) || line.startsWith(QLatin1String("Processing "))))
                ++progress.items;
            if (stream == Stream::Err)
                errorLines.push_back(line);
            progress.current = line.toUtf8();
            if (onLine)
                onLine(stream, line);
            if (control)
                control->report(progress);
        };
    };
    auto drain = [&] {
        outBuf.feed(pip.readAllStandardOutput(), lineFrom(Stream::Out));
        errBuf.feed(pip.readAllStandardError(), lineFrom(Stream::Err));
    };

    bool cancelled = false;
    while (pip.state() != QProcess::NotRunning) {
        if (control && control->cancelled()) {
            cancelled = true;
            pip.terminate();
            if (!pip.waitForFinished(kTerminateGraceMs)) {
                pip.kill();
                pip.waitForFinished(-1);
            }
            break;
        }
        pip.waitForReadyRead(kPollMs);
        drain();
    }
    drain();
    outBuf.flush(lineFrom(Stream::Out));
    errBuf.flush(lineFrom(Stream::Err));
    if (control)
        control->report(progress, true);

    // A cancel that arrives as pip exits still wins: the user asked for nothing.
    if (cancelled || (control && control->cancelled())) {
        staging.remove();
        cleanOutDir();
        return fail(Outcome::Cancelled, QStringLiteral("staging was cancelled; nothing was written"));
    }
    if (pip.exitStatus() != QProcess::NormalExit || pip.exitCode() != 0) {
        // pip's own verdict is its last "ERROR:" line; otherwise its last line.
        QString reason;
        for (auto it = errorLines.crbegin(); it != errorLines.crend() && reason.isEmpty(); ++it)
            if (it->startsWith(QLatin1String("ERROR:")))
                reason = *it;
        if (reason.isEmpty() && !errorLines.isEmpty())
            reason = errorLines.last();
        const int code = pip.exitStatus() == QProcess::NormalExit ? pip.exitCode() : -1;
        staging.remove();
        cleanOutDir();
        Result r = fail(Outcome::PipFailed, QStringLiteral("pip failed (exit status %1)%2")
                                                .arg(code)
                                                .arg(reason.isEmpty() ? QString() : QStringLiteral(": ") + reason));
        r.pipExitCode = code;
        return r;
    }

    // Move any previous layer aside first, so that a failed rename can put it back.
    const QString previous = staging.filePath(QStringLiteral("previous"));
    const bool hadPrevious = QFileInfo::exists(layerDir) || QFileInfo(layerDir).isSymLink();
    if (hadPrevious && !QDir().rename(layerDir, previous))
        return fail(Outcome::BadInput, QStringLiteral("%1: cannot move the previous layer aside").arg(layerDir));
    if (!QDir().rename(installDir, layerDir)) {
        if (hadPrevious)
            QDir().rename(previous, layerDir);
        return fail(Outcome::BadInput, QStringLiteral("%1: cannot move the staged layer into place").arg(layerDir));
    }
    Result r;
    r.outcome = Outcome::Staged;
    r.layerDir = layerDir;
    r.pipExitCode = 0;
    r.message = QStringLiteral("staged %1 distribution(s) for %2 into %3")
                    .arg(progress.items)
                    .arg(request.target.label(), layerDir);
    spdlog::info("stage: {}", r.message.toStdString());
    return r;
}
