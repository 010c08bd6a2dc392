// Edit ▸ Preferences: the interface language (the system's, English or
// Vietnamese), saved under LanguageLoader's setting and used from the next start.
#pragma once

#include <QDialog>

class QComboBox;

class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    [[nodiscard]] QComboBox *languageBox() const { return m_language; }
    // Writes the choice to QSettings (what OK does).
    void save();

private:
    QComboBox *m_language;
};
