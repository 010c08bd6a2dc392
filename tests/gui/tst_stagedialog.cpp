// File ▸ New Layer from Requirements, driven through its widgets and offline:
// the test writes tiny wheels into a wheelhouse with python3's zipfile, stages
// them with testsupport::python()'s pip through `--no-index --find-links`, and
// compares the staged tree with the wheels' own listing; pip's lines reach the
// log pane, a missing requirement shows pip's own ERROR lines, and Cancel stops
// a pip that waits on a silent local index within seconds.
#include "gui/dialogs/stagedialog.h"
#include "gui/shell/layerdocument.h"
#include "gui/shell/mainactions.h"
#include "gui/shell/mainwindow.h"
#include "gui/shell/startpage.h"
#include "testsupport.h"
#include "wheelsupport.h"

#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QtTest>

using testsupport::quoted;
using testsupport::sh;
using wheelsupport::stagedFiles;
using wheelsupport::wheelFiles;
using wheelsupport::writeWheel;

namespace {

const QString kPython = testsupport::python();

QStringList logLines(const StageDialog &dialog)
{
    return dialog.log()->toPlainText().split(QLatin1Char('\n'));
}

// The log pane's block holding exactly `line`, or an invalid block.
QTextBlock logBlock(const StageDialog &dialog, const QString &line)
{
    for (QTextBlock b = dialog.log()->document()->begin(); b.isValid(); b = b.next())
        if (b.text() == line)
            return b;
    return {};
}

// Saves the dialog for a look under Xvfb when LAYERSLIM_SCREENSHOT_DIR is set.
void screenshot(StageDialog &dialog, const QString &name)
{
    const QString dir = qEnvironmentVariable("LAYERSLIM_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(200); // one more paint after the last change
    QVERIFY(dialog.grab().save(QDir(dir).filePath(name)));
}

} // namespace

class TestStageDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void stagesFromAWheelhouse();
    void remembersTheLastChoices();
    void missingRequirementShowsPipsError();
    void cancelStopsPipQuickly();
    void refusesToOverwriteWithoutReplace();
    void mainWindowOpensTheStagedLayer();

private:
    // A dialog filled for the offline wheelhouse, into `outputDir`.
    void fill(StageDialog &dialog, const QString &requirements, const QString &outputDir) const;

    QTemporaryDir m_dir;
    QString m_wheelhouse;
    QString m_requirements;
};

void TestStageDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LayerSlimStageTests"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    int code = 0;
    sh(kPython + QStringLiteral(" -m pip --version"), &code);
    QVERIFY2(code == 0, "python3-pip is needed (scripts/install-deps.sh installs it)");
    m_wheelhouse = m_dir.filePath(QStringLiteral("wheelhouse"));
    QVERIFY(QDir().mkpath(m_wheelhouse));
    writeWheel(m_wheelhouse, QStringLiteral("tinypkg"), QStringLiteral("1.0"), 50000);
    writeWheel(m_wheelhouse, QStringLiteral("otherpkg"), QStringLiteral("2.5"), 3000);
    m_requirements = m_dir.filePath(QStringLiteral("requirements.txt"));
    sh(QStringLiteral("printf 'tinypkg==1.0\\notherpkg\\n' > %1").arg(quoted(m_requirements)));
}

void TestStageDialog::cleanupTestCase()
{
    QSettings().clear();
}

void TestStageDialog::fill(StageDialog &dialog, const QString &requirements, const QString &outputDir) const
{
    dialog.setRequirements(requirements);
    dialog.setOutputDir(outputDir);
    dialog.setTarget(QStringLiteral("python3.10"), QStringLiteral("x86_64"));
    dialog.setPython(kPython);
    dialog.setPipOptions(QStringLiteral("--no-index --find-links \"%1\"").arg(m_wheelhouse));
}

