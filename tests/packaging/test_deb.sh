#!/usr/bin/env bash
# The Debian package: cpack builds it; its control file depends on the
# packages that really provide the libraries the binaries link; it holds the
# executables, desktop file, AppStream metainfo, icon and profiles; unpacked
# into a clean folder, layerslim-cli runs and reports its version.
# Usage: test_deb.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build=$1 source=$2 version=$3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack -G DEB"; }
shopt -s nullglob
debs=("$work"/pkg/*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one .deb, got ${#debs[@]}"
deb=${debs[0]}
arch=$(dpkg --print-architecture)
[ "$(basename "$deb")" = "layerslim_${version}_${arch}.deb" ] || fail "unexpected file name $(basename "$deb")"
echo "built $(basename "$deb"), $(stat -c %s "$deb") bytes"

# ---- control file ----
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = layerslim ] || fail "Package is $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version is $(field Version)"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[[ $(field Description) == *Lambda* ]] || fail "Description does not describe LayerSlim"
depends=$(field Depends)
echo "Depends: $depends"
# Package names from a Depends line, without versions.
dep_names=$(tr ',' '\n' <<<"$depends" | sed -E 's/\(.*\)//; s/\|.*//; s/^ +//; s/ +$//' | sort -u)
# True when some dependency's name starts with $1.
has_dep() { local d; for d in $dep_names; do [[ $d == "$1"* ]] && return 0; done; return 1; }
for required in libqt6core6 libquazip1-qt6 libspdlog libc6 libstdc++6; do
    has_dep "$required" || fail "Depends lacks $required"
done

# ---- contents, unpacked into a clean folder ----
root=$work/root
dpkg-deb -x "$deb" "$root"
for f in usr/bin/layerslim-cli usr/share/applications/layerslim.desktop \
         usr/share/metainfo/io.github.layerslim.LayerSlim.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/layerslim.svg; do
    [ -f "$root/$f" ] || fail "package lacks /$f"
done
for p in "$source"/resources/profiles/*.json; do
    cmp -s "$p" "$root/usr/share/layerslim/profiles/$(basename "$p")" || fail "profile $(basename "$p") not installed"
done
if [ -x "$build/app/gui/layerslim" ]; then
    [ -x "$root/usr/bin/layerslim" ] || fail "the GUI was built but is not in the package"
fi
# Nothing packaged may name the build folder: it exists only on the machine that built the package
# (the GUI once carried the demo layer's path there, and offered it on every machine).
build_abs=$(cd "$build" && pwd)
named=$(grep -rlF "$build_abs" "$root" | sed "s#^$root##" || true)
[ -z "$named" ] || fail "the package names the build folder $build_abs in: $named"

# Every library a packaged binary needs comes from a package in Depends
# (found independently of dpkg-shlibdeps: NEEDED entries, then dpkg -S).
for exe in "$root"/usr/bin/*; do
    [[ $(file -b "$exe") == ELF* ]] || continue
    for soname in $(readelf -d "$exe" | sed -nE 's/.*\(NEEDED\).*\[(.*)\]/\1/p'); do
        # The copy the loader picks (ldd), so a 32-bit twin (libc6-i386) is never taken for it.
        # awk reads to the end: ldd fails (and set -e stops here) when its reader goes first.
        path=$(ldd "$exe" | awk -v so="$soname" '!found && $1 == so && $3 ~ /^\// {print $3; found = 1}')
        # With merged /usr, ldd's /lib/... path is /usr/lib/... in dpkg's records.
        owner=
        for p in ${path:+"$path" "/usr$path" "$(readlink -f "$path")"} "*/$(gcc -print-multiarch)/$soname"; do
            [ -n "$owner" ] || owner=$(dpkg -S "$p" 2>/dev/null | grep -v "^diversion" | sed -n 1p | cut -d: -f1 || true)
        done
        [ -n "$owner" ] || fail "no installed package provides $soname (needed by $(basename "$exe"))"
        # A library package may be named in Depends through a name it Provides (libspdlog1.10-fmt9).
        names="$owner $(dpkg-query -W -f='${Provides}' "$owner" | tr ',' '\n' | sed -E 's/\(.*\)//; s/ //g')"
        found=
        for n in $names; do grep -qxF "$n" <<<"$dep_names" && found=$n; done
        [ -n "$found" ] || fail "$(basename "$exe") needs $soname from $owner, not in Depends"
    done
done
if [[ $(readelf -d "$root"/usr/bin/* 2>/dev/null) == *'[libdeflate'* ]]; then
    has_dep libdeflate || fail "Depends lacks libdeflate"
else
    echo "note: no packaged binary links libdeflate yet, so Depends need not list it"
fi

# ---- it runs from the unpacked folder, against the system's libraries ----
out=$("$root/usr/bin/layerslim-cli" --version)
[ "$out" = "layerslim-cli $version" ] || fail "--version printed '$out'"
[[ $("$root/usr/bin/layerslim-cli" --help) == *stage* ]] || fail "--help does not list stage"
if [ -x "$root/usr/bin/layerslim" ]; then
    # No display at all: --version and --help only print.
    gui=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM timeout 30 "$root/usr/bin/layerslim" --version 2>&1) \
        || fail "layerslim --version failed without a display: $gui"
    [ "$gui" = "layerslim $version" ] || fail "layerslim --version printed '$gui'"
    [[ $(env -u DISPLAY -u WAYLAND_DISPLAY timeout 30 "$root/usr/bin/layerslim" --help) == *--profile* ]] \
        || fail "layerslim --help does not list --profile"
fi

# ---- desktop integration validates ----
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$root/usr/share/applications/layerslim.desktop" || fail "desktop-file-validate"
else
    echo "note: desktop-file-validate not installed (desktop-file-utils); skipped"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$root/usr/share/metainfo/io.github.layerslim.LayerSlim.metainfo.xml" \
        || fail "appstreamcli validate"
else
    echo "note: appstreamcli not installed (appstream); skipped"
fi
grep -q '^Icon=layerslim$' "$root/usr/share/applications/layerslim.desktop" || fail "desktop file names another icon"
echo "PASS: $(basename "$deb")"
