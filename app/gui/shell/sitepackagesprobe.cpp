#include "gui/shell/sitepackagesprobe.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>

#include <spdlog/spdlog.h>

QStringList SitePackagesProbe::interpreters()
{
    static const QRegularExpression name(QStringLiteral("^python3(\\.\\d+)?$"));
    QStringList out;
    QSet<QString> real;
    const QStringList dirs = qEnvironmentVariable("PATH").split(QLatin1Char(':'), Qt::SkipEmptyParts);
    for (const QString &dir : dirs) {
        const QFileInfoList entries =
            QDir(dir).entryInfoList({QStringLiteral("python3*")}, QDir::Files | QDir::Executable, QDir::Name);
        for (const QFileInfo &entry : entries) {
            if (!name.match(entry.fileName()).hasMatch())
                continue;
            const QString canonical = entry.canonicalFilePath();
            if (canonical.isEmpty() || real.contains(canonical))
                continue;
            real.insert(canonical);
            out << entry.absoluteFilePath();
        }
    }
    return out;
}

SitePackagesProbe::~SitePackagesProbe()
{
    const auto processes = findChildren<QProcess *>();
    for (QProcess *process : processes) {
        process->disconnect(this);
        process->kill();
        process->waitForFinished(1000);
    }
}

void SitePackagesProbe::start()
{
    const QStringList pythons = interpreters();
    m_pending = int(pythons.size());
    if (pythons.isEmpty()) {
        Q_EMIT finished();
        return;
    }
    for (const QString &python : pythons) {
        auto *process = new QProcess(this);
        connect(process, &QProcess::finished, this, [this, process, python](int code, QProcess::ExitStatus status) {
            const QByteArray out =
                status == QProcess::NormalExit && code == 0 ? process->readAllStandardOutput() : QByteArray();
            process->deleteLater();
            interpreterFinished(python, out);
        });
        connect(process, &QProcess::errorOccurred, this, [this, process, python](QProcess::ProcessError error) {
            if (error != QProcess::FailedToStart)
                return; // finished() follows for the other errors
            process->deleteLater();
            interpreterFinished(python, {});
        });
        process->start(python, {QStringLiteral("-c"),
                                QStringLiteral("import json, site; print(json.dumps(site.getsitepackages()))")});
    }
}

void SitePackagesProbe::interpreterFinished(const QString &interpreter, const QByteArray &output)
{
    const QJsonArray paths = QJsonDocument::fromJson(output).array();
    if (paths.isEmpty())
        spdlog::debug("{} named no site-packages", interpreter.toStdString());
    for (const QJsonValue &v : paths) {
        const QString canonical = QFileInfo(v.toString()).canonicalFilePath();
        if (canonical.isEmpty() || m_seen.contains(canonical) || !QFileInfo(canonical).isDir())
            continue;
        m_seen.insert(canonical);
        Q_EMIT found(canonical, interpreter);
    }
    if (--m_pending == 0)
        Q_EMIT finished();
}
