// Block-level small linear algebra in complex double, the device mirror of
// org.projunn.cpu.SmallLinalg: scaled column norms, Gram-Schmidt applied twice with dropping of
// dependent columns (DROP_TOLERANCE 1e-12), and the cyclic Jacobi Hermitian eigensolver with
// the same rotation formulas, sweep order and stopping rule. One thread block runs one problem.
#pragma once
#include "pj_common.cuh"

namespace pj {

static const double DROP_TOLERANCE = 1e-12;
static const int MAX_JACOBI_SWEEPS = 60;
static const int DOT_GROUP = 8;

// Euclidean norm of x[0..n), scaled against overflow exactly as SmallLinalg.norm.
__device__ double blockNorm(const double2* x, int n, double* red) {
    double scale = 0.0;
    for (int i = threadIdx.x; i < n; i += PJ_THREADS) {
        double2 v = x[i];
        scale = nanMax(scale, nanMax(fabs(v.x), fabs(v.y)));
    }
    scale = blockMax(scale, red);
    if (scale == 0.0 || !isfinite(scale)) return scale;
    double sum = 0.0;
    for (int i = threadIdx.x; i < n; i += PJ_THREADS) {
        double2 v = x[i];
        double a = v.x / scale, b = v.y / scale;
        sum += a * a + b * b;
    }
    sum = blockSum(sum, red);
    return scale * sqrt(sum);
}

// dots[t] = sum_i conj(cols[t][i]) x[i] for up to DOT_GROUP columns at colBase + t * ld.
__device__ void blockDots(const double2* cols, int ld, int count, const double2* x, int n,
                          double2 (&dots)[DOT_GROUP], double* red) {
#pragma unroll
    for (int t = 0; t < DOT_GROUP; t++) dots[t] = cz();
    for (int i = threadIdx.x; i < n; i += PJ_THREADS) {
        double2 v = x[i];
#pragma unroll
        for (int t = 0; t < DOT_GROUP; t++) {
            if (t < count) dots[t] = cfmaConj(cols[(size_t)t * ld + i], v, dots[t]);
        }
    }
    blockSumC<DOT_GROUP>(dots, red);
}

// Orthonormalizes the m columns of the n x m matrix x (column-major, leading dimension n) in
// place: Gram-Schmidt twice, projections taken DOT_GROUP columns at a time. A column whose
// remainder is below DROP_TOLERANCE of its original norm (or that is zero or not finite) is
// zeroed and counted. Returns the number of dropped columns.
__device__ int blockOrthonormalize(double2* x, int n, int m, double* red) {
    int dropped = 0;
    for (int j = 0; j < m; j++) {
        double2* xj = x + (size_t)j * n;
        double original = blockNorm(xj, n, red);
        if (!(original > 0.0) || !isfinite(original)) {
            for (int i = threadIdx.x; i < n; i += PJ_THREADS) xj[i] = cz();
            dropped++;
            __syncthreads();
            continue;
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int p0 = 0; p0 < j; p0 += DOT_GROUP) {
                int count = min(DOT_GROUP, j - p0);
                double2 dots[DOT_GROUP];
                blockDots(x + (size_t)p0 * n, n, count, xj, n, dots, red);
                // each thread updates only the rows it reads in blockDots: no barrier needed
                for (int i = threadIdx.x; i < n; i += PJ_THREADS) {
                    double2 v = xj[i];
#pragma unroll
                    for (int t = 0; t < DOT_GROUP; t++) {
                        if (t < count) v = csub(v, cmul(x[(size_t)(p0 + t) * n + i], dots[t]));
                    }
                    xj[i] = v;
                }
            }
        }
        __syncthreads();
        double remaining = blockNorm(xj, n, red);
        if (!(remaining > DROP_TOLERANCE * original)) {
            for (int i = threadIdx.x; i < n; i += PJ_THREADS) xj[i] = cz();
            dropped++;
            __syncthreads();
            continue;
        }
        double inv = 1.0 / remaining;
        for (int i = threadIdx.x; i < n; i += PJ_THREADS) xj[i] = cscale(xj[i], inv);
        __syncthreads();
    }
    return dropped;
}

// out (p x q, leading dim p) = X^H Y with X n x p and Y n x q (leading dim n), by block dots.
// X and Y are read in their storage types and widened to complex double.
template <typename X, typename Y>
__device__ void blockAdjointTimes(const X* x, int n, int p, const Y* y, int q, double2* out, double* red) {
    for (int j = 0; j < q; j++) {
        for (int i0 = 0; i0 < p; i0 += DOT_GROUP) {
            int count = min(DOT_GROUP, p - i0);
            double2 dots[DOT_GROUP];
#pragma unroll
            for (int t = 0; t < DOT_GROUP; t++) dots[t] = cz();
            for (int i = threadIdx.x; i < n; i += PJ_THREADS) {
                double2 v = ldC(y, (size_t)j * n + i);
#pragma unroll
                for (int t = 0; t < DOT_GROUP; t++) {
                    if (t < count) dots[t] = cfmaConj(ldC(x, (size_t)(i0 + t) * n + i), v, dots[t]);
                }
            }
            blockSumC<DOT_GROUP>(dots, red);
            if (threadIdx.x == 0) {
                for (int t = 0; t < count; t++) out[(i0 + t) + j * p] = dots[t];
            }
        }
    }
    __syncthreads();
}