void TestStageDialog::stagesFromAWheelhouse()
{
    StageDialog dialog;
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QString out = m_dir.filePath(QStringLiteral("layer"));
    fill(dialog, m_requirements, out);
    QCOMPARE(dialog.python(), kPython);
    QSignalSpy finished(&dialog, &StageDialog::finished);
    QSignalSpy staged(&dialog, &StageDialog::staged);
    QTest::mouseClick(dialog.stageButton(), Qt::LeftButton);
    QVERIFY(dialog.isRunning());
    QVERIFY(!dialog.stageButton()->isEnabled());
    QVERIFY(dialog.findChild<QProgressBar *>()->isVisible());
    QCOMPARE(dialog.findChild<QProgressBar *>()->maximum(), 0); // busy: pip does not say how much is left
    QCOMPARE(dialog.closeButton()->text(), QStringLiteral("&Cancel"));
    QVERIFY(finished.wait(300000));
    QCOMPARE(finished.first().first().toBool(), true);

    const QString layer = QDir(out).filePath(QStringLiteral("python"));
    QCOMPARE(dialog.resultPath(), layer);
    QCOMPARE(staged.size(), 1);
    QCOMPARE(staged.first().first().toString(), layer);
    // Every file of both wheels, at its size, and nothing else but pip's bookkeeping.
    QStringList expected = wheelFiles(m_wheelhouse + QStringLiteral("/tinypkg-1.0-py3-none-any.whl")) +
                           wheelFiles(m_wheelhouse + QStringLiteral("/otherpkg-2.5-py3-none-any.whl"));
    expected.sort();
    QVERIFY(expected.contains(QStringLiteral("tinypkg/data/blob.bin 50000")));
    QCOMPARE(stagedFiles(layer), expected);
    QCOMPARE(sh(QStringLiteral("cmp %1/tinypkg/data/blob.bin <(unzip -p %2 tinypkg/data/blob.bin) && echo same")
                    .arg(quoted(layer), quoted(m_wheelhouse + QStringLiteral("/tinypkg-1.0-py3-none-any.whl"))))
                 .trimmed(),
             QByteArray("same"));

    // pip's own lines, in order, in the default colour; the command line first.
    const QStringList lines = logLines(dialog);
    QVERIFY2(lines.first().startsWith(QStringLiteral("$ ") + kPython + QStringLiteral(" -m pip install --target ")),
             qPrintable(lines.first()));
    const auto processing = [&](const QString &name) {
        return lines.indexOf(QRegularExpression(QStringLiteral("^Processing .*%1-py3-none-any\\.whl$").arg(name)));
    };
    QVERIFY2(processing(QStringLiteral("tinypkg-1.0")) > 0, qPrintable(lines.join(QLatin1Char('\n'))));
    QVERIFY(processing(QStringLiteral("otherpkg-2.5")) > 0);
    const qsizetype success = lines.indexOf(QRegularExpression(
        QStringLiteral("^Successfully installed (otherpkg-2.5 tinypkg-1.0|tinypkg-1.0 otherpkg-2.5)$")));
    QVERIFY2(success > processing(QStringLiteral("otherpkg-2.5")), qPrintable(lines.join(QLatin1Char('\n'))));
    const QTextBlock successBlock = logBlock(dialog, lines[success]);
    QVERIFY(successBlock.isValid());
    QVERIFY(successBlock.begin().fragment().charFormat().foreground().color() != QColor(0xc6, 0x28, 0x28));

    QVERIFY2(dialog.status()->text().contains(QStringLiteral("2 distribution")), qPrintable(dialog.status()->text()));
    QVERIFY(dialog.status()->text().contains(QDir::toNativeSeparators(layer)));
    QVERIFY(dialog.stageButton()->isEnabled());
    QCOMPARE(dialog.closeButton()->text(), QStringLiteral("&Close"));
    const auto *bar = dialog.findChild<QProgressBar *>();
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(bar->isHidden()); // busy only while pip runs
    screenshot(dialog, QStringLiteral("stagedialog-staged.png"));
}

void TestStageDialog::remembersTheLastChoices()
{
    // The run above left its folders, target and options in the settings.
    StageDialog dialog;
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("stageRequirements"))->text(), m_requirements);
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("stageOutput"))->text(),
             m_dir.filePath(QStringLiteral("layer")));
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("stagePipOptions"))->text(),
             QStringLiteral("--no-index --find-links \"%1\"").arg(m_wheelhouse));
    QCOMPARE(dialog.python(), kPython);
    const auto combos = dialog.findChildren<QComboBox *>();
    QVERIFY(std::any_of(combos.begin(), combos.end(),
                        [](const QComboBox *c) { return c->currentText() == QLatin1String("python3.10"); }));
    // Interpreter detection keeps the remembered choice.
    QSignalSpy detected(&dialog, &StageDialog::pythonsDetected);
    QVERIFY(detected.wait(60000));
    QCOMPARE(dialog.python(), kPython);
}

