#!/usr/bin/env bash
# Stages LayerSlim's demo layer: numpy + scipy + pandas and their dependencies,
# copied from Debian's python3-* packages into OUT_DIR/python, the layout of a
# `pip install -t python` folder. About 190 MB and 6,300 files, with tests/,
# __pycache__/, *.dat and metadata folders to prune. The system's files are
# only read. Re-running on a finished stage does nothing.
#
#   scripts/stage-demo-layer.sh OUT_DIR
set -euo pipefail
out=${1:?usage: stage-demo-layer.sh OUT_DIR}
stamp="$out/.staged"
[ -f "$stamp" ] && [ -d "$out/python" ] && exit 0

pkgs=(python3-numpy python3-scipy python3-pandas python3-pandas-lib python3-dateutil python3-tz python3-six)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing ${missing[*]}" >&2
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
site=/usr/lib/python3/dist-packages
mapfile -t tops < <(dpkg -L "${pkgs[@]}" 2>/dev/null | sed -n "s#^$site/\([^/]*\).*#\1#p" | sort -u)
[ ${#tops[@]} -gt 0 ] || { echo "no files of ${pkgs[*]} found under $site" >&2; exit 1; }

# Stage into a temporary folder and rename, so an interrupted run leaves nothing half-made.
rm -rf "$out/python.tmp"
mkdir -p "$out/python.tmp"
for t in "${tops[@]}"; do cp -a "$site/$t" "$out/python.tmp/"; done
rm -rf "$out/python"
mv "$out/python.tmp" "$out/python"
touch "$stamp"
echo "$out/python: $(du -sb "$out/python" | cut -f1) bytes, $(find "$out/python" -type f | wc -l) files"
