#!/usr/bin/env bash
# Compiles kernels/*.cu into one fatbin (SASS for sm_80 and sm_90, PTX for compute_90) that the
# CUDA backend loads from the jar. Run by Maven in generate-resources:
#   kernels/build.sh OUTPUT_DIR        (default: src/cuda/target/classes/org/projunn/cuda)
# PROJUNN_SKIP_KERNELS=1 skips the compile (for quick builds of the Java code alone).
# Without nvcc it prints why and exits 0: the build goes on and the backend reports that its
# kernels are missing. The ptxas report (-Xptxas -v) goes to target/kernels/ptxas.log for
# kernels/check-spills.sh (sequential on purpose: parallel ptxas reports would interleave). Skips the
# compile when the fatbin is newer than every source (projunn_kernels.cu, every *.cuh header, this script).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${1:-$root/src/cuda/target/classes/org/projunn/cuda}
logdir=$root/target/kernels
fatbin=$out/projunn_kernels.fatbin
rnn_fatbin=$out/projunn_rnn_kernels.fatbin  # the RNN training kernels (projunn_rnn_kernels.cu)

if [ -n "${PROJUNN_SKIP_KERNELS:-}" ]; then
  echo "kernels/build.sh: PROJUNN_SKIP_KERNELS is set; CUDA kernels not built"
  exit 0
fi
nvcc=${NVCC:-}
if [ -z "$nvcc" ]; then
  if command -v nvcc >/dev/null 2>&1; then nvcc=$(command -v nvcc)
  elif [ -x /usr/local/cuda/bin/nvcc ]; then nvcc=/usr/local/cuda/bin/nvcc
  fi
fi
if [ -z "$nvcc" ]; then
  echo "kernels/build.sh: nvcc not found; CUDA kernels not built (the cuda backend will report them missing)"
  exit 0
fi

mkdir -p "$out" "$logdir"
if [ -f "$fatbin" ] && [ -f "$rnn_fatbin" ] && [ -f "$logdir/ptxas.log" ] && [ -z "$(find "$here" -newer "$fatbin" \( -name '*.cu' -o -name '*.cuh' -o -name build.sh \))" ]; then
  echo "kernels/build.sh: $fatbin is up to date"
  exit 0
fi
echo "kernels/build.sh: compiling with $nvcc ($("$nvcc" --version | tail -1))"
# compile SOURCE OUTPUT: one fatbin, its ptxas report appended to the new log
compile() {
  "$nvcc" -std=c++17 -O3 --fatbin -Xptxas -v \
    -gencode arch=compute_80,code=sm_80 \
    -gencode arch=compute_90,code=sm_90 \
    -gencode arch=compute_90,code=compute_90 \
    -o "$2" "$here/$1" >> "$logdir/ptxas.log.tmp" 2>&1 || {
      cat "$logdir/ptxas.log.tmp" >&2
      echo "kernels/build.sh: nvcc failed on $1" >&2
      rm -f "$fatbin.tmp" "$rnn_fatbin.tmp"
      exit 1
    }
}
# both fatbins are replaced only when both compiled: a failed second compile must not leave a
# new first one that makes the next build think everything is up to date
: > "$logdir/ptxas.log.tmp"
compile projunn_kernels.cu "$fatbin.tmp"
compile projunn_rnn_kernels.cu "$rnn_fatbin.tmp"
mv "$rnn_fatbin.tmp" "$rnn_fatbin"
mv "$fatbin.tmp" "$fatbin"
mv "$logdir/ptxas.log.tmp" "$logdir/ptxas.log"
echo "kernels/build.sh: wrote $fatbin ($(stat -c %s "$fatbin") bytes) and $rnn_fatbin ($(stat -c %s "$rnn_fatbin") bytes)"