void TestStageDialog::missingRequirementShowsPipsError()
{
    const QString bad = m_dir.filePath(QStringLiteral("bad-requirements.txt"));
    sh(QStringLiteral("echo 'no-such-package-anywhere==9.9' > %1").arg(quoted(bad)));
    // What pip itself says about it, run by hand with the same target and wheelhouse.
    int code = 0;
    const QString byHand = QString::fromUtf8(sh(
        QStringLiteral("%1 -m pip install --target %2 --platform manylinux2014_x86_64 --implementation cp "
                       "--python-version 3.10 --only-binary=:all: --no-compile -r %3 --no-index --find-links %4 2>&1 "
                       "| grep '^ERROR:'")
            .arg(kPython, quoted(m_dir.filePath(QStringLiteral("by-hand"))), quoted(bad), quoted(m_wheelhouse)),
        &code));
    const QStringList errors = byHand.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(!errors.isEmpty() && errors.last().contains(QStringLiteral("no-such-package-anywhere")),
             qPrintable(byHand));

    StageDialog dialog;
    dialog.show();
    const QString out = m_dir.filePath(QStringLiteral("never-made"));
    fill(dialog, bad, out);
    QSignalSpy finished(&dialog, &StageDialog::finished);
    QSignalSpy staged(&dialog, &StageDialog::staged);
    QVERIFY(dialog.start());
    QVERIFY(finished.wait(300000));
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(staged.size(), 0);
    QVERIFY(dialog.resultPath().isEmpty());
    QVERIFY(!QFileInfo::exists(out));
    // Each of pip's ERROR lines is in the log, in bold red; the last one is in the status too.
    for (const QString &error : errors) {
        const QTextBlock block = logBlock(dialog, error);
        QVERIFY2(block.isValid(), qPrintable(error + QStringLiteral("\n--- log:\n") + dialog.log()->toPlainText()));
        const QTextCharFormat format = block.begin().fragment().charFormat();
        QCOMPARE(format.foreground().color(), QColor(0xc6, 0x28, 0x28));
        QCOMPARE(format.fontWeight(), int(QFont::Bold));
    }
    QVERIFY2(dialog.status()->text().contains(errors.last().toHtmlEscaped()), qPrintable(dialog.status()->text()));
    QVERIFY(dialog.status()->text().contains(QStringLiteral("pip failed")));
    QVERIFY(dialog.stageButton()->isEnabled());
    screenshot(dialog, QStringLiteral("stagedialog-failed.png"));
}

