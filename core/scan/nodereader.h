// Reads whole regular files of a scanned layer into memory, from the folder
// (one name at a time through NodeOpener) or from the zip (ZipEntryReader):
// for metadata files and content comparisons, not for export's streaming.
#pragma once

#include "scan/nodeopener.h"
#include "scan/zipentryreader.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <vector>

class NodeReader
{
public:
    // `zipEntries` is the layer's entry table when the tree came from a zip
    // (it must outlive the reader); ignored for folders.
    NodeReader(const FileTree &tree, const std::vector<ZipEntryRef> &zipEntries);
    ~NodeReader();
    NodeReader(const NodeReader &) = delete;
    NodeReader &operator=(const NodeReader &) = delete;

    // The file's bytes (at most `limit` when limit >= 0); false with `why`
    // naming the reason when it cannot be read or is no longer a regular file.
    bool read(FileTree::Index node, QByteArray *out, QString *why, qint64 limit = -1);

private:
    const FileTree &m_tree;
    const std::vector<ZipEntryRef> &m_entries;
    std::unique_ptr<NodeOpener> m_opener;  // folder sources
    std::unique_ptr<ZipEntryReader> m_zip; // zip sources
};
