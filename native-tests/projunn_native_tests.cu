// Runs every projUNN kernel family, in every storage type it exists for, on random inputs and
// compares with a plain C++ reference written here independently (simple loops,
// std::complex<double>). One source, two builds (see pjt_device.h):
//   make -C native-tests run         nvcc, on a GPU; without one it prints SKIP and exits 0
//                                    (PJ_REQUIRE_GPU=1: exits 2 instead)
//   make -C native-tests cpu-check   g++, the CPU emulation of native-tests/emu (kernel logic only)
// Prints "PASS name ..." or "FAIL name ..." per case and ends with "N passed, M failed"; exits 1
// on any failure. A comparison fails on any non-finite value in the result or the reference.
#include "projunn_kernels.cu"
#include "pjt_device.h"
#ifdef PJ_EMULATION
#include "emu_selftest.h"
#endif

#include <algorithm>
#include <cstdarg>
#include <complex>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

typedef std::complex<double> cd;
typedef std::vector<cd> Mat;

static std::string fmt(const char* f, ...) __attribute__((format(printf, 1, 2)));
static std::string fmt(const char* f, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, f);
    std::vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return buf;
}

// llm.c's validate_result: |got - ref| <= atol + rtol |ref| everywhere; a non-finite value in
// either one fails, and so does a size mismatch.
static void expectClose(const std::string& what, const Mat& got, const Mat& ref, double atol, double rtol) {
    size_t bad = 0, nonFinite = 0;
    double worst = 0;
    for (size_t i = 0; i < got.size() && i < ref.size(); i++) {
        if (!std::isfinite(got[i].real()) || !std::isfinite(got[i].imag()) || !std::isfinite(ref[i].real()) ||
            !std::isfinite(ref[i].imag())) {
            nonFinite++;
            continue;
        }
        double d = std::abs(got[i] - ref[i]);
        worst = std::max(worst, d);
        if (!(d <= atol + rtol * std::abs(ref[i]))) bad++;
    }
    bool ok = bad == 0 && nonFinite == 0 && got.size() == ref.size() && !got.empty();
    pjt::report(ok, what, fmt("max |diff| %.2e (atol %.0e, rtol %.0e), %zu over, %zu non-finite", worst, atol, rtol, bad, nonFinite));
}
static void expectTrue(const std::string& what, bool ok, const std::string& detail) { pjt::report(ok, what, detail); }

// ---- storage helpers ----
template <typename S> struct Host;
template <> struct Host<float> {
    static const bool complex = false;
    static float put(cd v) { return (float)v.real(); }
    static cd get(float v) { return cd(v, 0); }
};
template <> struct Host<double> {
    static const bool complex = false;
    static double put(cd v) { return v.real(); }
    static cd get(double v) { return cd(v, 0); }
};
template <> struct Host<float2> {
    static const bool complex = true;
    static float2 put(cd v) { return make_float2((float)v.real(), (float)v.imag()); }
    static cd get(float2 v) { return cd(v.x, v.y); }
};
template <> struct Host<double2> {
    static const bool complex = true;
    static double2 put(cd v) { return make_double2(v.real(), v.imag()); }
    static cd get(double2 v) { return cd(v.x, v.y); }
};
template <typename S> static std::vector<S> pack(const Mat& v) {
    std::vector<S> h(v.size());
    for (size_t i = 0; i < v.size(); i++) h[i] = Host<S>::put(v[i]);
    return h;
}
template <typename S> static Mat unpack(const std::vector<S>& h) {
    Mat v(h.size());
    for (size_t i = 0; i < h.size(); i++) v[i] = Host<S>::get(h[i]);
    return v;
}
// v as stored in S: references are computed from what the kernel really reads
template <typename S> static Mat rounded(const Mat& v) { return unpack<S>(pack<S>(v)); }

