// Help ▸ Show Log: what was just logged is in the dialog, and in the log file
// at once for anyone reading it from outside; a long log shows only its end
// from a whole line, and an unreadable file is named with the reason.
#include "base/logging.h"
#include "gui/dialogs/logdialog.h"
#include "testsupport.h"

#include <QFile>
#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>

#include <spdlog/spdlog.h>

class TestLogDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsWhatWasJustLogged();
    void infoLinesReachTheFileAtOnce();
    void longLogShowsItsEndFromAWholeLine();
    void unreadableLogIsNamed();
};

void TestLogDialog::showsWhatWasJustLogged()
{
    QStandardPaths::setTestModeEnabled(true);
    logging::init(QStringLiteral("tst_logdialog"));
    const QString marker = QStringLiteral("scan of /tmp/marker-%1 finished").arg(QCoreApplication::applicationPid());
    spdlog::info("{}", marker.toStdString());
    LogDialog dialog(logging::logFilePath());
    QVERIFY2(dialog.text().contains(marker), qPrintable(dialog.text().right(500)));
    // Reload picks up what came after.
    spdlog::info("export done");
    dialog.reload();
    QVERIFY(dialog.text().trimmed().endsWith(QStringLiteral("export done")));
}

void TestLogDialog::infoLinesReachTheFileAtOnce()
{
    QStandardPaths::setTestModeEnabled(true);
    logging::init(QStringLiteral("tst_logdialog"));
    const QString marker = QStringLiteral("opened /tmp/at-once-%1").arg(QCoreApplication::applicationPid());
    spdlog::info("{}", marker.toStdString());
    // Read as another program would: no flush from this side.
    QFile file(logging::logFilePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY2(file.readAll().contains(marker.toUtf8()), qPrintable(logging::logFilePath()));
}

void TestLogDialog::longLogShowsItsEndFromAWholeLine()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("big.log"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    int lines = 0;
    while (file.size() < 3 * LogDialog::kShownBytes)
        file.write(QStringLiteral("[info] line %1 of a long log\n").arg(lines++).toUtf8());
    file.close();
    LogDialog dialog(path);
    const QString text = dialog.text();
    QVERIFY(text.size() <= LogDialog::kShownBytes);
    QVERIFY(text.size() > LogDialog::kShownBytes - 100);
    QVERIFY(text.startsWith(QStringLiteral("[info] line ")));
    QVERIFY(text.trimmed().endsWith(QStringLiteral("line %1 of a long log").arg(lines - 1)));
}

void TestLogDialog::unreadableLogIsNamed()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("gone.log"));
    LogDialog dialog(missing);
    QVERIFY(dialog.text().isEmpty());
    bool named = false;
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        named = named || label->text().contains(missing);
    QVERIFY(named);
}

QTEST_MAIN(TestLogDialog)
#include "tst_logdialog.moc"
