#!/usr/bin/env bash
# Benchmark (not a test): 200 short prompts through `breakwater-cli batch` against a simulator
# that serves 8 answers at once (429 with retry-after-ms beyond), for fixed limits 2, 5, 8, 16 and
# auto. Prints total time against the ideal (fixed 8: exactly the capacity, no 429s), 429s and
# failures.   tests/bench/batch_concurrency.sh [--build DIR] [--prompts N]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=build/release
count=200
while [ $# -gt 0 ]; do
    case "$1" in
    --build) build="$2"; shift ;;
    --prompts) count="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
sim_args=(--capacity 8 --capacity-retry-ms "${BW_RETRY_MS:-500}" --ttft-ms 100 --tps 100 --reply-tokens 20)
prompts=$(mktemp)
for i in $(seq "$count"); do echo "Short question number $i about harbours"; done >"$prompts"
export ANTHROPIC_API_KEY=bench-key
# The simulator's "spend" goes to a throwaway usage ledger, not the one of real requests.
XDG_DATA_HOME=$(mktemp -d)
export XDG_DATA_HOME
trap 'rm -rf "$XDG_DATA_HOME"' EXIT

run() { # concurrency -> "ms rate_limited failed"
    local fifo; fifo=$(mktemp -u); mkfifo "$fifo"
    "$build/app/sim/breakwater-sim" --port 0 "${sim_args[@]}" >"$fifo" &
    local pid=$!
    local line; read -r line <"$fifo"; rm -f "$fifo"
    local events; events=$(mktemp)
    "$build/app/cli/breakwater-cli" batch --base-url "${line##* }" --concurrency "$1" --events "$events" -q --out /dev/null "$prompts" || true
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
    local done; done=$(grep '"type":"done"' "$events")
    local limits; limits=$(grep '"type":"concurrency"' "$events" | sed -E 's/.*"limit":([0-9]+).*/\1/' | paste -sd' ' | cut -c1-60)
    rm -f "$events"
    echo "$(echo "$done" | sed -E 's/.*"ms":([0-9]+).*/\1/') $(echo "$done" | sed -E 's/.*"rate_limited":([0-9]+).*/\1/') $(echo "$done" | sed -E 's/.*"failed":([0-9]+).*/\1/') $limits"
}

echo "simulator: ${sim_args[*]}; $count prompts"
read -r ideal _ _ _ < <(run 8)
printf '| concurrency | total | vs ideal | 429s | failures | limit over time |\n|---|---|---|---|---|---|\n'
for c in 2 5 8 16 auto; do
    read -r ms limited failed limits < <(run "$c")
    printf '| %s | %.2f s | %+.0f%% | %s (%.1f%%) | %s | %s |\n' "$c" "$(awk "BEGIN{print $ms/1000}")" \
        "$(awk "BEGIN{print ($ms/$ideal-1)*100}")" "$limited" "$(awk "BEGIN{print $limited*100/$count}")" "$failed" "${limits:-}"
done
rm -f "$prompts"
