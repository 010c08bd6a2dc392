// Edit ▸ Preferences: the language chosen is what LanguageLoader asks for at
// the next start, "the system's" hands the choice back to the locale, and
// Cancel changes nothing.
#include "gui/dialogs/preferencesdialog.h"
#include "gui/shell/languageloader.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QSettings>
#include <QtTest>

class TestPreferences : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void offersTheEmbeddedLanguages();
    void okSavesTheLanguageForTheNextStart();
    void cancelChangesNothing();
};

void TestPreferences::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("LayerSlimTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_preferences"));
    QSettings().clear();
}

void TestPreferences::cleanupTestCase()
{
    QSettings().clear();
}

void TestPreferences::offersTheEmbeddedLanguages()
{
    PreferencesDialog dialog;
    QComboBox *box = dialog.languageBox();
    QStringList codes;
    for (int i = 0; i < box->count(); ++i)
        codes << box->itemData(i).toString();
    QCOMPARE(codes, QStringList{QStringLiteral("system")} + LanguageLoader::available());
    QVERIFY(codes.contains(QStringLiteral("vi")));
    QCOMPARE(box->itemText(box->findData(QStringLiteral("vi"))), QStringLiteral("Tiếng Việt"));
    QCOMPARE(box->currentData().toString(), QStringLiteral("system")); // nothing saved yet
}

void TestPreferences::okSavesTheLanguageForTheNextStart()
{
    {
        PreferencesDialog dialog;
        dialog.languageBox()->setCurrentIndex(dialog.languageBox()->findData(QStringLiteral("vi")));
        dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QCOMPARE(QSettings().value(QString::fromLatin1(LanguageLoader::kSettingsKey)).toString(), QStringLiteral("vi"));
    QCOMPARE(LanguageLoader::requested(), QStringLiteral("vi"));
    // The next dialog starts from the saved choice; "the system's" removes it.
    PreferencesDialog again;
    QCOMPARE(again.languageBox()->currentData().toString(), QStringLiteral("vi"));
    again.languageBox()->setCurrentIndex(0);
    again.save();
    QVERIFY(!QSettings().contains(QString::fromLatin1(LanguageLoader::kSettingsKey)));
}

void TestPreferences::cancelChangesNothing()
{
    QSettings().setValue(QString::fromLatin1(LanguageLoader::kSettingsKey), QStringLiteral("en"));
    PreferencesDialog dialog;
    dialog.languageBox()->setCurrentIndex(dialog.languageBox()->findData(QStringLiteral("vi")));
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel)->click();
    QCOMPARE(QSettings().value(QString::fromLatin1(LanguageLoader::kSettingsKey)).toString(), QStringLiteral("en"));
}

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
