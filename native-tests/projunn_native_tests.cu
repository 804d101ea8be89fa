// Runs each projUNN kernel family on random inputs and compares with a plain C++ reference
// written here independently (simple loops, std::complex<double>). Build and run:
//   make -C native-tests run
// Exit codes: 0 all passed (or no GPU: prints SKIP), 1 a check failed, 2 no GPU while
// PJ_REQUIRE_GPU=1.
#include "projunn_kernels.cu"

#include <complex>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

typedef std::complex<double> cd;

static int failures = 0;

#define CK(x)                                                                                     \
    do {                                                                                          \
        cudaError_t err_ = (x);                                                                   \
        if (err_ != cudaSuccess) {                                                                \
            std::fprintf(stderr, "CUDA error %s at %s:%d: %s\n", cudaGetErrorName(err_), __FILE__, \
                         __LINE__, cudaGetErrorString(err_));                                     \
            std::exit(1);                                                                         \
        }                                                                                         \
    } while (0)

static void check(const std::string& what, double err, double tol) {
    bool ok = err <= tol;
    std::printf("%s %-58s max error %.3e (tolerance %.1e)\n", ok ? "PASS" : "FAIL", what.c_str(), err, tol);
    if (!ok) failures++;
}

// ---- storage helpers: host vectors of cd <-> device arrays of S ----
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

template <typename T>
static T* toDevice(const std::vector<T>& h) {
    T* d = nullptr;
    CK(cudaMalloc(&d, sizeof(T) * (h.size() ? h.size() : 1)));
    if (!h.empty()) CK(cudaMemcpy(d, h.data(), sizeof(T) * h.size(), cudaMemcpyHostToDevice));
    return d;
}
template <typename T>
static std::vector<T> toHost(const T* d, size_t count) {
    std::vector<T> h(count);
    CK(cudaMemcpy(h.data(), d, sizeof(T) * count, cudaMemcpyDeviceToHost));
    return h;
}
template <typename S>
static S* upload(const std::vector<cd>& v) {
    std::vector<S> h(v.size());
    for (size_t i = 0; i < v.size(); i++) h[i] = Host<S>::put(v[i]);
    return toDevice(h);
}
template <typename S>
static std::vector<cd> download(const S* d, size_t count) {
    std::vector<S> h = toHost(d, count);
    std::vector<cd> v(count);
    for (size_t i = 0; i < count; i++) v[i] = Host<S>::get(h[i]);
    return v;
}

static std::mt19937_64 rng(12345);
static std::vector<cd> randomMatrix(size_t count, bool complex, double scale) {
    std::normal_distribution<double> g(0.0, 1.0);
    std::vector<cd> v(count);
    for (auto& x : v) x = cd(scale * g(rng), complex ? scale * g(rng) : 0.0);
    return v;
}
static double maxDiff(const std::vector<cd>& a, const std::vector<cd>& b) {
    double m = 0;
    for (size_t i = 0; i < a.size(); i++) m = std::max(m, std::abs(a[i] - b[i]));
    return m;
}
// Householder product: a random unitary (orthogonal when real) n x n matrix, column-major
static std::vector<cd> randomUnitary(int n, bool complex) {
    std::vector<cd> a(n * n, 0.0);
    for (int i = 0; i < n; i++) a[i + i * n] = 1.0;
    for (int h = 0; h < 3; h++) {
        std::vector<cd> v = randomMatrix(n, complex, 1.0);
        double nn = 0;
        for (auto& x : v) nn += std::norm(x);
        for (int j = 0; j < n; j++) {
            cd d = 0;
            for (int i = 0; i < n; i++) d += std::conj(v[i]) * a[i + j * n];
            for (int i = 0; i < n; i++) a[i + j * n] -= 2.0 / nn * v[i] * d;
        }
    }
    return a;
}
static double unitarityError(const std::vector<cd>& a, int n) {
    double s = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            cd d = 0;
            for (int l = 0; l < n; l++) d += std::conj(a[l + i * n]) * a[l + j * n];
            s += std::norm(d - (i == j ? 1.0 : 0.0));
        }
    return std::sqrt(s);
}

