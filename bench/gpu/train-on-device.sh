#!/usr/bin/env bash
# The GPU checks and timings of device-resident RNN training, in one call on the lent GPU machine.
# Prepare here first with bench/gpu/prepare.sh (it also builds the RNN kernels' native tests for
# sm_90 into .device/native).
# then: run carry=[".device"] timeout_s=300 command="bench/gpu/train-on-device.sh"
# Parts (each runs even when an earlier one fails; the exit status is the first failure's):
#   rnn native tests 40 s: every RNN kernel against its C++ reference, on the GPU
#   JUnit 90 s: DeviceTrainerGpuTest (GPU vs host trainer, 20 steps) and InteropGpuTest
#   copy timing 70 s: ./projunn train at the paper's copy setting (T = 1000, hidden 190, batch
#     128, RMSprop, rank 1, projUNN-T), 30 steps, --backend cuda
#   PyTorch timing 70 s: bench/pytorch/train_copy.py --device cuda, same setting, 10 steps
# Budget 270 s. Files in $OUT (or bench/gpu/logs): train-native.log, train-tests.log,
# train-timing.log, train-summary.log.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=${OUT:-$root/bench/gpu/logs}
mkdir -p "$out"
status=0
summary=train-summary.log
. bench/gpu/part.sh
# prepare.sh ships the native tests xz'd
for f in .device/native/*.xz; do
  [ -f "$f" ] && xz -d -k -f "$f"
done
: > "$out/train-summary.log"
if [ -x .device/native/rnn_tests ]; then
  part "rnn native tests" train-native.log 40 env PJ_REQUIRE_GPU=1 .device/native/rnn_tests
  tail -3 "$out/train-native.log"
else
  echo ".device/native/rnn_tests missing: make -C native-tests -f rnn.mk device DEST=.device/native" | tee -a "$out/train-summary.log"
  status=3
fi
if [ -x .device/run-tests.sh ]; then
  part "JUnit device trainer" train-tests.log 90 .device/run-tests.sh --include-tag gpu \
    --select-class org.projunn.train.DeviceTrainerGpuTest --select-class org.projunn.cuda.InteropGpuTest
  grep -E "tests (successful|failed|aborted)" "$out/train-tests.log"
  part "copy T=1000 --backend cuda" train-timing.log 70 .device/java.sh org.projunn.cli.Main train copy --T 1000 \
    --hidden 190 --batch 128 --steps 30 --eval-every 1000 --test-size 128 --backend cuda --no-progress \
    --out "$out/train-copy"
else
  echo ".device/run-tests.sh missing: prepare the Java side of .device before the call" | tee -a "$out/train-summary.log"
  [ $status -eq 0 ] && status=3
fi
if python3 -c "import torch; assert torch.cuda.is_available()" 2>/dev/null; then
  part "PyTorch copy T=1000 cuda" train-timing.log 70 python3 bench/pytorch/train_copy.py --device cuda --steps 10 \
    --warmup 2 --log-every 5
else
  echo "PyTorch with CUDA not available here: baseline not timed" | tee -a "$out/train-summary.log"
fi
grep -E "steps/s|^result:|projUNN steps on" "$out/train-timing.log"
cat "$out/train-summary.log"
exit $status
