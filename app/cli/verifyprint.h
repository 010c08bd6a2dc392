// How `verify` prints what it found: one check or one verified export as
// JSON, the result lines, and the bytecode comparison table.
#pragma once

#include "checks/verifier.h"
#include "export/exportverifier.h"

#include <QJsonObject>

#include <vector>

namespace cli {

// One check: name, kind, status, output, and its cold import timing.
[[nodiscard]] QJsonObject resultJson(const CheckResult &r);
// One verified export: mode, sizes, import sums, what strip did, its checks.
[[nodiscard]] QJsonObject exportedJson(const ExportedLayerCheck &e);
// "  ok    numpy (import ...)" or "  FAIL  pandas: ..." with the output indented.
void printResults(const VerifyReport &report);
// One line a bytecode mode: unzipped and zip bytes, summed import and process times, checks.
void printComparisonTable(const std::vector<ExportedLayerCheck> &modes);

} // namespace cli
