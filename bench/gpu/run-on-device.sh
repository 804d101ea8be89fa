#!/usr/bin/env bash
# The GPU checks of the CUDA backend, in one call on the lent GPU machine. Prepare here first
# (from the project's root, on a machine with nvcc so that the kernels are in the classes):
#   ../shared/device/prepare.sh
# then, with the device tool (the native tests are built there: the machine has nvcc):
#   run carry=[".device"] timeout_s=540 command="bench/gpu/run-on-device.sh"
# Logs go to $OUT (the device tool brings them back), or to bench/gpu/logs without $OUT:
#   env.log      nvidia-smi, CUDA libraries present (which decides cuBLAS/cuSOLVER vs own kernels)
#   tests.log    the gpu-tagged JUnit tests (an "aborted" test was skipped: the GPU path did not run)
#   native.log   native-tests built with nvcc and run against their C++ references
#   timing.log   one step at N = 1024/4096/8192, k = 1/4/16, and batched 512 x 64 x 64, both paths
# Each part runs even when an earlier one fails; the exit status is the first failure's.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=${OUT:-$root/bench/gpu/logs}
mkdir -p "$out"
status=0
note() { echo "== $* ($(date -u +%H:%M:%S))"; }

note "environment" | tee "$out/env.log"
{
  date -u
  nvidia-smi || echo "no nvidia-smi"
  nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv || true
  command -v nvcc && nvcc --version | tail -2
  ls /usr/local/ | grep -i cuda
  ldconfig -p | grep -E 'libcuda\.so|cublas|cusolver' || echo "no CUDA libraries in the linker cache"
  find / \( -name 'libcublas.so*' -o -name 'libcusolver.so*' \) -not -path '/proc/*' 2>/dev/null | head -20
} >> "$out/env.log" 2>&1
cat "$out/env.log"

if [ ! -x .device/run-tests.sh ]; then
  echo ".device/ is missing: run ../shared/device/prepare.sh before the device call" | tee "$out/tests.log"
  exit 3
fi
if [ ! -f .device/classes/org/projunn/cuda/projunn_kernels.fatbin ]; then
  echo "warning: .device/classes has no kernels (prepared where nvcc was missing)" | tee -a "$out/env.log"
fi

note "gpu-tagged JUnit tests" | tee "$out/tests.log"
timeout 300 .device/run-tests.sh --scan-classpath --include-tag gpu >> "$out/tests.log" 2>&1 || { rc=$?; [ $status -eq 0 ] && status=$rc; }
tail -25 "$out/tests.log"

note "native kernel tests" | tee "$out/native.log"
if command -v nvcc >/dev/null 2>&1 || [ -x /usr/local/cuda/bin/nvcc ]; then
  # one architecture only, to keep the compile short on the device machine
  cap=$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -1 | tr -d .)
  arch=${cap:+-gencode arch=compute_${cap},code=sm_${cap}}
  { timeout 240 make -C native-tests ${arch:+ARCH="$arch"} && PJ_REQUIRE_GPU=1 timeout 120 native-tests/build/projunn_native_tests; } \
    >> "$out/native.log" 2>&1 || { rc=$?; [ $status -eq 0 ] && status=$rc; }
else
  echo "nvcc not found on the device machine: native tests not built" >> "$out/native.log"
fi
tail -40 "$out/native.log"

note "step timing" | tee "$out/timing.log"
timeout 200 .device/java.sh org.projunn.cuda.CudaStepTiming FLOAT32 10 >> "$out/timing.log" 2>&1 || { rc=$?; [ $status -eq 0 ] && status=$rc; }
cat "$out/timing.log"
exit $status
