#!/usr/bin/env bash
# Runs layerslim-cli's JSON commands on a layer folder and writes what they
# print, with times and scratch paths taken out, to one file per command: two
# builds' snapshots compare with `diff -r`. Used to show a change left the
# CLI's behaviour alone.
#   scripts/cli-snapshot.sh BUILD_DIR LAYER_FOLDER OUT_DIR
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 BUILD_DIR LAYER_FOLDER OUT_DIR" >&2; exit 1; }
cli=$(cd "$1" && pwd)/app/cli/layerslim-cli
layer=$(cd "$2" && pwd)
out=$(mkdir -p "$3" && cd "$3" && pwd)
[ -x "$cli" ] || { echo "no layerslim-cli in $1" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
seed=tests,bytecode,dist-info,pyproject,datasets
normalise() { # JSON on stdin: drop timing keys, replace the scratch folder and layer paths
  python3 -c '
import json, re, sys
work, layer = sys.argv[1], sys.argv[2]
def clean(v):
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items() if not re.search(r"(seconds|_ms$|^ms$|elapsed|duration|time)", k)}
    if isinstance(v, list):
        return [clean(x) for x in v]
    if isinstance(v, str):
        return v.replace(work, "WORK").replace(layer, "LAYER")
    return v
text = sys.stdin.read()
try:
    print(json.dumps(clean(json.loads(text)), indent=1, sort_keys=True))
except ValueError:
    print(text.replace(work, "WORK").replace(layer, "LAYER"))
' "$work" "$layer"
}
run() { # name, then the arguments
  local name=$1; shift
  local rc=0
  (cd "$work" && "$cli" "$@" >"$work/stdout" 2>"$work/stderr") || rc=$?
  { echo "exit $rc"; normalise <"$work/stdout"; } >"$out/$name.json"
}
run rules rules --json
run scan scan "$layer" --json
run scan-seed scan "$layer" --rules "$seed" --json
run scan-seed-exact scan "$layer" --rules "$seed" --exact-zip --json
run scan-strip scan "$layer" --rules "$seed,strip" --json
run lint lint "$layer" --json
run lint-311 lint "$layer" --runtime python3.11 --json
run export export "$layer" -o "$work/a.zip" --rules "$seed" --runtime python3.11 --json
normalise <"$work/a.report.json" >"$out/export-report.json"
sha256sum "$work/a.zip" | cut -d' ' -f1 >"$out/export-zip.sha256"
run scan-zip scan "$work/a.zip" --json
run export-folder export "$work/a.zip" -o "$work/b" --folder --runtime python3.11 --json
(cd "$work/b" && find . -type f -print0 | sort -z | xargs -0 sha256sum) >"$out/export-folder.sha256"
run export-level export "$work/a.zip" -o "$work/c.zip" --level 9 --runtime python3.11 --json
sha256sum "$work/c.zip" | cut -d' ' -f1 >"$out/export-level.sha256"
run verify verify "$layer" --rules "$seed" --runtime python3.11 --no-bisect --json
run verify-broken verify "$layer" --rules "$seed,tests" --runtime python3.11 --import numpy,scipy.linalg,pandas --json
echo "snapshot of $(ls "$out" | wc -l) outputs in $out"
