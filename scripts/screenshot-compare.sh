#!/usr/bin/env bash
# Takes the README's File ▸ Compare With screenshot: the demo layer as kept
# under one set of rules against a zip exported under the seed rules, under a
# virtual X server.
#
#   scripts/screenshot-compare.sh [BUILD_DIR] [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=${2:-resources/screenshot-compare.png}
demo=${DEMO:-$build/fixtures/demo}
[ -x "$build/app/gui/layerslim" ] || { echo "build LayerSlim first: cmake --build $build" >&2; exit 1; }
scripts/stage-demo-layer.sh "$demo"
scratch=$(mktemp -d)
# A throwaway settings folder, so the shot does not depend on (or change) yours.
export XDG_CONFIG_HOME=$scratch/config
trap 'rm -rf "$scratch"' EXIT
# The layer deployed last: the seed rules (exit 2 is lint's verdict on the demo's glibc; the zip is written).
"$build/app/cli/layerslim-cli" export "$demo/python" -o "$scratch/deployed.zip" --no-report \
  --rules tests,bytecode,dist-info,pyproject,datasets >/dev/null || [ $? -eq 2 ]
# Now: data sets and metadata back in, C sources, headers and stubs out.
xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$build/app/gui/layerslim" "$demo/python" \
  --rules tests,bytecode,sources,headers,stubs \
  --compare "$scratch/deployed.zip" --screenshot "$out"
echo "$out: $(file -b "$out")"
