// Rank-k samplers (ALGORITHMS.md section 2): Gaussian sketch, orthonormalization, the best rank k
// of a sketch image, and column sampling. Design: the random draws come from the counter-based
// RNG with the CPU's (seed, step, entry) keys and the small eigenproblems run in complex double
// in one block per entry, so the GPU and org.projunn.cpu samplers agree to rounding on the same
// seed. Column picking is sequential in thread 0 on purpose: it is O(n w) and must make exactly
// the CPU's draws, in the CPU's order.
#pragma once
#include "pj_small.cuh"

namespace pj {

// (d) sampler helpers. R = orth(gaussian n x w) from CounterRng.key(seed, step, entry); real:
// element i = gaussian(key, i); complex: re = gaussian(key, i), im = gaussian(key, n w + i).
template <typename S>
__device__ void drawSketch(S* out, double2* workAll, int n, int w, unsigned long long seed, unsigned long long step) {
    __shared__ double red[PJ_WARPS * 2 * DOT_GROUP];
    const int e = blockIdx.x;
    const size_t count = (size_t)n * w;
    double2* work = workAll + e * count;
    const uint64_t key = rngKey(seed, step, (uint64_t)e);
    for (size_t i = threadIdx.x; i < count; i += PJ_THREADS) {
        double re = rngGaussian(key, i);
        double im = St<S>::complex ? rngGaussian(key, count + i) : 0.0;
        work[i] = make_double2(re, im);
    }
    __syncthreads();
    blockOrthonormalize(work, n, w, red);
    S* oe = out + e * count;
    for (size_t i = threadIdx.x; i < count; i += PJ_THREADS) stC(oe, i, work[i]);
}

// out = orth(in), both n x w per entry (in and out may alias).
template <typename S>
__device__ void orthonormalize(const S* in, S* out, double2* workAll, int n, int w) {
    __shared__ double red[PJ_WARPS * 2 * DOT_GROUP];
    const size_t count = (size_t)n * w;
    const int e = blockIdx.x;
    double2* work = workAll + e * count;
    for (size_t i = threadIdx.x; i < count; i += PJ_THREADS) work[i] = ldC(in + e * count, i);
    __syncthreads();
    blockOrthonormalize(work, n, w, red);
    for (size_t i = threadIdx.x; i < count; i += PJ_THREADS) stC(out + e * count, i, work[i]);
}

// With V (n x w, orthonormal) and Z = Delta V: a = Z E, b = V E, E the top-k eigenvectors of
// Z^H Z. Small area: gram w*w | vectors w*w | values w | order w | pick w*k.
template <typename S>
__device__ void bestRankK(const S* V, const S* Z, S* aOut, S* bOut, double2* smallAll, int useShared, int n, int k, int w) {
    __shared__ double red[PJ_WARPS * 2 * DOT_GROUP];
    const int e = blockIdx.x;
    const S* Ve = V + (size_t)e * n * w;
    const S* Ze = Z + (size_t)e * n * w;
    S* ao = aOut + (size_t)e * n * k;
    S* bo = bOut + (size_t)e * n * k;
    if (w == k) {
        for (size_t i = threadIdx.x; i < (size_t)n * k; i += PJ_THREADS) {
            ao[i] = Ze[i];
            bo[i] = Ve[i];
        }
        return;
    }
    const size_t smallSize = 2 * (size_t)w * w + 2 * (size_t)w + (size_t)w * k;
    double2* gram = smallArea(smallAll, smallSize, useShared);
    double2* vec = gram + w * w;
    double* values = reinterpret_cast<double*>(vec + w * w);
    int* order = reinterpret_cast<int*>(vec + w * w + w);
    double2* pick = vec + w * w + 2 * w;
    blockAdjointTimes(Ze, n, w, Ze, w, gram, red);
    blockHermitianEigen(gram, w, values, vec, red);
    if (threadIdx.x == 0) largestIndices(values, w, k, order);
    __syncthreads();
    for (int idx = threadIdx.x; idx < w * k; idx += PJ_THREADS) {
        int t = idx % w, l = idx / w;
        pick[idx] = vec[t + order[l] * w];
    }
    __syncthreads();
    for (size_t idx = threadIdx.x; idx < (size_t)n * k; idx += PJ_THREADS) {
        size_t i = idx % n;
        int l = (int)(idx / n);
        double2 sa = cz(), sb = cz();
        for (int t = 0; t < w; t++) {
            sa = cfma(ldC(Ze, i + (size_t)t * n), pick[t + l * w], sa);
            sb = cfma(ldC(Ve, i + (size_t)t * n), pick[t + l * w], sb);
        }
        stC(ao, idx, sa);
        stC(bo, idx, sb);
    }
}

// Squared norm of every column of Delta; flags[e] = 1 where one is not finite.
// grid (ceil(n/8), batch): one warp per column.
template <typename S>
__device__ void columnNorms(const S* delta, double* norms, int* flags, int n) {
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    const int j = blockIdx.x * PJ_WARPS + warp;
    const int e = blockIdx.y;
    if (j >= n) return;
    const S* col = delta + (size_t)e * n * n + (size_t)j * n;
    double s = 0.0;
    for (int i = lane; i < n; i += 32) {
        double2 v = ldC(col, i);
        s += v.x * v.x + v.y * v.y;
    }
    for (int o = 16; o > 0; o >>= 1) s += __shfl_down_sync(0xffffffffu, s, o);
    if (lane == 0) {
        norms[(size_t)e * n + j] = s;
        if (!isfinite(s)) flags[e] = 1;
    }
}

// Column sampling (org.projunn.cpu.ColumnSampler): up to w distinct columns drawn with
// probability proportional to their squared norms, rescaled; a = orth(top-k left singular
// directions). One block per entry. work: n x (w + k) per entry. Small area: gram w*w |
// vectors w*w | values w | order w (first the picked columns in ascending order) | pick w*k |
// picked w.
template <typename S>
__device__ void columnPick(const S* delta, const double* normsAll, S* aOut, double2* workAll, double2* smallAll,
                           int useShared, int n, int k, int w, unsigned long long seed, unsigned long long step) {
    __shared__ double red[PJ_WARPS * 2 * DOT_GROUP];
    __shared__ double total;
    const int e = blockIdx.x;
    const S* de = delta + (size_t)e * n * n;
    const double* norms = normsAll + (size_t)e * n;
    S* ao = aOut + (size_t)e * n * k;
    double2* cols = workAll + (size_t)e * n * (w + k);
    double2* acol = cols + (size_t)n * w;
    const size_t smallSize = 2 * (size_t)w * w + 3 * (size_t)w + (size_t)w * k;
    double2* gram = smallArea(smallAll, smallSize, useShared);
    double2* vec = gram + w * w;
    double* values = reinterpret_cast<double*>(vec + w * w);
    int* order = reinterpret_cast<int*>(vec + w * w + w);
    double2* pick = vec + w * w + 2 * w;
    int* picked = reinterpret_cast<int*>(pick + w * k);
    if (threadIdx.x == 0) {
        double s = 0.0;
        for (int j = 0; j < n; j++) s += norms[j];
        total = s;
    }
    __syncthreads();
    if (!(total > 0.0)) {  // Delta = 0: a = 0
        for (size_t i = threadIdx.x; i < (size_t)n * k; i += PJ_THREADS) stC(ao, i, cz());
        return;
    }
    if (threadIdx.x == 0) {
        // ColumnSampler.pickColumns' draws: without replacement (a picked column leaves the
        // inverse CDF, as the CPU's negated norm does), stopping when the remaining mass is 0;
        // draws not made leave picked[t] = -1 and a zero column. `order` holds the picked
        // columns sorted, so that each draw skips them in one O(n + w) scan
        const uint64_t key = rngKey(seed, step, (uint64_t)e);
        int* sorted = order;
        double remaining = total;
        int count = 0;
        for (int t = 0; t < w && remaining > 0; t++) {
            double target = rngUniform(key, t) * remaining;
            int j = -1, next = 0;
            double running = 0.0;
            for (int i = 0; i < n; i++) {
                if (next < count && sorted[next] == i) {
                    next++;
                    continue;
                }
                if (norms[i] > 0) {
                    j = i;
                    running += norms[i];
                    if (running >= target) break;
                }
            }
            if (j < 0) break;
            remaining -= norms[j];
            picked[count] = j;
            int at = count++;
            for (; at > 0 && sorted[at - 1] > j; at--) sorted[at] = sorted[at - 1];
            sorted[at] = j;
        }
        for (int t = count; t < w; t++) picked[t] = -1;
    }
    __syncthreads();
    for (size_t idx = threadIdx.x; idx < (size_t)n * w; idx += PJ_THREADS) {
        size_t i = idx % n;
        int t = (int)(idx / n);
        int j = picked[t];
        cols[idx] = j < 0 ? cz() : cscale(ldC(de, i + (size_t)j * n), sqrt(total / (w * norms[j])));
    }
    __syncthreads();
    blockAdjointTimes(cols, n, w, cols, w, gram, red);
    blockHermitianEigen(gram, w, values, vec, red);
    if (threadIdx.x == 0) largestIndices(values, w, k, order);
    __syncthreads();
    const double largest = fmax(values[order[0]], 0.0);
    for (int idx = threadIdx.x; idx < w * k; idx += PJ_THREADS) {
        int t = idx % w, l = idx / w;
        double sigma2 = values[order[l]];
        bool keep = (sigma2 > 1e-24 * largest) && (sigma2 > 0);
        pick[idx] = keep ? cscale(vec[t + order[l] * w], 1.0 / sqrt(sigma2)) : cz();
    }
    __syncthreads();
    for (size_t idx = threadIdx.x; idx < (size_t)n * k; idx += PJ_THREADS) {
        size_t i = idx % n;
        int l = (int)(idx / n);
        double2 s = cz();
        for (int t = 0; t < w; t++) s = cfma(cols[i + (size_t)t * n], pick[t + l * w], s);
        acol[idx] = s;
    }
    __syncthreads();
    blockOrthonormalize(acol, n, k, red);
    for (size_t i = threadIdx.x; i < (size_t)n * k; i += PJ_THREADS) stC(ao, i, acol[i]);
}

} // namespace pj
