#include "gui/dialogs/logdialog.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QUrl>
#include <QVBoxLayout>

#include <spdlog/spdlog.h>

LogDialog::LogDialog(QString path, QWidget *parent)
    : QDialog(parent)
    , m_path(std::move(path))
    , m_where(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    setWindowTitle(tr("LayerSlim Log"));
    m_where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_where->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("logText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *reloadButton = buttons->addButton(tr("&Reload"), QDialogButtonBox::ActionRole);
    QPushButton *folderButton = buttons->addButton(tr("Open &Folder"), QDialogButtonBox::ActionRole);
    folderButton->setToolTip(tr("The log and its older rotations"));
    connect(reloadButton, &QPushButton::clicked, this, &LogDialog::reload);
    connect(folderButton, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_path).absolutePath())); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_where);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(900, 560);
    reload();
}

void LogDialog::reload()
{
    if (auto logger = spdlog::default_logger())
        logger->flush();
    const QString where = QDir::toNativeSeparators(m_path);
    QFile file(m_path);
    if (m_path.isEmpty() || !file.open(QIODevice::ReadOnly)) {
        m_where->setText(m_path.isEmpty() ? tr("Logging has not started.")
                                          : tr("Cannot read %1: %2").arg(where, file.errorString()));
        m_text->clear();
        return;
    }
    const qint64 size = file.size();
    if (size > kShownBytes)
        file.seek(size - kShownBytes);
    QByteArray data = file.readAll();
    if (size > kShownBytes) // start at a whole line
        data.remove(0, data.indexOf('\n') + 1);
    m_where->setText(size > kShownBytes ? tr("The last %1 KB of %2").arg(kShownBytes / 1024).arg(where) : where);
    m_text->setPlainText(QString::fromUtf8(data));
    m_text->verticalScrollBar()->setValue(m_text->verticalScrollBar()->maximum());
}

QString LogDialog::text() const
{
    return m_text->toPlainText();
}
