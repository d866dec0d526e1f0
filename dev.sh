#!/usr/bin/env bash
# Breakwater's one entry point for newcomers and CI.
#   ./dev.sh run [ARGS]     install missing packages, build, launch Breakwater
#   ./dev.sh test           install missing packages, build, run every test: the suites, the same
#                           suites built with ASan + UBSan, and a short run of each fuzzer
#   ./dev.sh test --quick   the suites only (the edit-build-test loop)
#   ./dev.sh build          install missing packages, build
#   ./dev.sh package        install missing packages, build, make the .deb in build/<preset>/
#   ./dev.sh format         reformat the C++ sources with the repository's .clang-format
# BW_PRESET picks the CMake preset (dev, release, ci); default: dev. BW_FUZZ_SECONDS sets how long
# each fuzzer runs in `test` (default 25).
set -euo pipefail
cd "$(dirname "$0")"
preset="${BW_PRESET:-dev}"

build_preset() {
    cmake --preset "$1" >/dev/null
    cmake --build --preset "$1"
}

build() {
    packaging/install-deps.sh
    build_preset "$preset"
}

# stage NAME COMMAND...: runs one stage of the tests and says how long it took.
stage() {
    local name=$1 start=$SECONDS
    shift
    echo "== $name"
    "$@"
    echo "== $name: done in $((SECONDS - start)) s"
}

case "${1:-}" in
run)
    shift
    build
    exec "build/$preset/app/gui/breakwater" "$@"
    ;;
test)
    stage "build ($preset)" build
    stage "tests ($preset)" ctest --preset "$preset"
    if [ "${2:-}" = "--quick" ]; then exit 0; fi
    # The same suites with AddressSanitizer and UndefinedBehaviorSanitizer (Debug, asserts on,
    # leaks reported): any finding fails its test.
    if [ "$preset" != asan ]; then
        stage "build (asan: ASan + UBSan)" build_preset asan
        stage "tests (asan)" ctest --preset asan
    fi
    # The libFuzzer harnesses (clang, ASan + UBSan): a crash, a sanitizer report or a broken
    # oracle fails the run and leaves the input in build/fuzz/artifacts/.
    stage "fuzz" tests/fuzz/run.sh --seconds "${BW_FUZZ_SECONDS:-25}"
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
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
