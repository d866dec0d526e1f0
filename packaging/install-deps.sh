#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Breakwater needs to build, test and run — only the missing ones,
# and says which. Safe to run again. Uses sudo when not root.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkgconf
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qtkeychain-qt6-dev qt6-charts-dev qt6-svg-dev libgl-dev libqt6opengl6-dev zlib1g-dev
  # run: platform plugins (xcb, offscreen), SVG icons, Qt's own translations (standard buttons)
  qt6-qpa-plugins qt6-image-formats-plugins libqt6svg6 qt6-translations-l10n
  # tests: real windows, a real keychain in a private D-Bus session, Qt's private headers (to
  # switch accessibility on as a screen reader would)
  xvfb xauth gnome-keyring dbus dbus-x11 libsecret-tools qt6-base-private-dev
  # screenshots, packaging checks, formatting
  imagemagick desktop-file-utils appstream debootstrap clang-format file time dpkg-dev
  # fuzzing (tests/fuzz/run.sh): clang with libFuzzer and the sanitizers' runtimes, and
  # llvm-symbolizer for readable stack traces
  clang-14 libclang-rt-14-dev llvm-14
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${#missing[@]} missing package(s): ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
