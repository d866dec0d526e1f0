#!/usr/bin/env bash
# Breakwater's one entry point for newcomers and CI.
#   ./dev.sh run [ARGS]   install missing packages, build, launch Breakwater
#   ./dev.sh test         install missing packages, build, run every test
#   ./dev.sh build        install missing packages, build
#   ./dev.sh package      install missing packages, build, make the .deb in build/<preset>/
#   ./dev.sh format       reformat the C++ sources with the repository's .clang-format
# BW_PRESET picks the CMake preset (dev, release, ci); default: dev.
set -euo pipefail
cd "$(dirname "$0")"
preset="${BW_PRESET:-dev}"

build() {
    packaging/install-deps.sh
    cmake --preset "$preset" >/dev/null
    cmake --build --preset "$preset"
}

case "${1:-}" in
run)
    shift
    build
    exec "build/$preset/app/gui/breakwater" "$@"
    ;;
test)
    build
    ctest --preset "$preset"
    ;;
build)
    build
    ;;
package)
    build
    (cd "build/$preset" && rm -f breakwater_*.deb && cpack -G DEB >/dev/null)
    ls "$PWD/build/$preset"/breakwater_*.deb
    ;;
format)
    git ls-files --cached --others --exclude-standard '*.cpp' '*.h' | xargs clang-format -i
    ;;
*)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
