#include "gui/shell/selectioncommand.h"

SelectionCommand::SelectionCommand(LayerDocument *document, LayerDocument::Selection before,
                                   LayerDocument::Selection after, const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void SelectionCommand::undo()
{
    m_document->restoreSelection(m_before);
}

void SelectionCommand::redo()
{
    if (m_applied) {
        m_applied = false;
        return;
    }
    m_document->restoreSelection(m_after);
}
