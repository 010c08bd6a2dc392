// The small coloured dot LayerSlim puts beside a check's result (passed,
// warning, failed) in lists and in the tree.
#pragma once

#include <QColor>
#include <QIcon>

[[nodiscard]] QIcon statusDot(const QColor &colour);
