#!/bin/sh
# Runs a command inside a private D-Bus session with GNOME Keyring's Secret Service, unlocked with
# a throwaway password from standard input, and private XDG folders, so tests use a real keychain
# without touching the developer's.
#   tests/keyring-session.sh COMMAND [ARGS...]
set -eu
root=$(mktemp -d "${TMPDIR:-/tmp}/bw-keyring.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/data" "$root/config" "$root/cache" "$root/runtime"
chmod 700 "$root/runtime"
export XDG_DATA_HOME="$root/data" XDG_CONFIG_HOME="$root/config" XDG_CACHE_HOME="$root/cache" XDG_RUNTIME_DIR="$root/runtime"
export HOME="$root"
export BW_TEST_SANDBOX="$root"
dbus-run-session -- sh -c '
    eval "$(printf "bw-test-password" | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL
    "$@"
' sh "$@"
