#!/usr/bin/env bash
# Installs the Debian 12 packages LayerSlim builds, tests and runs with,
# skipping those already present. `--bench` adds the peers `make bench`
# measures LayerSlim against (ncdu, gdu) and the libraries of a data-science
# layer beyond the demo's, so that the table's dist-packages row is a real
# site-packages of about 28,000 files on any machine; `make test` needs none.
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
[ "${1:-}" = "--bench" ] && pkgs+=(ncdu gdu
  python3-boto3 python3-botocore python3-sklearn python3-matplotlib python3-sympy python3-statsmodels
  python3-skimage python3-astropy python3-networkx python3-pil python3-lxml python3-sqlalchemy python3-pydantic
  python3-cryptography python3-babel python3-jinja2 python3-yaml python3-requests)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
