// Self-test of the CPU emulation, run first by the emulated native tests: tiny kernels with
// planted bugs (a missing barrier, an inter-block race, a divergent barrier, a shuffle with an
// exited lane, writes past a buffer or past dynamic shared memory, reads of memory nobody
// wrote) must each be reported, and a correct kernel using every emulated collective must
// pass with the right values. If the emulation stopped catching these, the kernel checks that
// rely on it would pass vacuously.
#pragma once
#include "cuda_emu.h"

namespace pjemu_selftest {

__global__ void reduceAll(const double* in, double* out, int* flags) {
    __shared__ double part[PJ_WARPS];
    double v = in[blockIdx.x * PJ_THREADS + threadIdx.x];
    for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
    double w = __shfl_xor_sync(0xffffffffu, v, 0);
    w = __shfl_sync(0xffffffffu, w, 0);
    if ((threadIdx.x & 31) == 0) part[threadIdx.x >> 5] = w;
    __syncthreads();
    int count = __syncthreads_count(threadIdx.x % 3 == 0);
    bool any = __syncthreads_or(threadIdx.x == 77);
    bool all = __syncthreads_and(threadIdx.x < PJ_THREADS);
    if (threadIdx.x == 0) {
        double s = 0;
        for (int i = 0; i < PJ_WARPS; i++) s += part[i];
        out[blockIdx.x] = s;
        flags[blockIdx.x] = count * 4 + (any ? 2 : 0) + (all ? 1 : 0);
    }
}
__global__ void missingBarrier(double* out) {
    __shared__ double slot[PJ_THREADS];
    slot[threadIdx.x] = threadIdx.x;
    out[threadIdx.x] = slot[(threadIdx.x + 1) % PJ_THREADS];  // no __syncthreads between
}
__global__ void blockRace(double* out) {
    if (threadIdx.x == 0) out[0] = blockIdx.x;  // every block writes the same element
}
__global__ void divergentBarrier(double* out) {
    if (threadIdx.x < 32) __syncthreads();
    else __syncthreads();
    out[threadIdx.x] = 1;
}
__global__ void shuffleAfterExit(double* out) {
    if (threadIdx.x == 5) return;
    out[threadIdx.x] = __shfl_down_sync(0xffffffffu, 1.0, 1);
}
__global__ void bufferOverrun(double* out) { out[threadIdx.x + 1] = 1; }
__global__ void sharedOverrun(double* out) {
    double* s = reinterpret_cast<double*>(pj::pjSmem);
    s[threadIdx.x + 1] = 1;
    out[threadIdx.x] = 0;
}
__global__ void readUnwrittenShared(double* out) {
    out[threadIdx.x] = reinterpret_cast<double*>(pj::pjSmem)[threadIdx.x];
}

inline void run(void (*report)(bool, const std::string&, const std::string&)) {
    auto expectProblem = [&](const char* what, const std::string& problem, const char* word) {
        report(problem.find(word) != std::string::npos, std::string("emulation self-test: ") + what + " is reported",
               problem.empty() ? "(nothing reported)" : problem);
    };
    const int blocks = 3;
    double* in = (double*)pjemu::deviceMalloc(sizeof(double) * blocks * PJ_THREADS);
    double* out = (double*)pjemu::deviceMalloc(sizeof(double) * PJ_THREADS);
    int* flags = (int*)pjemu::deviceMalloc(sizeof(int) * blocks);
    for (int i = 0; i < blocks * PJ_THREADS; i++) in[i] = i;
    std::string p = pjemu::launch("reduceAll", dim3(blocks), dim3(PJ_THREADS), 0, [&] { reduceAll(in, out, flags); });
    bool ok = p.empty();
    for (int b = 0; b < blocks; b++) {
        double want = 0;
        for (int i = 0; i < PJ_THREADS; i++) want += b * PJ_THREADS + i;
        ok = ok && out[b] == want && flags[b] == ((PJ_THREADS + 2) / 3) * 4 + 3;
    }
    report(ok, "emulation self-test: shuffles and __syncthreads_count/or/and give the right values", p);
    double* fresh = (double*)pjemu::deviceMalloc(sizeof(double) * 4);
    report(std::isnan(fresh[3]), "emulation self-test: a fresh device buffer reads as NaN", "");
    pjemu::deviceFree(fresh);
    expectProblem("a missing __syncthreads", pjemu::launch("missingBarrier", dim3(1), dim3(PJ_THREADS), 0, [&] { missingBarrier(out); }),
                  "order");
    expectProblem("an inter-block race", pjemu::launch("blockRace", dim3(4), dim3(PJ_THREADS), 0, [&] { blockRace(out); }), "order");
    expectProblem("a divergent __syncthreads", pjemu::launch("divergentBarrier", dim3(1), dim3(PJ_THREADS), 0, [&] { divergentBarrier(out); }),
                  "divergent");
    expectProblem("a shuffle with an exited lane", pjemu::launch("shuffleAfterExit", dim3(1), dim3(PJ_THREADS), 0, [&] { shuffleAfterExit(out); }),
                  "exited");
    expectProblem("a write past a device buffer", pjemu::launch("bufferOverrun", dim3(1), dim3(PJ_THREADS), 0, [&] { bufferOverrun(out); }),
                  "outside");
    pjemu::deviceFree(out);  // the overrun damaged its guard: a fresh buffer for the rest
    out = (double*)pjemu::deviceMalloc(sizeof(double) * PJ_THREADS);
    expectProblem("a write past dynamic shared memory",
                  pjemu::launch("sharedOverrun", dim3(1), dim3(PJ_THREADS), PJ_THREADS * sizeof(double), [&] { sharedOverrun(out); }), "shared");
    p = pjemu::launch("readUnwrittenShared", dim3(1), dim3(PJ_THREADS), PJ_THREADS * sizeof(double), [&] { readUnwrittenShared(out); });
    report(p.empty() && std::isnan(out[17]), "emulation self-test: unwritten dynamic shared memory reads as NaN", p);
    pjemu::deviceFree(in);
    pjemu::deviceFree(out);
    pjemu::deviceFree(flags);
}

} // namespace pjemu_selftest
