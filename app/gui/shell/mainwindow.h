// LayerSlim's main window: the start page or the explorer for one open layer,
// the menus and tool bar, scanning with progress and Cancel in the status bar,
// drag and drop, profiles, and the settings that outlive a session.
#pragma once

#include "select/profile.h"
#include "tree/filetree.h"

#include <QMainWindow>

#include <memory>
#include <vector>

class BreakdownChart;
class ChecksPanel;
class CompareLauncher;
class ExplorerView;
struct Layer;
class LayerDocument;
class MainActions;
class QDockWidget;
class QLabel;
class QMimeData;
class QProgressBar;
class QStackedWidget;
class QToolButton;
class QUndoGroup;
class RecentFiles;
class RequirementsPanel;
class ScanJob;
class StartPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Scans `path` (a folder or a zip) in the background and shows it when done.
    void openPath(const QString &path);
    [[nodiscard]] bool isScanning() const { return m_scan != nullptr; }

    [[nodiscard]] LayerDocument *document() const { return m_document; }
    [[nodiscard]] ExplorerView *explorer() const { return m_explorer; }
    [[nodiscard]] StartPage *startPage() const { return m_startPage; }
    [[nodiscard]] MainActions *actions() const { return m_actions; }
    [[nodiscard]] BreakdownChart *breakdown() const { return m_breakdown; }
    [[nodiscard]] RequirementsPanel *requirements() const { return m_requirements; }
    [[nodiscard]] ChecksPanel *checks() const { return m_checks; }
    [[nodiscard]] CompareLauncher *compareLauncher() const { return m_compare; }
    // Compares the open layer as kept with the layer at `path` (File ▸ Compare With).
    void compareWith(const QString &path);
    // Applies a profile to the open layer: its choices, and its limit, reserve
    // and prefix to the budget, so the gauge judges as `scan --profile` does.
    // False with `error` (nothing changed) when it does not apply.
    bool applyProfile(const Profile &profile, QString *error);

Q_SIGNALS:
    // A layer was opened and is on screen.
    void layerOpened();
    // The open layer's background passes (exact zip size, metadata, lint)
    // have begun, once its treemap was first painted.
    void backgroundStarted();
    // Opening failed or was cancelled; `error` says why.
    void openFailed(const QString &error);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void connectActions();
    void chooseFolder();
    void chooseZip();
    void newFromRequirements();
    void scanFinished(std::shared_ptr<Layer> layer, const QString &error, bool cancelled);
    void setDocument(LayerDocument *document);
    // Adds the layer opened last to the recent files, once.
    void listOpened();
    void closeLayer();
    void openProfile();
    void saveProfile();
    void exportLayer();
    void makeItFit();
    // Asks for a trace for a rule that prunes from one, then ticks it.
    void chooseTrace(int rule);
    // Checks the open layer for the profile's target where it names one, else for what the layer says.
    void chooseTarget();
    void about();
    void markCurrent(int mark);
    void updateRuleActions();
    void updateNavigation();
    void updateStatus();
    void updateTitle();
    [[nodiscard]] static QString droppedPath(const QMimeData *mime);

    MainActions *m_actions;
    QUndoGroup *m_undoGroup;
    RecentFiles *m_recent;
    // The layer opened last until it is in the recent files: it is added after
    // its first frame, or when it is closed or replaced before that.
    QString m_unlisted;
    QStackedWidget *m_stack;
    StartPage *m_startPage;
    ExplorerView *m_explorer;
    BreakdownChart *m_breakdown = nullptr;
    ChecksPanel *m_checks = nullptr;
    RequirementsPanel *m_requirements = nullptr;
    CompareLauncher *m_compare;
    struct DockState {
        QDockWidget *dock;
        bool wanted; // shown when a layer is open: the user's last choice
    };
    std::vector<DockState> m_docks;
    LayerDocument *m_document = nullptr;
    ScanJob *m_scan = nullptr;
    Profile m_profile;      // target and export settings carried into saved profiles
    QString m_targetOrigin; // where m_profile's target came from, for export reports

    QLabel *m_totals;
    QLabel *m_verdict;
    QProgressBar *m_progress;
    QToolButton *m_cancel;
};
