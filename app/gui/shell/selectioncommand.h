// One undo step of the selection: the ledger's State before and after a
// change. Snapshots rather than inverse operations, so undo is exact.
#pragma once

#include "select/sizeledger.h"

#include <QUndoCommand>

class LayerDocument;

class SelectionCommand : public QUndoCommand
{
public:
    // The change has already been applied when the command is pushed.
    SelectionCommand(LayerDocument *document, SizeLedger::State before, SizeLedger::State after, const QString &text);

    void undo() override;
    void redo() override;

private:
    LayerDocument *m_document;
    SizeLedger::State m_before;
    SizeLedger::State m_after;
    bool m_applied = true; // QUndoStack::push() calls redo(); the first one has nothing to do
};