// Entry points and tolerances per storage type.
template <typename S> struct K;
#define PJT_KERNELS(SUF, S, TOL)                                                           \
    template <> struct K<S> {                                                              \
        static constexpr const char* suffix = #SUF;                                        \
        static constexpr double tol = TOL;                                                 \
        static std::string name(const char* kernel) { return std::string("pj_") + kernel + "_" #SUF; } \
        static constexpr auto step_factors = pj_step_factors_##SUF;                        \
        static constexpr auto fused_update = pj_fused_update_##SUF;                        \
        static constexpr auto adjoint_times = pj_adjoint_times_##SUF;                      \
        static constexpr auto times = pj_times_##SUF;                                      \
        static constexpr auto gemm = pj_gemm_##SUF;                                        \
        static constexpr auto gram_error = pj_gram_error_##SUF;                            \
        static constexpr auto ns_coefficient = pj_ns_coefficient_##SUF;                    \
        static constexpr auto draw_sketch = pj_draw_sketch_##SUF;                          \
        static constexpr auto orthonormalize = pj_orthonormalize_##SUF;                    \
        static constexpr auto best_rank_k = pj_best_rank_k_##SUF;                          \
        static constexpr auto column_norms = pj_column_norms_##SUF;                        \
        static constexpr auto column_pick = pj_column_pick_##SUF;                          \
    };
PJT_KERNELS(f32, float, 1e-5)
PJT_KERNELS(f64, double, 1e-12)
PJT_KERNELS(c64, float2, 1e-5)
PJT_KERNELS(c128, double2, 1e-12)

// ---- plain references ----
static std::mt19937_64 rng(12345);
static Mat randomMatrix(size_t count, bool complex, double scale) {
    std::normal_distribution<double> g(0.0, 1.0);
    Mat v(count);
    for (auto& x : v) x = cd(scale * g(rng), complex ? scale * g(rng) : 0.0);
    return v;
}
// (m x k) times (k x n), column-major; adjX: x is given as k x m and used as x^H
static Mat mul(const Mat& x, const Mat& y, int m, int k, int n, bool adjX = false) {
    Mat out((size_t)m * n, 0.0);
    for (int j = 0; j < n; j++)
        for (int l = 0; l < k; l++) {
            cd yl = y[l + (size_t)j * k];
            for (int i = 0; i < m; i++) out[i + (size_t)j * m] += (adjX ? std::conj(x[l + (size_t)i * k]) : x[i + (size_t)l * m]) * yl;
        }
    return out;
}
static Mat adjoint(const Mat& x, int m, int n) {
    Mat out((size_t)n * m);
    for (int j = 0; j < n; j++)
        for (int i = 0; i < m; i++) out[j + (size_t)i * n] = std::conj(x[i + (size_t)j * m]);
    return out;
}
static Mat slice(const Mat& v, size_t entry, size_t size) { return Mat(v.begin() + entry * size, v.begin() + (entry + 1) * size); }
static double frob(const Mat& v) {
    double s = 0;
    for (auto& x : v) s += std::norm(x);
    return std::sqrt(s);
}
static Mat identity(int n) {
    Mat e((size_t)n * n, 0.0);
    for (int i = 0; i < n; i++) e[i + (size_t)i * n] = 1.0;
    return e;
}
static double unitarityError(const Mat& a, int n) {
    Mat g = mul(a, a, n, n, n, true);
    for (int i = 0; i < n; i++) g[i + (size_t)i * n] -= 1.0;
    return frob(g);
}
// Householder product: a random unitary (orthogonal when real) n x n matrix
static Mat randomUnitary(int n, bool complex) {
    Mat a = identity(n);
    for (int h = 0; h < 3; h++) {
        Mat v = randomMatrix(n, complex, 1.0);
        double nn = frob(v) * frob(v);
        for (int j = 0; j < n; j++) {
            cd d = 0;
            for (int i = 0; i < n; i++) d += std::conj(v[i]) * a[i + j * n];
            for (int i = 0; i < n; i++) a[i + j * n] -= 2.0 / nn * v[i] * d;
        }
    }
    return a;
}
// Modified Gram-Schmidt, twice; a column whose remainder is at most drop times its original
// norm (or at most floor) becomes zero. Same contract as SmallLinalg.orthonormalizeColumns.
static Mat gramSchmidt(Mat x, int n, int m, double drop = 1e-12, double floor = 0.0) {
    for (int j = 0; j < m; j++) {
        cd* xj = &x[(size_t)j * n];
        double original = 0;
        for (int i = 0; i < n; i++) original += std::norm(xj[i]);
        original = std::sqrt(original);
        for (int pass = 0; pass < 2; pass++)
            for (int p = 0; p < j; p++) {
                cd d = 0;
                for (int i = 0; i < n; i++) d += std::conj(x[i + (size_t)p * n]) * xj[i];
                for (int i = 0; i < n; i++) xj[i] -= x[i + (size_t)p * n] * d;
            }
        double rest = 0;
        for (int i = 0; i < n; i++) rest += std::norm(xj[i]);
        rest = std::sqrt(rest);
        bool keep = original > 0 && rest > drop * original && rest > floor;
        for (int i = 0; i < n; i++) xj[i] = keep ? xj[i] / rest : 0.0;
    }
    return x;
}
// Eigenpairs of the Hermitian r x r h through the real symmetric [[X, -Y], [Y, X]] (h = X + iY)
// and cyclic Jacobi; returns the top `count` complex directions as 2 count vectors z (pairs z,
// i z): the projector onto their span is 0.5 sum z z^H. values: the top count eigenvalues.
static Mat topEigenDirections(const Mat& h, int r, int count, std::vector<double>& values, double& residual) {
    int m = 2 * r;
    std::vector<double> a((size_t)m * m), v((size_t)m * m, 0.0);
    for (int j = 0; j < r; j++)
        for (int i = 0; i < r; i++) {
            double x = h[i + j * r].real(), y = h[i + j * r].imag();
            a[i + j * m] = x; a[(i + r) + (j + r) * m] = x;
            a[(i + r) + j * m] = y; a[i + (j + r) * m] = -y;
        }
    std::vector<double> a0 = a;
    for (int i = 0; i < m; i++) v[i + i * m] = 1.0;
    for (int sweep = 0; sweep < 100; sweep++) {
        double off = 0, all = 0;
        for (int j = 0; j < m; j++)
            for (int i = 0; i < m; i++) (i == j ? all : off) += a[i + j * m] * a[i + j * m];
        if (off <= 1e-30 * (all + off)) break;
        for (int p = 0; p < m - 1; p++)
            for (int q = p + 1; q < m; q++) {
                double apq = a[p + q * m];
                if (std::fabs(apq) < 1e-300) continue;
                double theta = (a[q + q * m] - a[p + p * m]) / (2 * apq);
                double t = (theta >= 0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1));
                double c = 1 / std::sqrt(t * t + 1), s = t * c;
                for (int k = 0; k < m; k++) {  // A J, V J
                    double akp = a[k + p * m], akq = a[k + q * m];
                    a[k + p * m] = c * akp - s * akq;
                    a[k + q * m] = s * akp + c * akq;
                    double vkp = v[k + p * m], vkq = v[k + q * m];
                    v[k + p * m] = c * vkp - s * vkq;
                    v[k + q * m] = s * vkp + c * vkq;
                }
                for (int k = 0; k < m; k++) {  // J^T A
                    double apk = a[p + k * m], aqk = a[q + k * m];
                    a[p + k * m] = c * apk - s * aqk;
                    a[q + k * m] = s * apk + c * aqk;
                }
            }
    }
    std::vector<int> order(m);
    for (int i = 0; i < m; i++) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](int x, int y) { return a[x + x * m] > a[y + y * m]; });
    residual = 0;  // || A0 v - lambda v || over all pairs: the reference checks itself
    for (int c = 0; c < m; c++)
        for (int i = 0; i < m; i++) {
            double s = -a[c + c * m] * v[i + c * m];
            for (int l = 0; l < m; l++) s += a0[i + l * m] * v[l + c * m];
            residual = std::max(residual, std::fabs(s));
        }
    Mat z((size_t)r * 2 * count);
    values.clear();
    for (int c = 0; c < 2 * count; c++) {
        int o = order[c];
        if (c % 2 == 0) values.push_back(a[o + o * m]);
        for (int i = 0; i < r; i++) z[i + (size_t)c * r] = cd(v[i + o * m], v[i + r + o * m]);
    }
    return z;
}
// Projector onto the span of the columns of x (n x m), dropping dependent ones
static Mat projector(const Mat& x, int n, int m, double floor) {
    Mat q = gramSchmidt(x, n, m, 1e-8, floor);
    return mul(q, adjoint(q, n, m), n, m, n);
}
static double maxColumnNorm(const Mat& x, int n, int m) {
    double best = 0;
    for (int j = 0; j < m; j++) best = std::max(best, frob(slice(x, j, n)));
    return best;
}

