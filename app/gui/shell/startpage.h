// What the window shows before a layer is open: Open buttons, the demo
// layer when one is staged, the site-packages folders found on this machine
// and recent layers.
#pragma once

#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;
class RecentFiles;
class SitePackagesProbe;

class StartPage : public QWidget
{
    Q_OBJECT

public:
    StartPage(RecentFiles *recent, QWidget *parent = nullptr);

    // The environment variable naming a staged demo layer's python/ folder (`make run` sets it).
    static constexpr char kDemoLayerVariable[] = "LAYERSLIM_DEMO_LAYER";
    // The staged demo layer (numpy + scipy + pandas): the folder $LAYERSLIM_DEMO_LAYER
    // names, else demo/python in the user's data folder; empty when neither holds one.
    [[nodiscard]] static QString demoLayerPath();
    [[nodiscard]] QTreeWidget *list() const { return m_list; }
    // Starts asking the interpreters on PATH (once).
    void probe();
    // True from probe() until every interpreter has answered.
    [[nodiscard]] bool isProbing() const;

Q_SIGNALS:
    void openRequested(const QString &path);
    void openFolderRequested();
    void openZipRequested();
    void newFromRequirementsRequested();

private:
    void fillRecent();
    QTreeWidgetItem *addEntry(QTreeWidgetItem *group, const QString &path, const QString &detail);

    RecentFiles *m_recent;
    SitePackagesProbe *m_probe = nullptr;
    QTreeWidget *m_list;
    QTreeWidgetItem *m_demoGroup;
    QTreeWidgetItem *m_siteGroup;
    QTreeWidgetItem *m_recentGroup;
};
