// Picks LayerSlim's user-interface language and installs its translation:
// the QSettings key "language" ("vi", "en") overrides the system locale. The
// compiled translations are embedded under :/i18n/ (layerslim_<lang>.qm).
#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

class LanguageLoader
{
public:
    // The QSettings key that overrides the system locale; empty or "system" follows it.
    static constexpr const char *kSettingsKey = "language";

    // Languages with an embedded translation, as short codes ("en", "vi").
    [[nodiscard]] static QStringList available();
    // The language the settings or, failing that, the system locale ask for
    // (a short code such as "vi"), whether or not a translation exists.
    [[nodiscard]] static QString requested();
    // Installs LayerSlim's translation for requested() (and Qt's own, when the
    // system has it) on `app`, and makes that locale the default for number
    // formatting. A language without a translation falls back to English.
    // Returns the language installed ("vi", "en").
    static QString install(QCoreApplication &app);
};