// The counter-based RNG, ported from org.projunn.cpu.CounterRng
static uint64_t hmix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static uint64_t hkey(uint64_t seed, uint64_t step, uint64_t entry) { return hmix(hmix(hmix(seed) + step) + entry); }
static double huniform(uint64_t key, uint64_t i) { return ((double)(hmix(key + (i + 1) * 0x9E3779B97F4A7C15ULL) >> 11) + 0.5) * 0x1.0p-53; }
static double hgaussian(uint64_t key, uint64_t i) {
    return std::sqrt(-2.0 * std::log(huniform(key, 2 * i))) * std::cos((2.0 * 3.141592653589793) * huniform(key, 2 * i + 1));
}

// ---- RNG: integer stream bit-identical to org.projunn.cpu.CounterRng (values from Java) ----
__global__ void rngProbe(unsigned long long* key, double* out) {
    if (threadIdx.x != 0) return;
    uint64_t k = pj::rngKey(42, 3, 5);
    *key = k;
    const uint64_t idx[4] = {0, 1, 7, 1000};
    for (int i = 0; i < 4; i++) {
        out[2 * i] = pj::rngUniform(k, idx[i]);
        out[2 * i + 1] = pj::rngGaussian(k, idx[i]);
    }
}
static void testRng() {
    pjt::Buf<unsigned long long> dk(1);
    pjt::Buf<double> dv(8);
    PJT_LAUNCH("rngProbe", rngProbe, dim3(1), 0, dk.p, dv.p);
    unsigned long long key = dk.host()[0];
    auto v = dv.host();
    const unsigned long long javaKey = 11863824763805149517ULL;
    const long long javaU[4] = {4605721240943334892LL, 4604950117824663768LL, 4606459722774373064LL, 4596195267943053314LL};
    const double javaG[4] = {0.008092666375614187, 1.4016367774774707, -0.23687392605684376, 1.3184539147065923};
    expectTrue("rng key identical to CounterRng.key", key == javaKey && hkey(42, 3, 5) == javaKey, fmt("%llu", key));
    int wrongU = 0;
    double worstG = 0;
    for (int i = 0; i < 4; i++) {
        long long bits;
        std::memcpy(&bits, &v[2 * i], 8);
        wrongU += bits != javaU[i];
        worstG = std::max(worstG, std::abs(v[2 * i + 1] - javaG[i]) / std::max(1.0, std::abs(javaG[i])));
        if (!std::isfinite(v[2 * i + 1])) worstG = INFINITY;
    }
    expectTrue("rng uniform bit-identical to CounterRng.uniform", wrongU == 0, fmt("%d of 4 differ", wrongU));
    expectTrue("rng gaussian vs CounterRng.gaussian", worstG <= 1e-14, fmt("max rel diff %.2e (libm only)", worstG));
}

// ---- non-finite scan, both scalar types ----
template <typename T>
static void testNonFinite(const char* name, void (*kernel)(const T*, long long, int*)) {
    const int batch = 4, count = 5000;
    for (int variant = 0; variant < 2; variant++) {
        std::vector<T> x((size_t)batch * count, (T)1);
        if (variant == 0) {
            x[2 * count + 4321] = NAN;
            x[3 * count + 7] = INFINITY;
            x[1 * count + count - 1] = -INFINITY;
        }
        pjt::Buf<T> dx(x);
        pjt::Buf<int> flags(batch);
        flags.clear();
        PJT_LAUNCH(name, kernel, dim3(3, batch), 0, dx.p, (long long)count, flags.p);
        auto f = flags.host();
        const int want[2][4] = {{0, 1, 1, 1}, {0, 0, 0, 0}};
        bool ok = true;
        for (int e = 0; e < batch; e++) ok &= f[e] == want[variant][e];
        expectTrue(fmt("%s %s", name, variant == 0 ? "flags exactly the entries with NaN/Inf" : "all finite: no flag"), ok,
                   fmt("flags %d %d %d %d", f[0], f[1], f[2], f[3]));
    }
}

// ---- column norms: squared norms and the non-finite flag ----
template <typename S>
static void testColumnNorms() {
    const bool cx = Host<S>::complex;
    const int batch = 2, n = 45;
    Mat d = rounded<S>(randomMatrix((size_t)batch * n * n, cx, 1.0));
    for (int variant = 0; variant < 2; variant++) {
        Mat dv = d;
        if (variant == 1) dv[(size_t)n * n + 3 + 17 * n] = NAN;
        pjt::Buf<S> dd(pack<S>(dv));
        pjt::Buf<double> norms((size_t)batch * n);
        pjt::Buf<int> flags(batch);
        flags.clear();
        PJT_LAUNCH(K<S>::name("column_norms"), K<S>::column_norms, dim3((n + 7) / 8, batch), 0, dd.p, norms.p, flags.p, n);
        auto f = flags.host();
        if (variant == 1) {
            expectTrue(K<S>::name("column_norms") + " flags only the entry with a NaN", f[0] == 0 && f[1] == 1, fmt("flags %d %d", f[0], f[1]));
            continue;
        }
        Mat got, ref;
        for (double v : norms.host()) got.push_back(v);
        for (int e = 0; e < batch; e++)
            for (int j = 0; j < n; j++) ref.push_back(frob(slice(d, (size_t)e * n + j, n)) * frob(slice(d, (size_t)e * n + j, n)));
        expectClose(K<S>::name("column_norms") + fmt(" b=%d n=%d", batch, n), got, ref, 0, 1e-13);
        expectTrue(K<S>::name("column_norms") + " finite: no flag", f[0] == 0 && f[1] == 0, fmt("flags %d %d", f[0], f[1]));
    }
}

