#include "gui/shell/selectioncommand.h"

#include "gui/shell/layerdocument.h"

SelectionCommand::SelectionCommand(LayerDocument *document, SizeLedger::State before, SizeLedger::State after,
                                   const QString &text)
    : QUndoCommand(text)
    , m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void SelectionCommand::undo()
{
    m_document->restoreState(m_before);
}

void SelectionCommand::redo()
{
    if (m_applied) {
        m_applied = false;
        return;
    }
    m_document->restoreState(m_after);
}
