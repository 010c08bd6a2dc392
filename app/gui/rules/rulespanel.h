// The rules pane: the RulesModel in a table with risk badges, and the
// exceptions editor for the current rule.
#pragma once

#include <QWidget>

class LayerDocument;
class QTreeView;
class QPushButton;
class RulesModel;

class RulesPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RulesPanel(QWidget *parent = nullptr);

    void setDocument(LayerDocument *document);
    [[nodiscard]] RulesModel *model() const { return m_model; }
    [[nodiscard]] QTreeView *view() const { return m_view; }
    // Offered in the exceptions editor as "Add …" (the selected entry's package path).
    void setSuggestedException(const QString &glob) { m_suggestion = glob; }

    // Opens the exceptions editor for the current rule.
    void editExceptions();

private:
    RulesModel *m_model;
    QTreeView *m_view;
    QPushButton *m_exceptionsButton;
    QString m_suggestion;
};
