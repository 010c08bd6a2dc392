// One undo step of the selection: the document's selection before and after
// a change. Snapshots rather than inverse operations, so undo is exact.
#pragma once

#include "gui/shell/layerdocument.h"

#include <QUndoCommand>

class SelectionCommand : public QUndoCommand
{
public:
    // The change has already been applied when the command is pushed.
    SelectionCommand(LayerDocument *document, LayerDocument::Selection before, LayerDocument::Selection after,
                     const QString &text);

    void undo() override;
    void redo() override;

private:
    LayerDocument *m_document;
    LayerDocument::Selection m_before;
    LayerDocument::Selection m_after;
    bool m_applied = true; // QUndoStack::push() calls redo(); the first one has nothing to do
};
