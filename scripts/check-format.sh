#!/usr/bin/env bash
# Fails when a C++ source differs from .clang-format, naming each file and the
# first lines that differ. `scripts/check-format.sh --fix` rewrites them in place.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v clang-format >/dev/null || { echo "check-format: clang-format is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
mapfile -d '' files < <(find core app tests fuzz \( -name '*.cpp' -o -name '*.h' \) -print0 | sort -z)
[ ${#files[@]} -gt 0 ] || { echo "check-format: no sources found under $root" >&2; exit 1; }
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
drift=0
for f in "${files[@]}"; do
  if ! out=$(clang-format "$f" | diff -u "$f" - ); then
    echo "$f differs from .clang-format:"; echo "$out" | sed -n '3,12p'
    drift=$((drift + 1))
  fi
done
if [ $drift -gt 0 ]; then
  echo "check-format: $drift of ${#files[@]} files differ; run scripts/check-format.sh --fix" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files match .clang-format"