void TestStageDialog::cancelStopsPipQuickly()
{
    // A local index that accepts pip's connection and never answers: pip waits
    // on it (nothing leaves the machine), so Cancel meets a pip that is busy.
    QProcess index;
    index.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    index.start(kPython, {QStringLiteral("-S"), QStringLiteral("-c"),
                          QStringLiteral("import socket, sys, time\n"
                                         "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(8)\n"
                                         "print(s.getsockname()[1], flush=True)\n"
                                         "c = s.accept()\n"
                                         "print('connected', flush=True)\n"
                                         "time.sleep(600)\n")});
    // Whole lines only: a line may arrive in more than one piece.
    const auto lineReady = [&index] {
        if (!index.canReadLine())
            index.waitForReadyRead(50);
        return index.canReadLine();
    };
    QTRY_VERIFY_WITH_TIMEOUT(lineReady(), 10000);
    const int port = index.readLine().trimmed().toInt();
    QVERIFY(port > 0);
    qputenv("no_proxy", "127.0.0.1");
    qputenv("NO_PROXY", "127.0.0.1");

    const QString requirements = m_dir.filePath(QStringLiteral("remote-requirements.txt"));
    sh(QStringLiteral("echo layerslim-cancel-probe > %1").arg(quoted(requirements)));
    StageDialog dialog;
    dialog.show();
    const QString out = m_dir.filePath(QStringLiteral("cancelled"));
    fill(dialog, requirements, out);
    dialog.setPipOptions(QStringLiteral("--index-url http://127.0.0.1:%1/simple --timeout 120 --retries 0").arg(port));
    QSignalSpy finished(&dialog, &StageDialog::finished);
    QVERIFY(dialog.start());
    QTRY_VERIFY_WITH_TIMEOUT(lineReady(), 120000);
    QCOMPARE(index.readLine().trimmed(), QByteArray("connected"));
    QVERIFY(dialog.isRunning());

    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(dialog.closeButton(), Qt::LeftButton); // "Cancel" while pip runs
    QVERIFY2(dialog.status()->text().contains(QStringLiteral("Cancelling")), qPrintable(dialog.status()->text()));
    QVERIFY(dialog.isVisible()); // the dialog stays to say how it ended
    QVERIFY(finished.wait(30000));
    const qint64 ms = clock.elapsed();
    qInfo("pip stopped %lld ms after Cancel", ms);
    QVERIFY2(ms < 5000, qPrintable(QString::number(ms)));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(dialog.status()->text().contains(QStringLiteral("Cancelled")));
    QVERIFY(logLines(dialog).last().startsWith(QStringLiteral("pip stopped ")));
    QVERIFY(dialog.resultPath().isEmpty());
    QVERIFY(!QFileInfo::exists(out));
    index.kill();
    index.waitForFinished();
}

void TestStageDialog::refusesToOverwriteWithoutReplace()
{
    // stagesFromAWheelhouse made DIR/python; a second run must be told to replace it.
    const QString out = m_dir.filePath(QStringLiteral("layer"));
    QVERIFY(QFileInfo(out + QStringLiteral("/python/tinypkg")).isDir());
    const QString only = m_dir.filePath(QStringLiteral("only-other.txt"));
    sh(QStringLiteral("echo otherpkg > %1").arg(quoted(only)));
    StageDialog dialog;
    fill(dialog, only, out);
    QVERIFY(!dialog.start());
    QVERIFY(!dialog.isRunning());
    QVERIFY2(dialog.status()->text().contains(QStringLiteral("exists already")), qPrintable(dialog.status()->text()));
    QVERIFY(QFileInfo(out + QStringLiteral("/python/tinypkg")).isDir());

    dialog.setReplace(true);
    QSignalSpy finished(&dialog, &StageDialog::finished);
    QVERIFY(dialog.start());
    QVERIFY(finished.wait(300000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(stagedFiles(out + QStringLiteral("/python")),
             wheelFiles(m_wheelhouse + QStringLiteral("/otherpkg-2.5-py3-none-any.whl")));
}

void TestStageDialog::mainWindowOpensTheStagedLayer()
{
    Q_INIT_RESOURCE(layerslim);
    MainWindow window;
    window.show();
    // File ▸ New Layer from Requirements… comes first, on Ctrl+Shift+N; the start page offers it too.
    QAction *action = window.actions()->newFromRequirements;
    QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+N")));
    const QMenu *file = window.menuBar()->actions().first()->menu();
    QVERIFY(file);
    QCOMPARE(file->actions().first(), action);
    QVERIFY(window.startPage()->findChild<QPushButton *>(QStringLiteral("startNewFromRequirements")));

    const QString out = m_dir.filePath(QStringLiteral("opened"));
    bool sawDialog = false;
    QTimer::singleShot(0, this, [&] {
        auto *dialog = qobject_cast<StageDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        sawDialog = true;
        fill(*dialog, m_requirements, out);
        connect(dialog, &StageDialog::finished, dialog, &QDialog::accept);
        QVERIFY(dialog->start());
    });
    QSignalSpy opened(&window, &MainWindow::layerOpened);
    window.startPage()->findChild<QPushButton *>(QStringLiteral("startNewFromRequirements"))->click();
    QVERIFY(sawDialog);
    QVERIFY(opened.size() == 1 || opened.wait(120000));
    QVERIFY(window.document());
    QCOMPARE(window.document()->path(), QDir(out).filePath(QStringLiteral("python")));
}

QTEST_MAIN(TestStageDialog)
#include "tst_stagedialog.moc"
