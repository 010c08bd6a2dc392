// Helpers the QtTest suites share: running shell commands for independent
// expectations, finding the staged demo layer, and what the machine the tests
// run on is (its Python, CPU and glibc), so that no expectation is bound to
// one machine.
#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QString>
#include <QSysInfo>
#include <QTest>

#include <gnu/libc-version.h>

namespace testsupport {

// The interpreter the suites verify, compile and inspect zips with:
// $LAYERSLIM_TEST_PYTHON when set, else the system's python3, whose packages
// scripts/stage-demo-layer.sh copies into the demo layer (a per-user python3
// earlier on PATH, such as pyenv's, may be another CPython), else any python3
// on PATH.
inline QString python()
{
    static const QString path = [] {
        const QString chosen = qEnvironmentVariable("LAYERSLIM_TEST_PYTHON");
        if (!chosen.isEmpty())
            return chosen;
        const QString system = QStandardPaths::findExecutable(QStringLiteral("python3"),
                                                              {QStringLiteral("/usr/bin"), QStringLiteral("/bin")});
        return system.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("python3")) : system;
    }();
    return path;
}

// Runs `bash -c script` and returns stdout. Without `exitCode` a command that
// does not exit 0 (or does not finish) fails the current test: an expectation
// computed by a failed command is no expectation. Helpers call this too, so it
// records the failure with QTest::qFail rather than QFAIL's return; the caller
// goes on with the output it got and the test is reported failed.
inline QByteArray sh(const QString &script, int *exitCode = nullptr)
{
    QProcess p;
    // `python3` in a script is the interpreter the suites check against (see python()).
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"),
               QFileInfo(python()).path() + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("bash"), {QStringLiteral("-c"), script});
    const bool finished = p.waitForFinished(600000);
    const int code = finished && p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    if (exitCode) {
        *exitCode = code;
    } else if (code != 0) {
        const QByteArray message = QStringLiteral("command failed (exit %1): %2\n%3")
                                       .arg(code)
                                       .arg(script, QString::fromLocal8Bit(p.readAllStandardError()))
                                       .toLocal8Bit();
        QTest::qFail(message.constData(), __FILE__, __LINE__);
    }
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

// Suites that need the demo layer fail without it instead of skipping: ctest's
// stage_demo_layer fixture always runs before them, so a missing layer means
// staging broke, and a skip would show green for code that never ran.
inline constexpr char kDemoMissing[] = "the demo layer is not staged in " LAYERSLIM_FIXTURE_DIR
                                       "/demo (ctest's stage_demo_layer stages it: scripts/stage-demo-layer.sh)";

// What that interpreter and this machine are, asked of them rather than
// assumed, so the suites pass on arm64 and on a newer Debian alike.
struct Host {
    QString runtime;      // Lambda runtime name of the host Python: "python3.11"
    QString abiTag;       // the tag in its extension names: "cpython-311"
    QString extSuffix;    // its extension suffix: ".cpython-311-x86_64-linux-gnu.so"
    QString arch;         // Lambda's name for this CPU: "x86_64" or "arm64"
    QString glibc;        // the C library the demo layer's extensions were built against: "2.36"
    QString otherRuntime; // a Lambda runtime that is not the host Python's, whose extensions it lacks: "python3.10"
};

inline const Host &host()
{
    static const Host h = [] {
        Host r;
        QProcess p;
        p.start(python(), {QStringLiteral("-S"), QStringLiteral("-c"),
                           QStringLiteral("import sys, sysconfig; print(sys.version_info[0], sys.version_info[1], "
                                          "sysconfig.get_config_var('EXT_SUFFIX'))")});
        p.waitForFinished(60000);
        const QStringList f = QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char(' '));
        if (f.size() == 3) {
            r.runtime = QStringLiteral("python%1.%2").arg(f[0], f[1]);
            r.abiTag = QStringLiteral("cpython-%1%2").arg(f[0], f[1]);
            r.extSuffix = f[2].trimmed();
        }
        r.otherRuntime = r.runtime == u"python3.10" ? QStringLiteral("python3.12") : QStringLiteral("python3.10");
        r.arch = QSysInfo::currentCpuArchitecture(); // Qt names aarch64 "arm64", as Lambda does
        r.glibc = QString::fromLatin1(gnu_get_libc_version());
        return r;
    }();
    return h;
}

// One run of layerslim-cli: its exit status (-1 when it crashed) and output.
struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline CliRun cli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(LAYERSLIM_CLI), args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

// A JSON file's top-level object; empty when it cannot be read.
inline QJsonObject readJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

} // namespace testsupport
