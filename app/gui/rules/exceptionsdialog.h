// Edits one rule's exceptions: globs over package paths ("PIL/**",
// "scipy/misc/face.dat") whose matches the rule leaves in the layer.
#pragma once

#include <QDialog>

class QPlainTextEdit;

class ExceptionsDialog : public QDialog
{
    Q_OBJECT

public:
    // `suggestion` (e.g. the selected entry's package path) is offered by a button when not empty.
    ExceptionsDialog(int rule, const QStringList &globs, const QString &suggestion, QWidget *parent = nullptr);

    // The edited globs: one a line, blanks dropped, duplicates removed.
    [[nodiscard]] QStringList globs() const;

private:
    QPlainTextEdit *m_edit;
};
