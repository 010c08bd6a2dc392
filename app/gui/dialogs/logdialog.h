// Help ▸ Show Log: the end of LayerSlim's log file (spdlog's rotating file),
// read-only, with Reload and a way to the folder that holds it.
#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;

class LogDialog : public QDialog
{
    Q_OBJECT

public:
    // Only this much of the file's end is shown; the rest is a click away in the folder.
    static constexpr qint64 kShownBytes = 1024 * 1024;

    explicit LogDialog(QString path, QWidget *parent = nullptr);

    // Flushes the logger and reads the file again, scrolled to its end.
    void reload();
    [[nodiscard]] QString text() const;

private:
    QString m_path;
    QLabel *m_where;
    QPlainTextEdit *m_text;
};