// ---- tall-skinny products ----
template <typename S>
static void testProducts(int batch, int n, int m) {
    const bool cx = Host<S>::complex;
    Mat M = rounded<S>(randomMatrix((size_t)batch * n * n, cx, 1.0));
    Mat x = rounded<S>(randomMatrix((size_t)batch * n * m, cx, 1.0));
    Mat ea, et;
    for (int e = 0; e < batch; e++) {
        Mat Me = slice(M, e, (size_t)n * n), xe = slice(x, e, (size_t)n * m);
        Mat a = mul(Me, xe, n, n, m, true), t = mul(Me, xe, n, n, m);
        ea.insert(ea.end(), a.begin(), a.end());
        et.insert(et.end(), t.begin(), t.end());
    }
    pjt::Buf<S> dM(pack<S>(M)), dx(pack<S>(x)), dout(x.size());
    PJT_LAUNCH(K<S>::name("adjoint_times"), K<S>::adjoint_times, dim3((n + 7) / 8, batch), 0, dM.p, dx.p, dout.p, n, m);
    expectClose(K<S>::name("adjoint_times") + fmt(" b=%d n=%d m=%d", batch, n, m), unpack<S>(dout.host()), ea, K<S>::tol * n, K<S>::tol);
    pjt::Buf<S> dout2(x.size());
    PJT_LAUNCH(K<S>::name("times"), K<S>::times, dim3((n + 31) / 32, batch), 0, dM.p, dx.p, dout2.p, n, m);
    expectClose(K<S>::name("times") + fmt(" b=%d n=%d m=%d", batch, n, m), unpack<S>(dout2.host()), et, K<S>::tol * n, K<S>::tol);
}

// ---- gemm: C = op(A) B with leading dimensions and batch strides; rows beyond m untouched ----
template <typename S>
static void testGemm(int adjA) {
    const bool cx = Host<S>::complex;
    const int batch = 2, m = 20, nc = 13, kd = 17;
    const int arows = adjA ? kd : m, acols = adjA ? m : kd;
    const int lda = arows + 3, ldb = kd + 2, ldc = m + 5;
    const long long sA = (long long)lda * acols + 7, sB = (long long)ldb * nc + 1, sC = (long long)ldc * nc + 4;
    Mat A = rounded<S>(randomMatrix(batch * sA, cx, 1.0)), B = rounded<S>(randomMatrix(batch * sB, cx, 1.0));
    Mat C0 = rounded<S>(randomMatrix(batch * sC, cx, 1.0)), ref = C0;
    for (int e = 0; e < batch; e++)
        for (int j = 0; j < nc; j++)
            for (int i = 0; i < m; i++) {
                cd s = 0;
                for (int t = 0; t < kd; t++) {
                    cd a = adjA ? std::conj(A[e * sA + t + (size_t)i * lda]) : A[e * sA + i + (size_t)t * lda];
                    s += a * B[e * sB + t + (size_t)j * ldb];
                }
                ref[e * sC + i + (size_t)j * ldc] = s;
            }
    pjt::Buf<S> dA(pack<S>(A)), dB(pack<S>(B)), dC(pack<S>(C0));
    PJT_LAUNCH(K<S>::name("gemm"), K<S>::gemm, dim3((nc + 15) / 16, (m + 15) / 16, batch), 0, adjA, dA.p, lda, sA, dB.p, ldb, sB,
               dC.p, ldc, sC, m, nc, kd);
    expectClose(K<S>::name("gemm") + fmt(" %s b=%d m=%d n=%d k=%d, padding untouched", adjA ? "A^H B" : "A B", batch, m, nc, kd),
                unpack<S>(dC.host()), ref, K<S>::tol * kd, K<S>::tol);
}

// ---- Newton-Schulz helpers ----
template <typename S>
static void testNewtonSchulzHelpers() {
    const bool cx = Host<S>::complex;
    const int n = 37;
    Mat G = randomMatrix((size_t)n * n, cx, 0.1);
    for (int i = 0; i < n; i++) G[i + i * n] += 1.0;
    G = rounded<S>(G);
    Mat E = G;
    for (int i = 0; i < n; i++) E[i + i * n] -= 1.0;
    double err = frob(E) * frob(E);
    pjt::Buf<S> dG(pack<S>(G));
    pjt::Buf<double> derr(1);
    derr.clear();
    const int blocks = std::min(1024, (n * n + PJ_THREADS - 1) / PJ_THREADS);
    PJT_LAUNCH(K<S>::name("gram_error"), K<S>::gram_error, dim3(blocks), 0, dG.p, n, derr.p);
    expectClose(K<S>::name("gram_error") + fmt(" n=%d, %d blocks", n, blocks), {derr.host()[0]}, {err}, 0, 1e-12);
    Mat ref = G;
    for (auto& v : ref) v *= -0.5;
    for (int i = 0; i < n; i++) ref[i + i * n] += 1.5;
    PJT_LAUNCH(K<S>::name("ns_coefficient"), K<S>::ns_coefficient, dim3(2), 0, dG.p, n);
    expectClose(K<S>::name("ns_coefficient") + fmt(" n=%d", n), unpack<S>(dG.host()), ref, K<S>::tol, K<S>::tol);
}

// ---- sketch: orth(gaussian from CounterRng) ----
template <typename S>
static void testSketch(int n = 50) {
    const bool cx = Host<S>::complex;
    const int batch = 2, w = 5;
    const uint64_t seed = 7, step = 3;
    Mat ref;
    for (int e = 0; e < batch; e++) {
        const uint64_t key = hkey(seed, step, e);
        Mat x((size_t)n * w);
        for (size_t i = 0; i < x.size(); i++) x[i] = cd(hgaussian(key, i), cx ? hgaussian(key, x.size() + i) : 0.0);
        Mat q = gramSchmidt(x, n, w);
        ref.insert(ref.end(), q.begin(), q.end());
    }
    pjt::Buf<S> out((size_t)batch * n * w);
    pjt::Buf<double2> work((size_t)batch * n * w);
    PJT_LAUNCH(K<S>::name("draw_sketch"), K<S>::draw_sketch, dim3(batch), 0, out.p, work.p, n, w, (unsigned long long)seed,
               (unsigned long long)step);
    expectClose(K<S>::name("draw_sketch") + fmt(" b=%d n=%d w=%d vs CounterRng + Gram-Schmidt", batch, n, w), unpack<S>(out.host()), ref,
                K<S>::tol, 0);
}

