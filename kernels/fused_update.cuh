// Fused update (ALGORITHMS.md section 4): A <- A + a b^H + W G in one pass pair over A. Design:
// one 32-row tile per block, lane = row, so every global access to column-major A is a
// coalesced 32-element column segment; W = A Q for the tile lives in shared memory, and the
// tile itself is cached there when it fits so A is read from memory once. The D and T methods
// share the kernel (direct adds the a-terms).
#pragma once
#include "pj_common.cuh"

namespace pj {

// (b) the fused update A <- A + a b^H + W G, W = A Q (+ a C for D), one 32-row tile per block,
// grid (ceil(n/32), batch). Each lane owns a row, each warp a set of W's columns. Pass 1 reads
// the tile and keeps its first cacheCols columns in shared memory, so pass 2 reads A from
// memory again only beyond cacheCols (none when the whole tile fits). Dynamic shared memory:
// W (32 x r accumulators) | stage (32 x 32 S) | cache (32 x cacheCols S).
template <typename S>
__device__ void fusedUpdate(S* A, const S* a, const void* qRowsIn, const void* gIn, const void* bhIn,
                            const void* cIn, int n, int k, int direct, int cacheCols) {
    typedef typename St<S>::Acc Acc;
    const int r = 2 * k;
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    const int e = blockIdx.y;
    const int row = blockIdx.x * 32 + lane;
    const bool valid = row < n;
    S* Ae = A + (size_t)e * n * n;
    const S* ae = a + (size_t)e * n * k;
    const Acc* qRows = reinterpret_cast<const Acc*>(qRowsIn) + (size_t)e * r * n;
    const Acc* g = reinterpret_cast<const Acc*>(gIn) + (size_t)e * r * n;
    const Acc* bh = reinterpret_cast<const Acc*>(bhIn) + (size_t)e * k * n;
    const Acc* cm = reinterpret_cast<const Acc*>(cIn) + (size_t)e * k * r;
    Acc* w = reinterpret_cast<Acc*>(pjSmem);
    S* stage = reinterpret_cast<S*>(w + 32 * r);
    S* cache = stage + 32 * 32;

    for (int c0 = 0; c0 < r; c0 += 8 * PJ_WARPS) {
        Acc acc[8];
#pragma unroll
        for (int q = 0; q < 8; q++) acc[q] = accZero(Acc());
        for (int j0 = 0; j0 < n; j0 += 32) {
            const bool cached = j0 < cacheCols;
            S* buf = cached ? cache + (size_t)j0 * 32 : stage;
            if (c0 == 0 || !cached) {
#pragma unroll
                for (int q = 0; q < 32 / PJ_WARPS; q++) {
                    int jj = warp + PJ_WARPS * q;
                    int j = j0 + jj;
                    buf[jj * 32 + lane] = (valid && j < n) ? Ae[row + (size_t)j * n] : S();
                }
            }
            __syncthreads();
            const int jn = min(32, n - j0);
            for (int jj = 0; jj < jn; jj++) {
                Acc x = St<S>::ld(buf, jj * 32 + lane);
                const Acc* qr = qRows + (size_t)(j0 + jj) * r;
#pragma unroll
                for (int q = 0; q < 8; q++) {
                    int c = c0 + warp + PJ_WARPS * q;
                    if (c < r) acc[q] = accFma(x, qr[c], acc[q]);
                }
            }
            __syncthreads();
        }
#pragma unroll
        for (int q = 0; q < 8; q++) {
            int c = c0 + warp + PJ_WARPS * q;
            if (c < r) {
                if (direct && valid) {
                    for (int l = 0; l < k; l++) acc[q] = accFma(St<S>::ld(ae, row + (size_t)l * n), cm[l + c * k], acc[q]);
                }
                w[c * 32 + lane] = acc[q];
            }
        }
    }
    __syncthreads();
    for (int j0 = 0; j0 < n; j0 += 32) {
#pragma unroll
        for (int q = 0; q < 32 / PJ_WARPS; q++) {
            int j = j0 + warp + PJ_WARPS * q;
            if (!valid || j >= n) continue;
            Acc x = j < cacheCols ? St<S>::ld(cache, (size_t)j * 32 + lane) : St<S>::ld(Ae, row + (size_t)j * n);
            if (direct) {
                for (int l = 0; l < k; l++) x = accFma(St<S>::ld(ae, row + (size_t)l * n), bh[l + (size_t)j * k], x);
            }
            const Acc* gj = g + (size_t)j * r;
            for (int c = 0; c < r; c++) x = accFma(w[c * 32 + lane], gj[c], x);
            St<S>::st(Ae, row + (size_t)j * n, x);
        }
    }
}

} // namespace pj
