// Device helpers shared by the projUNN kernels: storage types, double-precision complex
// arithmetic, the counter-based RNG (bit-identical integer stream to org.projunn.cpu.CounterRng)
// and block-wide reductions. All arithmetic runs in double whatever the storage precision.
#pragma once
#include <cuda_runtime.h>
#include <stdint.h>

#define PJ_THREADS 256
#define PJ_WARPS (PJ_THREADS / 32)

namespace pj {

// ---- complex double ----
__device__ __forceinline__ double2 cz() { return make_double2(0.0, 0.0); }
__device__ __forceinline__ double2 cadd(double2 a, double2 b) { return make_double2(a.x + b.x, a.y + b.y); }
__device__ __forceinline__ double2 csub(double2 a, double2 b) { return make_double2(a.x - b.x, a.y - b.y); }
__device__ __forceinline__ double2 cmul(double2 a, double2 b) {
    return make_double2(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}
__device__ __forceinline__ double2 cconj(double2 a) { return make_double2(a.x, -a.y); }
__device__ __forceinline__ double2 cscale(double2 a, double s) { return make_double2(a.x * s, a.y * s); }
// c + a * b
__device__ __forceinline__ double2 cfma(double2 a, double2 b, double2 c) {
    return make_double2(fma(a.x, b.x, fma(-a.y, b.y, c.x)), fma(a.x, b.y, fma(a.y, b.x, c.y)));
}
// c + conj(a) * b
__device__ __forceinline__ double2 cfmaConj(double2 a, double2 b, double2 c) {
    return make_double2(fma(a.x, b.x, fma(a.y, b.y, c.x)), fma(a.x, b.y, fma(-a.y, b.x, c.y)));
}

// ---- accumulator arithmetic: double (real storage) or double2 (complex storage) ----
__device__ __forceinline__ double accZero(double) { return 0.0; }
__device__ __forceinline__ double2 accZero(double2) { return cz(); }
__device__ __forceinline__ double accFma(double a, double b, double c) { return fma(a, b, c); }
__device__ __forceinline__ double2 accFma(double2 a, double2 b, double2 c) { return cfma(a, b, c); }
__device__ __forceinline__ double accConj(double a) { return a; }
__device__ __forceinline__ double2 accConj(double2 a) { return cconj(a); }
__device__ __forceinline__ double accAdd(double a, double b) { return a + b; }
__device__ __forceinline__ double2 accAdd(double2 a, double2 b) { return cadd(a, b); }
__device__ __forceinline__ double accFromC(double, double2 v) { return v.x; }
__device__ __forceinline__ double2 accFromC(double2, double2 v) { return v; }
__device__ __forceinline__ double2 accToC(double v) { return make_double2(v, 0.0); }
__device__ __forceinline__ double2 accToC(double2 v) { return v; }

// ---- storage traits: element type S, accumulator type Acc ----
template <typename S> struct St;
template <> struct St<float> {
    typedef double Acc;
    static const bool complex = false;
    __device__ static double ld(const float* p, size_t i) { return (double)p[i]; }
    __device__ static void st(float* p, size_t i, double v) { p[i] = (float)v; }
};
template <> struct St<double> {
    typedef double Acc;
    static const bool complex = false;
    __device__ static double ld(const double* p, size_t i) { return p[i]; }
    __device__ static void st(double* p, size_t i, double v) { p[i] = v; }
};
template <> struct St<float2> {
    typedef double2 Acc;
    static const bool complex = true;
    __device__ static double2 ld(const float2* p, size_t i) { float2 v = p[i]; return make_double2(v.x, v.y); }
    __device__ static void st(float2* p, size_t i, double2 v) { p[i] = make_float2((float)v.x, (float)v.y); }
};
template <> struct St<double2> {
    typedef double2 Acc;
    static const bool complex = true;
    __device__ static double2 ld(const double2* p, size_t i) { return p[i]; }
    __device__ static void st(double2* p, size_t i, double2 v) { p[i] = v; }
};
// storage element <-> complex double
template <typename S> __device__ __forceinline__ double2 ldC(const S* p, size_t i) { return accToC(St<S>::ld(p, i)); }
template <typename S> __device__ __forceinline__ void stC(S* p, size_t i, double2 v) {
    St<S>::st(p, i, accFromC(typename St<S>::Acc(), v));
}

// ---- counter-based RNG, the same functions as org.projunn.cpu.CounterRng ----
__device__ __forceinline__ uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
__device__ __forceinline__ uint64_t rngKey(uint64_t seed, uint64_t step, uint64_t entry) {
    return mix(mix(mix(seed) + step) + entry);
}
__device__ __forceinline__ double rngUniform(uint64_t key, uint64_t index) {
    uint64_t bits = mix(key + (index + 1) * 0x9E3779B97F4A7C15ULL) >> 11;
    return ((double)bits + 0.5) * 0x1.0p-53;
}
__device__ __forceinline__ double rngGaussian(uint64_t key, uint64_t index) {
    double u1 = rngUniform(key, 2 * index);
    double u2 = rngUniform(key, 2 * index + 1);
    return sqrt(-2.0 * log(u1)) * cos((2.0 * 3.141592653589793) * u2);
}

// NaN-propagating max, like Java's Math.max (CUDA's fmax drops NaN)
__device__ __forceinline__ double nanMax(double a, double b) { return (a != a || b != b) ? (a + b) : fmax(a, b); }

// ---- block reductions over PJ_THREADS threads; every thread gets the result ----
// red: shared scratch of at least PJ_WARPS * 2 * M doubles.
template <int M>
__device__ __forceinline__ void blockSumC(double2 (&v)[M], double* red) {
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
#pragma unroll
    for (int t = 0; t < M; t++) {
        for (int o = 16; o > 0; o >>= 1) {
            v[t].x += __shfl_down_sync(0xffffffffu, v[t].x, o);
            v[t].y += __shfl_down_sync(0xffffffffu, v[t].y, o);
        }
    }
    if (lane == 0) {
#pragma unroll
        for (int t = 0; t < M; t++) {
            red[(warp * M + t) * 2] = v[t].x;
            red[(warp * M + t) * 2 + 1] = v[t].y;
        }
    }
    __syncthreads();
#pragma unroll
    for (int t = 0; t < M; t++) {
        double sx = 0.0, sy = 0.0;
        for (int w = 0; w < PJ_WARPS; w++) {
            sx += red[(w * M + t) * 2];
            sy += red[(w * M + t) * 2 + 1];
        }
        v[t] = make_double2(sx, sy);
    }
    __syncthreads();
}

__device__ __forceinline__ double blockMax(double v, double* red) {
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    for (int o = 16; o > 0; o >>= 1) v = nanMax(v, __shfl_down_sync(0xffffffffu, v, o));
    if (lane == 0) red[warp] = v;
    __syncthreads();
    double m = red[0];
    for (int w = 1; w < PJ_WARPS; w++) m = nanMax(m, red[w]);
    __syncthreads();
    return m;
}

__device__ __forceinline__ double blockSum(double v, double* red) {
    double2 t[1] = {make_double2(v, 0.0)};
    blockSumC<1>(t, red);
    return t[0].x;
}

// Dynamic shared memory of a launch. Behind a macro because C++ has no `extern __shared__`: the
// CPU emulation in native-tests/emu supplies its own definition (one guarded buffer per block).
#ifndef PJ_DYNAMIC_SHARED
#define PJ_DYNAMIC_SHARED(name) extern __shared__ __align__(16) unsigned char name[]
#endif
PJ_DYNAMIC_SHARED(pjSmem);

// The small area of a one-block-per-entry kernel: dynamic shared memory, or entry e's slice of
// a global buffer when it does not fit.
__device__ __forceinline__ double2* smallArea(double2* global, size_t perEntry, int useShared) {
    return useShared ? reinterpret_cast<double2*>(pjSmem) : global + (size_t)blockIdx.x * perEntry;
}

} // namespace pj