// Off-diagonal and diagonal squared sums of the r x r matrix h.
__device__ void jacobiNorms(const double2* h, int r, double* red, double& off, double& diag) {
    double2 acc[1] = {cz()};
    for (int idx = threadIdx.x; idx < r * r; idx += PJ_THREADS) {
        int i = idx % r, j = idx / r;
        double2 v = h[idx];
        if (i == j) acc[0].y += v.x * v.x;
        else acc[0].x += v.x * v.x + v.y * v.y;
    }
    blockSumC<1>(acc, red);
    off = acc[0].x;
    diag = acc[0].y;
}

// Eigen-decomposition of the r x r Hermitian h (destroyed) into values[i] and column i of v,
// by cyclic Jacobi rotations: SmallLinalg.hermitianEigen with each rotation's row and column
// updates spread over the block.
__device__ void blockHermitianEigen(double2* h, int r, double* values, double2* v, double* red) {
    for (int idx = threadIdx.x; idx < r * r; idx += PJ_THREADS) {
        int i = idx % r, j = idx / r;
        v[idx] = make_double2(i == j ? 1.0 : 0.0, 0.0);
        if (i == j) h[idx].y = 0.0;
    }
    __syncthreads();
    for (int sweep = 0; sweep < MAX_JACOBI_SWEEPS; sweep++) {
        double off, diag;
        jacobiNorms(h, r, red, off, diag);
        if (off <= 1e-32 * diag || off < 2.2250738585072014e-308) break;
        for (int p = 0; p < r - 1; p++) {
            for (int q = p + 1; q < r; q++) {
                // every thread derives the same rotation from the same values
                double2 hpq = h[p + q * r];
                double abs = hypot(hpq.x, hpq.y);
                if (abs == 0.0) continue;
                double app = h[p + p * r].x;
                double aqq = h[q + q * r].x;
                __syncthreads();
                if (abs < 1e-300 || abs <= 1e-18 * sqrt(fabs(app * aqq))) {
                    if (threadIdx.x == 0) {
                        h[p + q * r] = cz();
                        h[q + p * r] = cz();
                    }
                    __syncthreads();
                    continue;
                }
                double er = hpq.x / abs, ei = hpq.y / abs;
                double tau = (aqq - app) / (2.0 * abs);
                double t = (tau > 0 ? 1.0 : (tau < 0 ? -1.0 : 0.0)) / (fabs(tau) + sqrt(1.0 + tau * tau));
                if (tau == 0.0) t = 1.0;
                double c = 1.0 / sqrt(1.0 + t * t);
                double s = t * c;
                double2 jqp = make_double2(-s * er, s * ei);
                double2 jqq = make_double2(c * er, -c * ei);
                // H <- H J and V <- V J (columns p and q)
                for (int i = threadIdx.x; i < 2 * r; i += PJ_THREADS) {
                    double2* m = i < r ? h : v;
                    int row = i < r ? i : i - r;
                    double2 P = m[row + p * r], Q = m[row + q * r];
                    m[row + p * r] = cadd(cscale(P, c), cmul(jqp, Q));
                    m[row + q * r] = cadd(cscale(P, s), cmul(jqq, Q));
                }
                __syncthreads();
                // H <- J^H H (rows p and q)
                for (int j = threadIdx.x; j < r; j += PJ_THREADS) {
                    double2 P = h[p + j * r], Q = h[q + j * r];
                    h[p + j * r] = cadd(cscale(P, c), cmul(cconj(jqp), Q));
                    h[q + j * r] = cadd(cscale(P, s), cmul(cconj(jqq), Q));
                }
                __syncthreads();
                if (threadIdx.x == 0) {
                    h[p + q * r] = cz();
                    h[q + p * r] = cz();
                    h[p + p * r].y = 0.0;
                    h[q + q * r].y = 0.0;
                }
                __syncthreads();
            }
        }
    }
    for (int i = threadIdx.x; i < r; i += PJ_THREADS) values[i] = h[i + i * r].x;
    __syncthreads();
}

// Euclidean norm of the r complex values x[0..r), scaled as SmallLinalg.norm; every thread
// computes the same value from the same data (r is small), so no reduction or barrier is needed.
__device__ double smallNorm(const double2* x, int r) {
    double scale = 0.0;
    for (int i = 0; i < r; i++) scale = nanMax(scale, nanMax(fabs(x[i].x), fabs(x[i].y)));
    if (scale == 0.0 || !isfinite(scale)) return scale;
    double sum = 0.0;
    for (int i = 0; i < r; i++) {
        double a = x[i].x / scale, b = x[i].y / scale;
        sum += a * a + b * b;
    }
    return scale * sqrt(sum);
}

