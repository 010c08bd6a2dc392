// A copy of an open layer's tree and zip index for a checks worker, so that
// closing the layer mid-run cannot pull them away from it.
#pragma once

#include "gui/shell/layerdocument.h"
#include "scan/zipscanner.h"
#include "tree/filetree.h"

#include <memory>
#include <vector>

struct LayerSnapshot {
    std::shared_ptr<const FileTree> tree;
    std::shared_ptr<const std::vector<ZipEntryRef>> zipEntries; // empty for a folder layer

    [[nodiscard]] static LayerSnapshot of(const LayerDocument &document)
    {
        return {std::make_shared<const FileTree>(document.tree()),
                std::make_shared<const std::vector<ZipEntryRef>>(document.layer().zipEntries)};
    }
};
