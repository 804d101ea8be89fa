// Entry points of the RNN training kernels (rnn_*.cuh), compiled by kernels/build.sh into
// projunn_rnn_kernels.fatbin next to the projUNN step's fatbin and launched by
// org.projunn.cuda.RnnKernels (float32 storage, PJ_THREADS threads per block).
#include "rnn_recurrence.cuh"
#include "rnn_dense.cuh"
#include "rnn_loss.cuh"
#include "rnn_optim.cuh"

extern "C" {

__global__ void __launch_bounds__(PJ_THREADS) pj_rnn_forward(const float* w, float* z, float* h, const float* beta,
                                                             int m, int batch, int steps, int units, int wShared) {
    pjrnn::rnnForward(w, z, h, beta, m, batch, steps, units, wShared);
}

__global__ void __launch_bounds__(PJ_THREADS) pj_rnn_backward(const float* w, const float* z, float* g,
                                                              const float* beta, float* dBetaPart, int m, int batch,
                                                              int steps, int units, int wShared) {
    pjrnn::rnnBackward(w, z, g, beta, dBetaPart, m, batch, steps, units, wShared);
}

__global__ void __launch_bounds__(PJ_THREADS) pj_rnn_gemm(int transA, int transB, int m, int n, int k, const float* a,
                                                          int lda, const float* b, int ldb, float* c, int ldc,
                                                          int accumulate, int kChunk, long long cStride) {
    pjrnn::gemm(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, accumulate, kChunk, cStride);
}

__global__ void __launch_bounds__(PJ_THREADS) pj_rnn_sum_parts(const float* src, float* out, int len, int parts,
                                                               long long stride, int accumulate) {
    pjrnn::sumParts(src, out, len, parts, stride, accumulate);
}

__global__ void __launch_bounds__(PJ_THREADS) pj_rnn_column_chunk_sums(const float* src, float* part, int rows,
                                                                       int cols, int chunk) {
    pjrnn::columnChunkSums(src, part, rows, cols, chunk);
}

__global__ void __launch_bounds__(PJ_THREADS) pj_rnn_add_bias(float* x, const float* bias, int rows, long long cols) {
    pjrnn::addBias(x, bias, rows, cols);
}

__global__ void __launch_bounds__(PJ_THREADS) pj_rnn_realify(const float* w, float* wr, int n) {
    pjrnn::realify(w, wr, n);
}

__global__ void __launch_bounds__(PJ_THREADS) pj_rnn_fold(const float* gr, float* gw, int n) {
    pjrnn::fold(gr, gw, n);
}

__global__ void __launch_bounds__(PJ_THREADS) pj_rnn_cross_entropy(const float* y, const int* labels, float* dy,
                                                                   double* loss, int outs, int count, double scale) {
    pjrnn::crossEntropy(y, labels, dy, loss, outs, count, scale);
}

__global__ void __launch_bounds__(PJ_THREADS) pj_rnn_squared_error(const float* y, const float* targets, float* dy,
                                                                   double* loss, int outs, int count, double scale) {
    pjrnn::squaredError(y, targets, dy, loss, outs, count, scale);
}

__global__ void __launch_bounds__(PJ_THREADS) pj_rnn_total(const double* v, int n, double scale, double* out) {
    pjrnn::total(v, n, scale, out);
}

__global__ void __launch_bounds__(PJ_THREADS) pj_rnn_optimizer(float* value, const float* grad, float* s1, float* s2,
                                                               float* delta, int n, int kind, double lr, double p1,
                                                               double p2, double eps, double wd, double c1, double c2,
                                                               int flag, int first, int toDelta, double deltaScale) {
    pjrnn::optimizerStep(value, grad, s1, s2, delta, n, kind, lr, p1, p2, eps, wd, c1, c2, flag, first, toDelta,
                         deltaScale);
}

} // extern "C"
