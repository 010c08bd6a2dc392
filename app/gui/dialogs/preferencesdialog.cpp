#include "gui/dialogs/preferencesdialog.h"

#include "gui/shell/languageloader.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QVBoxLayout>

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent)
    , m_language(new QComboBox(this))
{
    setWindowTitle(tr("Preferences"));
    m_language->setObjectName(QStringLiteral("languageBox"));
    const QString system = QLocale::languageToString(QLocale::system().language());
    m_language->addItem(tr("The system's (%1)").arg(system), QStringLiteral("system"));
    // Each language is named in itself, so it can be found whatever the interface speaks now.
    for (const QString &code : LanguageLoader::available()) {
        const QLocale locale(code);
        QString name = locale.nativeLanguageName();
        if (!name.isEmpty())
            name[0] = name[0].toUpper();
        m_language->addItem(name.isEmpty() ? code : name, code);
    }
    const QString saved = QSettings().value(QString::fromLatin1(LanguageLoader::kSettingsKey)).toString();
    const int index = m_language->findData(saved.isEmpty() ? QStringLiteral("system") : saved);
    m_language->setCurrentIndex(index >= 0 ? index : 0);

    auto *note = new QLabel(tr("LayerSlim speaks the chosen language from its next start."), this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(420, 150);
}

void PreferencesDialog::save()
{
    QSettings settings;
    const QString code = m_language->currentData().toString();
    if (code == QLatin1String("system"))
        settings.remove(QString::fromLatin1(LanguageLoader::kSettingsKey));
    else
        settings.setValue(QString::fromLatin1(LanguageLoader::kSettingsKey), code);
}
