// Helpers the QtTest suites share: running shell commands for independent
// expectations, and finding the staged demo layer.
#pragma once

#include <QDir>
#include <QProcess>
#include <QString>
#include <QTest>

namespace testsupport {

// Runs `bash -c script` and returns stdout; fails the test on a non-zero exit.
inline QByteArray sh(const QString &script, int *exitCode = nullptr)
{
    QProcess p;
    p.start(QStringLiteral("bash"), {QStringLiteral("-c"), script});
    p.waitForFinished(600000);
    if (exitCode)
        *exitCode = p.exitCode();
    else if (p.exitCode() != 0)
        qWarning("command failed (%d): %s\n%s", p.exitCode(), qPrintable(script), p.readAllStandardError().constData());
    return p.readAllStandardOutput();
}

inline QString quoted(const QString &path)
{
    QString q = path;
    q.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

// The staged demo layer's python/ folder (ctest's stage_demo_layer makes it).
inline QString demoLayer()
{
    return QStringLiteral(LAYERSLIM_FIXTURE_DIR "/demo/python");
}

inline bool haveDemoLayer()
{
    return QDir(demoLayer()).exists(QStringLiteral("numpy"));
}

} // namespace testsupport
