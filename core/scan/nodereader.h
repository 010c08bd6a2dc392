// Reads the bytes of single files of a scanned layer, folder or zip alike, for
// checks that look inside small text files (metadata, Python sources).
#pragma once

#include "scan/nodeopener.h"
#include "scan/zipentryreader.h"
#include "scan/zipscanner.h"
#include "tree/filetree.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

class NodeReader
{
public:
    // `zipEntries` is needed for a zip source (Layer::zipEntries); both must outlive the reader.
    NodeReader(const FileTree &tree, const std::vector<ZipEntryRef> *zipEntries);
    ~NodeReader();
    NodeReader(const NodeReader &) = delete;
    NodeReader &operator=(const NodeReader &) = delete;

    // Reads the regular file `node` into `out`; false with `why` when it cannot
    // be read or is larger than `limit` bytes (then `out` is left empty).
    bool read(FileTree::Index node, QByteArray *out, QString *why, qint64 limit);

private:
    const FileTree &m_tree;
    const std::vector<ZipEntryRef> *m_zipEntries;
    std::unique_ptr<NodeOpener> m_opener;  // folder sources
    std::unique_ptr<ZipEntryReader> m_zip; // zip sources
};
