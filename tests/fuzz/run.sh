#!/usr/bin/env bash
# Builds the libFuzzer harnesses (preset `fuzz`: clang, ASan, UBSan) and runs each for a while.
#
#   tests/fuzz/run.sh [--seconds N] [--only NAME] [-- LIBFUZZER-FLAGS...]
#
# --seconds N   how long each fuzzer runs (default 60; ./dev.sh test, and so CI, runs 25)
# --only NAME   run one fuzzer (fuzz_stream or fuzz_errors)
#
# Each fuzzer starts from its seed corpus (tests/fuzz/corpus/NAME, read-only here) and keeps what
# it learns in build/fuzz/corpus/NAME, so later runs go on from there. A crash, a sanitizer report
# or a broken oracle stops that fuzzer and fails the run; the input is saved as
# build/fuzz/artifacts/NAME/crash-… — reproduce it with `build/fuzz/tests/fuzz/NAME FILE`, then add
# it to the seed corpus with the fix and a regression test.
#
# The long run (before a release, or after changing the decoder, the assembler, the error
# classification or the retry policy): an hour each,
#   tests/fuzz/run.sh --seconds 3600
# (add `-- -fork=2` to use both cores).
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=60
only=""
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done

fuzzers=(fuzz_stream fuzz_errors)
if [ -n "$only" ]; then fuzzers=("$only"); fi
if [ "$only" = fuzz_conversationfile ]; then fuzzers=(); fi

if ! command -v clang++-14 >/dev/null; then
    echo "fuzz: clang++-14 is missing: run packaging/install-deps.sh" >&2
    exit 1
fi
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
if [ ${#fuzzers[@]} -gt 0 ]; then
    echo "== fuzz: building (build/fuzz)"
    start=$SECONDS
    cmake --preset fuzz "${launcher[@]}" >/dev/null
    nice cmake --build --preset fuzz
    echo "fuzz: built in $((SECONDS - start)) s"
fi

# Readable stack traces, and leaks count as findings.
symbolizer=/usr/lib/llvm-14/bin/llvm-symbolizer
if [ -x "$symbolizer" ]; then export ASAN_SYMBOLIZER_PATH=$symbolizer; fi
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

passed=0
failed=0
for name in "${fuzzers[@]}"; do
    bin=build/fuzz/tests/fuzz/$name
    work=build/fuzz/corpus/$name
    artifacts=build/fuzz/artifacts/$name
    log=build/fuzz/logs/$name.log
    mkdir -p "$work" "$artifacts" "$(dirname "$log")"
    echo "== fuzz: $name for ${seconds} s (log: $log)"
    if nice "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -dict="tests/fuzz/$name.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
        "${extra[@]}" "$work" "tests/fuzz/corpus/$name" >"$log" 2>&1; then
        # From -print_final_stats, and libFuzzer's last line: "#RUNS DONE cov: C ft: F corp: N/SIZE"
        final_stat() { sed -n "s|^stat::$1: *||p" "$log" | tail -1; }
        last() { grep -P '\tDONE ' "$log" | tail -1 | sed -n "s|.* $1: *\([0-9]*\).*|\1|p"; }
        echo "fuzz: $name ok: $(final_stat number_of_executed_units) runs," \
            "$(final_stat average_exec_per_sec) exec/s, coverage $(last cov) edges," \
            "corpus $(last corp) inputs ($(ls "tests/fuzz/corpus/$name" | wc -l) seeds)"
        passed=$((passed + 1))
    else
        echo "fuzz: $name FAILED" >&2
        grep -E 'ERROR|oracle failed|runtime error|SUMMARY|Test unit written' "$log" | head -20 >&2
        # CI's machine is gone afterwards: the input goes into the log, small enough to copy.
        input=$(ls -t "$artifacts" | head -1)
        if [ -n "$input" ] && [ "$(stat -c %s "$artifacts/$input")" -le 65536 ]; then
            echo "fuzz: the input, base64 (base64 -d > $input):" >&2
            base64 "$artifacts/$input" >&2
        fi
        failed=$((failed + 1))
    fi
done
# The conversation file's harness builds on its own (tests/fuzz/conversationfile.sh: clang,
# libFuzzer, ASan + UBSan, the system's Qt): parse -> save -> parse of any bytes.
if [ -z "$only" ] || [ "$only" = fuzz_conversationfile ]; then
    log=build/fuzz/logs/fuzz_conversationfile.log
    mkdir -p "$(dirname "$log")"
    echo "== fuzz: fuzz_conversationfile for ${seconds} s (log: $log)"
    if sh tests/fuzz/conversationfile.sh build >"$log" 2>&1 &&
        nice sh tests/fuzz/conversationfile.sh run "$seconds" >>"$log" 2>&1; then
        echo "fuzz: fuzz_conversationfile ok: $(sed -n 's|^stat::number_of_executed_units: *||p' "$log" | tail -1) runs," \
            "$(sed -n 's|^stat::average_exec_per_sec: *||p' "$log" | tail -1) exec/s"
        passed=$((passed + 1))
    else
        echo "fuzz: fuzz_conversationfile FAILED" >&2
        grep -E 'ERROR|error:|runtime error|SUMMARY|Test unit written' "$log" | head -20 >&2
        input=$(ls -t build/fuzz/findings 2>/dev/null | head -1)
        if [ -n "$input" ] && [ "$(stat -c %s "build/fuzz/findings/$input")" -le 65536 ]; then
            echo "fuzz: the input, base64:" >&2
            base64 "build/fuzz/findings/$input" >&2
        fi
        failed=$((failed + 1))
    fi
fi
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
