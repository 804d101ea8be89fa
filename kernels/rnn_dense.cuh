// The non-sequential products of an RNN training step, over all T time steps at once: the
// input term V X, the read-out U H and its gradient U^T dY, and the weight gradients G H^T,
// G X^T, dY H^T. They are few, large and independent of each other's time steps, so they run
// as GEMMs (cuBLAS when it loads; this tiled kernel otherwise), plus the small elementwise
// glue around them.
//
// gemm: 64 x 64 tiles of C per block, 16-deep slices of A and B staged in shared memory, each
// of the 256 threads accumulating a 4 x 4 sub-tile in registers. The weight gradients are
// m x m products with k = T * batch (128 000 at the paper's setting) and only a few output
// tiles, so k is split over grid z: slice z writes its partial product to its own output
// (c + z * cStride), and pj_rnn_sum_parts adds the slices in a fixed order (deterministic, no
// atomics).
#pragma once
#include "rnn_common.cuh"

namespace pjrnn {

#define PJ_RNN_TILE 64
#define PJ_RNN_TK 16

// C (m x n, ldc) = op(A) op(B) (+ C when accumulate), op(A) m x k, op(B) k x n, column-major;
// op(A)(i, p) = transA ? a[p + i lda] : a[i + p lda], op(B)(p, j) = transB ? b[j + p ldb] : b[p + j ldb].
// Grid: (ceil(m / 64), ceil(n / 64), splits); slice z covers p in [z kChunk, (z + 1) kChunk).
__device__ void gemm(int transA, int transB, int m, int n, int k, const float* a, int lda, const float* b,
                     int ldb, float* c, int ldc, int accumulate, int kChunk, long long cStride) {
    __shared__ float as[PJ_RNN_TK][PJ_RNN_TILE];
    __shared__ float bs[PJ_RNN_TK][PJ_RNN_TILE];
    const int tid = threadIdx.x, tx = tid % 16, ty = tid / 16;
    const int i0 = blockIdx.x * PJ_RNN_TILE, j0 = blockIdx.y * PJ_RNN_TILE;
    const int pBegin = blockIdx.z * kChunk;
    const int pEnd = k < pBegin + kChunk ? k : pBegin + kChunk;
    float* cz = c + (size_t)blockIdx.z * (size_t)cStride;
    float acc[4][4];
    for (int r = 0; r < 4; r++)
        for (int s = 0; s < 4; s++) acc[r][s] = 0.f;
    for (int p0 = pBegin; p0 < pEnd; p0 += PJ_RNN_TK) {
        for (int e = tid; e < PJ_RNN_TK * PJ_RNN_TILE; e += PJ_THREADS) {
            // A: rows fastest when not transposed (coalesced), depth fastest when transposed
            int ii, pp;
            if (transA) { pp = e % PJ_RNN_TK; ii = e / PJ_RNN_TK; } else { ii = e % PJ_RNN_TILE; pp = e / PJ_RNN_TILE; }
            const int i = i0 + ii, p = p0 + pp;
            float v = 0.f;
            if (i < m && p < pEnd) v = transA ? a[p + (size_t)i * lda] : a[i + (size_t)p * lda];
            as[pp][ii] = v;
            int jj, qq;
            if (transB) { jj = e % PJ_RNN_TILE; qq = e / PJ_RNN_TILE; } else { qq = e % PJ_RNN_TK; jj = e / PJ_RNN_TK; }
            const int j = j0 + jj, q = p0 + qq;
            float w = 0.f;
            if (j < n && q < pEnd) w = transB ? b[j + (size_t)q * ldb] : b[q + (size_t)j * ldb];
            bs[qq][jj] = w;
        }
        __syncthreads();
        for (int pp = 0; pp < PJ_RNN_TK; pp++) {
            float av[4], bv[4];
            for (int r = 0; r < 4; r++) av[r] = as[pp][tx + 16 * r];
            for (int s = 0; s < 4; s++) bv[s] = bs[pp][ty + 16 * s];
            for (int r = 0; r < 4; r++)
                for (int s = 0; s < 4; s++) acc[r][s] = fmaf(av[r], bv[s], acc[r][s]);
        }
        __syncthreads();
    }
    for (int r = 0; r < 4; r++)
        for (int s = 0; s < 4; s++) {
            const int i = i0 + tx + 16 * r, j = j0 + ty + 16 * s;
            if (i < m && j < n) {
                float* out = cz + i + (size_t)j * ldc;
                *out = accumulate ? *out + acc[r][s] : acc[r][s];
            }
        }
}

// out[i] = (accumulate ? out[i] : 0) + sum_{s < parts} src[s * stride + i] for i < len, summed in
// double in the order s = 0, 1, ...: the split-K slices of gemm, the per-block partial sums of
// the backward kernel, and (stride = rows) the row sums of a matrix's columns (bias gradients).
// Grid-stride over i: consecutive threads read consecutive addresses.
__device__ void sumParts(const float* src, float* out, int len, int parts, long long stride, int accumulate) {
    for (size_t i = (size_t)blockIdx.x * PJ_THREADS + threadIdx.x; i < (size_t)len; i += (size_t)gridDim.x * PJ_THREADS) {
        double s = accumulate ? (double)out[i] : 0.0;
        for (int p = 0; p < parts; p++) s += (double)src[(size_t)p * (size_t)stride + i];
        out[i] = (float)s;
    }
}

// Row sums of an m x cols matrix in two passes without atomics: block x sums its chunk of
// `chunk` columns for every row into part[x * rows + i]; pj_rnn_sum_parts adds the chunks.
__device__ void columnChunkSums(const float* src, float* part, int rows, int cols, int chunk) {
    const int c0 = blockIdx.x * chunk;
    const int c1 = cols < c0 + chunk ? cols : c0 + chunk;
    for (int i = threadIdx.x; i < rows; i += PJ_THREADS) {
        double s = 0.0;
        for (int c = c0; c < c1; c++) s += (double)src[i + (size_t)c * rows];
        part[(size_t)blockIdx.x * rows + i] = (float)s;
    }
}

// Adds bias[i] to every column of an rows x cols matrix.
__device__ void addBias(float* x, const float* bias, int rows, long long cols) {
    const size_t total = (size_t)rows * (size_t)cols;
    for (size_t e = (size_t)blockIdx.x * PJ_THREADS + threadIdx.x; e < total; e += (size_t)gridDim.x * PJ_THREADS)
        x[e] += bias[e % rows];
}

// A unitary n x n W (complex interleaved) as the real 2n x 2n [[Re W, -Im W], [Im W, Re W]]
// that acts on [Re h; Im h] (train/Bptt's realifyRecurrent).
__device__ void realify(const float* w, float* wr, int n) {
    const int m = 2 * n;
    for (size_t e = (size_t)blockIdx.x * PJ_THREADS + threadIdx.x; e < (size_t)n * n; e += (size_t)gridDim.x * PJ_THREADS) {
        const size_t i = e % n, j = e / n;
        const float re = w[2 * e], im = w[2 * e + 1];
        wr[i + j * m] = re;
        wr[n + i + j * m] = im;
        wr[i + (n + j) * m] = -im;
        wr[n + i + (n + j) * m] = re;
    }
}

// The gradient of the realified W back onto W: dRe = G11 + G22, dIm = G21 - G12 (train/Bptt's
// foldRecurrent).
__device__ void fold(const float* gr, float* gw, int n) {
    const int m = 2 * n;
    for (size_t e = (size_t)blockIdx.x * PJ_THREADS + threadIdx.x; e < (size_t)n * n; e += (size_t)gridDim.x * PJ_THREADS) {
        const size_t i = e % n, j = e / n;
        gw[2 * e] = gr[i + j * m] + gr[n + i + (n + j) * m];
        gw[2 * e + 1] = gr[n + i + j * m] - gr[i + (n + j) * m];
    }
}

} // namespace pjrnn
