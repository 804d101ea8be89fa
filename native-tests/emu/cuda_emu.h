// CPU emulation of the CUDA features the projUNN kernels use, so that g++ compiles the unmodified
// kernel sources (kernels/*.cu, *.cuh) and runs them on the host. It checks kernel logic only:
// indexing, barriers, warp shuffles, shared-memory layout, buffer bounds and races between
// blocks. It is an emulation, not GPU verification: no memory model beyond "the threads of a
// block interleave only at barriers and warp collectives", no timing, no hardware limits other
// than the shared-memory sizes checked below.
//
// How it runs a launch: each block's threads are cooperative fibers (ucontext to start them,
// _setjmp/_longjmp to switch, hence -U_FORTIFY_SOURCE). A thread runs until it reaches
// __syncthreads* (all live threads of the block must reach the same call site, else the launch
// fails as a divergent barrier) or a warp shuffle (all 32 lanes, full mask). Blocks run one after
// the other, and the whole grid runs in three orders (blocks forward with threads ascending,
// reversed with threads descending, shuffled with threads shuffled) from the same buffers; the
// results must be identical, bit for bit (within 1e-12 relative where atomicAdd sums floats in
// a different order), or the launch fails as order-dependent. Dynamic shared memory is NaN-filled
// (0xFF bytes) before each block and has a guard zone checked after it; static __shared__
// variables are plain statics (not poisoned). Device buffers (pjemu::deviceMalloc) are
// NaN-filled with guard zones on both sides, checked after every launch. emu_selftest.h proves
// each of these detections on a kernel with the bug planted.
#pragma once
#ifdef _FORTIFY_SOURCE
#error "build with -U_FORTIFY_SOURCE: the fibers switch stacks with _longjmp"
#endif
#include <algorithm>
#include <cmath>
#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <sys/mman.h>
#include <ucontext.h>
#include <vector>

#define PJ_EMULATION 1
#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
// empty, not __attribute__((noinline)): libstdc++ spells __attribute__((__noinline__)) itself
#define __noinline__
#define __launch_bounds__(...)
#define __align__(n) alignas(n)
#define __shared__ static
#define PJ_DYNAMIC_SHARED(name) static unsigned char* const name = ::pjemu::dynamicShared

struct uint3 { unsigned x, y, z; };
struct dim3 {
    unsigned x, y, z;
    constexpr dim3(unsigned x_ = 1, unsigned y_ = 1, unsigned z_ = 1) : x(x_), y(y_), z(z_) {}
};
struct alignas(8) float2 { float x, y; };
struct alignas(16) double2 { double x, y; };
inline float2 make_float2(float x, float y) { return float2{x, y}; }
inline double2 make_double2(double x, double y) { return double2{x, y}; }
using std::isfinite;
using std::max;
using std::min;

