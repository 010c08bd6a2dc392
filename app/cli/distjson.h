// The JSON that `scan --json` and `diff --json` give for where the bytes come
// from: distributions with their requirement graph, and duplicate files.
#pragma once

#include "select/distributions.h"
#include "select/duplicates.h"

#include <QJsonArray>
#include <QJsonObject>

class SizeLedger;

namespace cli {

// Bytes as a JSON number (exact up to 2^53).
[[nodiscard]] inline QJsonValue bytesJson(std::uint64_t v)
{
    return QJsonValue(double(v));
}

// `distributions` (one object each: name, version, files, bytes, kept_bytes,
// requires, required_by, top_level, exclusive_bytes) and `unowned_bytes`,
// added to `out`.
void addDistributionsJson(QJsonObject &out, const Distributions &dists, const SizeLedger *ledger);
// `duplicates` (bytes of one copy, paths) and `duplicate_bytes`, added to `out`.
void addDuplicatesJson(QJsonObject &out, const FileTree &tree, const std::vector<DuplicateGroup> &groups);

} // namespace cli
