// libFuzzer target: any bytes as a layer zip. ZipScanner must return a
// consistent tree or a clear error, never crash, hang or allocate by a
// declared size.
#include "scan/zipscanner.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <unistd.h>

namespace {

// One scratch file per process, on tmpfs when there is one, removed at exit.
struct Scratch {
    QString path;
    Scratch()
    {
        const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        path = QStringLiteral("%1/layerslim-fuzz-%2.zip").arg(QLatin1String(dir)).arg(getpid());
    }
    ~Scratch() { QFile::remove(path); }
};

const QString &scratchPath()
{
    static const Scratch scratch;
    return scratch.path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    {
        QFile f(scratchPath());
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            std::abort();
        f.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    QString error;
    std::vector<ZipEntryRef> entries;
    const auto tree = ZipScanner::scan(scratchPath(), &error, &entries);
    if (!tree) {
        if (error.isEmpty())
            std::abort(); // a refusal must say why
        return 0;
    }
    // The tree is consistent whatever the input was.
    std::uint64_t bytes = 0;
    for (FileTree::Index i = 1; i < tree->count(); ++i) {
        if (tree->parent(i) >= i || tree->subtreeEnd(i) > tree->subtreeEnd(tree->parent(i)))
            std::abort();
        if (!tree->isDir(i) && tree->sourceRef(i) >= entries.size())
            std::abort();
        if (tree->name(i).isEmpty() || tree->name(i).contains('/') || tree->name(i) == "..")
            std::abort(); // a name that could escape the layer
        bytes += tree->size(i);
        if (entries.size() && !tree->isDir(i) && entries[tree->sourceRef(i)].compressedSize > size)
            std::abort(); // sizes past the data must have been refused
    }
    if (tree->totalBytes(0) != bytes)
        std::abort();
    (void)tree->path(tree->count() - 1);
    return 0;
}
