// Dense products for when cuBLAS is not available: tall-skinny M^H x and M y (sampler images)
// and a tiled batched GEMM C = op(A) B (Newton-Schulz re-orthonormalization). Design: simple,
// coalesced, double accumulation whatever the storage type; correctness over peak speed, since
// the production path prefers cuBLAS.
#pragma once
#include "pj_common.cuh"

namespace pj {

// (c) tall-skinny products for when cuBLAS is not available.
// out[j, c] = sum_i conj(M[i, j]) x[i, c]; grid (ceil(n/8), batch): one warp per column j.
template <typename S>
__device__ void adjointTimes(const S* M, const S* x, S* out, int n, int mc) {
    typedef typename St<S>::Acc Acc;
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    const int j = blockIdx.x * PJ_WARPS + warp;
    const int e = blockIdx.y;
    if (j >= n) return;
    const S* Me = M + (size_t)e * n * n + (size_t)j * n;
    const S* xe = x + (size_t)e * n * mc;
    S* oe = out + (size_t)e * n * mc;
    for (int c0 = 0; c0 < mc; c0 += 8) {
        Acc acc[8];
#pragma unroll
        for (int t = 0; t < 8; t++) acc[t] = accZero(Acc());
        for (int i = lane; i < n; i += 32) {
            Acc v = accConj(St<S>::ld(Me, i));
#pragma unroll
            for (int t = 0; t < 8; t++) {
                if (c0 + t < mc) acc[t] = accFma(v, St<S>::ld(xe, i + (size_t)(c0 + t) * n), acc[t]);
            }
        }
#pragma unroll
        for (int t = 0; t < 8; t++) {
            double2 s = accToC(acc[t]);
            for (int o = 16; o > 0; o >>= 1) {
                s.x += __shfl_down_sync(0xffffffffu, s.x, o);
                s.y += __shfl_down_sync(0xffffffffu, s.y, o);
            }
            if (lane == 0 && c0 + t < mc) St<S>::st(oe, j + (size_t)(c0 + t) * n, accFromC(Acc(), s));
        }
    }
}

// out[i, c] = sum_j M[i, j] y[j, c]; grid (ceil(n/32), batch): lanes own rows, warps split j.
template <typename S>
__device__ void times(const S* M, const S* y, S* out, int n, int mc) {
    typedef typename St<S>::Acc Acc;
    __shared__ double2 part[PJ_WARPS][8][32];
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    const int row = blockIdx.x * 32 + lane;
    const int e = blockIdx.y;
    const S* Me = M + (size_t)e * n * n;
    const S* ye = y + (size_t)e * n * mc;
    S* oe = out + (size_t)e * n * mc;
    for (int c0 = 0; c0 < mc; c0 += 8) {
        Acc acc[8];
#pragma unroll
        for (int t = 0; t < 8; t++) acc[t] = accZero(Acc());
        if (row < n) {
            for (int j = warp; j < n; j += PJ_WARPS) {
                Acc v = St<S>::ld(Me, row + (size_t)j * n);
#pragma unroll
                for (int t = 0; t < 8; t++) {
                    if (c0 + t < mc) acc[t] = accFma(v, St<S>::ld(ye, j + (size_t)(c0 + t) * n), acc[t]);
                }
            }
        }
#pragma unroll
        for (int t = 0; t < 8; t++) part[warp][t][lane] = accToC(acc[t]);
        __syncthreads();
        if (warp == 0 && row < n) {
            for (int t = 0; t < 8 && c0 + t < mc; t++) {
                double2 s = cz();
                for (int w = 0; w < PJ_WARPS; w++) s = cadd(s, part[w][t][lane]);
                St<S>::st(oe, row + (size_t)(c0 + t) * n, accFromC(Acc(), s));
            }
        }
        __syncthreads();
    }
}

// C = op(A) B with op(A) = A or A^H, 16 x 16 tiles, grid (ceil(nc/16), ceil(m/16), batch).
// Used for re-orthonormalization (Newton-Schulz) when cuBLAS is not available.
template <typename S>
__device__ void gemm(int adjA, const S* A, int lda, long long strideA, const S* B, int ldb, long long strideB,
                     S* C, int ldc, long long strideC, int m, int nc, int kd) {
    typedef typename St<S>::Acc Acc;
    __shared__ Acc as[16][17];
    __shared__ Acc bs[16][17];
    const int tx = threadIdx.x & 15, ty = threadIdx.x >> 4;
    const int r0 = blockIdx.y * 16, c0 = blockIdx.x * 16;
    const S* Ae = A + blockIdx.z * strideA;
    const S* Be = B + blockIdx.z * strideB;
    S* Ce = C + blockIdx.z * strideC;
    Acc acc = accZero(Acc());
    for (int t0 = 0; t0 < kd; t0 += 16) {
        int i = r0 + tx, t = t0 + ty;
        Acc av = accZero(Acc());
        if (i < m && t < kd) av = adjA ? accConj(St<S>::ld(Ae, t + (size_t)i * lda)) : St<S>::ld(Ae, i + (size_t)t * lda);
        as[ty][tx] = av;
        int bt = t0 + tx, bc = c0 + ty;
        bs[ty][tx] = (bt < kd && bc < nc) ? St<S>::ld(Be, bt + (size_t)bc * ldb) : accZero(Acc());
        __syncthreads();
#pragma unroll
        for (int q = 0; q < 16; q++) acc = accFma(as[q][tx], bs[ty][q], acc);
        __syncthreads();
    }
    if (r0 + tx < m && c0 + ty < nc) St<S>::st(Ce, (r0 + tx) + (size_t)(c0 + ty) * ldc, acc);
}

} // namespace pj
