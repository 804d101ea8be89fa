#!/usr/bin/env bash
# Fails when any kernel spills registers to local memory (ptxas "spill stores" or "spill loads"
# above 0) for any target architecture. Reads the ptxas report that kernels/build.sh writes,
# building it first when it is missing. Without nvcc it says so and exits 0.
#   kernels/check-spills.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
log=$root/target/kernels/ptxas.log
if ! command -v nvcc >/dev/null 2>&1 && [ ! -x /usr/local/cuda/bin/nvcc ] && [ -z "${NVCC:-}" ]; then
  echo "check-spills: nvcc not found, nothing to check"
  exit 0
fi
"$here/build.sh" >/dev/null
[ -f "$log" ] || { echo "check-spills: no ptxas report at $log" >&2; exit 1; }
awk '
  /Compiling entry function/ {
    fn = $0; sub(/.*function \047/, "", fn); sub(/\047.*/, "", fn)
    arch = $0; sub(/.* for \047/, "", arch); sub(/\047.*/, "", arch)
  }
  /bytes spill stores/ && fn != "" {
    s = $0; sub(/.*stack frame, */, "", s); split(s, p, " ")
    key = fn " (" arch ")"
    if (p[1] + 0 > 0 || p[5] + 0 > 0) { printf "SPILL %s: %s bytes stores, %s bytes loads\n", key, p[1], p[5]; bad++ }
    else ok++
    fn = ""
  }
  END {
    printf "check-spills: %d kernel builds without spills, %d with spills\n", ok, bad
    if (ok + bad == 0) { print "check-spills: no kernel entries found in the report"; exit 1 }
    exit (bad > 0) ? 1 : 0
  }' "$log"
