#include "scan/layer.h"

#include "scan/directoryscanner.h"

#include <QFileInfo>

Layer Layer::open(const QString &path, QString *error, JobControl *control)
{
    Layer layer;
    const QFileInfo info(path);
    if (!info.exists()) {
        if (error)
            *error = QStringLiteral("%1: no such file or folder").arg(path);
        return layer;
    }
    if (info.isDir())
        layer.tree = DirectoryScanner::scan(path, error, control);
    else if (info.isFile())
        layer.tree = ZipScanner::scan(path, error, &layer.zipEntries, control);
    else if (error)
        *error = QStringLiteral("%1: neither a folder nor a zip file").arg(path);
    return layer;
}
