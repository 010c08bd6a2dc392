// A scanned layer: the tree plus, for a zip source, where each entry's data
// lies. Opening picks the scanner from what the path is.
#pragma once

#include "base/jobcontrol.h"
#include "scan/zipscanner.h"
#include "tree/filetree.h"

#include <memory>
#include <vector>

struct Layer {
    std::unique_ptr<FileTree> tree;
    std::vector<ZipEntryRef> zipEntries; // empty unless tree->source() == Zip

    [[nodiscard]] bool isZip() const { return tree && tree->source() == FileTree::Source::Zip; }

    // Scans a folder or a zip. Returns an empty layer (tree == nullptr) with
    // `error` naming the path and the reason when it cannot be read at all.
    [[nodiscard]] static Layer open(const QString &path, QString *error, JobControl *control = nullptr);
};
