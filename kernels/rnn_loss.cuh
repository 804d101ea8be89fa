// The loss of an RNN training step and its gradient with respect to the read-out, for the
// scored columns (time step, sequence) at once: one thread per column (a column has only
// `outputs` logits, 10 for copy/MNIST), per-column losses in double, then one block sums them
// in a fixed order so that the only value the host reads back per step is one double.
#pragma once
#include "rnn_common.cuh"

namespace pjrnn {

// Softmax cross-entropy of the logit columns y (outs x count) against labels; writes
// dy = scale (softmax - onehot) and the column's loss log(sum exp) + max - y[label].
__device__ void crossEntropy(const float* y, const int* labels, float* dy, double* loss, int outs, int count,
                             double scale) {
    for (int j = blockIdx.x * PJ_THREADS + threadIdx.x; j < count; j += gridDim.x * PJ_THREADS) {
        const float* yj = y + (size_t)j * outs;
        double mx = -INFINITY;
        for (int i = 0; i < outs; i++) mx = fmax(mx, (double)yj[i]);
        double sum = 0.0;
        for (int i = 0; i < outs; i++) sum += exp((double)yj[i] - mx);
        const int label = labels[j];
        loss[j] = log(sum) + mx - (double)yj[label];
        float* dj = dy + (size_t)j * outs;
        for (int i = 0; i < outs; i++) {
            const double p = exp((double)yj[i] - mx) / sum;
            dj[i] = (float)(scale * (i == label ? p - 1.0 : p));
        }
    }
}

// Squared error against targets (outs x count, column after column); dy = scale 2 (y - t).
__device__ void squaredError(const float* y, const float* targets, float* dy, double* loss, int outs, int count,
                             double scale) {
    for (int j = blockIdx.x * PJ_THREADS + threadIdx.x; j < count; j += gridDim.x * PJ_THREADS) {
        double s = 0.0;
        for (int i = 0; i < outs; i++) {
            const size_t e = (size_t)j * outs + i;
            const double d = (double)y[e] - (double)targets[e];
            s += d * d;
            dy[e] = (float)(2.0 * scale * d);
        }
        loss[j] = s;
    }
}

// out[0] = scale * sum of v[0 .. n) in one block: strided partial sums per thread, then a tree
// in shared memory (fixed order, so the same inputs give the same bits).
__device__ void total(const double* v, int n, double scale, double* out) {
    __shared__ double part[PJ_THREADS];
    double s = 0.0;
    for (int i = threadIdx.x; i < n; i += PJ_THREADS) s += v[i];
    part[threadIdx.x] = s;
    __syncthreads();
    for (int w = PJ_THREADS / 2; w > 0; w /= 2) {
        if ((int)threadIdx.x < w) part[threadIdx.x] += part[threadIdx.x + w];
        __syncthreads();
    }
    if (threadIdx.x == 0) out[0] = scale * part[0];
}

} // namespace pjrnn
