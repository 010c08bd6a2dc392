#!/usr/bin/env bash
# Runs the hostile-input suites and prints the README's reliability table
# from what they proved: every row is printed by a test after its checks
# passed, with the values it measured.   usage: scripts/reliability-table.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
status=0
echo "| Input or fault | What LayerSlim does |"
echo "|---|---|"
for suite in "$BUILD"/tests/hostile/tst_*; do
    [ -f "$suite" ] && [ -x "$suite" ] || continue
    out=$(QT_QPA_PLATFORM=offscreen "$suite" -o -,txt 2>&1) || { status=1; echo "FAILED: $suite" >&2; }
    printf '%s\n' "$out" | sed -n 's/^QINFO *: [^ ]* RELIABILITY\(| .*\)$/\1/p'
    printf '%s\n' "$out" | grep -E '^(FAIL!|SKIP) ' >&2 || true
done
exit $status
