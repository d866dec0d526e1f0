#!/usr/bin/env bash
# Takes the README's screenshots under Xvfb: tests/ui/screenshots.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/dev}
out=${2:-packaging/screenshots}
xvfb-run -a -s "-screen 0 1600x1000x24" "$build/tests/ui/screenshots" "$out"
