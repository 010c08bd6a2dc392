#include "gui/rules/exceptionsdialog.h"

#include "select/rules.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

ExceptionsDialog::ExceptionsDialog(int rule, const QStringList &globs, const QString &suggestion, QWidget *parent)
    : QDialog(parent)
    , m_edit(new QPlainTextEdit(this))
{
    const Rule &r = RuleCatalog::all()[std::size_t(rule)];
    setWindowTitle(tr("Exceptions to “%1”").arg(r.displayTitle()));

    auto *intro = new QLabel(tr("<b>%1</b><br>%2<br><br>Entries matching one of these globs stay in the layer "
                                "even when the rule matches them. One glob a line, relative to the package "
                                "root: <code>*</code> and <code>?</code> stay within a folder, <code>**</code> "
                                "spans folders (<code>PIL/**</code>, <code>**/tests</code>, "
                                "<code>scipy/misc/face.dat</code>).")
                                 .arg(r.displayTitle().toHtmlEscaped(), r.displayWhy().toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);

    m_edit->setObjectName(QStringLiteral("exceptionsEdit"));
    m_edit->setPlainText(globs.join(QLatin1Char('\n')));
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *buttons =
        new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this, defaults = r.defaultExceptions] { m_edit->setPlainText(defaults.join(QLatin1Char('\n'))); });
    if (!suggestion.isEmpty()) {
        auto *add = buttons->addButton(tr("Add %1").arg(suggestion), QDialogButtonBox::ActionRole);
        connect(add, &QPushButton::clicked, this, [this, suggestion] { m_edit->appendPlainText(suggestion); });
    }

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_edit);
    layout->addWidget(buttons);
    resize(520, 360);
}

QStringList ExceptionsDialog::globs() const
{
    QStringList out;
    for (const QString &line : m_edit->toPlainText().split(QLatin1Char('\n'))) {
        const QString glob = line.trimmed();
        if (!glob.isEmpty() && !out.contains(glob))
            out << glob;
    }
    return out;
}
