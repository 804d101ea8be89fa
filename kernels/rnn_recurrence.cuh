// The sequential part of an orthogonal/unitary RNN's training step: the recurrence
// h_t = sigma(W h_{t-1} + zin_t) forward over T steps, and its backward
// dz_t = sigma'(z_t) (g_t + W^T dz_{t+1}) over T steps in reverse.
//
// Why this shape: at T = 1000 the step is T dependent matrix-vector products per direction. A
// framework launches several small kernels per time step and is bound by launch latency, and
// every launch re-reads W from global memory. Here one launch runs the whole recurrence: each
// block loads W once into shared memory (hidden 190 in float32 is 144 KB, under the 227 KB an
// H100/A100 SM can opt into) and keeps it there for all T steps; the batch's sequences are
// independent, so blocks own disjoint slices of the batch (one SM each) and never synchronize
// with each other. Inside a block, one time step is two phases separated by __syncthreads: the
// product (threads over (sequence, row) pairs, reading W by rows so that consecutive threads
// hit consecutive banks) and the activation. When W does not fit (wShared = 0: realified
// complex W of 2N x 2N above ~240 units) the same code reads W from global memory (L2).
//
// Everything that does not depend on the previous step stays out of the loop and runs as large
// GEMMs over all T steps at once (input term V x_t + c before, read-out and its gradient, and
// the weight gradients dW = sum_t dz_t h_{t-1}^T after): accumulating dW in the loop would add
// m^2 work per step to the critical path and need a second m x m array on chip, which does not
// fit next to W at m = 190.
//
// Layouts: W is the real m x m matrix (for a unitary W, its realified form acting on
// [Re h; Im h], see pj_rnn_realify); z, g: T * batch columns of m; h: (T + 1) * batch columns,
// the first batch columns h_0 = 0. units = 0 for ReLU, else N = m / 2 complex units (modReLU).
#pragma once
#include "rnn_common.cuh"

