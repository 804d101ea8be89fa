// Newton-Schulz helpers on one n x n Gram matrix G = X^H X (the GEMMs are in products.cuh):
// the squared Frobenius distance to I, summed over blocks with a double atomicAdd (the order of
// the block sums is not fixed, so the last bits may vary between runs), and the in-place
// coefficient G <- 1.5 I - 0.5 G. Grid-stride loops: any grid size is correct.
#pragma once
#include "pj_common.cuh"

namespace pj {

// Newton-Schulz helpers on one n x n Gram matrix G: err += ||G - I||_F^2, then G <- 1.5 I - 0.5 G.
template <typename S>
__device__ void gramError(const S* G, int n, double* err) {
    __shared__ double red[PJ_WARPS * 2];
    double s = 0.0;
    for (size_t idx = blockIdx.x * (size_t)PJ_THREADS + threadIdx.x; idx < (size_t)n * n; idx += (size_t)gridDim.x * PJ_THREADS) {
        double2 v = ldC(G, idx);
        if (idx % n == idx / n) v.x -= 1.0;
        s += v.x * v.x + v.y * v.y;
    }
    s = blockSum(s, red);
    if (threadIdx.x == 0) atomicAdd(err, s);
}

template <typename S>
__device__ void newtonSchulzCoefficient(S* G, int n) {
    for (size_t idx = blockIdx.x * (size_t)PJ_THREADS + threadIdx.x; idx < (size_t)n * n; idx += (size_t)gridDim.x * PJ_THREADS) {
        double2 v = cscale(ldC(G, idx), -0.5);
        if (idx % n == idx / n) v.x += 1.5;
        stC(G, idx, v);
    }
}

} // namespace pj