// ---- orthonormalize, with a dependent column that must come out zero ----
template <typename S>
static void testOrthonormalize(int n = 40) {
    const bool cx = Host<S>::complex;
    const int batch = 2, w = 5;
    Mat x = randomMatrix((size_t)batch * n * w, cx, 1.0);
    for (int i = 0; i < n; i++) x[(size_t)n * w + i + 3 * n] = x[(size_t)n * w + i + 1 * n] * 2.0;  // entry 1: col 3 = 2 col 1
    x = rounded<S>(x);
    Mat ref;
    for (int e = 0; e < batch; e++) {
        Mat q = gramSchmidt(slice(x, e, (size_t)n * w), n, w, std::is_same<S, float>::value || std::is_same<S, float2>::value ? 1e-6 : 1e-12);
        ref.insert(ref.end(), q.begin(), q.end());
    }
    pjt::Buf<S> in(pack<S>(x)), out(x.size());
    pjt::Buf<double2> work(x.size());
    PJT_LAUNCH(K<S>::name("orthonormalize"), K<S>::orthonormalize, dim3(batch), 0, in.p, out.p, work.p, n, w);
    Mat got = unpack<S>(out.host());
    if (std::is_same<S, float>::value || std::is_same<S, float2>::value) {
        // f32 rounding leaves a remainder above the drop tolerance: compare the kept columns only
        for (int i = 0; i < n; i++) got[(size_t)n * w + i + 3 * n] = ref[(size_t)n * w + i + 3 * n];
    }
    expectClose(K<S>::name("orthonormalize") + fmt(" b=%d n=%d w=%d, a dependent column", batch, n, w), got, ref, K<S>::tol, 0);
    PJT_LAUNCH(K<S>::name("orthonormalize"), K<S>::orthonormalize, dim3(batch), 0, in.p, in.p, work.p, n, w);
    got = unpack<S>(in.host());
    if (std::is_same<S, float>::value || std::is_same<S, float2>::value)
        for (int i = 0; i < n; i++) got[(size_t)n * w + i + 3 * n] = ref[(size_t)n * w + i + 3 * n];
    expectClose(K<S>::name("orthonormalize") + " in place", got, ref, K<S>::tol, 0);
}

// ---- best rank k of a sketch image: a b^H = Z P V^H, P the top-k eigenprojector of Z^H Z ----
template <typename S>
static void testBestRankK(int w, int k) {
    const bool cx = Host<S>::complex;
    const int batch = 2, n = 36;
    Mat V, Z = rounded<S>(randomMatrix((size_t)batch * n * w, cx, 1.0));
    for (int e = 0; e < batch; e++) {
        Mat q = rounded<S>(gramSchmidt(randomMatrix((size_t)n * w, cx, 1.0), n, w));
        V.insert(V.end(), q.begin(), q.end());
    }
    const size_t slots = 2 * (size_t)w * w + 2 * (size_t)w + (size_t)w * k;
    pjt::Buf<S> dV(pack<S>(V)), dZ(pack<S>(Z));
    pjt::Buf<double2> small(batch * slots);
    for (int useShared = 0; useShared < 2; useShared++) {
        pjt::Buf<S> da((size_t)batch * n * k), db((size_t)batch * n * k);
        const size_t sh = useShared ? slots * 16 : 0;
        PJT_LAUNCH(K<S>::name("best_rank_k"), K<S>::best_rank_k, dim3(batch), sh, dV.p, dZ.p, da.p, db.p, small.p, useShared, n, k, w);
        Mat a = unpack<S>(da.host()), b = unpack<S>(db.host()), got, ref;
        double residual = 0;
        for (int e = 0; e < batch; e++) {
            Mat ae = slice(a, e, (size_t)n * k), be = slice(b, e, (size_t)n * k), Ve = slice(V, e, (size_t)n * w), Ze = slice(Z, e, (size_t)n * w);
            Mat abh = mul(ae, adjoint(be, n, k), n, k, n);
            got.insert(got.end(), abh.begin(), abh.end());
            Mat P;
            if (w == k) {
                P = identity(w);
            } else {
                std::vector<double> values;
                double res;
                Mat zs = topEigenDirections(mul(Ze, Ze, w, n, w, true), w, k, values, res);
                residual = std::max(residual, res);
                P = mul(zs, adjoint(zs, w, 2 * k), w, 2 * k, w);
                for (auto& v : P) v *= 0.5;
            }
            Mat r = mul(mul(Ze, P, n, w, w), adjoint(Ve, n, w), n, w, n);
            ref.insert(ref.end(), r.begin(), r.end());
        }
        expectTrue(K<S>::name("best_rank_k") + " reference eigen residual", residual < 1e-10, fmt("%.1e", residual));
        expectClose(K<S>::name("best_rank_k") + fmt(" b=%d n=%d k=%d w=%d, a b^H, small area %s", batch, n, k, w, useShared ? "shared" : "global"),
                    got, ref, K<S>::tol * n, K<S>::tol);
    }
}

// ---- column sampling against a port of org.projunn.cpu.ColumnSampler.pickColumns ----
// The draws: inverse CDF over the squared norms of the columns not yet picked, without
// replacement, stopping when the remaining mass is 0. Returns (column, scale) per draw.
static std::vector<std::pair<int, double>> cpuColumnDraws(std::vector<double> norms, int w, uint64_t key) {
    std::vector<std::pair<int, double>> picks;
    double total = 0;
    for (double v : norms) total += v;
    if (!(total > 0)) return picks;
    double remaining = total;
    for (int t = 0; t < w && remaining > 0; t++) {
        double target = huniform(key, t) * remaining;
        int j = -1;
        double running = 0;
        for (size_t i = 0; i < norms.size(); i++) {
            if (norms[i] > 0) {
                j = (int)i;
                running += norms[i];
                if (running >= target) break;
            }
        }
        if (j < 0) break;
        picks.push_back({j, std::sqrt(total / (w * norms[j]))});
        remaining -= norms[j];
        norms[j] = -norms[j];
    }
    return picks;
}
// a a^H of the CPU sampler's a: the projector onto the top-k left singular directions of the
// picked, rescaled columns
static Mat cpuColumnProjector(const Mat& delta, const std::vector<double>& norms, int n, int k, int w, uint64_t key, double& residual) {
    auto picks = cpuColumnDraws(norms, w, key);
    if (picks.empty()) return Mat((size_t)n * n, 0.0);
    Mat cols((size_t)n * w, 0.0);
    for (size_t t = 0; t < picks.size(); t++)
        for (int i = 0; i < n; i++) cols[i + t * n] = delta[i + (size_t)picks[t].first * n] * picks[t].second;
    std::vector<double> values;
    Mat zs = topEigenDirections(mul(cols, cols, w, n, w, true), w, k, values, residual);
    return projector(mul(cols, zs, n, w, 2 * k), n, 2 * k, 1e-9 * maxColumnNorm(cols, n, w));
}

