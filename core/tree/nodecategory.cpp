#include "tree/nodecategory.h"

#include "tree/pathnames.h"

#include <QCoreApplication>

namespace {

using pathnames::endsWith;
using pathnames::endsWithAny;
using pathnames::isMetadataName;
using pathnames::isSharedLibraryName;

// A folder's context outranks a file's own name: a .so inside tests/ is test
// weight, a .py inside *.dist-info/ is metadata. Higher values win.
int contextRank(NodeCategory c)
{
    switch (c) {
    case NodeCategory::Metadata:
        return 3;
    case NodeCategory::Tests:
        return 2;
    case NodeCategory::Bytecode:
        return 1;
    default:
        return 0;
    }
}

NodeCategory stronger(NodeCategory a, NodeCategory b)
{
    return contextRank(b) > contextRank(a) ? b : a;
}

} // namespace

NodeCategory NodeClassifier::byName(QByteArrayView n)
{
    if (isSharedLibraryName(n) || endsWithAny(n, {".pyd", ".dylib", ".dll"}))
        return NodeCategory::Native;
    if (endsWith(n, ".py"))
        return NodeCategory::Source;
    if (endsWithAny(n, {".pyc", ".pyo"}))
        return NodeCategory::Bytecode;
    if (endsWith(n, ".egg-info"))
        return NodeCategory::Metadata;
    if (endsWithAny(n, {".h",   ".hpp", ".hh",  ".hxx", ".c",   ".cc",  ".cpp", ".cxx", ".pyx", ".pxd",
                        ".pxi", ".f",   ".f90", ".f77", ".for", ".pyi", ".a",   ".lib", ".cu",  ".i"}))
        return NodeCategory::Build;
    if (endsWithAny(n, {".dat",  ".csv", ".tsv",  ".json",    ".npz",     ".npy",    ".txt",    ".png",  ".jpg",
                        ".jpeg", ".gif", ".bmp",  ".tif",     ".tiff",    ".ico",    ".svg",    ".webp", ".wav",
                        ".mat",  ".gz",  ".bz2",  ".xz",      ".zip",     ".pkl",    ".pickle", ".h5",   ".hdf5",
                        ".nc",   ".xml", ".arff", ".parquet", ".feather", ".sqlite", ".db",     ".ttf",  ".otf",
                        ".afm",  ".pfb", ".zi",   ".tzdata",  ".bin"}))
        return NodeCategory::Data;
    return NodeCategory::Other;
}

NodeCategory NodeClassifier::folderContext(QByteArrayView n)
{
    if (isMetadataName(n))
        return NodeCategory::Metadata;
    if (n == "tests" || n == "test")
        return NodeCategory::Tests;
    if (n == "__pycache__")
        return NodeCategory::Bytecode;
    return NodeCategory::Other;
}

NodeCategory NodeClassifier::classify(const FileTree &tree, FileTree::Index node)
{
    NodeCategory context = NodeCategory::Other;
    for (FileTree::Index p = tree.isDir(node) ? node : tree.parent(node); p != FileTree::kNone && p != 0;
         p = tree.parent(p))
        context = stronger(context, folderContext(tree.name(p)));
    if (context != NodeCategory::Other || tree.isDir(node))
        return context;
    return tree.isFile(node) ? byName(tree.name(node)) : NodeCategory::Other;
}

std::vector<NodeCategory> NodeClassifier::classifyAll(const FileTree &tree)
{
    // Preorder: a parent's entry is final before any of its children is visited.
    // For folders the entry is the context they force on their subtree.
    std::vector<NodeCategory> out(tree.count(), NodeCategory::Other);
    for (FileTree::Index i = 1; i < tree.count(); ++i) {
        const NodeCategory context = out[tree.parent(i)];
        if (tree.isDir(i))
            out[i] = stronger(context, folderContext(tree.name(i)));
        else if (context != NodeCategory::Other)
            out[i] = context;
        else
            out[i] = tree.isFile(i) ? byName(tree.name(i)) : NodeCategory::Other;
    }
    return out;
}

std::vector<NodeCategory> NodeClassifier::dominantCategories(const FileTree &tree,
                                                             const std::vector<NodeCategory> &categories)
{
    std::vector<NodeCategory> out = categories;
    std::vector<FileTree::Index> largest(tree.count(), FileTree::kNone);
    // Reverse preorder: all of a folder's children come after it, so they are
    // final (and have reported to it) by the time the folder itself is reached.
    for (FileTree::Index i = tree.count(); i-- > 0;) {
        if (tree.isDir(i) && categories[i] == NodeCategory::Other && largest[i] != FileTree::kNone)
            out[i] = out[largest[i]];
        if (i == 0)
            break;
        const FileTree::Index p = tree.parent(i);
        if (largest[p] == FileTree::kNone || tree.totalBytes(i) >= tree.totalBytes(largest[p]))
            largest[p] = i; // ties go to the earlier (byte-sorted) child
    }
    return out;
}

std::array<std::uint64_t, kNodeCategoryCount>
NodeClassifier::bytesByCategory(const FileTree &tree, const std::vector<NodeCategory> &categories, const Bitset *pruned)
{
    std::array<std::uint64_t, kNodeCategoryCount> out{};
    for (FileTree::Index i = 0; i < tree.count(); ++i)
        if (tree.isFile(i) && !(pruned && pruned->test(i)))
            out[std::size_t(categories[i])] += tree.size(i);
    return out;
}

QString NodeClassifier::displayName(NodeCategory c)
{
    switch (c) {
    case NodeCategory::Native:
        return QCoreApplication::translate("NodeCategory", "Native libraries");
    case NodeCategory::Source:
        return QCoreApplication::translate("NodeCategory", "Python source");
    case NodeCategory::Bytecode:
        return QCoreApplication::translate("NodeCategory", "Bytecode");
    case NodeCategory::Tests:
        return QCoreApplication::translate("NodeCategory", "Tests");
    case NodeCategory::Data:
        return QCoreApplication::translate("NodeCategory", "Data");
    case NodeCategory::Metadata:
        return QCoreApplication::translate("NodeCategory", "Metadata");
    case NodeCategory::Build:
        return QCoreApplication::translate("NodeCategory", "Headers & sources");
    case NodeCategory::Other:
        break;
    }
    return QCoreApplication::translate("NodeCategory", "Other");
}

QString NodeClassifier::id(NodeCategory c)
{
    static const char *const ids[kNodeCategoryCount] = {"native", "source",   "bytecode", "tests",
                                                        "data",   "metadata", "build",    "other"};
    return QString::fromLatin1(ids[std::size_t(c)]);
}
