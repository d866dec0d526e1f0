#!/usr/bin/env bash
# Benchmark (not a test): `breakwater-cli ask` end to end against `breakwater-sim` serving
# 200,000 token-sized deltas as fast as the socket takes them; wall, CPU and peak RSS, median of
# RUNS. With --sdk, the official TypeScript SDK streams the same bytes in the same way, for
# comparison (installed with npm into a cache folder outside the repository).
#   tests/bench/cli_stream.sh [--sdk] [--build DIR] [--runs N] [--deltas N]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=build/release
runs=5
deltas=200000
sdk=0
while [ $# -gt 0 ]; do
    case "$1" in
    --sdk) sdk=1 ;;
    --build) build="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    --deltas) deltas="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
[ -x "$build/app/cli/breakwater-cli" ] || { echo "build first: cmake --preset release && cmake --build --preset release" >&2; exit 2; }

fifo=$(mktemp -u); mkfifo "$fifo"
"$build/app/sim/breakwater-sim" --port 0 --reply-tokens "$deltas" >"$fifo" &
sim_pid=$!
trap 'kill $sim_pid 2>/dev/null; rm -f "$fifo"' EXIT
read -r line <"$fifo"
base=${line##* }
echo "simulator: $base, $deltas deltas per answer"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() { # label, command...
    local label=$1; shift
    local walls=() cpus=() rss=() bytes=0
    for _ in $(seq "$runs"); do
        local out; out=$(mktemp)
        /usr/bin/time -f "%e %U %S %M" -o "$out.time" "$@" >"$out" 2>/dev/null
        bytes=$(stat -c %s "$out")
        read -r e u s m <"$out.time"
        walls+=("$e"); cpus+=("$(awk "BEGIN{print $u + $s}")"); rss+=("$m")
        rm -f "$out" "$out.time"
    done
    printf '%-28s wall %5.2f s   cpu %5.2f s   peak RSS %6.1f MiB   (%s bytes of text, median of %s)\n' "$label" \
        "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)" \
        "$(awk "BEGIN{print $(printf '%s\n' "${rss[@]}" | median) / 1024}")" "$bytes" "$runs"
}

export ANTHROPIC_API_KEY=bench-key
# The simulator's "spend" goes to a throwaway usage ledger, not the one of real requests.
XDG_DATA_HOME=$(mktemp -d)
export XDG_DATA_HOME
trap 'kill $sim_pid 2>/dev/null; rm -f "$fifo"; rm -rf "$XDG_DATA_HOME"' EXIT
measure "breakwater-cli ask" "$build/app/cli/breakwater-cli" ask --base-url "$base" --max-tokens 1000000 bench

if [ "$sdk" = 1 ]; then
    sdkdir=${BW_SDK_DIR:-$HOME/.cache/breakwater-bench/sdk}
    if [ ! -d "$sdkdir/node_modules/@anthropic-ai/sdk" ]; then
        mkdir -p "$sdkdir"
        (cd "$sdkdir" && npm install --silent --no-audit --no-fund @anthropic-ai/sdk >/dev/null)
    fi
    cat >"$sdkdir/stream.js" <<'JS'
const Anthropic = require('@anthropic-ai/sdk');
const client = new Anthropic({ baseURL: process.env.BW_BASE, apiKey: 'bench-key', maxRetries: 0 });
(async () => {
  const stream = await client.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 1000000, stream: true,
    messages: [{ role: 'user', content: 'bench' }] });
  for await (const event of stream)
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') process.stdout.write(event.delta.text);
})();
JS
    version=$(node -p "require('$sdkdir/node_modules/@anthropic-ai/sdk/package.json').version")
    BW_BASE="$base" measure "TypeScript SDK $version" node "$sdkdir/stream.js"
fi
