#!/usr/bin/env bash
# Installs the Debian 12 packages LayerSlim builds, tests and runs with,
# skipping those already present. `--bench` adds the peers `make bench`
# measures LayerSlim against (ncdu, gdu); `make test` does not need them.
set -euo pipefail
pkgs=(
  cmake ninja-build g++ pkg-config make clang-format
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev libquazip1-qt6-dev libspdlog-dev libdeflate-dev zlib1g-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
  python3 python3-numpy python3-scipy python3-pandas python3-pandas-lib python3-dateutil python3-tz python3-six python3-lazr.uri
  zip unzip 7zip xvfb xauth libelf-dev binutils file patchelf
  clang libclang-rt-14-dev llvm
  python3-pip python3-setuptools-whl dpkg-dev desktop-file-utils appstream
  libqt6svg6
)
[ "${1:-}" = "--bench" ] && pkgs+=(ncdu gdu)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
