// Non-finite scan: flags[entry] = 1 where an entry holds a NaN or Inf. Design: per-scalar type
// (complex data is scanned as 2x the real scalars), grid-stride, one __syncthreads_or per block
// and a plain store of 1 (every writer writes the same value, so no atomic is needed). The flags
// must be zeroed by the caller.
#pragma once
#include "pj_common.cuh"

namespace pj {

// flags[entry] = 1 where x (count scalars per entry) holds a NaN or Inf; grid (blocks, batch).
template <typename T>
__device__ void nonFinite(const T* x, long long count, int* flags) {
    const T* xe = x + blockIdx.y * count;
    bool bad = false;
    for (long long i = blockIdx.x * (long long)PJ_THREADS + threadIdx.x; i < count; i += (long long)gridDim.x * PJ_THREADS) {
        if (!isfinite(xe[i])) bad = true;
    }
    if (__syncthreads_or(bad) && threadIdx.x == 0) flags[blockIdx.y] = 1;
}

} // namespace pj
