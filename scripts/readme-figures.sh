#!/usr/bin/env bash
# Prints the README's size figures for a layer (the demo layer, staged by
# scripts/stage-demo-layer.sh) as layerslim-cli itself prints them: MB of
# 1,048,576 bytes, exact byte counts, times of this run. Nothing is computed
# here; every figure is cut from the tool's own output, so the README cannot
# drift into other units.   usage: scripts/readme-figures.sh LAYER [BUILD_DIR]
set -euo pipefail
LAYER=${1:?usage: scripts/readme-figures.sh LAYER [BUILD_DIR]}
BUILD=${2:-build}
case $BUILD in /*) ;; *) BUILD=$(cd "$(dirname "$0")/.." && pwd)/$BUILD ;; esac
CLI=$BUILD/app/cli/layerslim-cli
[ -x "$CLI" ] || { echo "readme-figures: $CLI not built" >&2; exit 1; }
[ -d "$LAYER" ] || { echo "readme-figures: $LAYER: not a folder" >&2; exit 1; }
# The CPython the layer's extension modules were built for is the runtime the
# bytecode rows compile for (an interpreter of another version is refused).
RUNTIME=$(find "$LAYER" -name '*.cpython-3*-*.so' -print -quit | sed -E 's/.*\.cpython-3([0-9]+)-.*/python3.\1/')
RUNTIME=${RUNTIME:-python3.11}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

field() { sed -n "$1" <<<"$2" | head -1; }

# Runs the CLI; exit 2 (does not fit, lint findings) still printed the figures.
run() {
    local rc=0
    "$CLI" "$@" || rc=$?
    [ "$rc" -le 2 ] || { echo "readme-figures: layerslim-cli $* failed (exit $rc)" >&2; exit 1; }
}

# One table row from one export: files, unzipped, zip, and what the
# transforms printed.
row() {
    local label=$1
    shift
    local out
    out=$(run export "$LAYER" -o "$OUT/layer.zip" --no-report --runtime "$RUNTIME" "$@")
    local files unzipped zipped seconds extra=""
    files=$(field 's/^  files  \([0-9,]*\) .*/\1/p' "$out")
    unzipped=$(field 's/^  bytes  \([0-9,]*\) (\(.*\)) unzipped$/\2/p' "$out")
    zipped=$(field 's/^  zip    \([0-9,]*\) (\(.*\))$/\2 (\1 bytes)/p' "$out")
    seconds=$(field 's/^  time   \(.*\)$/\1/p' "$out")
    local pyc strip
    pyc=$(field 's/^  pyc    [a-z]*: \(.*\)$/\1/p' "$out")
    strip=$(field 's/^  strip  \(.*\)$/\1/p' "$out")
    [ -n "$pyc" ] && extra="$pyc"
    [ -n "$strip" ] && extra="${extra:+$extra; }strip $strip"
    if [ -z "$extra" ] && [[ " $* " == *" --strip "* ]]; then extra="no file stripped"; fi
    echo "| $label | $files | $unzipped | $zipped | $seconds | ${extra:-} |"
}

scan=$(run scan "$LAYER")
whole=$(field 's/^  \([0-9]*\) files, \([0-9]*\) folders, \(.*\) (\(.*\) bytes)$/\3 (\4 bytes), \1 files, \2 folders/p' "$scan")
lint=$(run lint "$LAYER" --runtime "$RUNTIME")
elf=$(field 's/.* files checked, \([0-9]*\) ELF$/\1/p' "$lint")
echo "Demo layer: $whole; $elf ELF files (lint --runtime $RUNTIME)."
echo
echo "| export --rules … | Files | Unzipped | Zip | Time | Transforms |"
echo "|---|---|---|---|---|---|"
row "tests,docs" --rules tests,docs
row "tests,docs --bytecode drop" --rules tests,docs --bytecode drop
row "tests,docs --bytecode precompile" --rules tests,docs --bytecode precompile
row "tests,docs --bytecode sourceless" --rules tests,docs --bytecode sourceless
row "tests,docs --strip" --rules tests,docs --strip
row "tests,bytecode,dist-info,pyproject,datasets" --rules tests,bytecode,dist-info,pyproject,datasets