namespace pjrnn {

// 16 bytes of state, read with one shared-memory load instead of four
struct __align__(16) Quad { float a, b, c, d; };

// Row stride of the states kept in shared memory: m rounded up to 4 floats, so that every
// column starts 16-byte aligned for Quad loads.
__device__ __forceinline__ int stateStride(int m) { return (m + 3) & ~3; }
// Floats of W kept in shared memory, rounded up so that the states after it stay aligned.
__device__ __forceinline__ size_t weightFloats(int m) { return ((size_t)m * m + 3) & ~(size_t)3; }

// sum_k w[k * ld] x[k] (w points at row i's first element, ld = the distance between its
// elements; x 16-byte aligned in shared memory). The state is read four values per load (the
// same address for the whole warp, a broadcast), W one value per load: 1.25 shared-memory loads
// per multiply-add instead of 2, which is what bounds this loop. Four partial sums for ILP.
__device__ __forceinline__ float rowDot(const float* w, int ld, const float* x, int m) {
    float s0 = 0.f, s1 = 0.f, s2 = 0.f, s3 = 0.f;
    PJ_RNN_CHECK_ALIGNED16(x);
    const Quad* xq = reinterpret_cast<const Quad*>(x);
    int k = 0;
    for (; k + 3 < m; k += 4) {
        const Quad q = xq[k >> 2];
        s0 = fmaf(w[(size_t)k * ld], q.a, s0);
        s1 = fmaf(w[(size_t)(k + 1) * ld], q.b, s1);
        s2 = fmaf(w[(size_t)(k + 2) * ld], q.c, s2);
        s3 = fmaf(w[(size_t)(k + 3) * ld], q.d, s3);
    }
    for (; k < m; k++) s0 = fmaf(w[(size_t)k * ld], x[k], s0);
    return (s0 + s1) + (s2 + s3);
}

// Shared memory of the forward kernel: W (when wShared), then h_{t-1} and z_t of the slice.
__device__ void rnnForward(const float* w, float* z, float* h, const float* beta, int m, int batch, int steps,
                           int units, int wShared) {
    int c0, cols, per;
    batchSlice(batch, c0, cols, per);
    if (cols == 0) return;  // the whole block: no barrier is skipped by some threads only
    float* smem = reinterpret_cast<float*>(rnnSmem);
    const size_t mm = (size_t)m * m;
    const int ld = stateStride(m);
    float* ws = smem;
    float* hs = smem + (wShared ? weightFloats(m) : 0);  // h_{t-1}, column c at c * ld
    float* zs = hs + (size_t)per * ld;                    // z_t
    const int tid = threadIdx.x;
    if (wShared)
        for (size_t e = tid; e < mm; e += PJ_THREADS) ws[e] = w[e];
    const float* wp = wShared ? ws : w;
    const int work = cols * m;
    for (int p = tid; p < work; p += PJ_THREADS) h[(size_t)(c0 + p / m) * m + p % m] = 0.f;  // h_0
    __syncthreads();
    for (int t = 0; t < steps; t++) {
        const size_t col0 = (size_t)t * batch + c0;
        for (int p = tid; p < work; p += PJ_THREADS) {
            const int c = p / m, i = p % m;
            float acc = z[(col0 + c) * m + i];  // the input term, from the GEMM before
            if (t > 0) acc += rowDot(wp + i, m, hs + (size_t)c * ld, m);
            zs[c * ld + i] = acc;
            z[(col0 + c) * m + i] = acc;
        }
        __syncthreads();
        float* hout = h + (col0 + batch) * m;
        if (units == 0) {
            for (int p = tid; p < work; p += PJ_THREADS) {
                const int c = p / m, i = p % m;
                const float v = fmaxf(zs[c * ld + i], 0.f);
                hs[c * ld + i] = v;
                hout[p] = v;
            }
        } else {
            for (int q = tid; q < cols * units; q += PJ_THREADS) {
                const int c = q / units, u = q % units;
                const float re = zs[c * ld + u], im = zs[c * ld + units + u];
                const float mod = sqrtf(re * re + im * im + PJ_RNN_MOD_EPS);
                const float act = mod + beta[u];
                const float scale = act > 0.f ? act / mod : 0.f;
                hs[c * ld + u] = re * scale;
                hs[c * ld + units + u] = im * scale;
                hout[c * m + u] = re * scale;
                hout[c * m + units + u] = im * scale;
            }
        }
        __syncthreads();
    }
}

// Backward: g holds dL/dh_t from the read-out on entry (0 where nothing is scored) and dL/dz_t on
// exit. W^T is kept on chip transposed (wt[i + k m] = w[k + i m]) so that its rows are read
// like W's in the forward kernel. For modReLU each thread owns whole units (all sequences of the
// slice), so beta's gradient sums in a fixed order without atomics; block b writes its partial
// sums to dBetaPart[b * units ..], reduced afterwards by pj_rnn_sum_parts.
__device__ void rnnBackward(const float* w, const float* z, float* g, const float* beta, float* dBetaPart, int m,
                            int batch, int steps, int units, int wShared) {
    int c0, cols, per;
    batchSlice(batch, c0, cols, per);
    const int tid = threadIdx.x;
    if (cols == 0) {
        for (int u = tid; u < units; u += PJ_THREADS) dBetaPart[(size_t)blockIdx.x * units + u] = 0.f;
        return;
    }
    float* smem = reinterpret_cast<float*>(rnnSmem);
    const size_t mm = (size_t)m * m;
    const int ld = stateStride(m);
    float* wts = smem;
    float* ds = smem + (wShared ? weightFloats(m) : 0);  // dz_{t+1} of the slice, column c at c * ld
    float* gs = ds + (size_t)per * ld;                    // dL/dh_t of the slice
    double* dbs = reinterpret_cast<double*>(gs + (size_t)per * ld);  // 16-byte aligned: ld % 4 == 0
    if (wShared)
        for (size_t e = tid; e < mm; e += PJ_THREADS) {
            const size_t i = e % m, k = e / m;
            wts[e] = w[k + i * m];
        }
    for (int u = tid; u < units; u += PJ_THREADS) dbs[u] = 0.0;
    __syncthreads();
    const int work = cols * m;
    for (int t = steps - 1; t >= 0; t--) {
        const size_t col0 = (size_t)t * batch + c0;
        for (int p = tid; p < work; p += PJ_THREADS) {
            const int c = p / m, i = p % m;
            float acc = g[(col0 + c) * m + i];
            // row i of W^T: wts[i + k m] on chip, or column i of W (w[k + i m]) in global memory
            if (t < steps - 1)
                acc += rowDot(wShared ? wts + i : w + (size_t)i * m, wShared ? m : 1, ds + (size_t)c * ld, m);
            gs[c * ld + i] = acc;
        }
        __syncthreads();
        float* gout = g + col0 * m;
        const float* zt = z + col0 * m;
        if (units == 0) {
            for (int p = tid; p < work; p += PJ_THREADS) {
                const int c = p / m, i = p % m;
                const float v = zt[p] > 0.f ? gs[c * ld + i] : 0.f;
                ds[c * ld + i] = v;
                gout[p] = v;
            }
        } else {
            for (int u = tid; u < units; u += PJ_THREADS) {
                const float b = beta[u];
                double db = dbs[u];
                for (int c = 0; c < cols; c++) {
                    const float re = zt[c * m + u], im = zt[c * m + units + u];
                    const float mod = sqrtf(re * re + im * im + PJ_RNN_MOD_EPS);
                    float dre = 0.f, dim = 0.f;
                    if (mod + b > 0.f) {
                        // h = z (1 + beta / |z|): dh/dz = (1 + beta / |z|) I - beta z z^T / |z|^3
                        const float gre = gs[c * ld + u], gim = gs[c * ld + units + u];
                        const float inv = 1.f / mod;
                        const float dot = gre * re + gim * im;
                        const float radial = b * dot * inv * inv * inv;
                        dre = gre * (1.f + b * inv) - re * radial;
                        dim = gim * (1.f + b * inv) - im * radial;
                        db += (double)(dot * inv);
                    }
                    ds[c * ld + u] = dre;
                    ds[c * ld + units + u] = dim;
                    gout[c * m + u] = dre;
                    gout[c * m + units + u] = dim;
                }
                dbs[u] = db;
            }
        }
        __syncthreads();
    }
    for (int u = tid; u < units; u += PJ_THREADS) dBetaPart[(size_t)blockIdx.x * units + u] = (float)dbs[u];
}

} // namespace pjrnn
