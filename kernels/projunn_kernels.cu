// projUNN CUDA kernels (ALGORITHMS.md sections 2-5). Entry points are extern "C" so that the
// Java host code finds them by name: pj_<kernel>_<type>, type one of f32, f64, c64, c128
// (float, double, complex float, complex double storage; all arithmetic in double).
// Layouts are those of org.projunn.cpu.DensePasses: column-major, complex interleaved, batch
// entry e of an r x c operand at offset e * r * c. Every kernel launches PJ_THREADS threads.
#include "pj_small.cuh"

namespace pj {

extern __shared__ __align__(16) unsigned char pjSmem[];

__device__ __forceinline__ double2* smallArea(double2* global, size_t perEntry, int useShared) {
    return useShared ? reinterpret_cast<double2*>(pjSmem) : global + (size_t)blockIdx.x * perEntry;
}

// ---------------------------------------------------------------------------------------------
// (a) the small problem of a step, one block per matrix: Q = orth([b, A^H a]), M, eig(M),
// F = f(M), and the operands of the fused update. Small area (complex double slots):
// bo r*k | aho r*k | gram k*k | cbo k*r | M r*r | V r*r | values r | d r.
template <typename S>
__device__ void stepFactors(const S* a, const S* b, const S* ahat, int n, int k, int direct,
                            double2* basisAll, double2* smallAll, int useShared,
                            void* qRowsOut, void* gOut, void* bhOut, void* cOut, int* report) {
    typedef typename St<S>::Acc Acc;
    __shared__ double red[PJ_WARPS * 2 * DOT_GROUP];
    const int e = blockIdx.x;
    const int r = 2 * k;
    const size_t nk = (size_t)n * k;
    const S* ae = a + e * nk;
    const S* be = b + e * nk;
    const S* he = ahat + e * nk;
    double2* basis = basisAll + (size_t)e * n * r;
    const size_t smallSize = 2 * (size_t)r * k + (size_t)k * k + (size_t)k * r + 2 * (size_t)r * r + 2 * (size_t)r;
    double2* bo = smallArea(smallAll, smallSize, useShared);
    double2* aho = bo + r * k;
    double2* gram = aho + r * k;
    double2* cbo = gram + k * k;
    double2* m = cbo + k * r;
    double2* v = m + r * r;
    double* values = reinterpret_cast<double*>(v + r * r);
    double2* d = v + r * r + r;
    Acc* qRows = reinterpret_cast<Acc*>(qRowsOut) + (size_t)e * r * n;
    Acc* g = reinterpret_cast<Acc*>(gOut) + (size_t)e * r * n;
    Acc* bh = reinterpret_cast<Acc*>(bhOut) + (size_t)e * k * n;
    Acc* cc = reinterpret_cast<Acc*>(cOut) + (size_t)e * k * r;

    for (size_t idx = threadIdx.x; idx < (size_t)n * r; idx += PJ_THREADS) {
        size_t i = idx % n, c = idx / n;
        basis[idx] = c < (size_t)k ? ldC(be, i + c * n) : ldC(he, i + (c - k) * n);
    }
    __syncthreads();
    const int dropped = blockOrthonormalize(basis, n, r, red);
    blockAdjointTimes(basis, n, r, be, k, bo, red);   // b_o = Q^H b
    blockAdjointTimes(basis, n, r, he, k, aho, red);  // ahat_o = Q^H ahat
    if (direct) {
        blockAdjointTimes(ae, n, k, ae, k, gram, red);  // C = a^H a
        for (int idx = threadIdx.x; idx < k * r; idx += PJ_THREADS) {
            int l = idx % k, j = idx / k;
            double2 s = cz();
            for (int t = 0; t < k; t++) s = cfma(gram[l + t * k], cconj(bo[j + t * r]), s);
            cbo[idx] = s;  // C b_o^H
        }
        __syncthreads();
    }
    for (int idx = threadIdx.x; idx < r * r; idx += PJ_THREADS) {
        int i = idx % r, j = idx / r;
        double2 t1ij = cz(), t1ji = cz();
        for (int l = 0; l < k; l++) {
            t1ij = cfma(aho[i + l * r], cconj(bo[j + l * r]), t1ij);
            t1ji = cfma(aho[j + l * r], cconj(bo[i + l * r]), t1ji);
        }
        if (direct) {
            // M = t1 + t1^H + b_o C b_o^H
            double2 t2 = cz();
            for (int l = 0; l < k; l++) t2 = cfma(bo[i + l * r], cbo[l + j * k], t2);
            m[idx] = make_double2(t1ij.x + t1ji.x + t2.x, t1ij.y - t1ji.y + t2.y);
        } else {
            // M = (t1 - t1^H) / 2 is skew-Hermitian; store the Hermitian -i M
            double mr = 0.5 * (t1ij.x - t1ji.x);
            double mi = 0.5 * (t1ij.y + t1ji.y);
            m[idx] = make_double2(mi, -mr);
        }
    }
    __syncthreads();
    blockHermitianEigen(m, r, values, v, red);
    if (threadIdx.x == 0) {
        int clamped = 0;
        for (int i = 0; i < r; i++) {
            if (direct) {
                double onePlus = 1.0 + values[i];
                if (!(onePlus > 1e-12)) {  // StepFactors.SINGULAR_CLAMP
                    onePlus = 1e-12;
                    clamped++;
                }
                d[i] = make_double2(1.0 / sqrt(onePlus) - 1.0, 0.0);
            } else {
                d[i] = make_double2(cos(values[i]) - 1.0, sin(values[i]));
            }
        }
        report[2 * e] = dropped;
        report[2 * e + 1] = clamped;
    }
    __syncthreads();
    // F = V diag(d) V^H, written over M
    for (int idx = threadIdx.x; idx < r * r; idx += PJ_THREADS) {
        int i = idx % r, j = idx / r;
        double2 s = cz();
        for (int t = 0; t < r; t++) s = cfma(v[i + t * r], cmul(d[t], cconj(v[j + t * r])), s);
        m[idx] = s;
    }
    __syncthreads();
    // qRows (Q by rows), G = F Q^H, b^H: one row j of A per thread
    for (int j = threadIdx.x; j < n; j += PJ_THREADS) {
        for (int c = 0; c < r; c++) {
            qRows[c + (size_t)j * r] = accFromC(Acc(), basis[j + (size_t)c * n]);
            double2 s = cz();
            for (int t = 0; t < r; t++) s = cfma(m[c + t * r], cconj(basis[j + (size_t)t * n]), s);
            g[c + (size_t)j * r] = accFromC(Acc(), s);
        }
        for (int l = 0; l < k; l++) bh[l + (size_t)j * k] = accFromC(Acc(), cconj(ldC(be, j + (size_t)l * n)));
    }
    // C = b^H Q = b_o^H (k x r)
    for (int idx = threadIdx.x; idx < k * r; idx += PJ_THREADS) {
        int l = idx % k, c = idx / k;
        cc[idx] = accFromC(Acc(), cconj(bo[c + l * r]));
    }
}

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
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

// Column sampling (org.projunn.cpu.ColumnSampler): w columns drawn with probability proportional
// to their squared norms, rescaled; a = orth(top-k left singular directions). One block per
// entry. work: n x (w + k) per entry. Small area: gram w*w | vectors w*w | values w | order w |
// pick w*k | picked w.
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
        const uint64_t key = rngKey(seed, step, (uint64_t)e);
        for (int t = 0; t < w; t++) {
            double target = rngUniform(key, t) * total;
            int j = -1;
            double running = 0.0;
            for (int i = 0; i < n; i++) {
                if (norms[i] > 0) {
                    j = i;
                    running += norms[i];
                    if (running >= target) break;
                }
            }
            picked[t] = j;
        }
    }
    __syncthreads();
    for (size_t idx = threadIdx.x; idx < (size_t)n * w; idx += PJ_THREADS) {
        size_t i = idx % n;
        int t = (int)(idx / n);
        int j = picked[t];
        double scale = sqrt(total / (w * norms[j]));
        cols[idx] = cscale(ldC(de, i + (size_t)j * n), scale);
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

// ---------------------------------------------------------------------------------------------
// extern "C" entry points, one per storage type
#define PJ_ENTRY_POINTS(SUFFIX, S)                                                                          \
    extern "C" __global__ void __launch_bounds__(PJ_THREADS) pj_step_factors_##SUFFIX(                      \
        const S* a, const S* b, const S* ahat, int n, int k, int direct, double2* basis, double2* small,    \
        int useShared, void* qRows, void* g, void* bh, void* c, int* report) {                              \
        pj::stepFactors<S>(a, b, ahat, n, k, direct, basis, small, useShared, qRows, g, bh, c, report);     \
    }                                                                                                       \
    extern "C" __global__ void __launch_bounds__(PJ_THREADS) pj_fused_update_##SUFFIX(                      \
        S* A, const S* a, const void* qRows, const void* g, const void* bh, const void* c, int n, int k,    \
        int direct, int cacheCols) {                                                                        \
        pj::fusedUpdate<S>(A, a, qRows, g, bh, c, n, k, direct, cacheCols);                                \
    }                                                                                                       \
    extern "C" __global__ void __launch_bounds__(PJ_THREADS) pj_adjoint_times_##SUFFIX(                     \
        const S* M, const S* x, S* out, int n, int mc) {                                                    \
        pj::adjointTimes<S>(M, x, out, n, mc);                                                              \
    }                                                                                                       \
    extern "C" __global__ void __launch_bounds__(PJ_THREADS) pj_times_##SUFFIX(                             \
        const S* M, const S* y, S* out, int n, int mc) {                                                    \
        pj::times<S>(M, y, out, n, mc);                                                                     \
    }                                                                                                       \
    extern "C" __global__ void __launch_bounds__(PJ_THREADS) pj_gemm_##SUFFIX(                              \
        int adjA, const S* A, int lda, long long sA, const S* B, int ldb, long long sB, S* C, int ldc,      \
        long long sC, int m, int nc, int kd) {                                                              \
        pj::gemm<S>(adjA, A, lda, sA, B, ldb, sB, C, ldc, sC, m, nc, kd);                                   \
    }                                                                                                       \
    extern "C" __global__ void __launch_bounds__(PJ_THREADS) pj_gram_error_##SUFFIX(                        \
        const S* G, int n, double* err) {                                                                   \
        pj::gramError<S>(G, n, err);                                                                        \
    }                                                                                                       \
    extern "C" __global__ void __launch_bounds__(PJ_THREADS) pj_ns_coefficient_##SUFFIX(S* G, int n) {      \
        pj::newtonSchulzCoefficient<S>(G, n);                                                               \
    }                                                                                                       \
    extern "C" __global__ void __launch_bounds__(PJ_THREADS) pj_draw_sketch_##SUFFIX(                       \
        S* out, double2* work, int n, int w, unsigned long long seed, unsigned long long step) {            \
        pj::drawSketch<S>(out, work, n, w, seed, step);                                                     \
    }                                                                                                       \
    extern "C" __global__ void __launch_bounds__(PJ_THREADS) pj_orthonormalize_##SUFFIX(                    \
        const S* in, S* out, double2* work, int n, int w) {                                                 \
        pj::orthonormalize<S>(in, out, work, n, w);                                                         \
    }                                                                                                       \
    extern "C" __global__ void __launch_bounds__(PJ_THREADS) pj_best_rank_k_##SUFFIX(                       \
        const S* V, const S* Z, S* a, S* b, double2* small, int useShared, int n, int k, int w) {           \
        pj::bestRankK<S>(V, Z, a, b, small, useShared, n, k, w);                                            \
    }                                                                                                       \
    extern "C" __global__ void __launch_bounds__(PJ_THREADS) pj_column_norms_##SUFFIX(                      \
        const S* delta, double* norms, int* flags, int n) {                                                 \
        pj::columnNorms<S>(delta, norms, flags, n);                                                         \
    }                                                                                                       \
    extern "C" __global__ void __launch_bounds__(PJ_THREADS) pj_column_pick_##SUFFIX(                       \
        const S* delta, const double* norms, S* a, double2* work, double2* small, int useShared, int n,     \
        int k, int w, unsigned long long seed, unsigned long long step) {                                   \
        pj::columnPick<S>(delta, norms, a, work, small, useShared, n, k, w, seed, step);                    \
    }

PJ_ENTRY_POINTS(f32, float)
PJ_ENTRY_POINTS(f64, double)
PJ_ENTRY_POINTS(c64, float2)
PJ_ENTRY_POINTS(c128, double2)

extern "C" __global__ void __launch_bounds__(PJ_THREADS) pj_nonfinite_f32(const float* x, long long count, int* flags) {
    pj::nonFinite<float>(x, count, flags);
}
extern "C" __global__ void __launch_bounds__(PJ_THREADS) pj_nonfinite_f64(const double* x, long long count, int* flags) {
    pj::nonFinite<double>(x, count, flags);
}