template <typename S>
static void testColumnPick(const char* kind, int nonzeroColumns, bool zeroDelta) {
    const bool cx = Host<S>::complex;
    const int batch = 2, n = 40, k = 2, w = 6;
    const uint64_t seed = 11, step = 5;
    // columns of very different norms, so that draws with replacement would repeat the big ones
    Mat d = randomMatrix((size_t)batch * n * n, cx, 1.0);
    for (int e = 0; e < batch; e++)
        for (int j = 0; j < n; j++) {
            double s = zeroDelta || j >= nonzeroColumns ? 0.0 : (j % 7 == 0 ? 20.0 : 1.0);
            for (int i = 0; i < n; i++) d[(size_t)e * n * n + i + (size_t)j * n] *= s;
        }
    d = rounded<S>(d);
    std::vector<double> norms((size_t)batch * n);
    for (int e = 0; e < batch; e++)
        for (int j = 0; j < n; j++) norms[(size_t)e * n + j] = std::pow(frob(slice(d, (size_t)e * n + j, n)), 2);
    const size_t slots = 2 * (size_t)w * w + 3 * (size_t)w + (size_t)w * k;
    pjt::Buf<S> dd(pack<S>(d));
    pjt::Buf<double> dn(norms);
    pjt::Buf<double2> work((size_t)batch * n * (w + k)), small(batch * slots);
    for (int useShared = 0; useShared < 2; useShared++) {
        pjt::Buf<S> da((size_t)batch * n * k);
        const size_t sh = useShared ? slots * 16 : 0;
        PJT_LAUNCH(K<S>::name("column_pick"), K<S>::column_pick, dim3(batch), sh, dd.p, dn.p, da.p, work.p, small.p, useShared, n, k, w,
                   (unsigned long long)seed, (unsigned long long)step);
        Mat a = unpack<S>(da.host()), got, ref;
        double residual = 0;
        for (int e = 0; e < batch; e++) {
            Mat ae = slice(a, e, (size_t)n * k);
            Mat p = mul(ae, adjoint(ae, n, k), n, k, n);
            got.insert(got.end(), p.begin(), p.end());
            double res = 0;
            Mat r = cpuColumnProjector(slice(d, e, (size_t)n * n), std::vector<double>(norms.begin() + e * n, norms.begin() + (e + 1) * n), n,
                                       k, w, hkey(seed, step, e), res);
            residual = std::max(residual, res);
            ref.insert(ref.end(), r.begin(), r.end());
        }
        expectTrue(K<S>::name("column_pick") + " reference eigen residual", residual < 1e-8, fmt("%.1e", residual));
        expectClose(K<S>::name("column_pick") + fmt(" %s b=%d n=%d k=%d w=%d, a a^H vs CPU ColumnSampler, small area %s", kind, batch, n, k,
                                                    w, useShared ? "shared" : "global"),
                    got, ref, 10 * K<S>::tol, 0);
    }
}

// ---- fused update against out = A + a b^H + (A Q + a C) G, random operands ----
template <typename S>
static void testFusedUpdate(int batch, int n, int k, bool direct) {
    typedef typename pj::St<S>::Acc Acc;
    const bool cx = Host<S>::complex;
    const int r = 2 * k;
    Mat A = rounded<S>(randomMatrix((size_t)batch * n * n, cx, 1.0));
    Mat a = rounded<S>(randomMatrix((size_t)batch * n * k, cx, 0.5));
    Mat q = randomMatrix((size_t)batch * r * n, cx, 0.5);   // qRows: Q[j, c] at c + j r
    Mat g = randomMatrix((size_t)batch * r * n, cx, 0.5);   // G[c, j] at c + j r
    Mat bh = randomMatrix((size_t)batch * k * n, cx, 0.5);  // b^H[l, j] at l + j k
    Mat c = randomMatrix((size_t)batch * k * r, cx, 0.5);   // C[l, c] at l + c k
    Mat expect(A);
    for (int e = 0; e < batch; e++)
        for (int i = 0; i < n; i++) {
            Mat w(r, 0.0);
            for (int cc = 0; cc < r; cc++) {
                for (int j = 0; j < n; j++) w[cc] += A[e * n * n + i + j * n] * q[e * r * n + cc + j * r];
                if (direct)
                    for (int l = 0; l < k; l++) w[cc] += a[e * n * k + i + l * n] * c[e * k * r + l + cc * k];
            }
            for (int j = 0; j < n; j++) {
                cd v = A[e * n * n + i + j * n];
                if (direct)
                    for (int l = 0; l < k; l++) v += a[e * n * k + i + l * n] * bh[e * k * n + l + j * k];
                for (int cc = 0; cc < r; cc++) v += w[cc] * g[e * r * n + cc + j * r];
                expect[e * n * n + i + j * n] = v;
            }
        }
    pjt::Buf<S> dA(A.size()), da(pack<S>(a));
    pjt::Buf<Acc> dq(pack<Acc>(q)), dg(pack<Acc>(g)), dbh(pack<Acc>(bh)), dc(pack<Acc>(c));
    for (int cached = 0; cached < 2; cached++) {
        const int cacheCols = cached ? (n + 31) / 32 * 32 : 0;
        const size_t shared = 32 * r * sizeof(Acc) + 32 * 32 * sizeof(S) + 32 * (size_t)cacheCols * sizeof(S);
        dA.set(pack<S>(A));
        PJT_LAUNCH(K<S>::name("fused_update"), K<S>::fused_update, dim3((n + 31) / 32, batch), shared, dA.p, da.p, dq.p, dg.p, dbh.p, dc.p, n,
                   k, direct, cacheCols);
        expectClose(K<S>::name("fused_update") + fmt(" %s b=%d n=%d k=%d cache=%d", direct ? "D" : "T", batch, n, k, cacheCols),
                    unpack<S>(dA.host()), expect, K<S>::tol * n, K<S>::tol);
    }
}