// ---- fused update against out = A + a b^H + (A Q + a C) G, random operands ----
template <typename S, typename Acc>
static void testFusedUpdate(const char* name, int batch, int n, int k, bool direct, double tol) {
    bool cx = Host<S>::complex;
    int r = 2 * k;
    auto A = randomMatrix((size_t)batch * n * n, cx, 1.0);
    auto a = randomMatrix((size_t)batch * n * k, cx, 0.5);
    auto q = randomMatrix((size_t)batch * r * n, cx, 0.5);   // qRows: Q[j, c] at c + j r
    auto g = randomMatrix((size_t)batch * r * n, cx, 0.5);   // G[c, j] at c + j r
    auto bh = randomMatrix((size_t)batch * k * n, cx, 0.5);  // b^H[l, j] at l + j k
    auto c = randomMatrix((size_t)batch * k * r, cx, 0.5);   // C[l, c] at l + c k
    std::vector<cd> expect(A);
    for (int e = 0; e < batch; e++) {
        for (int i = 0; i < n; i++) {
            std::vector<cd> w(r, 0.0);
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
    }
    S* dA = upload<S>(A);
    S* da = upload<S>(a);
    Acc* dq = upload<Acc>(q);
    Acc* dg = upload<Acc>(g);
    Acc* dbh = upload<Acc>(bh);
    Acc* dc = upload<Acc>(c);
    for (int cached = 0; cached < 2; cached++) {
        int cacheCols = cached ? (n + 31) / 32 * 32 : 0;
        size_t shared = 32 * r * sizeof(Acc) + 32 * 32 * sizeof(S) + 32 * (size_t)cacheCols * sizeof(S);
        if (shared > 200 * 1024) continue;
        CK(cudaMemcpy(dA, upload<S>(A), sizeof(S) * A.size(), cudaMemcpyDeviceToDevice));
        std::string fn = std::string("pj_fused_update_") + name;
        void (*kernel)(S*, const S*, const void*, const void*, const void*, const void*, int, int, int, int);
        if constexpr (std::is_same<S, float>::value) kernel = pj_fused_update_f32;
        else if constexpr (std::is_same<S, double>::value) kernel = pj_fused_update_f64;
        else if constexpr (std::is_same<S, float2>::value) kernel = pj_fused_update_c64;
        else kernel = pj_fused_update_c128;
        CK(cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)shared));
        kernel<<<dim3((n + 31) / 32, batch), PJ_THREADS, shared>>>(dA, da, dq, dg, dbh, dc, n, k, direct, cacheCols);
        CK(cudaGetLastError());
        CK(cudaDeviceSynchronize());
        char what[160];
        std::snprintf(what, sizeof what, "%s %s b=%d n=%d k=%d cache=%d", fn.c_str(), direct ? "D" : "T", batch, n, k, cacheCols);
        check(what, maxDiff(expect, download(dA, A.size())), tol * n);
    }
    cudaFree(dA); cudaFree(da); cudaFree(dq); cudaFree(dg); cudaFree(dbh); cudaFree(dc);
}

// ---- tall-skinny products against loops ----
template <typename S>
static void testProducts(const char* name, void (*adj)(const S*, const S*, S*, int, int),
                         void (*tim)(const S*, const S*, S*, int, int), int batch, int n, int m, double tol) {
    bool cx = Host<S>::complex;
    auto M = randomMatrix((size_t)batch * n * n, cx, 1.0);
    auto x = randomMatrix((size_t)batch * n * m, cx, 1.0);
    std::vector<cd> ea(x.size()), et(x.size());
    for (int e = 0; e < batch; e++)
        for (int c = 0; c < m; c++)
            for (int i = 0; i < n; i++) {
                cd sa = 0, st = 0;
                for (int l = 0; l < n; l++) {
                    sa += std::conj(M[e * n * n + l + i * n]) * x[e * n * m + l + c * n];
                    st += M[e * n * n + i + l * n] * x[e * n * m + l + c * n];
                }
                ea[e * n * m + i + c * n] = sa;
                et[e * n * m + i + c * n] = st;
            }
    S* dM = upload<S>(M);
    S* dx = upload<S>(x);
    S* dout = upload<S>(x);
    adj<<<dim3((n + 7) / 8, batch), PJ_THREADS>>>(dM, dx, dout, n, m);
    CK(cudaDeviceSynchronize());
    check(std::string("pj_adjoint_times_") + name, maxDiff(ea, download(dout, x.size())), tol * n);
    tim<<<dim3((n + 31) / 32, batch), PJ_THREADS>>>(dM, dx, dout, n, m);
    CK(cudaDeviceSynchronize());
    check(std::string("pj_times_") + name, maxDiff(et, download(dout, x.size())), tol * n);
    cudaFree(dM); cudaFree(dx); cudaFree(dout);
}

