#!/usr/bin/env bash
# Runs `breakwater-cli ask` against `breakwater-sim` once per fault and prints a Markdown table of
# what Breakwater did: attempts, waits, outcome. Used for the README; re-run it to reproduce.
#   tests/bench/fault_table.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
cli="$build/app/cli/breakwater-cli"
sim="$build/app/sim/breakwater-sim"
opts=(--connect-timeout 2 --idle-timeout 2 --timeout 20)
export ANTHROPIC_API_KEY=fault-table-key
# The simulator's "spend" goes to a throwaway usage ledger, not the one of real requests.
XDG_DATA_HOME=$(mktemp -d)
export XDG_DATA_HOME
trap 'rm -rf "$XDG_DATA_HOME"' EXIT

faults=(
  "ok|a healthy stream"
  "429|429 with retry-after: 1"
  "429:retry-after-ms=1500|429 with retry-after-ms: 1500"
  "429:retry-after-date=3|429 with retry-after as an HTTP-date 3 s ahead"
  "429:retry-after=120|429 asking for 120 s (above the 60 s ceiling)"
  "429:no-hint*4|429 without a hint, every time"
  "spend-limit*4|429 for the workspace's spend limit (error_code), every time"
  "spend-limit:status=400*4|400: the workspace reached its API usage limits"
  "529,529|two 529 overloaded, then healthy"
  "529*9|529 every time"
  "500|500 api_error"
  "503:should-retry=false|503 with x-should-retry: false"
  "400:should-retry=true|400 with x-should-retry: true"
  "html502|502 from a proxy, HTML body"
  "401|401 wrong key"
  "400|400 invalid request"
  "stall-headers|no answer at all (stall before headers)"
  "reset-headers*2|TCP reset before headers, twice"
  "close-early:after=0|clean close before the first token"
  "error-mid:after=0|error event before the first token"
  "stall-mid:after=5|stall after 5 tokens"
  "reset-mid:after=5|TCP reset after 5 tokens"
  "close-early:after=5|clean close after 5 tokens, no message_stop"
  "error-mid:after=5|overloaded_error event after 5 tokens"
  "malformed:after=3|invalid JSON line after 3 tokens"
  "bad-utf8:after=3|invalid UTF-8 after 3 tokens"
  "pings:after=3:count=6:interval=500|3 s of pings only, mid-stream"
  "drip:tps=8|a slow drip, 8 tokens/s"
  "not-sse|200 with an HTML page (captive portal)"
  "huge-line|an endless line without a line end"
  "endless|text that never ends"
)

echo "| simulator fault (\`--script\`) | what happens | attempts | waits | outcome (exit) |"
echo "|---|---|---|---|---|"
for entry in "${faults[@]}"; do
    script=${entry%%|*}
    what=${entry#*|}
    fifo=$(mktemp -u); mkfifo "$fifo"
    "$sim" --port 0 --reply-tokens 40 --script "$script" >"$fifo" &
    pid=$!
    read -r line <"$fifo"; rm -f "$fifo"
    base=${line##* }
    events=$(mktemp)
    set +e
    timeout 60 "$cli" ask --base-url "$base" "${opts[@]}" --events "$events" "Tell me about breakwaters" >/dev/null 2>&1
    code=$?
    set -e
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
    attempts=$(grep -c '"type":"attempt"' "$events" || true)
    waits=$({ grep '"type":"retry"' "$events" || true; } | sed -E 's/.*"delay_ms":([0-9]+).*"reason":"([a-z_]+)".*/\1 ms (\2)/' | paste -sd, - | sed 's/,/, /g')
    outcome=$(tail -1 "$events")
    if [[ "$outcome" == *'"type":"done"'* ]]; then
        result="success"
    else
        kind=$(echo "$outcome" | sed -E 's/.*"kind":"([a-z_]+)".*/\1/')
        partial=$(echo "$outcome" | grep -q '"partial":true' && echo ", partial text kept" || true)
        result="$kind$partial"
    fi
    rm -f "$events"
    echo "| \`$script\` | $what | $attempts | ${waits:-—} | $result ($code) |"
done
