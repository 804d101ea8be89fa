#!/usr/bin/env bash
# Fails when the timeouts in bench/gpu/run-on-device.sh sum to more than 540 s: one device
# command may run 600 s, and the script must finish inside it with room to spare. Counts every
# `timeout N` and every `part NAME LOG N` (the script's timed steps).
set -euo pipefail
script=${1:-$(dirname "$0")/run-on-device.sh}
sum=$(grep -v '^\s*#' "$script" | grep -oE '(^|[^-])timeout [0-9]+|^\s*part "[^"]*" [^ ]+ [0-9]+' | grep -oE '[0-9]+$' | awk '{s += $1} END {print s + 0}')
echo "check-time-budget: timeouts in $(basename "$script") sum to ${sum} s (limit 540)"
[ "$sum" -le 540 ]
