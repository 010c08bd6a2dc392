// Finds the Python site-packages folders on this machine: asks every
// python3* interpreter on PATH for site.getsitepackages(), each in its own
// background QProcess, and reports each existing folder once.
#pragma once

#include <QObject>
#include <QSet>
#include <QStringList>

class SitePackagesProbe : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    // Stops interpreters that have not answered yet.
    ~SitePackagesProbe() override;

    // The python3 / python3.N executables on PATH, one per real file.
    [[nodiscard]] static QStringList interpreters();
    void start();
    [[nodiscard]] bool isRunning() const { return m_pending > 0; }

Q_SIGNALS:
    // A site-packages folder (canonical path) and the interpreter that named it.
    void found(const QString &path, const QString &interpreter);
    // Every interpreter has answered (or failed).
    void finished();

private:
    void interpreterFinished(const QString &interpreter, const QByteArray &output);

    int m_pending = 0;
    QSet<QString> m_seen;
};
