#include "select/requirement.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <QRegularExpression>

#include <optional>

namespace {

// PEP 440 release segments compared numerically ("3.10" > "3.9"); pre- and
// post-release tags count as the release they qualify, which is all a
// python_version marker needs.
int compareVersions(QStringView a, QStringView b)
{
    static const QRegularExpression leading(QStringLiteral("^(\\d+)"));
    const QList<QStringView> x = a.split(QLatin1Char('.'));
    const QList<QStringView> y = b.split(QLatin1Char('.'));
    for (qsizetype i = 0; i < std::max(x.size(), y.size()); ++i) {
        const auto number = [&](const QList<QStringView> &parts) -> qlonglong {
            if (i >= parts.size())
                return 0;
            const QRegularExpressionMatch m = leading.match(parts[i].toString());
            return m.hasMatch() ? m.captured(1).toLongLong() : 0;
        };
        const qlonglong p = number(x), q = number(y);
        if (p != q)
            return p < q ? -1 : 1;
    }
    return 0;
}

bool looksLikeVersion(QStringView s)
{
    static const QRegularExpression version(QStringLiteral("^\\d+(\\.\\d+)*([a-z0-9.+]*)$"));
    return version.match(s.toString()).hasMatch();
}

// A recursive-descent reader of PEP 508 markers:
//   or_expr := and_expr ('or' and_expr)*; and_expr := atom ('and' atom)*
//   atom := '(' or_expr ')' | value op value; value := variable | quoted string
class MarkerReader
{
public:
    MarkerReader(QStringView text, const Target &target, const QString &extra)
        : m_text(text)
        , m_target(target)
        , m_extra(extra)
    {
    }

    std::optional<bool> evaluate(QString *error)
    {
        const std::optional<bool> v = orExpr();
        skipSpace();
        if (v && m_pos == m_text.size())
            return v;
        *error = QStringLiteral("cannot read the marker \"%1\" at character %2").arg(m_text).arg(m_pos + 1);
        return std::nullopt;
    }

private:
    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace())
            ++m_pos;
    }
    bool take(QStringView word, bool isWord)
    {
        skipSpace();
        if (!m_text.mid(m_pos).startsWith(word))
            return false;
        const qsizetype after = m_pos + word.size();
        if (isWord && after < m_text.size() && (m_text[after].isLetterOrNumber() || m_text[after] == u'_'))
            return false;
        m_pos = after;
        return true;
    }
    std::optional<bool> orExpr()
    {
        std::optional<bool> v = andExpr();
        while (v && take(u"or", true)) {
            const std::optional<bool> r = andExpr();
            if (!r)
                return std::nullopt;
            v = *v || *r;
        }
        return v;
    }
    std::optional<bool> andExpr()
    {
        std::optional<bool> v = atom();
        while (v && take(u"and", true)) {
            const std::optional<bool> r = atom();
            if (!r)
                return std::nullopt;
            v = *v && *r;
        }
        return v;
    }
    std::optional<bool> atom()
    {
        if (take(u"(", false)) {
            const std::optional<bool> v = orExpr();
            if (!v || !take(u")", false))
                return std::nullopt;
            return v;
        }
        bool leftIsVersion = false, rightIsVersion = false, leftIsExtra = false, rightIsExtra = false;
        const std::optional<QString> left = value(&leftIsVersion, &leftIsExtra);
        if (!left)
            return std::nullopt;
        QString op;
        for (QStringView candidate : {u"===", u"==", u"!=", u"<=", u">=", u"~=", u"<", u">", u"not in", u"in"}) {
            if (take(candidate, candidate.back().isLetter())) {
                op = candidate.toString();
                break;
            }
        }
        if (op.isEmpty())
            return std::nullopt;
        const std::optional<QString> right = value(&rightIsVersion, &rightIsExtra);
        if (!right)
            return std::nullopt;
        QString l = *left, r = *right;
        if (leftIsExtra || rightIsExtra) { // extras compare in normalised form
            l = Requirement::normalize(l);
            r = Requirement::normalize(r);
        }
        if (op == u"in")
            return r.contains(l);
        if (op == u"not in")
            return !r.contains(l);
        if (op == u"===")
            return l == r;
        const bool versions = (leftIsVersion || rightIsVersion) && looksLikeVersion(l) && looksLikeVersion(r);
        if (op == u"~=") { // compatible release: >= r and the same prefix but for r's last segment
            if (!versions)
                return l == r;
            QStringList prefix = r.split(QLatin1Char('.'));
            if (prefix.size() > 1)
                prefix.removeLast();
            const QStringList lparts = l.split(QLatin1Char('.'));
            return compareVersions(l, r) >= 0 && compareVersions(lparts.mid(0, prefix.size()).join(QLatin1Char('.')),
                                                                 prefix.join(QLatin1Char('.'))) == 0;
        }
        const int c = versions ? compareVersions(l, r) : QString::compare(l, r);
        if (op == u"==")
            return c == 0;
        if (op == u"!=")
            return c != 0;
        if (op == u"<")
            return c < 0;
        if (op == u"<=")
            return c <= 0;
        if (op == u">")
            return c > 0;
        return c >= 0;
    }
    std::optional<QString> value(bool *isVersion, bool *isExtra)
    {
        skipSpace();
        if (m_pos >= m_text.size())
            return std::nullopt;
        const QChar q = m_text[m_pos];
        if (q == u'"' || q == u'\'') {
            const qsizetype end = m_text.indexOf(q, m_pos + 1);
            if (end < 0)
                return std::nullopt;
            const QString s = m_text.mid(m_pos + 1, end - m_pos - 1).toString();
            m_pos = end + 1;
            return s;
        }
        qsizetype end = m_pos;
        while (end < m_text.size() && (m_text[end].isLetterOrNumber() || m_text[end] == u'_' || m_text[end] == u'.'))
            ++end;
        const QString variable = m_text.mid(m_pos, end - m_pos).toString();
        m_pos = end;
        const QString python = m_target.pythonVersion();
        *isVersion = variable.contains(QStringLiteral("version"));
        if (variable == u"python_version")
            return python;
        if (variable == u"python_full_version" || variable == u"implementation_version")
            return python + QStringLiteral(".0");
        if (variable == u"sys_platform")
            return QStringLiteral("linux");
        if (variable == u"platform_system")
            return QStringLiteral("Linux");
        if (variable == u"os_name" || variable == u"os.name")
            return QStringLiteral("posix");
        if (variable == u"platform_machine")
            return m_target.machine();
        if (variable == u"platform_python_implementation")
            return QStringLiteral("CPython");
        if (variable == u"implementation_name")
            return QStringLiteral("cpython");
        if (variable == u"platform_release" || variable == u"platform_version")
            return QString();
        if (variable == u"extra") {
            *isExtra = true;
            return m_extra;
        }
        return std::nullopt;
    }

    QStringView m_text;
    qsizetype m_pos = 0;
    const Target &m_target;
    const QString &m_extra;
};

} // namespace