static const double PJ_KEPT = -1.0;
static const double PJ_SINGULAR = -2.0;

// x[0..r) -= Y_kept (Y_kept^H x) over the columns of the r x r y with state == PJ_KEPT, twice
// (CGS2; SmallLinalg.projectOut). dots: r slots. Ends with a barrier.
__device__ void blockProjectOut(double2* x, const double2* y, const double* state, int r, double2* dots) {
    for (int pass = 0; pass < 2; pass++) {
        for (int p = threadIdx.x; p < r; p += PJ_THREADS) {
            double2 s = cz();
            if (state[p] == PJ_KEPT)
                for (int i = 0; i < r; i++) s = cfmaConj(y[i + p * r], x[i], s);
            dots[p] = s;
        }
        __syncthreads();
        for (int i = threadIdx.x; i < r; i += PJ_THREADS) {
            double2 v = x[i];
            for (int p = 0; p < r; p++)
                if (state[p] == PJ_KEPT) v = csub(v, cmul(y[i + p * r], dots[p]));
            x[i] = v;
        }
        __syncthreads();
    }
}

// e_e minus its projection on the kept columns, into x; returns its norm (same on all threads).
__device__ double blockCoordinateRemainder(int e, int r, const double2* y, const double* state, double2* x, double2* dots) {
    for (int i = threadIdx.x; i < r; i += PJ_THREADS) x[i] = make_double2(i == e ? 1.0 : 0.0, 0.0);
    __syncthreads();
    blockProjectOut(x, y, state, r, dots);
    return smallNorm(x, r);
}

__device__ void scaleColumn(double2* x, int r, double factor) {
    for (int i = threadIdx.x; i < r; i += PJ_THREADS) x[i] = cscale(x[i], factor);
    __syncthreads();
}

// SmallLinalg.completeUnitary: makes the r x r y (columns orthogonal in exact arithmetic) unitary.
// Columns in order of decreasing norm are re-orthogonalized against the kept ones (CGS2) and
// normalized; one whose remainder is <= tol is singular, counted, and replaced by a unit vector
// orthogonal to the kept ones: its own remainder when at least half of it is new, else the
// coordinate vector with the largest remainder. state: r doubles; x, dots: r slots each.
// Returns the number of completed columns (same on all threads). ALGORITHMS.md section 3.1.
__device__ __noinline__ int blockCompleteUnitary(double2* y, int r, double tol, double* state, double2* x, double2* dots) {
    for (int j = threadIdx.x; j < r; j += PJ_THREADS) state[j] = smallNorm(y + (size_t)j * r, r);
    __syncthreads();
    for (int step = 0; step < r; step++) {
        int j = -1;
        for (int i = 0; i < r; i++)
            if (state[i] >= 0.0 && (j < 0 || state[i] > state[j])) j = i;
        if (j < 0) break;  // the rest are not finite: left as they are
        double2* yj = y + (size_t)j * r;
        blockProjectOut(yj, y, state, r, dots);
        double remaining = smallNorm(yj, r);
        __syncthreads();
        if (remaining > tol) scaleColumn(yj, r, 1.0 / remaining);
        if (threadIdx.x == 0) state[j] = remaining > tol ? PJ_KEPT : PJ_SINGULAR;
        __syncthreads();
    }
    int completed = 0;
    for (int j = 0; j < r; j++) {
        if (state[j] != PJ_SINGULAR) continue;
        completed++;
        double2* yj = y + (size_t)j * r;
        double before = smallNorm(yj, r);
        __syncthreads();
        blockProjectOut(yj, y, state, r, dots);
        double remaining = smallNorm(yj, r);
        __syncthreads();
        if (!(before > 2.2250738585072014e-308 && remaining >= 0.5 * before)) {
            int best = 0;
            double bestLeft = -1.0;
            for (int e = 0; e < r; e++) {
                double left = blockCoordinateRemainder(e, r, y, state, x, dots);
                __syncthreads();
                if (left > bestLeft) {
                    bestLeft = left;
                    best = e;
                }
            }
            remaining = blockCoordinateRemainder(best, r, y, state, x, dots);
            for (int i = threadIdx.x; i < r; i += PJ_THREADS) yj[i] = x[i];
            __syncthreads();
        }
        scaleColumn(yj, r, 1.0 / remaining);
        if (threadIdx.x == 0) state[j] = PJ_KEPT;
        __syncthreads();
    }
    return completed;
}

// Indices of the count largest of values[0..n), largest first (SmallLinalg.largest); thread 0.
__device__ void largestIndices(const double* values, int n, int count, int* order) {
    for (int i = 0; i < n; i++) order[i] = i;
    for (int i = 0; i < count; i++) {
        int best = i;
        for (int j = i + 1; j < n; j++) {
            if (values[order[j]] > values[order[best]]) best = j;
        }
        int tmp = order[i];
        order[i] = order[best];
        order[best] = tmp;
    }
}

} // namespace pj
