#!/bin/sh
# Builds the conversation file's fuzz harness on its own (clang, libFuzzer, ASan + UBSan, the
# system's Qt) and runs it; tests/fuzz/run.sh (and so CI) runs it with the other harnesses.
#   tests/fuzz/conversationfile.sh build           -> build/fuzz/fuzz_conversationfile
#   tests/fuzz/conversationfile.sh run [SECONDS]   (default 60; findings in build/fuzz/findings/)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/build/fuzz"
bin="$out/fuzz_conversationfile"
cxx=${CXX:-clang++-14}

build() {
    mkdir -p "$out"
    /usr/lib/qt6/libexec/moc "$root/core/chat/conversation.h" -o "$out/moc_conversation.cpp"
    # shellcheck disable=SC2046
    $cxx -std=c++20 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
        -fno-sanitize-recover=undefined -fPIC \
        -DQT_NO_CAST_FROM_ASCII -DQT_NO_CAST_TO_ASCII -DQT_USE_QSTRINGBUILDER \
        -I"$root/core" -I"$root/core/chat" $(pkg-config --cflags Qt6Core) \
        "$root/tests/fuzz/fuzz_conversationfile.cpp" \
        "$root/core/chat/conversationfile.cpp" "$root/core/chat/jsonfieldreader.cpp" \
        "$root/core/chat/conversationtree.cpp" \
        "$root/core/chat/chatmessage.cpp" "$root/core/chat/conversation.cpp" \
        "$root/core/chat/citation.cpp" "$root/core/chat/citationmarkers.cpp" \
        "$root/core/api/attachment.cpp" \
        "$out/moc_conversation.cpp" \
        "$root/core/api/apierror.cpp" "$root/core/api/httpheaders.cpp" \
        "$root/core/api/thinkingconfig.cpp" "$root/core/api/modelinfo.cpp" \
        $(pkg-config --libs Qt6Core) -o "$bin"
    echo "built $bin"
}

run() {
    [ -x "$bin" ] || build
    mkdir -p "$out/corpus-conversationfile" "$out/findings"
    # A scratch corpus first (new inputs go there), then the seeds (read only).
    "$bin" -dict="$root/tests/fuzz/conversationfile.dict" -max_len=65536 -rss_limit_mb=2048 \
        -malloc_limit_mb=1024 -timeout=10 -max_total_time="${1:-60}" \
        -artifact_prefix="$out/findings/" -print_final_stats=1 \
        "$out/corpus-conversationfile" "$root/tests/fuzz/corpus/conversationfile"
}

case "${1:-run}" in
build) build ;;
run) shift 2>/dev/null || true; run "${1:-60}" ;;
*) echo "usage: $0 build | run [SECONDS]" >&2; exit 2 ;;
esac