// ---- the whole step: step_factors then fused_update against the polar factor of A + a b^H
// (D) or A exp(Omega) (T), computed here by methods independent of the kernels' algorithm ----
// Polar factor by Newton-Schulz on X / ||X||_F (singular values in (0, 1], where the iteration
// converges), run until X^H X = I to 1e-14; an unconverged reference is NaN, so its check fails.
static Mat polarReference(Mat x, int n) {
    double s = frob(x);
    for (auto& v : x) v /= s;
    for (int it = 0; it < 200; it++) {
        Mat g = mul(x, x, n, n, n, true);
        double err = 0;
        for (int i = 0; i < n; i++) g[i + (size_t)i * n] -= 1.0;
        err = frob(g);
        if (err < 1e-14 * n) return x;
        for (auto& v : g) v *= -0.5;
        for (int i = 0; i < n; i++) g[i + (size_t)i * n] += 1.0;
        x = mul(x, g, n, n, n);
    }
    return Mat(x.size(), cd(NAN, NAN));
}
static Mat expmTimes(const Mat& A, const Mat& om0, int n) {
    Mat om = om0;
    for (auto& v : om) v /= 1024.0;
    Mat e = identity(n), term = identity(n);
    for (int t = 1; t < 20; t++) {
        term = mul(term, om, n, n, n);
        for (auto& v : term) v /= (double)t;
        for (size_t i = 0; i < e.size(); i++) e[i] += term[i];
    }
    for (int s = 0; s < 10; s++) e = mul(e, e, n, n, n);
    return mul(A, e, n, n, n);
}

template <typename S>
static void testStep(int n, int k, bool direct) {
    typedef typename pj::St<S>::Acc Acc;
    const bool cx = Host<S>::complex;
    const bool single = std::is_same<S, float>::value || std::is_same<S, float2>::value;
    const int r = 2 * k;
    const Mat A = rounded<S>(randomUnitary(n, cx));
    const Mat a = rounded<S>(randomMatrix((size_t)n * k, cx, 0.2));
    const Mat b = rounded<S>(randomMatrix((size_t)n * k, cx, 0.2));
    const Mat ahat = rounded<S>(mul(A, a, n, n, k, true));
    Mat expect;
    if (direct) {
        Mat x = A;
        Mat abh = mul(a, adjoint(b, n, k), n, k, n);
        for (size_t i = 0; i < x.size(); i++) x[i] += abh[i];
        expect = polarReference(x, n);
    } else {
        // Omega = (ahat b^H - b ahat^H) / 2
        Mat t1 = mul(ahat, adjoint(b, n, k), n, k, n), t2 = mul(b, adjoint(ahat, n, k), n, k, n), om(t1.size());
        for (size_t i = 0; i < om.size(); i++) om[i] = 0.5 * (t1[i] - t2[i]);
        expect = expmTimes(A, om, n);
    }
    const size_t small = 2 * (size_t)r * k + (size_t)k * k + (size_t)k * r + 2 * (size_t)r * r + 2 * (size_t)r;
    pjt::Buf<S> dA(A.size()), da(pack<S>(a)), db(pack<S>(b)), dh(pack<S>(ahat));
    pjt::Buf<double2> basis((size_t)n * r), sm(small);
    pjt::Buf<Acc> q((size_t)r * n), g((size_t)r * n), bh((size_t)k * n), c((size_t)k * r);
    pjt::Buf<int> report(2);
    const size_t fsh = 32 * r * sizeof(Acc) + 32 * 32 * sizeof(S);
    const double tol = single ? 2e-5 : 1e-10;
    for (int useShared = 0; useShared < 2; useShared++) {
        dA.set(pack<S>(A));
        const size_t sh = useShared ? small * sizeof(double2) : 0;
        PJT_LAUNCH(K<S>::name("step_factors"), K<S>::step_factors, dim3(1), sh, da.p, db.p, dh.p, n, k, (int)direct, basis.p, sm.p, useShared,
                   q.p, g.p, bh.p, c.p, report.p);
        PJT_LAUNCH(K<S>::name("fused_update"), K<S>::fused_update, dim3((n + 31) / 32, 1), fsh, dA.p, da.p, q.p, g.p, bh.p, c.p, n, k,
                   (int)direct, 0);
        Mat got = unpack<S>(dA.host());
        expectClose(fmt("step %s %s n=%d k=%d small area %s", K<S>::suffix, direct ? "D vs polar(A + a b^H)" : "T vs A expm(Omega)", n, k,
                        useShared ? "shared" : "global"),
                    got, expect, tol, 0);
        double u = unitarityError(got, n);
        expectTrue(fmt("step %s %s unitarity", K<S>::suffix, direct ? "D" : "T"), u <= (single ? 1e-5 : 1e-11), fmt("||A^H A - I||_F %.2e", u));
    }
    // rank deficiency: a = 0 leaves A unchanged, nothing NaN
    pjt::Buf<S> dz(pack<S>(Mat((size_t)n * k, 0.0)));
    dA.set(pack<S>(A));
    PJT_LAUNCH(K<S>::name("step_factors"), K<S>::step_factors, dim3(1), 0, dz.p, db.p, dz.p, n, k, (int)direct, basis.p, sm.p, 0, q.p, g.p,
               bh.p, c.p, report.p);
    PJT_LAUNCH(K<S>::name("fused_update"), K<S>::fused_update, dim3((n + 31) / 32, 1), fsh, dA.p, dz.p, q.p, g.p, bh.p, c.p, n, k,
               (int)direct, 0);
    auto rep = report.host();
    expectClose(fmt("step %s %s a = 0: A unchanged", K<S>::suffix, direct ? "D" : "T"), unpack<S>(dA.host()), A, 0, 0);
    expectTrue(fmt("step %s %s a = 0: k directions dropped", K<S>::suffix, direct ? "D" : "T"), rep[0] == k, fmt("report %d %d", rep[0], rep[1]));
}

