// The badges the tree shows beside each node once checks have run: lint
// findings on native files and verify results on the packages they import,
// with folders summing what lies below them, so a user walking the tree sees
// where the trouble is without opening the Checks panel.
#pragma once

#include "tree/filetree.h"

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <unordered_map>
#include <vector>

struct LintReport;
struct VerifyReport;

class CheckMarks
{
    Q_DECLARE_TR_FUNCTIONS(CheckMarks)

public:
    enum class Level : std::uint8_t { None, Passed, Warning, Error };

    // Replaces the lint marks with `report`'s findings.
    void setLint(const FileTree &tree, const LintReport &report);
    // Replaces the verify marks; `nodeOf` maps a module name to its package folder or module file.
    void setVerify(const FileTree &tree, const VerifyReport &report,
                   const std::function<FileTree::Index(const QString &)> &nodeOf);
    void clear();

    // The worst mark on `node` or below it.
    [[nodiscard]] Level level(FileTree::Index node) const;
    // Short text for the tree's Checks column ("needs glibc 2.35", "2 errors, 1 warning", "imports").
    [[nodiscard]] QString text(FileTree::Index node) const;
    // Every message on the node itself, one per line.
    [[nodiscard]] QString toolTip(FileTree::Index node) const;
    [[nodiscard]] bool isEmpty() const { return m_lint.empty() && m_verify.empty(); }

private:
    struct Mark {
        Level level = Level::None;
        QString shortText;
        QString message;
    };
    using Marks = std::unordered_map<FileTree::Index, std::vector<Mark>>;
    // Recounts errors and warnings per folder from both kinds of marks.
    void recount(const FileTree &tree);
    void forEachMark(FileTree::Index node, const std::function<void(const Mark &)> &f) const;

    Marks m_lint;
    Marks m_verify;
    std::vector<std::uint32_t> m_errorsBelow; // per node, its own included
    std::vector<std::uint32_t> m_warningsBelow;
};
