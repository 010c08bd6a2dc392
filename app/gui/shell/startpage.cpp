#include "gui/shell/startpage.h"

#include "gui/shell/recentfiles.h"
#include "gui/shell/sitepackagesprobe.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {
constexpr int kPathRole = Qt::UserRole + 1;
}

StartPage::StartPage(RecentFiles *recent, QWidget *parent)
    : QWidget(parent)
    , m_recent(recent)
    , m_list(new QTreeWidget(this))
{
    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/layerslim.svg")).pixmap(72, 72));
    auto *title = new QLabel(tr("<span style='font-size:22pt; font-weight:600'>LayerSlim</span><br>"
                                "<span style='font-size:11pt'>Fit Python dependencies into an AWS Lambda layer: "
                                "see what takes the space, prune it with rules whose risk is spelled out, and "
                                "export a layer zip. The folder you open is never written to.</span>"),
                             this);
    title->setWordWrap(true);
    auto *header = new QHBoxLayout;
    header->addWidget(icon, 0, Qt::AlignTop);
    header->addSpacing(12);
    header->addWidget(title, 1);

    auto *openFolder = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("Open &Folder…"), this);
    auto *openZip = new QPushButton(style()->standardIcon(QStyle::SP_FileIcon), tr("Open &Zip…"), this);
    connect(openFolder, &QPushButton::clicked, this, &StartPage::openFolderRequested);
    connect(openZip, &QPushButton::clicked, this, &StartPage::openZipRequested);
    auto *stage = new QPushButton(style()->standardIcon(QStyle::SP_FileDialogNewFolder),
                                  tr("&New Layer from Requirements…"), this);
    stage->setObjectName(QStringLiteral("startNewFromRequirements"));
    stage->setToolTip(tr("Run pip for a Lambda runtime into a new layer folder, then open it"));
    connect(stage, &QPushButton::clicked, this, &StartPage::newFromRequirementsRequested);
    auto *drop = new QLabel(tr("…or drop a folder or a layer zip anywhere on this window."), this);
    drop->setForegroundRole(QPalette::PlaceholderText);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(openFolder);
    buttons->addWidget(openZip);
    buttons->addWidget(stage);
    buttons->addSpacing(8);
    buttons->addWidget(drop);
    buttons->addStretch(1);

    m_list->setObjectName(QStringLiteral("startList"));
    m_list->setColumnCount(2);
    m_list->setHeaderLabels({tr("Layer or site-packages"), tr("Where it comes from")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);
    m_list->setRootIsDecorated(false);
    m_list->setItemsExpandable(false);
    m_list->setUniformRowHeights(true);
    QFont groupFont = font();
    groupFont.setBold(true);
    const auto group = [&](const QString &text) {
        auto *item = new QTreeWidgetItem(m_list, {text});
        item->setFont(0, groupFont);
        item->setFlags(Qt::ItemIsEnabled);
        item->setFirstColumnSpanned(true);
        return item;
    };
    m_demoGroup = group(tr("Demo layer"));
    m_siteGroup = group(tr("Python site-packages on this machine"));
    m_recentGroup = group(tr("Recent layers"));
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const QString path = item->data(0, kPathRole).toString();
        if (!path.isEmpty())
            Q_EMIT openRequested(path);
    });

    // An installed LayerSlim ships no demo layer: the group shows only when one is there to open.
    const QString demo = demoLayerPath();
    if (demo.isEmpty())
        m_demoGroup->setHidden(true);
    else
        addEntry(m_demoGroup, demo, tr("numpy + scipy + pandas from Debian"));
    new QTreeWidgetItem(m_siteGroup, {tr("Asking the Python interpreters on PATH…")});
    fillRecent();
    connect(m_recent, &RecentFiles::changed, this, &StartPage::fillRecent);
    m_list->expandAll();

    auto *column = new QVBoxLayout;
    column->addLayout(header);
    column->addSpacing(16);
    column->addLayout(buttons);
    column->addSpacing(12);
    column->addWidget(m_list, 1);
    auto *frame = new QWidget(this);
    frame->setLayout(column);
    frame->setMaximumWidth(980);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addStretch(1);
    layout->addWidget(frame, 8);
    layout->addStretch(1);
}

QString StartPage::demoLayerPath()
{
    // Looked up when the window opens, never fixed at build time: a path baked
    // in would name the build folder on every machine the package reaches.
    QStringList candidates;
    const QString fromEnvironment = qEnvironmentVariable(kDemoLayerVariable);
    if (!fromEnvironment.isEmpty())
        candidates << fromEnvironment;
    const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!data.isEmpty())
        candidates << data + QStringLiteral("/demo/python");
    for (const QString &c : std::as_const(candidates))
        if (QFileInfo(c + QStringLiteral("/numpy")).isDir())
            return QFileInfo(c).canonicalFilePath();
    return {};
}

QTreeWidgetItem *StartPage::addEntry(QTreeWidgetItem *group, const QString &path, const QString &detail)
{
    auto *item = new QTreeWidgetItem(group, {QDir::toNativeSeparators(path), detail});
    item->setData(0, kPathRole, path);
    item->setIcon(0, style()->standardIcon(QFileInfo(path).isDir() ? QStyle::SP_DirIcon : QStyle::SP_FileIcon));
    item->setToolTip(0, tr("Open %1").arg(path));
    return item;
}

void StartPage::probe()
{
    if (m_probe)
        return;
    m_probe = new SitePackagesProbe(this);
    connect(m_probe, &SitePackagesProbe::found, this, [this](const QString &path, const QString &interpreter) {
        if (m_siteGroup->childCount() == 1 && m_siteGroup->child(0)->data(0, kPathRole).isNull())
            delete m_siteGroup->takeChild(0);
        addEntry(m_siteGroup, path, QFileInfo(interpreter).fileName());
    });
    connect(m_probe, &SitePackagesProbe::finished, this, [this] {
        if (m_siteGroup->childCount() == 1 && m_siteGroup->child(0)->data(0, kPathRole).isNull())
            m_siteGroup->child(0)->setText(0, tr("No python3 interpreter on PATH named a site-packages folder."));
    });
    m_probe->start();
}

bool StartPage::isProbing() const
{
    return m_probe && m_probe->isRunning();
}

void StartPage::fillRecent()
{
    qDeleteAll(m_recentGroup->takeChildren());
    const QStringList paths = m_recent->paths();
    for (const QString &path : paths)
        if (QFileInfo::exists(path))
            addEntry(m_recentGroup, path, tr("recently opened"));
    if (m_recentGroup->childCount() == 0)
        new QTreeWidgetItem(m_recentGroup, {tr("Nothing opened yet.")});
}
