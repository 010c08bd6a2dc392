#include "gui/shell/mainactions.h"

#include "select/rules.h"

#include <QAction>
#include <QApplication>
#include <QMainWindow>
#include <QMenuBar>
#include <QStyle>
#include <QToolBar>
#include <QUndoGroup>

MainActions::MainActions(QMainWindow *window, QUndoGroup *undoGroup)
    : QObject(window)
{
    QStyle *style = window->style();
    const auto make = [window](const QIcon &icon, const QString &text, const QKeySequence &key, const QString &tip) {
        auto *a = new QAction(icon, text, window);
        a->setShortcut(key);
        a->setStatusTip(tip);
        a->setToolTip(key.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
        window->addAction(a); // shortcuts work while the menu bar is hidden too
        return a;
    };

    newFromRequirements =
        make(style->standardIcon(QStyle::SP_FileDialogNewFolder), tr("&New Layer from Requirements…"),
             QKeySequence(tr("Ctrl+Shift+N")), tr("Stage a new layer folder with pip from a requirements file"));
    openFolder = make(style->standardIcon(QStyle::SP_DirOpenIcon), tr("Open &Folder…"), QKeySequence::Open,
                      tr("Open a layer folder or site-packages"));
    openZip = make(style->standardIcon(QStyle::SP_FileIcon), tr("Open &Zip…"), QKeySequence(tr("Ctrl+Shift+O")),
                   tr("Open an existing layer zip"));
    openProfile = make(style->standardIcon(QStyle::SP_DialogOpenButton), tr("Open &Profile…"),
                       QKeySequence(tr("Ctrl+Alt+O")), tr("Apply a saved profile's rules and choices"));
    saveProfile = make(style->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save Profile…"), QKeySequence::Save,
                       tr("Save the rules and choices as a profile for layerslim-cli"));
    exportLayer = make(QIcon(QStringLiteral(":/icons/export.svg")), tr("&Export Layer…"), QKeySequence(tr("Ctrl+E")),
                       tr("Write the kept files as a layer zip"));
    compareZip = make(QIcon(), tr("Layer &Zip…"), QKeySequence(tr("Ctrl+Shift+D")),
                      tr("Compare the layer as kept with another layer zip: what grew, what shrank"));
    compareFolder = make(QIcon(), tr("&Folder…"), QKeySequence(),
                         tr("Compare the layer as kept with another layer folder: what grew, what shrank"));
    closeLayer = make(style->standardIcon(QStyle::SP_DialogCloseButton), tr("&Close Layer"), QKeySequence::Close,
                      tr("Close the layer and show the start page"));
    quit = make(QIcon(), tr("&Quit"), QKeySequence::Quit, tr("Quit LayerSlim"));
    quit->setMenuRole(QAction::QuitRole);

    undo = undoGroup->createUndoAction(window, tr("&Undo"));
    undo->setIcon(QIcon(QStringLiteral(":/icons/undo.svg")));
    undo->setShortcut(QKeySequence::Undo);
    redo = undoGroup->createRedoAction(window, tr("&Redo"));
    redo->setIcon(QIcon(QStringLiteral(":/icons/redo.svg")));
    redo->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
    // The tool bar says just "Undo"/"Redo"; menus and tooltips name the step.
    undo->setIconText(tr("Undo"));
    redo->setIconText(tr("Redo"));
    window->addAction(undo);
    window->addAction(redo);
    find = make(QIcon(), tr("&Filter by Name"), QKeySequence::Find, tr("Filter the tree by file name"));
    pruneCurrent = make(QIcon(), tr("&Prune Selected"), QKeySequence(Qt::Key_Delete),
                        tr("Leave the selected file or folder out of the layer"));
    keepCurrent = make(QIcon(), tr("&Keep Selected"), QKeySequence(tr("Ctrl+K")),
                       tr("Keep the selected file or folder whatever the rules say"));
    inheritCurrent = make(QIcon(), tr("&Let Rules Decide"), QKeySequence(tr("Ctrl+L")),
                          tr("Forget manual choices on the selected file or folder"));
    preferences = make(QIcon(), tr("Pre&ferences…"), QKeySequence::Preferences, tr("Language of the interface"));
    preferences->setMenuRole(QAction::PreferencesRole);
    resetAll = make(QIcon(), tr("Reset &All Choices"), QKeySequence(tr("Ctrl+Shift+R")),
                    tr("Disable every rule and forget every manual choice"));

    back = make(style->standardIcon(QStyle::SP_ArrowBack), tr("&Back"), QKeySequence::Back,
                tr("Show the folder the treemap showed before"));
    up = make(style->standardIcon(QStyle::SP_ArrowUp), tr("&Up"), QKeySequence(tr("Alt+Up")),
              tr("Show the parent folder in the treemap"));
    top = make(style->standardIcon(QStyle::SP_DirHomeIcon), tr("&Top"), QKeySequence(tr("Alt+Home")),
               tr("Show the whole layer in the treemap"));
    zoomIn = make(QIcon(QStringLiteral(":/icons/zoom-in.svg")), tr("&Zoom In"), QKeySequence(tr("Ctrl+Return")),
                  tr("Show the selected folder in the treemap"));
    hidePruned = make(QIcon(QStringLiteral(":/icons/hide-pruned.svg")), tr("&Hide Pruned"), QKeySequence(tr("Ctrl+H")),
                      tr("Draw only what stays in the layer"));
    hidePruned->setCheckable(true);
    colorByDistribution = make(QIcon(), tr("Colour by &Distribution"), QKeySequence(tr("Ctrl+Shift+B")),
                               tr("Colour the treemap by the distribution that installed each file"));
    colorByDistribution->setCheckable(true);
    focusTree = make(QIcon(), tr("Go to &Tree"), QKeySequence(tr("Ctrl+1")), tr("Move the keyboard focus to the tree"));
    focusRules =
        make(QIcon(), tr("Go to &Rules"), QKeySequence(tr("Ctrl+2")), tr("Move the keyboard focus to the rules"));

    const auto &catalog = RuleCatalog::all();
    for (std::size_t r = 0; r < catalog.size(); ++r) {
        // Alt+Shift+letter-free: Ctrl+Alt+1…9 for the first nine rules.
        const QKeySequence key = r < 9 ? QKeySequence(QStringLiteral("Ctrl+Alt+%1").arg(r + 1)) : QKeySequence();
        QAction *a = make(QIcon(), catalog[r].displayTitle(), key, catalog[r].displayWhy());
        a->setCheckable(true);
        rules.push_back(a);
    }
    editExceptions = make(QIcon(), tr("Edit &Exceptions…"), QKeySequence(tr("Ctrl+Shift+E")),
                          tr("Keep some packages or paths the current rule would prune"));

    about = make(QIcon(QStringLiteral(":/icons/layerslim.svg")), tr("&About LayerSlim"), QKeySequence::HelpContents,
                 tr("What LayerSlim is and which version this is"));
    about->setMenuRole(QAction::AboutRole);
    showLog = make(QIcon(), tr("Show &Log"), QKeySequence(),
                   tr("What LayerSlim has logged: scans, exports, checks and errors"));
    aboutQt = make(QIcon(), tr("About &Qt"), QKeySequence(), tr("The Qt version LayerSlim runs on"));
    aboutQt->setMenuRole(QAction::AboutQtRole);

    QMenuBar *bar = window->menuBar();
    QMenu *file = bar->addMenu(tr("&File"));
    file->addAction(newFromRequirements);
    file->addSeparator();
    file->addActions({openFolder, openZip});
    recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addActions({openProfile, saveProfile});
    file->addSeparator();
    file->addAction(exportLayer);
    QMenu *compare = file->addMenu(tr("Compare &With"));
    compare->addActions({compareZip, compareFolder});
    file->addSeparator();
    file->addActions({closeLayer, quit});

    QMenu *edit = bar->addMenu(tr("&Edit"));
    edit->addActions({undo, redo});
    edit->addSeparator();
    edit->addActions({pruneCurrent, keepCurrent, inheritCurrent});
    edit->addSeparator();
    edit->addActions({find, resetAll});
    edit->addSeparator();
    edit->addAction(preferences);

    QMenu *view = bar->addMenu(tr("&View"));
    view->addActions({back, up, top, zoomIn});
    view->addSeparator();
    view->addActions({hidePruned, colorByDistribution});
    view->addSeparator();
    view->addActions({focusTree, focusRules});

    QMenu *rulesMenu = bar->addMenu(tr("&Rules"));
    for (QAction *a : rules)
        rulesMenu->addAction(a);
    rulesMenu->addSeparator();
    rulesMenu->addAction(editExceptions);

    QMenu *help = bar->addMenu(tr("&Help"));
    help->addAction(showLog);
    help->addSeparator();
    help->addActions({about, aboutQt});

    toolBar = window->addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addActions({openFolder, openZip});
    toolBar->addSeparator();
    toolBar->addActions({undo, redo});
    toolBar->addSeparator();
    toolBar->addActions({back, up, top});
    toolBar->addAction(hidePruned);
    toolBar->addSeparator();
    toolBar->addActions({saveProfile, exportLayer});
}

void MainActions::setLayerOpen(bool open)
{
    for (QAction *a : {openProfile, saveProfile, closeLayer, find, pruneCurrent, keepCurrent, inheritCurrent, resetAll,
                       zoomIn, hidePruned, colorByDistribution, focusTree, focusRules, editExceptions, exportLayer,
                       compareZip, compareFolder})
        a->setEnabled(open);
    for (QAction *a : rules)
        a->setEnabled(open);
}
