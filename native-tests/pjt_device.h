// The native tests' device layer, one interface for both builds of projunn_native_tests.cu:
// the CUDA runtime under nvcc (a GPU), the CPU emulation of native-tests/emu under g++
// (PJ_EMULATION). Fresh buffers are NaN-filled (0xFF bytes) and have guard zones on both sides;
// every launch is followed by a check of every live buffer's guards, so an out-of-bounds write
// or a read of memory nobody wrote shows up in the check that follows.
#pragma once
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace pjt {

constexpr size_t kGuard = 256;
constexpr unsigned char kGuardByte = 0xA5;
inline std::set<std::string> launched;  // entry points that ran, for the coverage line
inline int launchFailures = 0;
inline int passed = 0, failed = 0;  // the "N passed, M failed" summary of each test program

// One check's line: PASS or FAIL, what was checked, the detail (e.g. the largest difference).
inline void report(bool ok, const std::string& what, const std::string& detail) {
    std::printf("%s %s %s\n", ok ? "PASS" : "FAIL", what.c_str(), detail.c_str());
    (ok ? passed : failed)++;
}

// Exit status of a test program that found no GPU: 2 under PJ_REQUIRE_GPU=1 (the device
// scripts, where a missing GPU is a failure), else 0 (a skip).
inline int noGpuStatus() {
    const char* req = std::getenv("PJ_REQUIRE_GPU");
    return req && std::strcmp(req, "1") == 0 ? 2 : 0;
}

// Prints the closing "N passed, M failed" line; returns the program's exit status (1 on any failure).
inline int finish() {
    std::printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

#ifdef PJ_EMULATION
inline bool available(std::string& what) {
    what = "CPU emulation of the kernels (native-tests/emu): kernel logic only, not a GPU";
    return true;
}
inline void* alloc(size_t bytes) { return pjemu::deviceMalloc(bytes ? bytes : 1); }
inline void release(void* p) { pjemu::deviceFree(p); }
inline void put(void* d, const void* h, size_t bytes) { std::memcpy(d, h, bytes); }
inline void get(void* h, const void* d, size_t bytes) { std::memcpy(h, d, bytes); }
inline void copy(void* d, const void* s, size_t bytes) { std::memcpy(d, s, bytes); }
inline void zero(void* d, size_t bytes) { std::memset(d, 0, bytes); }
inline void afterLaunch(const std::string& name, const std::string& problem) {
    launched.insert(name);
    if (!problem.empty()) report(false, "launch " + name, problem);
}
#define PJT_LAUNCH(name, kernel, grid, shared, ...) \
    ::pjt::afterLaunch((name), ::pjemu::launch((name), (grid), dim3(PJ_THREADS), (shared), [&] { kernel(__VA_ARGS__); }))
#else
inline void die(cudaError_t err, const char* what) {
    if (err == cudaSuccess) return;
    std::printf("FAIL %s: %s (%s)\n", what, cudaGetErrorName(err), cudaGetErrorString(err));
    std::exit(1);
}
inline bool available(std::string& what) {
    int count = 0;
    cudaError_t err = cudaGetDeviceCount(&count);
    if (err != cudaSuccess || count == 0) {
        what = std::string("no usable CUDA device (cudaGetDeviceCount: ") + (err != cudaSuccess ? cudaGetErrorName(err) : "0 devices") +
               (err == cudaErrorInsufficientDriver ? ", i.e. no NVIDIA driver loaded" : "") + ")";
        return false;
    }
    cudaDeviceProp prop;
    die(cudaGetDeviceProperties(&prop, 0), "cudaGetDeviceProperties");
    what = std::string("GPU ") + prop.name + " (sm_" + std::to_string(prop.major) + std::to_string(prop.minor) + ")";
    return true;
}
inline std::map<char*, size_t>& buffers() {
    static std::map<char*, size_t> b;
    return b;
}
inline void* alloc(size_t bytes) {
    char* raw = nullptr;
    die(cudaMalloc(&raw, bytes + 2 * kGuard), "cudaMalloc");
    die(cudaMemset(raw, kGuardByte, kGuard), "cudaMemset");
    die(cudaMemset(raw + kGuard, 0xFF, bytes), "cudaMemset");
    die(cudaMemset(raw + kGuard + bytes, kGuardByte, kGuard), "cudaMemset");
    buffers()[raw + kGuard] = bytes;
    return raw + kGuard;
}
inline void release(void* p) {
    auto it = buffers().find(static_cast<char*>(p));
    if (it == buffers().end()) return;
    cudaFree(it->first - kGuard);
    buffers().erase(it);
}
inline void put(void* d, const void* h, size_t bytes) { die(cudaMemcpy(d, h, bytes, cudaMemcpyHostToDevice), "cudaMemcpy"); }
inline void get(void* h, const void* d, size_t bytes) { die(cudaMemcpy(h, d, bytes, cudaMemcpyDeviceToHost), "cudaMemcpy"); }
inline void copy(void* d, const void* s, size_t bytes) { die(cudaMemcpy(d, s, bytes, cudaMemcpyDeviceToDevice), "cudaMemcpy"); }
inline void zero(void* d, size_t bytes) { die(cudaMemset(d, 0, bytes), "cudaMemset"); }
template <typename K>
inline void setShared(K kernel, size_t bytes) {
    die(cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, (int)bytes), "cudaFuncSetAttribute");
}
inline void afterLaunch(const std::string& name, cudaError_t launchErr) {
    launched.insert(name);
    cudaError_t err = launchErr != cudaSuccess ? launchErr : cudaDeviceSynchronize();
    if (err != cudaSuccess) {
        report(false, "launch " + name, std::string(cudaGetErrorName(err)) + ": " + cudaGetErrorString(err));
        std::exit(1);  // the context is unusable after a launch failure
    }
    std::vector<unsigned char> guard(kGuard);
    for (auto& [p, bytes] : buffers()) {
        for (char* at : {p - kGuard, p + bytes}) {
            get(guard.data(), at, kGuard);
            for (unsigned char c : guard)
                if (c != kGuardByte) {
                    report(false, "launch " + name, "write outside a device buffer of " + std::to_string(bytes) + " bytes");
                    return;
                }
        }
    }
}
#define PJT_LAUNCH(name, kernel, grid, shared, ...)                                  \
    do {                                                                             \
        if ((shared) > 0) ::pjt::setShared(kernel, (shared));                        \
        kernel<<<(grid), PJ_THREADS, (shared)>>>(__VA_ARGS__);                       \
        ::pjt::afterLaunch((name), cudaGetLastError());                              \
    } while (0)
#endif

// A device array of T with its host-side count.
template <typename T>
struct Buf {
    T* p = nullptr;
    size_t n = 0;
    Buf() = default;
    explicit Buf(size_t count) : p(static_cast<T*>(alloc(sizeof(T) * count))), n(count) {}
    explicit Buf(const std::vector<T>& h) : Buf(h.size()) { put(p, h.data(), sizeof(T) * n); }
    Buf(const Buf&) = delete;
    Buf& operator=(const Buf&) = delete;
    ~Buf() { release(p); }
    std::vector<T> host() const {
        std::vector<T> h(n);
        get(h.data(), p, sizeof(T) * n);
        return h;
    }
    void set(const std::vector<T>& h) { put(p, h.data(), sizeof(T) * n); }
    void clear() { zero(p, sizeof(T) * n); }
    operator T*() const { return p; }
};

} // namespace pjt
