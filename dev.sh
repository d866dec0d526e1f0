#!/usr/bin/env bash
# Breakwater's one entry point for newcomers and CI.
#   ./dev.sh run [ARGS]   install missing packages, build, launch Breakwater
#   ./dev.sh test         install missing packages, build, run every test
#   ./dev.sh build        install missing packages, build
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
format)
    git ls-files --cached --others --exclude-standard '*.cpp' '*.h' | xargs clang-format -i
    ;;
*)
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
