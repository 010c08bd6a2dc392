#include "gui/explorer/checkmarks.h"

#include "checks/lint.h"
#include "checks/verifier.h"

namespace {

// A few words for the tree column; the finding's own message goes into the tooltip.
QString shortLintText(const LintFinding &f)
{
    switch (f.check) {
    case LintCheck::Machine:
        return CheckMarks::tr("built for %1").arg(f.found);
    case LintCheck::AbiTag:
        return CheckMarks::tr("%1, not %2").arg(f.found, f.expected);
    case LintCheck::Glibc:
        return CheckMarks::tr("needs glibc %1").arg(f.found);
    case LintCheck::NonElf:
        return CheckMarks::tr("%1 binary").arg(f.found);
    case LintCheck::Unreadable:
        return CheckMarks::tr("unreadable");
    }
    return {};
}

} // namespace

void CheckMarks::setLint(const FileTree &tree, const LintReport &report)
{
    m_lint.clear();
    for (const LintFinding &f : report.findings)
        if (f.node != FileTree::kNone && f.node < tree.count())
            m_lint[f.node].push_back(
                {f.severity == LintSeverity::Error ? Level::Error : Level::Warning, shortLintText(f), f.message});
    recount(tree);
}

void CheckMarks::setVerify(const FileTree &tree, const VerifyReport &report,
                           const std::function<FileTree::Index(const QString &)> &nodeOf)
{
    m_verify.clear();
    for (const CheckResult &r : report.results) {
        if (r.check.kind != CheckKind::Import)
            continue;
        const FileTree::Index node = nodeOf(r.check.name);
        if (node == FileTree::kNone || node >= tree.count())
            continue;
        if (r.passed())
            m_verify[node].push_back({Level::Passed, tr("imports"), tr("import %1 passed").arg(r.check.name)});
        else
            m_verify[node].push_back(
                {Level::Error, tr("import fails"), tr("import %1 failed: %2").arg(r.check.name, r.error)});
    }
    recount(tree);
}

void CheckMarks::clear()
{
    m_lint.clear();
    m_verify.clear();
    m_errorsBelow.clear();
    m_warningsBelow.clear();
}

void CheckMarks::recount(const FileTree &tree)
{
    m_errorsBelow.assign(tree.count(), 0);
    m_warningsBelow.assign(tree.count(), 0);
    for (const Marks *marks : {&m_lint, &m_verify})
        for (const auto &[node, list] : *marks)
            for (const Mark &m : list) {
                if (m.level != Level::Error && m.level != Level::Warning)
                    continue;
                auto &counts = m.level == Level::Error ? m_errorsBelow : m_warningsBelow;
                for (FileTree::Index n = node; n != FileTree::kNone; n = tree.parent(n))
                    ++counts[n];
            }
}

void CheckMarks::forEachMark(FileTree::Index node, const std::function<void(const Mark &)> &f) const
{
    for (const Marks *marks : {&m_lint, &m_verify})
        if (const auto it = marks->find(node); it != marks->end())
            for (const Mark &m : it->second)
                f(m);
}

CheckMarks::Level CheckMarks::level(FileTree::Index node) const
{
    if (node < m_errorsBelow.size() && m_errorsBelow[node] > 0)
        return Level::Error;
    if (node < m_warningsBelow.size() && m_warningsBelow[node] > 0)
        return Level::Warning;
    Level own = Level::None;
    forEachMark(node, [&own](const Mark &m) { own = std::max(own, m.level); });
    return own;
}

QString CheckMarks::text(FileTree::Index node) const
{
    if (node >= m_errorsBelow.size())
        return {};
    std::vector<const Mark *> own;
    forEachMark(node, [&own](const Mark &m) { own.push_back(&m); });
    const std::uint32_t errors = m_errorsBelow[node];
    const std::uint32_t warnings = m_warningsBelow[node];
    // A file (or a package whose only mark is its own) says what the mark is.
    if (own.size() == 1 && errors + warnings <= 1)
        return own.front()->shortText;
    if (errors + warnings == 0)
        return own.empty() ? QString() : own.front()->shortText;
    QStringList parts;
    if (errors > 0)
        parts << (errors == 1 ? tr("1 error") : tr("%1 errors").arg(errors));
    if (warnings > 0)
        parts << (warnings == 1 ? tr("1 warning") : tr("%1 warnings").arg(warnings));
    return parts.join(QStringLiteral(", "));
}

QString CheckMarks::toolTip(FileTree::Index node) const
{
    QStringList lines;
    forEachMark(node, [&lines](const Mark &m) { lines << m.message; });
    if (lines.isEmpty() && level(node) >= Level::Warning)
        lines << tr("Findings inside this folder; the Checks panel lists them.");
    return lines.join(QLatin1Char('\n'));
}
