#!/usr/bin/env bash
# Builds the .deb and checks it the way a user meets it:
#   - the desktop file and the AppStream metainfo validate;
#   - the package installs with apt, which pulls in the Qt 6 and QtKeychain runtime packages;
#   - the installed breakwater-cli and breakwater-sim answer --version, and the installed window
#     passes its offscreen self-test (a scripted exchange with the built-in simulator: a 529, a
#     retry, the answer) in English and German.
# With --fresh the same checks also run in a brand-new Debian 12 made with debootstrap, where
# nothing but the package's own dependencies is installed.
#
#   packaging/check-package.sh [--fresh] [BUILD_DIR]      (default BUILD_DIR: build/dev)
#
# Installs the package on this machine (CI machines are throwaway); needs root or sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

fresh=0
if [ "${1:-}" = "--fresh" ]; then
    fresh=1
    shift
fi
build=${1:-build/dev}
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
app_id=io.github.breakwater_app.Breakwater

echo "== desktop file and AppStream metainfo"
desktop-file-validate "packaging/$app_id.desktop"
appstreamcli validate --no-net --explain "packaging/$app_id.metainfo.xml"

echo "== .deb"
rm -f "$build"/breakwater_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$PWD/$build"/breakwater_*.deb)
dpkg-deb --field "$deb" Package Version Depends Recommends
dpkg-deb --contents "$deb" | awk '{print $6}' | grep -E 'bin/|\.desktop|metainfo|\.qm|scalable'

# The checks run against the installed files, inside ROOT when given (a chroot).
check_installed() {
    local root=${1:-}
    local run=()
    [ -n "$root" ] && run=($sudo chroot "$root")
    "${run[@]}" /usr/bin/breakwater-cli --version
    "${run[@]}" /usr/bin/breakwater-sim --version
    "${run[@]}" /usr/bin/breakwater --version
    test -f "$root/usr/share/applications/$app_id.desktop"
    test -f "$root/usr/share/icons/hicolor/256x256/apps/$app_id.png"
    for lang in en de; do
        "${run[@]}" env QT_QPA_PLATFORM=offscreen HOME=/tmp \
            /usr/bin/breakwater --demo --self-test --language "$lang" 2>/dev/null
    done
}

echo "== install on this machine"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --reinstall "$deb" >/dev/null
check_installed

if [ "$fresh" = 1 ]; then
    echo "== install on a brand-new Debian 12 (debootstrap)"
    command -v debootstrap >/dev/null || $sudo apt-get install -y -qq debootstrap >/dev/null
    # The same mirror this machine's apt uses.
    mirror=$( (grep -hoE '^(URIs:|deb) +[^ ]+' /etc/apt/sources.list.d/*.sources \
        /etc/apt/sources.list 2>/dev/null || true) | grep -v security | head -1 | awk '{print $2}')
    mirror=${mirror:-http://deb.debian.org/debian}
    root=$(mktemp -d /tmp/breakwater-fresh.XXXXXX)
    cleanup() {
        $sudo umount "$root/proc" 2>/dev/null || true
        $sudo rm -rf "$root"
    }
    trap cleanup EXIT
    $sudo debootstrap --variant=minbase bookworm "$root" "$mirror" >/dev/null
    # This machine's package sources (bookworm, -updates, -security) replace debootstrap's.
    $sudo rm -f "$root/etc/apt/sources.list"
    $sudo cp /etc/apt/sources.list.d/*.sources "$root/etc/apt/sources.list.d/" 2>/dev/null || true
    $sudo cp /etc/apt/sources.list "$root/etc/apt/" 2>/dev/null || true
    $sudo cp -r /etc/apt/apt.conf.d/. "$root/etc/apt/apt.conf.d/" 2>/dev/null || true
    $sudo cp /etc/resolv.conf "$root/etc/resolv.conf"
    $sudo mount -t proc proc "$root/proc"
    $sudo cp "$deb" "$root/tmp/"
    log=$(mktemp)
    if ! { $sudo chroot "$root" apt-get update -qq &&
        $sudo chroot "$root" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq "/tmp/$(basename "$deb")"; } >"$log" 2>&1; then
        cat "$log"
        echo "the package did not install on a fresh Debian 12" >&2
        exit 1
    fi
    echo "packages in the fresh system: $($sudo chroot "$root" dpkg-query -f '.\n' -W | wc -l)"
    check_installed "$root"
fi
echo "== package checks passed"
