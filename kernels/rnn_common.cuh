// Shared pieces of the RNN training kernels (projunn_rnn_kernels.cu): float32 storage,
// column-major matrices, one "column" per (time step, sequence) pair at index t * batch + b.
// Every kernel runs PJ_THREADS threads per block, as the Java Launcher launches them.
#pragma once
#include <cuda_runtime.h>
#include <math.h>

#ifndef PJ_THREADS
#define PJ_THREADS 256
#endif
// Dynamic shared memory; behind a macro because the CPU emulation (native-tests/emu) supplies
// its own definition.
#ifndef PJ_DYNAMIC_SHARED
#define PJ_DYNAMIC_SHARED(name) extern __shared__ __align__(16) unsigned char name[]
#endif

namespace pjrnn {

PJ_DYNAMIC_SHARED(rnnSmem);

// 16-byte shared-memory loads must be 16-byte aligned on the GPU; the CPU emulation would not
// notice, so it checks explicitly.
#ifdef PJ_EMULATION
#define PJ_RNN_CHECK_ALIGNED16(p) \
    do { if (reinterpret_cast<unsigned long long>(p) % 16) ::pjemu::fail("misaligned 16-byte load"); } while (0)
#else
#define PJ_RNN_CHECK_ALIGNED16(p) ((void)0)
#endif

// |z| of modReLU with the same epsilon as train/RnnMath32 (keeps 0/0 away from the gradient)
#define PJ_RNN_MOD_EPS 1e-12f

// The columns [c0, c0 + count) of the batch that block blockIdx.x owns: contiguous slices of
// ceil(batch / gridDim.x) columns; trailing blocks may own none.
__device__ __forceinline__ void batchSlice(int batch, int& c0, int& count, int& per) {
    per = (batch + (int)gridDim.x - 1) / (int)gridDim.x;
    c0 = (int)blockIdx.x * per;
    count = batch - c0 < per ? batch - c0 : per;
    if (count < 0) count = 0;
}

} // namespace pjrnn
