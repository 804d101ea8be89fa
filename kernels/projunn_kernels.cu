// projUNN CUDA kernels (ALGORITHMS.md sections 2-5): the extern "C" entry points, found by name
// by the Java host code (org.projunn.cuda, the launch site that passes their arguments):
// pj_<kernel>_<type>, type one of f32, f64, c64, c128 (float, double, complex float, complex
// double storage; all arithmetic in double). The kernels themselves live in one header per
// family (step_factors, fused_update, products, newton_schulz, samplers, nonfinite); the entry
// points stay here so that one nvcc compile yields every name and the signatures that
// native-tests/contract checks against the Java launches.
// Layouts are those of org.projunn.cpu.DensePasses: column-major, complex interleaved, batch
// entry e of an r x c operand at offset e * r * c. Every kernel launches PJ_THREADS threads.
#include "step_factors.cuh"
#include "fused_update.cuh"
#include "products.cuh"
#include "newton_schulz.cuh"
#include "samplers.cuh"
#include "nonfinite.cuh"

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
