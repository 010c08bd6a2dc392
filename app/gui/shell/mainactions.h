// Every action of the main window, with its text, icon, shortcut and status
// tip, arranged into the menu bar and the tool bar. MainWindow connects them.
#pragma once

#include <QObject>

#include <vector>

class QAction;
class QMainWindow;
class QMenu;
class QToolBar;
class QUndoGroup;

class MainActions : public QObject
{
    Q_OBJECT

public:
    MainActions(QMainWindow *window, QUndoGroup *undoGroup);

    // File
    QAction *newFromRequirements, *openFolder, *openZip, *openProfile, *saveProfile, *exportLayer, *closeLayer, *quit;
    QAction *compareZip, *compareFolder; // File ▸ Compare With ▸ Layer Zip… / Folder…
    QMenu *recentMenu;
    // Edit
    QAction *undo, *redo, *find, *pruneCurrent, *keepCurrent, *inheritCurrent, *resetAll, *preferences;
    // View
    QAction *back, *up, *top, *zoomIn, *hidePruned, *colorByDistribution, *focusTree, *focusRules;
    // Rules: one checkable action per RuleCatalog rule, in catalog order.
    std::vector<QAction *> rules;
    QAction *editExceptions;
    // Help
    QAction *showLog, *about, *aboutQt;

    QToolBar *toolBar;

    // Enables what needs an open layer.
    void setLayerOpen(bool open);
};
