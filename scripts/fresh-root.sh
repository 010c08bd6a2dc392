#!/usr/bin/env bash
# Runs a command on a clean clone of this checkout's committed HEAD inside a
# minimal Debian 12 (bookworm) root that holds only git, make, ca-certificates
# and sudo. Whatever LayerSlim needs beyond that its own scripts must install,
# so a package put on the host by hand can never hide a missing step.
#
#   scripts/fresh-root.sh [-- CMD...]        default CMD: make test
#   e.g. scripts/fresh-root.sh -- bash -c 'scripts/install-deps.sh && cmake -S . -B build -G Ninja'
#
# Needs root (chroot, mount) and the Debian archive. The base root is built
# once with `mmdebstrap --variant=minbase` (installed with apt if missing) and
# cached as a tarball under FRESH_ROOT_CACHE (default /var/tmp/layerslim-fresh-root);
# each run unpacks a new copy, so runs never see each other's installs. Only
# the .deb files apt downloads are kept between runs (FRESH_ROOT_CACHE/apt), to
# spare the network; what is installed still starts from nothing. CMD runs
# with CI=true; its output is also kept in FRESH_ROOT_CACHE/last.log.
# Exit status is CMD's; the copy is unmounted and removed however CMD ends.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && git rev-parse --show-toplevel)
[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || set -- make test
[ "$(id -u)" -eq 0 ] || { echo "fresh-root: needs root (chroot and mount)" >&2; exit 1; }

CACHE=${FRESH_ROOT_CACHE:-/var/tmp/layerslim-fresh-root}
BASE=$CACHE/bookworm-minbase.tar
mkdir -p "$CACHE"
if [ ! -s "$BASE" ]; then
    if ! command -v mmdebstrap >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
    fi
    echo "fresh-root: building the base root with mmdebstrap (once; cached in $BASE)" >&2
    # A .part name and a rename: an interrupted build is never taken for a finished one.
    mmdebstrap --quiet --format=tar --variant=minbase --include=ca-certificates,git,make,sudo \
        bookworm "$BASE.part"
    mv "$BASE.part" "$BASE"
fi

ROOT=$(mktemp -d "$CACHE/root.XXXXXX")
cleanup() {
    # Lazy, so a process still holding a mount cannot keep the copy alive.
    for m in var/cache/apt/archives sys dev proc; do
        mountpoint -q "$ROOT/$m" 2>/dev/null && umount -R -l "$ROOT/$m" 2>/dev/null || true
    done
    # Never remove through a mount that is still there: it would reach the host's files.
    if grep -qF " $ROOT/" /proc/self/mounts; then
        echo "fresh-root: $ROOT is still mounted on; left in place" >&2
    else
        rm -rf --one-file-system "$ROOT"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
tar -xf "$BASE" -C "$ROOT"
mount -t proc proc "$ROOT/proc"
mount --rbind /dev "$ROOT/dev"
mount --make-rslave "$ROOT/dev"
mount --rbind /sys "$ROOT/sys" 2>/dev/null && mount --make-rslave "$ROOT/sys" || true
mkdir -p "$CACHE/apt"
mount --bind "$CACHE/apt" "$ROOT/var/cache/apt/archives"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
# The committed HEAD only: uncommitted edits and build folders of this checkout stay out.
git clone -q --no-local "$REPO" "$ROOT/src/layerslim"

echo "fresh-root: $(git -C "$REPO" log -1 --format='%h %s') :: $*" >&2
set +e
chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 CI=true DEBIAN_FRONTEND=noninteractive \
    /bin/bash -c 'cd /src/layerslim && "$@"' fresh-root "$@" 2>&1 | tee "$CACHE/last.log"
rc=${PIPESTATUS[0]}
set -e
echo "fresh-root: exit $rc" >&2
exit "$rc"
