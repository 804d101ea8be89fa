// The optimizers of train/ (RmsProp, Adam/AdamW, Sgd with PyTorch's conventions) as one
// elementwise kernel over a flat parameter vector: all plain parameters of the network live in
// one buffer (and their gradients and moments in buffers of the same layout), so one launch
// updates them all. For the projUNN parameter W the update is written to `delta` (divided by
// the learning-rate divider) instead of added, and the projector moves W along it.
// Arithmetic in double per element, as the CPU optimizers do; state stays float32.
#pragma once
#include "rnn_common.cuh"

namespace pjrnn {

#define PJ_RNN_RMSPROP 0
#define PJ_RNN_ADAM 1
#define PJ_RNN_SGD 2

// kind RMSPROP: p1 = alpha, s1 = square average, s2 = momentum buffer (when p2 = momentum > 0).
// kind ADAM: p1 = beta1, p2 = beta2, s1/s2 = moments, c1/c2 = bias corrections 1 - beta^t,
//            flag = 1 for AdamW (decoupled weight decay).
// kind SGD: p1 = momentum, s1 = buffer, flag = 1 for Nesterov, first = 1 on step 1.
// toDelta: delta[j] = d * deltaScale; else value[j] += d.
__device__ void optimizerStep(float* value, const float* grad, float* s1, float* s2, float* delta, int n, int kind,
                              double lr, double p1, double p2, double eps, double wd, double c1, double c2,
                              int flag, int first, int toDelta, double deltaScale) {
    for (int j = blockIdx.x * PJ_THREADS + threadIdx.x; j < n; j += gridDim.x * PJ_THREADS) {
        double g = grad[j];
        const double w = value[j];
        double d;
        if (kind == PJ_RNN_RMSPROP) {
            const double v = p1 * (double)s1[j] + (1.0 - p1) * g * g;
            s1[j] = (float)v;
            double step = g / (sqrt(fmax(v, 0.0)) + eps);
            if (p2 > 0.0) {
                const double b = p2 * (double)s2[j] + step;
                s2[j] = (float)b;
                step = b;
            }
            d = -lr * step;
        } else if (kind == PJ_RNN_ADAM) {
            if (!flag) g += wd * w;
            const double m1 = p1 * (double)s1[j] + (1.0 - p1) * g;
            const double m2 = p2 * (double)s2[j] + (1.0 - p2) * g * g;
            s1[j] = (float)m1;
            s2[j] = (float)m2;
            d = -lr * (m1 / c1) / (sqrt(m2 / c2) + eps);
            if (flag) d -= lr * wd * w;
        } else {
            g += wd * w;
            if (p1 != 0.0) {
                const double b = first ? g : p1 * (double)s1[j] + g;
                s1[j] = (float)b;
                g = flag ? g + p1 * b : b;
            }
            d = -lr * g;
        }
        if (toDelta) delta[j] = (float)(d * deltaScale);
        else value[j] = (float)(w + d);
    }
}

} // namespace pjrnn
