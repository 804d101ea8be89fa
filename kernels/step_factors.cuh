// Step factors (ALGORITHMS.md sections 3-4): the small problem of one projUNN step, one thread
// block per matrix. Design: everything of size 2k (Q's Gram-Schmidt, M, its Jacobi eigensolver,
// F = f(M)) runs in complex double inside one block, so no grid-wide sync is needed and the
// arithmetic mirrors org.projunn.cpu.StepFactors step for step; the small area sits in shared
// memory when it fits (useShared) and in a per-entry global slice otherwise. Outputs are laid out
// for the fused update: Q and G by rows, so that one row j of A reads contiguous operands.
#pragma once
#include "pj_small.cuh"

namespace pj {

// projUNN-D after eig(M) = (V, values), ALGORITHMS.md 3.1 (StepFactors): K = I + ahat_o b_o^H,
// Y = K V over M, made unitary (singular directions completed: the returned count), then
// F = W - K = Y V^H - K over M, used with C = 0. Scratch: cbo, gram, values, d. Kept out of line
// so that its registers do not add to the entry kernel's.
__device__ __noinline__ int directFactor(double2* m, const double2* v, const double2* aho, const double2* bo, double2* cbo,
                                         double2* gram, double* values, double2* d, int n, int k, double roundoff) {
    const int r = 2 * k;
    for (int idx = threadIdx.x; idx < k * r; idx += PJ_THREADS) {
        int l = idx % k, j = idx / k;
        double2 s = cz();
        for (int t = 0; t < r; t++) s = cfmaConj(bo[t + l * r], v[t + j * r], s);
        cbo[idx] = s;  // b_o^H V
    }
    __syncthreads();
    for (int idx = threadIdx.x; idx < r * r; idx += PJ_THREADS) {
        int i = idx % r, j = idx / r;
        double2 s = v[idx];
        for (int l = 0; l < k; l++) s = cfma(aho[i + l * r], cbo[l + j * k], s);
        m[idx] = s;
    }
    __syncthreads();
    // tolerance: StepFactors.singularTolerance
    const double tol = 64.0 * roundoff * sqrt((double)n) * (1.0 + smallNorm(aho, r * k) * smallNorm(bo, r * k));
    // scratch: d (r slots) for a candidate, gram..cbo (k*k + k*r >= r slots) for the dots
    const int clamped = blockCompleteUnitary(m, r, tol, values, d, gram);
    for (int i = 0; i < r; i++) {
        for (int j = threadIdx.x; j < r; j += PJ_THREADS) {
            double2 s = cz();
            for (int t = 0; t < r; t++) s = cfma(m[i + t * r], cconj(v[j + t * r]), s);
            double2 kij = make_double2(i == j ? 1.0 : 0.0, 0.0);
            for (int l = 0; l < k; l++) kij = cfma(aho[i + l * r], cconj(bo[j + l * r]), kij);
            d[j] = csub(s, kij);
        }
        __syncthreads();
        for (int j = threadIdx.x; j < r; j += PJ_THREADS) m[i + j * r] = d[j];
        __syncthreads();
    }
    return clamped;
}

// (a) the small problem of a step, one block per matrix: Q = orth([b, A^H a]), M, eig(M),
// F (D: W - K with W the completed polar factor of K, section 3.1; T: exp(M) - I), and the
// operands of the fused update. Small area (complex double slots):
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
    if (direct) {
        // storage type's unit roundoff, for the singular threshold
        const double roundoff = sizeof(typename St<S>::Acc) == sizeof(S) ? 1.1102230246251565e-16 : 5.9604644775390625e-08;
        const int clamped = directFactor(m, v, aho, bo, cbo, gram, values, d, n, k, roundoff);
        if (threadIdx.x == 0) {
            report[2 * e] = dropped;
            report[2 * e + 1] = clamped;
        }
    } else {
        for (int i = threadIdx.x; i < r; i += PJ_THREADS) d[i] = make_double2(cos(values[i]) - 1.0, sin(values[i]));
        if (threadIdx.x == 0) {
            report[2 * e] = dropped;
            report[2 * e + 1] = 0;
        }
        __syncthreads();
        // F = V diag(d) V^H, written over M
        for (int idx = threadIdx.x; idx < r * r; idx += PJ_THREADS) {
            int i = idx % r, j = idx / r;
            double2 s = cz();
            for (int t = 0; t < r; t++) s = cfma(v[i + t * r], cmul(d[t], cconj(v[j + t * r])), s);
            m[idx] = s;
        }
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
    // C = b^H Q = b_o^H (k x r) for T; 0 for D, whose F = W - K already holds the a-term. The fused
    // update reads C only for D, so it adds zero; this loop stays because without it ptxas spills
    // this kernel (sm_90, 128-register cap). The CPU path forms no C (ALGORITHMS.md section 5).
    for (int idx = threadIdx.x; idx < k * r; idx += PJ_THREADS) {
        int l = idx % k, c = idx / k;
        cc[idx] = accFromC(Acc(), direct ? cz() : cconj(bo[c + l * r]));
    }
}

} // namespace pj