// ---- the whole step in double: step_factors then fused_update against the polar factor
// (D, by Newton-Schulz on X = A + a b^H in plain loops) or the unitary A exp(Omega) (T, by a
// Taylor series), both independent of the kernels' algorithm ----
static std::vector<cd> matmul(const std::vector<cd>& x, const std::vector<cd>& y, int n, bool adjX) {
    std::vector<cd> out(n * n, 0.0);
    for (int j = 0; j < n; j++)
        for (int l = 0; l < n; l++) {
            cd yl = y[l + j * n];
            for (int i = 0; i < n; i++) out[i + j * n] += (adjX ? std::conj(x[l + i * n]) : x[i + l * n]) * yl;
        }
    return out;
}

template <typename S, typename Acc>
static void testStep(const char* name, void (*factors)(const S*, const S*, const S*, int, int, int, double2*, double2*, int, void*, void*, void*, void*, int*),
                     void (*fused)(S*, const S*, const void*, const void*, const void*, const void*, int, int, int, int),
                     int n, int k, bool direct) {
    bool cx = Host<S>::complex;
    int r = 2 * k;
    auto A = randomUnitary(n, cx);
    auto a = randomMatrix((size_t)n * k, cx, 0.2);
    auto b = randomMatrix((size_t)n * k, cx, 0.2);
    std::vector<cd> ahat(n * k, 0.0);
    for (int l = 0; l < k; l++)
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++) ahat[j + l * n] += std::conj(A[i + j * n]) * a[i + l * n];
    std::vector<cd> expect;
    if (direct) {
        std::vector<cd> x(A);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                for (int l = 0; l < k; l++) x[i + j * n] += a[i + l * n] * std::conj(b[j + l * n]);
        for (int it = 0; it < 60; it++) {
            auto g = matmul(x, x, n, true);
            for (auto& v : g) v *= -0.5;
            for (int i = 0; i < n; i++) g[i + i * n] += 1.5;
            x = matmul(x, g, n, false);
        }
        expect = x;
    } else {
        // Omega = (ahat b^H - b ahat^H) / 2; A exp(Omega) by scaling and squaring of a Taylor series
        std::vector<cd> om(n * n, 0.0);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                for (int l = 0; l < k; l++)
                    om[i + j * n] += 0.5 * (ahat[i + l * n] * std::conj(b[j + l * n]) - b[i + l * n] * std::conj(ahat[j + l * n]));
        for (auto& v : om) v /= 1024.0;
        std::vector<cd> e(n * n, 0.0), term(n * n, 0.0);
        for (int i = 0; i < n; i++) e[i + i * n] = term[i + i * n] = 1.0;
        for (int t = 1; t < 20; t++) {
            term = matmul(term, om, n, false);
            for (auto& v : term) v /= (double)t;
            for (int i = 0; i < n * n; i++) e[i] += term[i];
        }
        for (int s = 0; s < 10; s++) e = matmul(e, e, n, false);
        expect = matmul(A, e, n, false);
    }
    size_t small = 2 * (size_t)r * k + (size_t)k * k + (size_t)k * r + 2 * (size_t)r * r + 2 * (size_t)r;
    S* dA = upload<S>(A);
    S* da = upload<S>(a);
    S* db = upload<S>(b);
    S* dh = upload<S>(ahat);
    double2 *basis, *sm;
    Acc *q, *g, *bh, *c;
    int* report;
    CK(cudaMalloc(&basis, sizeof(double2) * n * r));
    CK(cudaMalloc(&sm, sizeof(double2) * small));
    CK(cudaMalloc(&q, sizeof(Acc) * r * n));
    CK(cudaMalloc(&g, sizeof(Acc) * r * n));
    CK(cudaMalloc(&bh, sizeof(Acc) * k * n));
    CK(cudaMalloc(&c, sizeof(Acc) * k * r));
    CK(cudaMalloc(&report, sizeof(int) * 2));
    for (int useShared = 0; useShared < 2; useShared++) {
        CK(cudaMemcpy(dA, upload<S>(A), sizeof(S) * A.size(), cudaMemcpyDeviceToDevice));
        size_t sh = useShared ? small * sizeof(double2) : 0;
        CK(cudaFuncSetAttribute(factors, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)sh));
        factors<<<1, PJ_THREADS, sh>>>(da, db, dh, n, k, direct, basis, sm, useShared, q, g, bh, c, report);
        CK(cudaGetLastError());
        size_t fsh = 32 * r * sizeof(Acc) + 32 * 32 * sizeof(S);
        fused<<<dim3((n + 31) / 32, 1), PJ_THREADS, fsh>>>(dA, da, q, g, bh, c, n, k, direct, 0);
        CK(cudaGetLastError());
        CK(cudaDeviceSynchronize());
        auto got = download(dA, A.size());
        char what[160];
        std::snprintf(what, sizeof what, "step %s %s n=%d k=%d small area %s", name, direct ? "D (polar)" : "T (A expm)", n, k,
                      useShared ? "shared" : "global");
        check(what, maxDiff(expect, got), 1e-10);
        std::snprintf(what, sizeof what, "step %s %s unitarity", name, direct ? "D" : "T");
        check(what, unitarityError(got, n), 1e-11);
    }
    // rank deficiency: a = 0 leaves A unchanged, nothing NaN
    std::vector<cd> zero(n * k, 0.0);
    S* dz = upload<S>(zero);
    CK(cudaMemcpy(dA, upload<S>(A), sizeof(S) * A.size(), cudaMemcpyDeviceToDevice));
    factors<<<1, PJ_THREADS, 0>>>(dz, db, dz, n, k, direct, basis, sm, 0, q, g, bh, c, report);
    fused<<<dim3((n + 31) / 32, 1), PJ_THREADS, 32 * r * sizeof(Acc) + 32 * 32 * sizeof(S)>>>(dA, dz, q, g, bh, c, n, k, direct, 0);
    CK(cudaDeviceSynchronize());
    auto rep = toHost(report, 2);
    check(std::string("step ") + name + " a = 0: A unchanged", maxDiff(A, download(dA, A.size())), 0.0);
    check(std::string("step ") + name + " a = 0: k directions dropped", std::abs(rep[0] - k), 0.0);
    cudaFree(dz); cudaFree(dA); cudaFree(da); cudaFree(db); cudaFree(dh); cudaFree(basis); cudaFree(sm);
    cudaFree(q); cudaFree(g); cudaFree(bh); cudaFree(c); cudaFree(report);
}

