#!/usr/bin/env bash
# Takes the README's screenshot: the explorer on the demo numpy + scipy +
# pandas layer with the seed rules ticked, under a virtual X server.
#
#   scripts/screenshot.sh [BUILD_DIR] [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=${2:-resources/screenshot.png}
demo=${DEMO:-$build/fixtures/demo}
[ -x "$build/app/gui/layerslim" ] || { echo "build LayerSlim first: cmake --build $build" >&2; exit 1; }
scripts/stage-demo-layer.sh "$demo"
# A throwaway settings folder, so the shot does not depend on (or change) yours.
export XDG_CONFIG_HOME=$(mktemp -d)
trap 'rm -rf "$XDG_CONFIG_HOME"' EXIT
xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$build/app/gui/layerslim" "$demo/python" \
  --rules tests,bytecode,dist-info,pyproject,datasets \
  --select numpy/core --screenshot "$out"
echo "$out: $(file -b "$out")"
