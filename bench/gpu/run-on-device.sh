#!/usr/bin/env bash
# The GPU checks of the CUDA backend, in one call on the lent GPU machine (H100/H200, sm_90).
# Prepare here first, from the project's root, on a machine with nvcc:
#     bench/gpu/prepare.sh
#   (the Java side of .device/: runtime, classes with the kernels, jars, run-tests.sh, java.sh;
#   and the native tests, built here for sm_90 only into .device/native: nothing is compiled on
#   the device machine)
# then, with the device tool:
#   run carry=[".device"] timeout_s=560 command="bench/gpu/run-on-device.sh"
# Order: environment, native kernel tests, compute-sanitizer memcheck / racecheck / synccheck
# over them, gpu-tagged JUnit tests (slow classes last), step timings. Each part runs even when
# an earlier one fails; the exit status is the first failure's.
#
# Time: every part has a timeout, and they sum to 540 s (one device command may run 600 s;
# bench/gpu/check-time-budget.sh, run by .ci/run, fails when they exceed 540):
#   environment 30 (nvidia-smi 10 + 5, find 10, ldconfig 5) + native 60 + memcheck 80 +
#   racecheck 80 + synccheck 60 + JUnit 110 + slow JUnit 60 + timing 60 = 540
# Files written to $OUT (or bench/gpu/logs without $OUT), 6 of the 8 the device tool returns:
#   env.log        nvidia-smi, CUDA libraries present (which decides cuBLAS/cuSOLVER vs own kernels)
#   native.log     the prebuilt native tests against their C++ references
#   sanitizers.log compute-sanitizer memcheck, racecheck and synccheck over the native tests
#   tests.log      the gpu-tagged JUnit tests (an "aborted" test was skipped: the GPU path did not run)
#   timing.log     one step at N = 1024/4096/8192, k = 1/4/16, and batched 512 x 64 x 64, both paths
#   summary.log    one line per part: its exit status and seconds
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=${OUT:-$root/bench/gpu/logs}
mkdir -p "$out"
status=0
native=.device/native/projunn_native_tests
# JUnit classes run after the others: long loops (10 000 create/close cycles)
slow_classes=(org.projunn.cuda.CudaResourceGpuTest)
note() { echo "== $* ($(date -u +%H:%M:%S))"; }
summary=summary.log
. bench/gpu/part.sh
# prepare.sh ships the native tests xz'd
for f in .device/native/*.xz; do
  [ -f "$f" ] && xz -d -k -f "$f"
done

: > "$out/summary.log"
note "environment" > "$out/env.log"
{
  date -u
  timeout 10 nvidia-smi || echo "no nvidia-smi"
  timeout 5 nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv || true
  command -v nvcc && nvcc --version | tail -2
  ls /usr/local/ | grep -i cuda
  timeout 5 ldconfig -p | grep -E 'libcuda\.so|cublas|cusolver' || echo "no CUDA libraries in the linker cache"
  timeout 10 find / \( -name 'libcublas.so*' -o -name 'libcusolver.so*' \) -not -path '/proc/*' 2>/dev/null | head -20
} >> "$out/env.log" 2>&1
cat "$out/env.log"

if [ -x "$native" ]; then
  part "native tests" native.log 60 env PJ_REQUIRE_GPU=1 "$native"
  tail -5 "$out/native.log"
  sanitizer=$(command -v compute-sanitizer || ls /usr/local/cuda*/bin/compute-sanitizer /usr/local/cuda*/compute-sanitizer/compute-sanitizer 2>/dev/null | head -1)
  if [ -n "$sanitizer" ] && [ -x "$sanitizer" ]; then
    part "memcheck" sanitizers.log 80 env PJ_REQUIRE_GPU=1 "$sanitizer" --tool memcheck --leak-check full --error-exitcode 10 "$native"
    part "racecheck" sanitizers.log 80 env PJ_REQUIRE_GPU=1 "$sanitizer" --tool racecheck --error-exitcode 10 "$native"
    part "synccheck" sanitizers.log 60 env PJ_REQUIRE_GPU=1 "$sanitizer" --tool synccheck --error-exitcode 10 "$native"
    grep -E "ERROR SUMMARY|RACECHECK SUMMARY|passed, .* failed" "$out/sanitizers.log"
  else
    echo "compute-sanitizer not found" | tee -a "$out/sanitizers.log" "$out/summary.log"
    [ $status -eq 0 ] && status=4
  fi
else
  echo "$native missing: run bench/gpu/prepare.sh before the call" | tee "$out/native.log" "$out/summary.log"
  [ $status -eq 0 ] && status=3
fi

if [ -x .device/run-tests.sh ]; then
  [ -f .device/classes/cuda/org/projunn/cuda/projunn_kernels.fatbin ] \
    || echo "warning: no projunn_kernels.fatbin in .device (prepared where nvcc was missing)" | tee -a "$out/env.log"
  excludes=()
  selects=()
  for c in "${slow_classes[@]}"; do
    excludes+=(--exclude-classname "^${c//./\\.}\$")
    selects+=(--select-class "$c")
  done
  part "JUnit gpu" tests.log 110 .device/run-tests.sh --scan-classpath --include-tag gpu "${excludes[@]}"
  part "JUnit gpu, slow classes" tests.log 60 .device/run-tests.sh --include-tag gpu "${selects[@]}"
  grep -E "tests (successful|failed|aborted)" "$out/tests.log"
  part "step timing" timing.log 60 .device/java.sh org.projunn.cuda.CudaStepTiming FLOAT32 5
  cat "$out/timing.log"
else
  echo ".device/run-tests.sh missing: prepare the Java side of .device before the call" | tee "$out/tests.log" "$out/summary.log"
  [ $status -eq 0 ] && status=3
fi
cat "$out/summary.log"
exit $status