namespace pjemu {

// sm_90's opt-in maximum of dynamic shared memory per block
constexpr size_t kMaxDynamicShared = 232448, kGuard = 256;
constexpr unsigned char kGuardByte = 0xA5, kPoisonByte = 0xFF;  // 0xFF..: a NaN in f32 and f64
alignas(16) inline unsigned char dynamicShared[kMaxDynamicShared + kGuard];

enum State { Runnable, AtBarrier, AtWarp, Done };
struct Fiber {
    jmp_buf ctx;
    ucontext_t boot;
    char* stack = nullptr;
    State state = Done;
    bool started = false;
    uint3 tid{0, 0, 0};
    int linear = 0, pred = 0, line = 0;
    const char* file = "";
};

struct Engine {
    std::vector<Fiber> fibers;
    jmp_buf sched;
    Fiber* cur = nullptr;
    uint3 blockIdx{0, 0, 0};
    dim3 blockDim, gridDim;
    std::function<void()> body;
    std::vector<unsigned> warpGen;
    std::vector<unsigned char> warpSlots;  // [warp][2][32][16 bytes]
    int barrierCount = 0, barrierAlive = 0;
    bool abortBlock = false, usedAtomics = false;
    std::string error;  // first problem of the current launch
    std::map<char*, size_t> buffers;  // user pointer -> bytes
};
inline Engine g;

inline void fail(const std::string& what) {
    if (g.error.empty()) g.error = what;
    g.abortBlock = true;
}

// ---- fibers ----
constexpr size_t kStack = 256 * 1024, kPage = 4096;
inline void yieldToScheduler() {
    if (!_setjmp(g.cur->ctx)) _longjmp(g.sched, 1);
}
inline void fiberEntry() {
    g.body();
    g.cur->state = Done;
    _longjmp(g.sched, 1);
}
__attribute__((noinline)) inline void resume(Fiber* f) {
    g.cur = f;
    if (!_setjmp(g.sched)) {
        if (!f->started) {
            f->started = true;
            setcontext(&f->boot);
        }
        _longjmp(f->ctx, 1);
    }
}
inline void prepareFibers(unsigned count) {
    static ucontext_t templ;
    static bool haveTempl = false;
    if (!haveTempl) {
        getcontext(&templ);
        haveTempl = true;
    }
    while (g.fibers.size() < count) {
        g.fibers.emplace_back();
        Fiber& f = g.fibers.back();
        // a PROT_NONE page below each stack turns an overflow into a crash instead of corruption
        void* mem = mmap(nullptr, kStack + kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mem == MAP_FAILED) { std::perror("mmap"); std::exit(3); }
        mprotect(mem, kPage, PROT_NONE);
        f.stack = static_cast<char*>(mem) + kPage;
    }
    for (unsigned i = 0; i < count; i++) {
        Fiber& f = g.fibers[i];
        f.boot = templ;
        f.boot.uc_stack.ss_sp = f.stack;
        f.boot.uc_stack.ss_size = kStack;
        f.boot.uc_link = nullptr;
        makecontext(&f.boot, fiberEntry, 0);
        f.started = false;
        f.state = Runnable;
        f.linear = (int)i;
        f.tid = uint3{i % g.blockDim.x, (i / g.blockDim.x) % g.blockDim.y, i / (g.blockDim.x * g.blockDim.y)};
    }
}

// ---- barriers and warp collectives (called from the kernels through the macros below) ----
inline int blockBarrier(int pred, int line, const char* file) {
    Fiber* f = g.cur;
    f->state = AtBarrier;
    f->pred = pred ? 1 : 0;
    f->line = line;
    f->file = file;
    yieldToScheduler();
    return g.barrierCount;
}
enum ShflMode { Idx, Down, Up, Xor };
template <typename T>
inline T shuffle(unsigned mask, T v, ShflMode mode, int arg, int line) {
    static_assert(sizeof(T) <= 16, "shuffle of at most 16 bytes");
    Fiber* f = g.cur;
    if (mask != 0xffffffffu) fail("warp collective with a partial mask (not emulated) at line " + std::to_string(line));
    const int lane = f->linear & 31, warp = f->linear >> 5;
    const unsigned gen = g.warpGen[warp];
    // two slots alternate: a lane can be one collective ahead of the slowest reader, no more
    unsigned char* slots = &g.warpSlots[((size_t)warp * 2 + (gen & 1)) * 32 * 16];
    std::memcpy(slots + lane * 16, &v, sizeof(T));
    f->state = AtWarp;
    f->line = line;
    f->pred = mode * 1000 + arg;
    yieldToScheduler();
    int src = lane;
    switch (mode) {
        case Idx: src = arg & 31; break;
        case Down: src = lane + arg < 32 ? lane + arg : lane; break;
        case Up: src = lane - arg >= 0 ? lane - arg : lane; break;
        case Xor: src = (lane ^ arg) & 31; break;
    }
    T out;
    std::memcpy(&out, slots + src * 16, sizeof(T));
    return out;
}

// Runs one block to completion; fails on divergent barriers, deadlocks, guard damage.
inline void runBlock(const std::vector<int>& threadOrder, size_t dynShared) {
    const unsigned count = (unsigned)threadOrder.size();
    prepareFibers(count);
    std::fill(g.warpGen.begin(), g.warpGen.end(), 0u);
    std::memset(dynamicShared, kPoisonByte, dynShared);
    std::memset(dynamicShared + dynShared, kGuardByte, kGuard);
    g.abortBlock = false;
    const unsigned warps = (count + 31) / 32;
    for (;;) {
        for (int i : threadOrder) {
            if (g.fibers[i].state == Runnable) resume(&g.fibers[i]);
            if (g.abortBlock) return;
        }
        bool released = false;
        for (unsigned w = 0; w < warps; w++) {
            int waiting = 0, done = 0, line = -1, kind = -1;
            bool same = true;
            const unsigned lanes = std::min(32u, count - 32 * w);
            for (unsigned l = 0; l < lanes; l++) {
                Fiber& f = g.fibers[32 * w + l];
                if (f.state == AtWarp) {
                    if (line >= 0 && (f.line != line || f.pred != kind)) same = false;
                    line = f.line;
                    kind = f.pred;
                    waiting++;
                } else if (f.state == Done) {
                    done++;
                }
            }
            if (waiting == 0) continue;
            if (waiting + done == (int)lanes && done > 0)
                return fail("warp shuffle at line " + std::to_string(line) + " with exited lanes in warp " + std::to_string(w));
            if (waiting == 32) {
                if (!same) return fail("lanes of warp " + std::to_string(w) + " in different shuffles");
                for (unsigned l = 0; l < 32; l++) g.fibers[32 * w + l].state = Runnable;
                g.warpGen[w]++;
                released = true;
            }
        }
        if (released) continue;
        int atBarrier = 0, done = 0, preds = 0;
        const Fiber* first = nullptr;
        for (unsigned i = 0; i < count; i++) {
            Fiber& f = g.fibers[i];
            if (f.state == Done) { done++; continue; }
            if (f.state != AtBarrier) continue;
            atBarrier++;
            preds += f.pred;
            if (!first) first = &f;
            else if (f.line != first->line || std::strcmp(f.file, first->file) != 0)
                return fail("divergent __syncthreads: " + std::string(first->file) + ":" + std::to_string(first->line) + " and " +
                            f.file + ":" + std::to_string(f.line));
        }
        if (done == (int)count) break;
        if (atBarrier + done != (int)count)
            return fail("deadlock: threads wait at a block barrier while others wait in a warp shuffle");
        g.barrierCount = preds;
        g.barrierAlive = atBarrier;
        for (unsigned i = 0; i < count; i++)
            if (g.fibers[i].state == AtBarrier) g.fibers[i].state = Runnable;
    }
    for (size_t i = 0; i < kGuard; i++)
        if (dynamicShared[dynShared + i] != kGuardByte)
            return fail("write past the end of dynamic shared memory (" + std::to_string(dynShared) + " bytes)");
}

// ---- device memory ----
inline void* deviceMalloc(size_t bytes) {
    char* raw = static_cast<char*>(std::malloc(bytes + 2 * kGuard));
    std::memset(raw, kGuardByte, kGuard);
    std::memset(raw + kGuard, kPoisonByte, bytes);
    std::memset(raw + kGuard + bytes, kGuardByte, kGuard);
    g.buffers[raw + kGuard] = bytes;
    return raw + kGuard;
}
inline void deviceFree(void* p) {
    auto it = g.buffers.find(static_cast<char*>(p));
    if (it == g.buffers.end()) return;
    std::free(it->first - kGuard);
    g.buffers.erase(it);
}
inline std::string damagedGuards() {
    for (auto& [p, bytes] : g.buffers)
        for (size_t i = 0; i < kGuard; i++)
            if (p[-1 - (long)i] != (char)kGuardByte || p[bytes + i] != (char)kGuardByte)
                return "write outside a device buffer of " + std::to_string(bytes) + " bytes";
    return "";
}

// Whether two snapshots of every buffer agree (atomics: float sums may differ in the last bits).
inline std::string compareRuns(const std::vector<std::vector<char>>& a, const std::vector<std::vector<char>>& b, bool atomics) {
    for (size_t i = 0; i < a.size(); i++) {
        if (std::memcmp(a[i].data(), b[i].data(), a[i].size()) == 0) continue;
        if (atomics && a[i].size() % 8 == 0) {
            bool close = true;
            for (size_t j = 0; j < a[i].size(); j += 8) {
                double x, y;
                std::memcpy(&x, &a[i][j], 8);
                std::memcpy(&y, &b[i][j], 8);
                if (!(std::fabs(x - y) <= 1e-12 * std::max(std::fabs(x), std::fabs(y))) && std::memcmp(&x, &y, 8) != 0) close = false;
            }
            if (close) continue;
        }
        size_t j = 0;
        while (a[i][j] == b[i][j]) j++;
        return "a buffer of " + std::to_string(a[i].size()) + " bytes differs at byte " + std::to_string(j);
    }
    return "";
}

// One launch: the grid in three block/thread orders from the same buffers. Returns "" or the
// first problem found.
inline std::string launch(const std::string& name, dim3 grid, dim3 block, size_t dynShared, std::function<void()> body) {
    g.error.clear();
    g.usedAtomics = false;
    if (dynShared > kMaxDynamicShared) return "dynamic shared memory " + std::to_string(dynShared) + " > " + std::to_string(kMaxDynamicShared);
    const unsigned threads = block.x * block.y * block.z;
    g.blockDim = block;
    g.gridDim = grid;
    g.body = std::move(body);
    g.warpGen.assign((threads + 31) / 32, 0);
    g.warpSlots.assign((size_t)((threads + 31) / 32) * 2 * 32 * 16, 0);
    const unsigned blocks = grid.x * grid.y * grid.z;
    std::vector<std::vector<char>> before, first;
    for (auto& [p, bytes] : g.buffers) before.emplace_back(p, p + bytes);
    static unsigned launchCount = 0;
    std::mt19937 shuffler(1234 + launchCount++);
    for (int order = 0; order < 3; order++) {
        std::vector<int> blockOrder(blocks), threadOrder(threads);
        for (unsigned i = 0; i < blocks; i++) blockOrder[i] = (int)i;
        for (unsigned i = 0; i < threads; i++) threadOrder[i] = (int)i;
        if (order == 1) {
            std::reverse(blockOrder.begin(), blockOrder.end());
            std::reverse(threadOrder.begin(), threadOrder.end());
        } else if (order == 2) {
            std::shuffle(blockOrder.begin(), blockOrder.end(), shuffler);
            std::shuffle(threadOrder.begin(), threadOrder.end(), shuffler);
        }
        if (order > 0) {
            size_t i = 0;
            for (auto& [p, bytes] : g.buffers) std::memcpy(p, before[i++].data(), bytes);
        }
        for (int b : blockOrder) {
            g.blockIdx = uint3{b % grid.x, (b / grid.x) % grid.y, b / (grid.x * grid.y)};
            runBlock(threadOrder, dynShared);
            if (!g.error.empty()) return g.error + " (block " + std::to_string(b) + ", order " + std::to_string(order) + ")";
        }
        std::string guards = damagedGuards();
        if (!guards.empty()) return guards;
        std::vector<std::vector<char>> now;
        for (auto& [p, bytes] : g.buffers) now.emplace_back(p, p + bytes);
        if (order == 0) {
            first = std::move(now);
        } else {
            std::string diff = compareRuns(first, now, g.usedAtomics);
            if (!diff.empty()) return "result depends on the block/thread order (order " + std::to_string(order) + "): " + diff;
        }
    }
    return "";
}

template <typename T> inline T atomicAddImpl(T* p, T v) { g.usedAtomics = true; T old = *p; *p = old + v; return old; }

} // namespace pjemu