// ---- the RNG: integer stream bit-identical to org.projunn.cpu.CounterRng (values from Java) ----
__global__ void rngProbe(unsigned long long* key, double* out) {
    uint64_t k = pj::rngKey(42, 3, 5);
    *key = k;
    const uint64_t idx[4] = {0, 1, 7, 1000};
    for (int i = 0; i < 4; i++) {
        out[2 * i] = pj::rngUniform(k, idx[i]);
        out[2 * i + 1] = pj::rngGaussian(k, idx[i]);
    }
}

static void testRng() {
    unsigned long long* dk;
    double* dv;
    CK(cudaMalloc(&dk, 8));
    CK(cudaMalloc(&dv, 64));
    rngProbe<<<1, 1>>>(dk, dv);
    CK(cudaDeviceSynchronize());
    unsigned long long key = toHost(dk, 1)[0];
    auto v = toHost(dv, 8);
    // CounterRng.key(42, 3, 5), uniform and gaussian at 0, 1, 7, 1000 (raw bits, from Java)
    const unsigned long long javaKey = 11863824763805149517ULL;
    const long long javaU[4] = {4605721240943334892LL, 4604950117824663768LL, 4606459722774373064LL, 4596195267943053314LL};
    const double javaG[4] = {0.008092666375614187, 1.4016367774774707, -0.23687392605684376, 1.3184539147065923};
    check("rng key identical to CounterRng.key", key == javaKey ? 0.0 : 1.0, 0.0);
    double worstU = 0, worstG = 0;
    for (int i = 0; i < 4; i++) {
        long long bits;
        std::memcpy(&bits, &v[2 * i], 8);
        worstU = std::max(worstU, bits == javaU[i] ? 0.0 : 1.0);
        worstG = std::max(worstG, std::abs(v[2 * i + 1] - javaG[i]) / std::max(1.0, std::abs(javaG[i])));
    }
    check("rng uniform bit-identical to CounterRng.uniform", worstU, 0.0);
    check("rng gaussian vs CounterRng.gaussian (libm differences only)", worstG, 1e-14);
    cudaFree(dk); cudaFree(dv);
}

