#include "export/exportmask.h"

namespace {

// True when any bit in [begin, end) is set.
bool anyInRange(const Bitset &set, std::size_t begin, std::size_t end)
{
    if (begin >= end)
        return false;
    const auto &words = set.words();
    const std::size_t first = begin / Bitset::kWordBits, last = (end - 1) / Bitset::kWordBits;
    for (std::size_t w = first; w <= last; ++w) {
        Bitset::Word mask = ~Bitset::Word{0};
        if (w == first)
            mask &= ~Bitset::Word{0} << (begin % Bitset::kWordBits);
        if (w == last && end % Bitset::kWordBits)
            mask &= ~Bitset::Word{0} >> (Bitset::kWordBits - end % Bitset::kWordBits);
        if (words[w] & mask)
            return true;
    }
    return false;
}

} // namespace

ExportMask::ExportMask(const FileTree &tree)
    : m_tree(tree)
    , m_candidates(tree.count())
{
    const FileTree::Index root = tree.packageRoot();
    for (FileTree::Index i = root; i < tree.subtreeEnd(root); ++i) {
        const NodeKind k = tree.kind(i);
        if (carriesData(k))
            m_candidates.set(i);
        else if (k == NodeKind::Directory && tree.subtreeEnd(i) == i + 1)
            m_candidates.set(i);
        else if (k == NodeKind::Directory)
            m_dirs.push_back(i);
    }
}

Bitset ExportMask::exported(const Bitset &pruned) const
{
    Bitset out = m_candidates;
    out.subtract(pruned);
    // Deepest folders last in preorder; a folder's test only needs the leaves
    // and empty folders below it, which `out` already holds.
    const Bitset leaves = out;
    for (FileTree::Index d : m_dirs)
        if (anyInRange(leaves, d + 1, m_tree.subtreeEnd(d)))
            out.set(d);
    return out;
}