QString Requirement::normalize(QStringView name)
{
    // Names are ASCII (PEP 508): lowered and joined here, a character at a
    // time. Any other name takes Unicode's lower case.
    QString out(name.size(), Qt::Uninitialized);
    qsizetype length = 0;
    bool inRun = false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        if (u >= 0x80) {
            static const QRegularExpression runs(QStringLiteral("[-_.]+"));
            return name.toString().toLower().replace(runs, QStringLiteral("-"));
        }
        const bool separator = u == u'-' || u == u'_' || u == u'.';
        if (!separator)
            out[length++] = QChar(u >= u'A' && u <= u'Z' ? u + (u'a' - u'A') : u);
        else if (!inRun)
            out[length++] = QLatin1Char('-');
        inRun = separator;
    }
    out.truncate(length);
    return out;
}

bool Requirement::parse(const QString &text, Requirement *out)
{
    static const QRegularExpression head(
        QStringLiteral("^\\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(?:\\[([^\\]]*)\\])?"));
    const QRegularExpressionMatch m = head.match(text);
    if (!m.hasMatch())
        return false;
    Requirement r;
    r.text = text.trimmed();
    r.name = m.captured(1);
    for (const QString &e : m.captured(2).split(QLatin1Char(','), Qt::SkipEmptyParts))
        r.extras << normalize(e.trimmed());
    // A URL requirement ("name @ https://…;…") needs a space before its ';'.
    const qsizetype semicolon = text.indexOf(QLatin1Char(';'), m.capturedEnd(0));
    if (semicolon >= 0)
        r.marker = text.mid(semicolon + 1).trimmed();
    *out = r;
    return true;
}

bool Requirement::appliesTo(const Target &target, const QString &extra, QString *error) const
{
    if (marker.isEmpty())
        return true;
    QString why;
    const std::optional<bool> v = MarkerReader(marker, target, extra).evaluate(&why);
    if (!v && error)
        *error = why;
    return v.value_or(true);
}

namespace {

// namesInFile for one file; `-r` files are read relative to it, each once.
bool readRequirementsFile(const QString &path, QStringList *names, QStringList *seen, QString *error)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (seen->contains(absolute))
        return true;
    seen->append(absolute);
    QFile file(absolute);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    QString text = QString::fromUtf8(file.readAll());
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    text.replace(QStringLiteral("\\\n"), QString());
    // pip: a comment starts at '#' at the line's start or after whitespace ("pkg#egg=x" is no comment).
    static const QRegularExpression comment(QStringLiteral("(^|\\s)#.*$"));
    static const QRegularExpression url(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*://"));
    static const QRegularExpression egg(QStringLiteral("#egg=([A-Za-z0-9._-]+)"));
    for (QString line : text.split(QLatin1Char('\n'))) {
        line.remove(comment);
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        if (line.startsWith(QLatin1String("-r ")) || line.startsWith(QLatin1String("--requirement"))) {
            const QString included = line.section(QRegularExpression(QStringLiteral("[\\s=]+")), 1).trimmed();
            if (!readRequirementsFile(QFileInfo(absolute).dir().filePath(included), names, seen, error))
                return false;
            continue;
        }
        const bool editable = line.startsWith(QLatin1String("-e ")) || line.startsWith(QLatin1String("--editable"));
        if (editable || url.match(line).hasMatch()) {
            // A URL or a path names its distribution only in #egg=.
            if (const QRegularExpressionMatch m = egg.match(line); m.hasMatch() && !names->contains(m.captured(1)))
                names->append(m.captured(1));
            continue;
        }
        if (line.startsWith(QLatin1Char('-')))
            continue; // --index-url, --hash, -c and the other options
        Requirement r;
        if (Requirement::parse(line, &r) && !names->contains(r.name))
            names->append(r.name);
    }
    return true;
}

} // namespace

std::optional<QStringList> Requirement::namesInFile(const QString &path, QString *error)
{
    QStringList names, seen;
    if (!readRequirementsFile(path, &names, &seen, error))
        return std::nullopt;
    return names;
}