// ---- NaN/Inf scan ----
static void testNonFinite() {
    int batch = 4, count = 5000;
    std::vector<float> x(batch * count, 1.0f);
    x[2 * count + 4321] = NAN;
    x[3 * count + 7] = INFINITY;
    float* dx = toDevice(x);
    int* flags;
    CK(cudaMalloc(&flags, sizeof(int) * batch));
    CK(cudaMemset(flags, 0, sizeof(int) * batch));
    pj_nonfinite_f32<<<dim3(8, batch), PJ_THREADS>>>(dx, count, flags);
    CK(cudaDeviceSynchronize());
    auto f = toHost(flags, batch);
    double bad = (f[0] != 0) + (f[1] != 0) + (f[2] != 1) + (f[3] != 1);
    check("pj_nonfinite_f32 flags exactly the bad entries", bad, 0.0);
    cudaFree(dx); cudaFree(flags);
}

// ---- sketch: columns orthonormal ----
static void testSketch() {
    int n = 200, w = 6;
    double* out;
    double2* work;
    CK(cudaMalloc(&out, sizeof(double) * n * w * 2));
    CK(cudaMalloc(&work, sizeof(double2) * n * w * 2));
    pj_draw_sketch_f64<<<2, PJ_THREADS>>>(out, work, n, w, 7, 0);
    CK(cudaDeviceSynchronize());
    auto r = download(out, (size_t)n * w * 2);
    double worst = 0;
    for (int e = 0; e < 2; e++)
        for (int i = 0; i < w; i++)
            for (int j = 0; j < w; j++) {
                cd d = 0;
                for (int l = 0; l < n; l++) d += std::conj(r[e * n * w + l + i * n]) * r[e * n * w + l + j * n];
                worst = std::max(worst, std::abs(d - (i == j ? 1.0 : 0.0)));
            }
    check("pj_draw_sketch_f64 columns orthonormal", worst, 1e-13);
    cudaFree(out); cudaFree(work);
}

int main() {
    int count = 0;
    cudaError_t err = cudaGetDeviceCount(&count);
    if (err != cudaSuccess || count == 0) {
        std::printf("SKIP: no usable CUDA device (cudaGetDeviceCount: %s%s); the native kernel tests need a GPU\n",
                    err != cudaSuccess ? cudaGetErrorName(err) : "0 devices",
                    err == cudaErrorInsufficientDriver ? ", i.e. no NVIDIA driver loaded" : "");
        const char* req = std::getenv("PJ_REQUIRE_GPU");
        return req && std::strcmp(req, "1") == 0 ? 2 : 0;
    }
    cudaDeviceProp prop;
    CK(cudaGetDeviceProperties(&prop, 0));
    std::printf("device: %s (sm_%d%d)\n", prop.name, prop.major, prop.minor);
    testRng();
    testNonFinite();
    testSketch();
    for (int direct = 0; direct < 2; direct++) {
        testFusedUpdate<float, double>("f32", 3, 100, 2, direct, 1e-5);
        testFusedUpdate<double, double>("f64", 2, 70, 3, direct, 1e-13);
        testFusedUpdate<float2, double2>("c64", 2, 65, 4, direct, 1e-5);
        testFusedUpdate<double2, double2>("c128", 2, 33, 40, direct, 1e-13);  // r > 64: several column groups
        testStep<double, double>("f64", pj_step_factors_f64, pj_fused_update_f64, 48, 3, direct);
        testStep<double2, double2>("c128", pj_step_factors_c128, pj_fused_update_c128, 40, 2, direct);
    }
    testProducts<float>("f32", pj_adjoint_times_f32, pj_times_f32, 2, 150, 11, 1e-6);
    testProducts<double2>("c128", pj_adjoint_times_c128, pj_times_c128, 3, 77, 5, 1e-14);
    std::printf("%s: %d failure(s)\n", failures ? "FAILED" : "OK", failures);
    return failures ? 1 : 0;
}