// ---- a singular (s = 0) or near-singular projUNN-D step: b = V (k orthonormal columns),
// a = -A V diag(1 - s, 1/2, 1/2, ...), so X = A (I - V S V^H) and H = (X^H X)^(1/2) = I - V S V^H
// with singular value s in direction v_1. Every valid polar factor is unitary with P H = X; for
// s = 0 exactly one direction is reported clamped; for s > 0 nothing is, and the result is the
// unique polar factor (Newton-Schulz reference) to about roundoff / s. ----
template <typename S>
static void testSingularStep(int n, int k, double s) {
    typedef typename pj::St<S>::Acc Acc;
    const bool cx = Host<S>::complex;
    const bool single = std::is_same<S, float>::value || std::is_same<S, float2>::value;
    const int r = 2 * k;
    const Mat A = rounded<S>(randomUnitary(n, cx));
    const Mat basis = randomUnitary(n, cx);
    const Mat V(basis.begin(), basis.begin() + (size_t)n * k);
    Mat sv((size_t)k * k, 0.0);
    for (int l = 0; l < k; l++) sv[l + (size_t)l * k] = l == 0 ? 1.0 - s : 0.5;
    const Mat vs = mul(V, sv, n, k, k);
    Mat a = mul(A, vs, n, n, k);
    for (auto& x : a) x = -x;
    a = rounded<S>(a);
    const Mat b = rounded<S>(V);
    const Mat ahat = rounded<S>(mul(A, a, n, n, k, true));
    Mat x = A, h = identity(n);
    const Mat abh = mul(a, adjoint(b, n, k), n, k, n), vsv = mul(vs, adjoint(V, n, k), n, k, n);
    for (size_t i = 0; i < x.size(); i++) {
        x[i] += abh[i];
        h[i] -= vsv[i];
    }
    const size_t small = 2 * (size_t)r * k + (size_t)k * k + (size_t)k * r + 2 * (size_t)r * r + 2 * (size_t)r;
    pjt::Buf<S> dA(A.size()), da(pack<S>(a)), db(pack<S>(b)), dh(pack<S>(ahat));
    pjt::Buf<double2> dbasis((size_t)n * r), sm(small);
    pjt::Buf<Acc> q((size_t)r * n), g((size_t)r * n), bh((size_t)k * n), c((size_t)k * r);
    pjt::Buf<int> report(2);
    const size_t fsh = 32 * r * sizeof(Acc) + 32 * 32 * sizeof(S);
    const double roundoff = single ? 5.96e-8 : 1.11e-16;
    const double tol = single ? 1e-5 : 1e-11;
    const std::string what = fmt("step %s D %s n=%d k=%d s=%.0e", K<S>::suffix, s == 0 ? "singular" : "near-singular", n, k, s);
    for (int useShared = 0; useShared < 2; useShared++) {
        dA.set(pack<S>(A));
        const size_t sh = useShared ? small * sizeof(double2) : 0;
        PJT_LAUNCH(K<S>::name("step_factors"), K<S>::step_factors, dim3(1), sh, da.p, db.p, dh.p, n, k, 1, dbasis.p, sm.p, useShared, q.p,
                   g.p, bh.p, c.p, report.p);
        PJT_LAUNCH(K<S>::name("fused_update"), K<S>::fused_update, dim3((n + 31) / 32, 1), fsh, dA.p, da.p, q.p, g.p, bh.p, c.p, n, k, 1, 0);
        const Mat got = unpack<S>(dA.host());
        const auto rep = report.host();
        const std::string where = what + (useShared ? " shared" : " global");
        double u = unitarityError(got, n);
        expectTrue(where + " unitarity", u <= tol, fmt("||A^H A - I||_F %.2e", u));
        Mat gap = mul(got, h, n, n, n);
        for (size_t i = 0; i < gap.size(); i++) gap[i] -= x[i];
        double gapNorm = frob(gap);
        expectTrue(where + " P H = X", gapNorm <= tol * std::sqrt((double)n), fmt("||P H - X||_F %.2e", gapNorm));
        expectTrue(where + " clamped count", rep[1] == (s == 0 ? 1 : 0), fmt("report %d %d", rep[0], rep[1]));
        if (s > 0) expectClose(where + " vs polar(A + a b^H)", got, polarReference(x, n), 10 * roundoff / s, 0);
    }
}

template <typename S>
static void testType() {
    testColumnNorms<S>();
    testProducts<S>(2, 70, 11);
    testGemm<S>(0);
    testGemm<S>(1);
    testNewtonSchulzHelpers<S>();
    testSketch<S>();
    testOrthonormalize<S>();
    testBestRankK<S>(5, 2);
    testBestRankK<S>(2, 2);
    testColumnPick<S>("skewed norms", 40, false);
    testColumnPick<S>("3 nonzero columns < w", 3, false);
    testColumnPick<S>("Delta = 0", 0, true);
    for (int direct = 0; direct < 2; direct++) {
        testFusedUpdate<S>(2, 70, 3, direct);
        testStep<S>(40, 2, direct);
    }
    const bool single = std::is_same<S, float>::value || std::is_same<S, float2>::value;
    testSingularStep<S>(12, 1, 0.0);
    testSingularStep<S>(12, 2, 0.0);
    testSingularStep<S>(12, 1, single ? 1e-3 : 1e-7);
}

int main() {
    std::string device;
    if (!pjt::available(device)) {
        std::printf("SKIP: %s; the native kernel tests need a GPU (make -C native-tests cpu-check runs them in the CPU emulation)\n",
                    device.c_str());
        return pjt::noGpuStatus();
    }
    std::printf("device: %s\n", device.c_str());
#ifdef PJ_EMULATION
    pjemu_selftest::run(pjt::report);
#endif
    testRng();
    testNonFinite<float>("pj_nonfinite_f32", pj_nonfinite_f32);
    testNonFinite<double>("pj_nonfinite_f64", pj_nonfinite_f64);
    testType<float>();
    testType<double>();
    testType<float2>();
    testType<double2>();
    testFusedUpdate<double2>(2, 33, 40, true);  // r > 64: several column groups
    // n > PJ_THREADS: every block-strided loop takes more than one turn
    testSketch<double2>(300);
    testOrthonormalize<float>(300);
    testStep<double>(300, 3, false);
    testStep<double2>(260, 2, true);
    // coverage: every entry point ran at least once
    const char* typed[] = {"step_factors", "fused_update", "adjoint_times", "times", "gemm", "gram_error", "ns_coefficient",
                           "draw_sketch", "orthonormalize", "best_rank_k", "column_norms", "column_pick"};
    std::vector<std::string> all = {"pj_nonfinite_f32", "pj_nonfinite_f64"};
    for (const char* t : {"f32", "f64", "c64", "c128"})
        for (const char* kname : typed) all.push_back(std::string("pj_") + kname + "_" + t);
    int missing = 0;
    for (auto& name : all)
        if (!pjt::launched.count(name)) {
            expectTrue("coverage " + name, false, "never launched");
            missing++;
        }
    expectTrue("coverage", missing == 0, fmt("%zu of %zu entry points launched and checked", all.size() - missing, all.size()));
    return pjt::finish();
}
