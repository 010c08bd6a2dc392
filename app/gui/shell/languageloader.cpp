#include "gui/shell/languageloader.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace {

QString shortCode(const QString &name)
{
    return name.section(QLatin1Char('_'), 0, 0).section(QLatin1Char('-'), 0, 0).toLower();
}

} // namespace

QStringList LanguageLoader::available()
{
    QStringList out;
    const QStringList files = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("layerslim_*.qm")}, QDir::Files);
    for (const QString &f : files)
        out.push_back(f.mid(10, f.size() - 13)); // "layerslim_" … ".qm"
    return out;
}

QString LanguageLoader::requested()
{
    const QString chosen = QSettings().value(QString::fromLatin1(kSettingsKey)).toString().trimmed();
    if (!chosen.isEmpty() && chosen != QStringLiteral("system"))
        return shortCode(chosen);
    const QStringList ui = QLocale::system().uiLanguages();
    return shortCode(ui.isEmpty() ? QLocale::system().name() : ui.first());
}

QString LanguageLoader::install(QCoreApplication &app)
{
    // English is the source language; its translation only adds plural forms.
    const QString requestedLang = requested();
    const QString lang = available().contains(requestedLang) ? requestedLang : QStringLiteral("en");
    auto *ours = new QTranslator(&app);
    if (ours->load(QStringLiteral(":/i18n/layerslim_%1.qm").arg(lang)))
        QCoreApplication::installTranslator(ours);
    else
        delete ours;
    // Qt's own strings (standard buttons, file dialogs) when the system ships them.
    if (lang != QStringLiteral("en")) {
        auto *qt = new QTranslator(&app);
        if (qt->load(QStringLiteral("qtbase_%1").arg(lang), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(qt);
        else
            delete qt;
    }
    // Numbers follow the chosen language; a fallback to English keeps the system's formats.
    if (lang == requestedLang && QLocale().language() != QLocale(lang).language())
        QLocale::setDefault(QLocale(lang));
    return lang;
}