#define threadIdx (::pjemu::g.cur->tid)
#define blockIdx (::pjemu::g.blockIdx)
#define blockDim (::pjemu::g.blockDim)
#define gridDim (::pjemu::g.gridDim)
#define __syncthreads() ((void)::pjemu::blockBarrier(0, __LINE__, __FILE__))
#define __syncthreads_count(p) (::pjemu::blockBarrier((p), __LINE__, __FILE__))
#define __syncthreads_or(p) (::pjemu::blockBarrier((p), __LINE__, __FILE__) > 0)
#define __syncthreads_and(p) (::pjemu::blockBarrier((p), __LINE__, __FILE__) == ::pjemu::g.barrierAlive)
#define __syncwarp(...) ((void)::pjemu::shuffle(0xffffffffu, 0, ::pjemu::Idx, 0, __LINE__))
#define __shfl_sync(m, v, l) ::pjemu::shuffle((m), (v), ::pjemu::Idx, (l), __LINE__)
#define __shfl_down_sync(m, v, d) ::pjemu::shuffle((m), (v), ::pjemu::Down, (d), __LINE__)
#define __shfl_up_sync(m, v, d) ::pjemu::shuffle((m), (v), ::pjemu::Up, (d), __LINE__)
#define __shfl_xor_sync(m, v, d) ::pjemu::shuffle((m), (v), ::pjemu::Xor, (d), __LINE__)
inline double atomicAdd(double* p, double v) { return pjemu::atomicAddImpl(p, v); }
inline float atomicAdd(float* p, float v) { return pjemu::atomicAddImpl(p, v); }
inline int atomicAdd(int* p, int v) { return pjemu::atomicAddImpl(p, v); }
inline unsigned atomicAdd(unsigned* p, unsigned v) { return pjemu::atomicAddImpl(p, v); }
