// Checks every RNN training kernel (kernels/projunn_rnn_kernels.cu) against plain C++
// references in double written here independently: the forward and backward recurrences (ReLU
// and modReLU, W on chip and in global memory, batches that leave blocks empty), the GEMM in
// all transpose combinations with split-K, the sums, the loss kernels and the optimizers.
// One source, two builds (pjt_device.h):
//   make -C native-tests -f rnn.mk cpu-check   g++ and the CPU emulation (no GPU, kernel logic)
//   make -C native-tests -f rnn.mk run         nvcc, on a GPU (SKIP without one)
// Prints PASS/FAIL per case and ends with "N passed, M failed"; exits 1 on any failure. A
// non-finite value in a result or a reference fails its comparison.
#include "projunn_rnn_kernels.cu"
#include "pjt_device.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

typedef std::vector<double> Vec;

template <typename T>
static void expectClose(const std::string& what, const std::vector<T>& got, const Vec& ref, double atol, double rtol) {
    size_t bad = 0, nonFinite = 0;
    double worst = 0;
    for (size_t i = 0; i < got.size() && i < ref.size(); i++) {
        const double g = (double)got[i];
        if (!std::isfinite(g) || !std::isfinite(ref[i])) { nonFinite++; continue; }
        const double d = std::fabs(g - ref[i]);
        worst = std::max(worst, d);
        if (!(d <= atol + rtol * std::fabs(ref[i]))) bad++;
    }
    const bool ok = bad == 0 && nonFinite == 0 && got.size() == ref.size() && !got.empty();
    char buf[200];
    std::snprintf(buf, sizeof buf, "max |diff| %.2e (atol %.0e, rtol %.0e), %zu over, %zu non-finite, %zu vs %zu values",
                  worst, atol, rtol, bad, nonFinite, got.size(), ref.size());
    pjt::report(ok, what, buf);
}

static std::mt19937_64 rng(20261127);
static std::vector<float> randomF(size_t n, double lo, double hi) {
    std::uniform_real_distribution<double> u(lo, hi);
    std::vector<float> v(n);
    for (auto& x : v) x = (float)u(rng);
    return v;
}
static Vec widen(const std::vector<float>& v) { return Vec(v.begin(), v.end()); }

// ---- recurrence reference (train/Bptt's forward and backward loops, in double) ----
struct Recurrence {
    int m, batch, steps, units;
    Vec w, beta;
};
static const double kModEps = 1e-12;
// z (in: input term; out: pre-activation), h ((steps + 1) * batch columns)
static void refForward(const Recurrence& r, Vec& z, Vec& h) {
    const int m = r.m, B = r.batch;
    h.assign((size_t)(r.steps + 1) * B * m, 0.0);
    for (int t = 0; t < r.steps; t++)
        for (int b = 0; b < B; b++) {
            double* zc = &z[((size_t)t * B + b) * m];
            const double* hp = &h[((size_t)t * B + b) * m];
            if (t > 0)
                for (int i = 0; i < m; i++) {
                    double s = 0;
                    for (int k = 0; k < m; k++) s += r.w[i + (size_t)k * m] * hp[k];
                    zc[i] += s;
                }
            double* hc = &h[((size_t)(t + 1) * B + b) * m];
            if (r.units == 0) {
                for (int i = 0; i < m; i++) hc[i] = std::max(zc[i], 0.0);
            } else {
                const int n = r.units;
                for (int u = 0; u < n; u++) {
                    const double re = zc[u], im = zc[n + u];
                    const double mod = std::sqrt(re * re + im * im + kModEps);
                    const double act = mod + r.beta[u];
                    const double sc = act > 0 ? act / mod : 0;
                    hc[u] = re * sc;
                    hc[n + u] = im * sc;
                }
            }
        }
}
// g: dL/dh_t in, dL/dz_t out; dBeta summed over everything
static void refBackward(const Recurrence& r, const Vec& z, Vec& g, Vec& dBeta) {
    const int m = r.m, B = r.batch, n = r.units;
    dBeta.assign(n, 0.0);
    for (int t = r.steps - 1; t >= 0; t--)
        for (int b = 0; b < B; b++) {
            double* gc = &g[((size_t)t * B + b) * m];
            const double* zc = &z[((size_t)t * B + b) * m];
            if (t < r.steps - 1) {
                const double* dn = &g[((size_t)(t + 1) * B + b) * m];
                for (int i = 0; i < m; i++) {
                    double s = 0;
                    for (int k = 0; k < m; k++) s += r.w[k + (size_t)i * m] * dn[k];
                    gc[i] += s;
                }
            }
            if (n == 0) {
                for (int i = 0; i < m; i++) gc[i] = zc[i] > 0 ? gc[i] : 0;
            } else {
                for (int u = 0; u < n; u++) {
                    const double re = zc[u], im = zc[n + u], bb = r.beta[u];
                    const double mod = std::sqrt(re * re + im * im + kModEps);
                    if (!(mod + bb > 0)) { gc[u] = 0; gc[n + u] = 0; continue; }
                    const double gre = gc[u], gim = gc[n + u], inv = 1 / mod;
                    const double dot = gre * re + gim * im, radial = bb * dot * inv * inv * inv;
                    gc[u] = gre * (1 + bb * inv) - re * radial;
                    gc[n + u] = gim * (1 + bb * inv) - im * radial;
                    dBeta[u] += dot * inv;
                }
            }
        }
}

// the kernels' shared-memory layout: W rounded up to 4 floats, state columns padded to 4 floats
static size_t weightFloatsHost(int m, int wShared) { return wShared ? ((size_t)m * m + 3) / 4 * 4 : 0; }
static size_t forwardShared(int m, int per, int wShared) {
    return 4 * (weightFloatsHost(m, wShared) + 2 * (size_t)per * ((m + 3) / 4 * 4));
}
static size_t backwardShared(int m, int per, int units, int wShared) { return forwardShared(m, per, wShared) + 8 * (size_t)units; }

static void checkRecurrence(int units, int hiddenReal, int batch, int steps, int blocks, int wShared) {
    const int m = units ? 2 * units : hiddenReal;
    char name[160];
    std::snprintf(name, sizeof name, "%s m=%d batch=%d T=%d blocks=%d W %s", units ? "modReLU" : "ReLU", m, batch, steps,
                  blocks, wShared ? "shared" : "global");
    Recurrence r{m, batch, steps, units, {}, {}};
    // an orthogonal-ish scale keeps the recurrence bounded over T steps
    std::vector<float> w = randomF((size_t)m * m, -1.6 / std::sqrt((double)m), 1.6 / std::sqrt((double)m));
    std::vector<float> beta = randomF(units > 0 ? units : 1, -0.3, 0.1);
    r.w = widen(w);
    r.beta = widen(beta);
    const size_t cols = (size_t)steps * batch;
    std::vector<float> zin = randomF(cols * m, -1, 1);
    Vec zRef = widen(zin), hRef;
    refForward(r, zRef, hRef);
    pjt::Buf<float> dw(w), dbeta(beta), dz(zin), dh((cols + batch) * m);
    const int per = (batch + blocks - 1) / blocks;
    PJT_LAUNCH("pj_rnn_forward", pj_rnn_forward, dim3(blocks), forwardShared(m, per, wShared), dw.p, dz.p, dh.p,
               dbeta.p, m, batch, steps, units, wShared);
    expectClose(std::string("forward z ") + name, dz.host(), zRef, 1e-5, 1e-4);
    expectClose(std::string("forward h ") + name, dh.host(), hRef, 1e-5, 1e-4);

    std::vector<float> gin = randomF(cols * m, -1, 1);
    for (size_t e = 0; e < (size_t)batch * m; e++) gin[e] = 0.f;  // a step with nothing scored
    Vec gRef = widen(gin), dBetaRef;
    std::vector<float> zf = dz.host();
    Vec zUsed = widen(zf);  // the kernel's own z: both sides branch on the same signs
    refBackward(r, zUsed, gRef, dBetaRef);
    pjt::Buf<float> dg(gin), dparts((size_t)blocks * (units > 0 ? units : 1));
    if (units == 0) dparts.clear();
    PJT_LAUNCH("pj_rnn_backward", pj_rnn_backward, dim3(blocks), backwardShared(m, per, units, wShared), dw.p, dz.p,
               dg.p, dbeta.p, dparts.p, m, batch, steps, units, wShared);
    expectClose(std::string("backward dz ") + name, dg.host(), gRef, 1e-5, 1e-4);
    if (units > 0) {
        pjt::Buf<float> dsum(units);
        PJT_LAUNCH("pj_rnn_sum_parts", pj_rnn_sum_parts, dim3(1), 0, dparts.p, dsum.p, units, blocks, (long long)units, 0);
        expectClose(std::string("backward dbeta ") + name, dsum.host(), dBetaRef, 1e-5, 1e-4);
    }
}

// ---- GEMM ----
static void checkGemm(int ta, int tb, int m, int n, int k, int accumulate, int splits) {
    char name[120];
    std::snprintf(name, sizeof name, "gemm %c%c %dx%dx%d%s splits=%d", ta ? 'T' : 'N', tb ? 'T' : 'N', m, n, k,
                  accumulate ? " accumulate" : "", splits);
    const int lda = (ta ? k : m) + 3, ldb = (tb ? n : k) + 2, ldc = m + 1;  // padded leading dimensions
    std::vector<float> a = randomF((size_t)lda * (ta ? m : k), -1, 1);
    std::vector<float> b = randomF((size_t)ldb * (tb ? k : n), -1, 1);
    std::vector<float> c = randomF((size_t)ldc * n, -1, 1);
    Vec ref = widen(c);
    for (int j = 0; j < n; j++)
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int p = 0; p < k; p++)
                s += (double)(ta ? a[p + (size_t)i * lda] : a[i + (size_t)p * lda]) *
                     (double)(tb ? b[j + (size_t)p * ldb] : b[p + (size_t)j * ldb]);
            ref[i + (size_t)j * ldc] = (accumulate ? ref[i + (size_t)j * ldc] : 0) + s;
        }
    for (int j = 0; j < n; j++)  // padding rows of C stay as they were
        ref[m + (size_t)j * ldc] = c[m + (size_t)j * ldc];
    pjt::Buf<float> da(a), db(b), dc(c);
    const dim3 grid((m + 63) / 64, (n + 63) / 64, splits);
    if (splits == 1) {
        PJT_LAUNCH("pj_rnn_gemm", pj_rnn_gemm, grid, 0, ta, tb, m, n, k, da.p, lda, db.p, ldb, dc.p, ldc, accumulate, k,
                   0LL);
    } else {
        const int chunk = ((k + splits - 1) / splits + 15) / 16 * 16;
        const long long stride = (long long)ldc * n;
        pjt::Buf<float> parts((size_t)stride * splits);
        PJT_LAUNCH("pj_rnn_gemm", pj_rnn_gemm, grid, 0, ta, tb, m, n, k, da.p, lda, db.p, ldb, parts.p, ldc, 0, chunk,
                   stride);
        // padding rows of the slices were never written: sum only whole columns' rows below m
        for (int j = 0; j < n; j++) {
            PJT_LAUNCH("pj_rnn_sum_parts", pj_rnn_sum_parts, dim3(1), 0, parts.p + (size_t)j * ldc, dc.p + (size_t)j * ldc,
                       m, splits, stride, accumulate);
        }
    }
    expectClose(name, dc.host(), ref, 1e-5, 1e-5);
}

static void checkSums() {
    const int rows = 37, cols = 301, chunk = 64, chunks = (cols + chunk - 1) / chunk;
    std::vector<float> x = randomF((size_t)rows * cols, -1, 1);
    Vec ref(rows, 0.0);
    for (int c = 0; c < cols; c++)
        for (int i = 0; i < rows; i++) ref[i] += x[i + (size_t)c * rows];
    pjt::Buf<float> dx(x), part((size_t)chunks * rows), out(rows);
    PJT_LAUNCH("pj_rnn_column_chunk_sums", pj_rnn_column_chunk_sums, dim3(chunks), 0, dx.p, part.p, rows, cols, chunk);
    PJT_LAUNCH("pj_rnn_sum_parts", pj_rnn_sum_parts, dim3(2), 0, part.p, out.p, rows, chunks, (long long)rows, 0);
    expectClose("row sums 37 x 301 in chunks of 64", out.host(), ref, 1e-5, 1e-5);

    std::vector<float> bias = randomF(rows, -1, 1);
    Vec biased = widen(x);
    for (size_t e = 0; e < biased.size(); e++) biased[e] += bias[e % rows];
    pjt::Buf<float> db(bias);
    PJT_LAUNCH("pj_rnn_add_bias", pj_rnn_add_bias, dim3(3), 0, dx.p, db.p, rows, (long long)cols);
    expectClose("add bias 37 x 301", dx.host(), biased, 1e-6, 1e-6);
}

static void checkRealifyFold() {
    const int n = 5, m = 10;
    std::vector<float> w = randomF(2 * n * n, -1, 1);
    Vec wr((size_t)m * m);
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) {
            const double re = w[2 * (i + j * n)], im = w[2 * (i + j * n) + 1];
            wr[i + j * m] = re;
            wr[n + i + j * m] = im;
            wr[i + (n + j) * m] = -im;
            wr[n + i + (n + j) * m] = re;
        }
    pjt::Buf<float> dw(w), dwr((size_t)m * m);
    PJT_LAUNCH("pj_rnn_realify", pj_rnn_realify, dim3(1), 0, dw.p, dwr.p, n);
    expectClose("realify 5 x 5 complex", dwr.host(), wr, 0, 0);
    // fold is realify's adjoint: <fold(G), W> = <G, realify(W)> for the real inner products
    std::vector<float> gr = randomF((size_t)m * m, -1, 1);
    Vec folded(2 * n * n);
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) {
            folded[2 * (i + j * n)] = (double)gr[i + j * m] + gr[n + i + (n + j) * m];
            folded[2 * (i + j * n) + 1] = (double)gr[n + i + j * m] - gr[i + (n + j) * m];
        }
    double lhs = 0, rhs = 0;
    for (size_t e = 0; e < folded.size(); e++) lhs += folded[e] * w[e];
    for (size_t e = 0; e < wr.size(); e++) rhs += (double)gr[e] * wr[e];
    pjt::report(std::fabs(lhs - rhs) <= 1e-9 * (1 + std::fabs(rhs)), "fold reference is realify's adjoint", "");
    pjt::Buf<float> dgr(gr), dgw(2 * n * n);
    PJT_LAUNCH("pj_rnn_fold", pj_rnn_fold, dim3(1), 0, dgr.p, dgw.p, n);
    expectClose("fold 10 x 10 -> 5 x 5 complex", dgw.host(), folded, 1e-6, 1e-6);
}

static void checkLosses() {
    const int outs = 7, count = 300;
    std::vector<float> y = randomF((size_t)outs * count, -4, 4);
    y[5] = 60.f;  // a large logit: the max shift keeps exp finite
    std::vector<int> labels(count);
    for (int j = 0; j < count; j++) labels[j] = (int)(rng() % outs);
    const double scale = 1.0 / count;
    Vec dyRef((size_t)outs * count), lossRef(count);
    double sum = 0;
    for (int j = 0; j < count; j++) {
        double mx = -INFINITY, s = 0;
        for (int i = 0; i < outs; i++) mx = std::max(mx, (double)y[j * outs + i]);
        for (int i = 0; i < outs; i++) s += std::exp(y[j * outs + i] - mx);
        lossRef[j] = std::log(s) + mx - y[j * outs + labels[j]];
        sum += lossRef[j];
        for (int i = 0; i < outs; i++) {
            const double p = std::exp(y[j * outs + i] - mx) / s;
            dyRef[j * outs + i] = scale * (i == labels[j] ? p - 1 : p);
        }
    }
    pjt::Buf<float> dy(y), ddy((size_t)outs * count);
    pjt::Buf<int> dl(labels);
    pjt::Buf<double> dloss(count), dtot(1);
    PJT_LAUNCH("pj_rnn_cross_entropy", pj_rnn_cross_entropy, dim3(1), 0, dy.p, dl.p, ddy.p, dloss.p, outs, count, scale);
    expectClose("cross-entropy dy 7 x 300", ddy.host(), dyRef, 1e-7, 1e-5);
    expectClose("cross-entropy per-column loss", dloss.host(), lossRef, 1e-9, 1e-9);
    PJT_LAUNCH("pj_rnn_total", pj_rnn_total, dim3(1), 0, dloss.p, count, scale, dtot.p);
    expectClose("total of 300 losses", dtot.host(), Vec{sum * scale}, 1e-12, 1e-12);

    std::vector<float> targets = randomF((size_t)outs * count, -1, 1);
    const double mscale = 1.0 / (outs * count);
    Vec mse((size_t)outs * count), mloss(count, 0.0);
    for (int j = 0; j < count; j++)
        for (int i = 0; i < outs; i++) {
            const double d = (double)y[j * outs + i] - targets[j * outs + i];
            mloss[j] += d * d;
            mse[j * outs + i] = 2 * mscale * d;
        }
    pjt::Buf<float> dt(targets);
    PJT_LAUNCH("pj_rnn_squared_error", pj_rnn_squared_error, dim3(2), 0, dy.p, dt.p, ddy.p, dloss.p, outs, count, mscale);
    expectClose("squared error dy 7 x 300", ddy.host(), mse, 1e-7, 1e-5);
    expectClose("squared error per-column loss", dloss.host(), mloss, 1e-9, 1e-9);
}

// train/RmsProp, Adam and Sgd's computeDelta, three steps in a row from the same state
static void checkOptimizer(const char* what, int kind, double p1, double p2, double eps, double wd, int flag, int toDelta) {
    const int n = 333;
    const double lr = 0.01, scale = 0.25;
    std::vector<float> w = randomF(n, -1, 1), s1(n, 0.f), s2(n, 0.f), delta(n, 0.f);
    Vec rw = widen(w), r1(n, 0.0), r2(n, 0.0), rd(n, 0.0);
    pjt::Buf<float> dw(w), dg(n), d1(s1), d2(s2), dd(delta);
    for (int t = 1; t <= 3; t++) {
        std::vector<float> grad = randomF(n, -2, 2);
        dg.set(grad);
        const double c1 = 1 - std::pow(p1, t), c2 = 1 - std::pow(p2, t);
        for (int j = 0; j < n; j++) {
            double g = grad[j], d;
            const double v = rw[j];
            if (kind == PJ_RNN_RMSPROP) {
                r1[j] = p1 * r1[j] + (1 - p1) * g * g;
                double step = g / (std::sqrt(r1[j]) + eps);
                if (p2 > 0) { r2[j] = p2 * r2[j] + step; step = r2[j]; }
                d = -lr * step;
            } else if (kind == PJ_RNN_ADAM) {
                if (!flag) g += wd * v;
                r1[j] = p1 * r1[j] + (1 - p1) * g;
                r2[j] = p2 * r2[j] + (1 - p2) * g * g;
                d = -lr * (r1[j] / c1) / (std::sqrt(r2[j] / c2) + eps);
                if (flag) d -= lr * wd * v;
            } else {
                g += wd * v;
                if (p1 != 0) { r1[j] = t == 1 ? g : p1 * r1[j] + g; g = flag ? g + p1 * r1[j] : r1[j]; }
                d = -lr * g;
            }
            if (toDelta) rd[j] = d * scale; else rw[j] = v + d;
        }
        PJT_LAUNCH("pj_rnn_optimizer", pj_rnn_optimizer, dim3(2), 0, dw.p, dg.p, d1.p, d2.p, dd.p, n, kind, lr, p1, p2,
                   eps, wd, c1, c2, flag, t == 1 ? 1 : 0, toDelta, scale);
    }
    expectClose(std::string("optimizer ") + what + (toDelta ? " delta" : " value"), toDelta ? dd.host() : dw.host(),
                toDelta ? rd : rw, 1e-6, 1e-5);
}

// ---- a whole training step's gradients, composed from the kernels as
// train/gpu/DeviceTrainer composes them (same GEMM shapes, transposes, leading dimensions and
// offsets), against central finite differences of a double reference loss ----
struct Net {
    int in, n, out, m, units;  // units = n when complex
    Vec w, v, c, beta, u, d;   // w: n x n real, or complex interleaved (2 n^2)
};
static Vec realified(const Net& net) {
    if (!net.units) return net.w;
    const int n = net.n, m = net.m;
    Vec wr((size_t)m * m);
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) {
            const double re = net.w[2 * (i + j * n)], im = net.w[2 * (i + j * n) + 1];
            wr[i + j * m] = re; wr[n + i + j * m] = im; wr[i + (n + j) * m] = -im; wr[n + i + (n + j) * m] = re;
        }
    return wr;
}
// mean cross-entropy of the scored steps t >= lossFrom
static double refLoss(const Net& net, const Vec& x, const std::vector<int>& labels, int T, int B, int lossFrom) {
    const int m = net.m;
    const size_t cols = (size_t)T * B;
    Vec z(cols * m);
    for (size_t j = 0; j < cols; j++)
        for (int i = 0; i < m; i++) {
            double s = net.c[i];
            for (int p = 0; p < net.in; p++) s += net.v[i + (size_t)p * m] * x[j * net.in + p];
            z[j * m + i] = s;
        }
    Recurrence r{m, B, T, net.units, realified(net), net.beta};
    Vec h;
    refForward(r, z, h);
    double total = 0;
    const int count = (T - lossFrom) * B;
    for (int j = 0; j < count; j++) {
        const double* hj = &h[((size_t)(lossFrom + 1) * B + j) * m];
        std::vector<double> y(net.out);
        double mx = -INFINITY, s = 0;
        for (int o = 0; o < net.out; o++) {
            double a = net.d[o];
            for (int k = 0; k < m; k++) a += net.u[o + (size_t)k * net.out] * hj[k];
            y[o] = a;
            mx = std::max(mx, a);
        }
        for (int o = 0; o < net.out; o++) s += std::exp(y[o] - mx);
        total += std::log(s) + mx - y[labels[j]];
    }
    return total / count;
}

static void checkWholeStep(bool complex) {
    const int in = 3, out = 4, T = 5, B = 3, lossFrom = 2, n = complex ? 4 : 6;
    Net net{in, n, out, complex ? 2 * n : n, complex ? n : 0, {}, {}, {}, {}, {}, {}};
    const int m = net.m;
    auto fill = [](size_t k, double lo, double hi) { return widen(randomF(k, lo, hi)); };
    net.w = fill((size_t)(complex ? 2 : 1) * n * n, -0.5, 0.5);
    net.v = fill((size_t)m * in, -0.8, 0.8);
    net.c = fill(m, -0.2, 0.4);
    net.beta = fill(complex ? n : 0, -0.2, 0.1);
    net.u = fill((size_t)out * m, -0.8, 0.8);
    net.d = fill(out, -0.2, 0.2);
    const size_t cols = (size_t)T * B;
    const int count = (T - lossFrom) * B;
    Vec x = fill(cols * in, -1, 1);
    std::vector<int> labels(count);
    for (int j = 0; j < count; j++) labels[j] = (int)(rng() % out);
    auto f32 = [](const Vec& v) { return std::vector<float>(v.begin(), v.end()); };
    // device copies, rounded to float; the finite differences use the same rounded values
    for (Vec* p : {&net.w, &net.v, &net.c, &net.beta, &net.u, &net.d, &x})
        for (double& e : *p) e = (double)(float)e;
    pjt::Buf<float> dw(f32(net.w)), dv(f32(net.v)), dc(f32(net.c)), dbeta(f32(complex ? net.beta : Vec{0.0})),
        du(f32(net.u)), dd(f32(net.d)), dx(f32(x));
    pjt::Buf<float> wr((size_t)m * m), z(cols * m), h((cols + B) * m), g(cols * m), y((size_t)out * count),
        dy((size_t)out * count), gwr((size_t)m * m), gw(net.w.size()), gv((size_t)m * in), gc(m),
        gbeta(complex ? n : 1), gu((size_t)out * m), gd(out), parts(4096);
    pjt::Buf<int> dl(labels);
    pjt::Buf<double> perColumn(count), loss(1);
    const float* wUsed = complex ? wr.p : dw.p;
    if (complex) PJT_LAUNCH("pj_rnn_realify", pj_rnn_realify, dim3(1), 0, dw.p, wr.p, n);
    const dim3 one(1);
    auto gemm = [&](int ta, int tb, int gm, int gn, int gk, const float* a, int lda, const float* b, int ldb, float* c, int ldc) {
        PJT_LAUNCH("pj_rnn_gemm", pj_rnn_gemm, dim3((gm + 63) / 64, (gn + 63) / 64, 1), 0, ta, tb, gm, gn, gk, a, lda, b, ldb,
                   c, ldc, 0, gk, 0LL);
    };
    // forward (DeviceTrainer.forward)
    gemm(0, 0, m, (int)cols, in, dv.p, m, dx.p, in, z.p, m);
    PJT_LAUNCH("pj_rnn_add_bias", pj_rnn_add_bias, one, 0, z.p, dc.p, m, (long long)cols);
    const int blocks = 2, per = (B + blocks - 1) / blocks;
    PJT_LAUNCH("pj_rnn_forward", pj_rnn_forward, dim3(blocks), forwardShared(m, per, 1), wUsed, z.p, h.p,
               complex ? dbeta.p : dc.p, m, B, T, net.units, 1);
    float* scored = h.p + (size_t)(lossFrom + 1) * B * m;
    gemm(0, 0, out, count, m, du.p, out, scored, m, y.p, out);
    PJT_LAUNCH("pj_rnn_add_bias", pj_rnn_add_bias, one, 0, y.p, dd.p, out, (long long)count);
    PJT_LAUNCH("pj_rnn_cross_entropy", pj_rnn_cross_entropy, one, 0, y.p, dl.p, dy.p, perColumn.p, out, count, 1.0 / count);
    PJT_LAUNCH("pj_rnn_total", pj_rnn_total, one, 0, perColumn.p, count, 1.0 / count, loss.p);
    // backward (DeviceTrainer.backward)
    const size_t lossCol = (size_t)lossFrom * B;
    pjt::zero(g.p, sizeof(float) * lossCol * m);
    gemm(1, 0, m, count, out, du.p, out, dy.p, out, g.p + lossCol * m, m);
    PJT_LAUNCH("pj_rnn_backward", pj_rnn_backward, dim3(blocks), backwardShared(m, per, net.units, 1), wUsed, z.p, g.p,
               complex ? dbeta.p : dc.p, parts.p, m, B, T, net.units, 1);
    if (complex) PJT_LAUNCH("pj_rnn_sum_parts", pj_rnn_sum_parts, one, 0, parts.p, gbeta.p, n, blocks, (long long)n, 0);
    gemm(0, 1, m, m, (int)cols, g.p, m, h.p, m, complex ? gwr.p : gw.p, m);
    if (complex) PJT_LAUNCH("pj_rnn_fold", pj_rnn_fold, one, 0, gwr.p, gw.p, n);
    gemm(0, 1, m, in, (int)cols, g.p, m, dx.p, in, gv.p, m);
    PJT_LAUNCH("pj_rnn_column_chunk_sums", pj_rnn_column_chunk_sums, dim3(((int)cols + 7) / 8), 0, g.p, parts.p, m, (int)cols, 8);
    PJT_LAUNCH("pj_rnn_sum_parts", pj_rnn_sum_parts, one, 0, parts.p, gc.p, m, ((int)cols + 7) / 8, (long long)m, 0);
    gemm(0, 1, out, m, count, dy.p, out, scored, m, gu.p, out);
    PJT_LAUNCH("pj_rnn_column_chunk_sums", pj_rnn_column_chunk_sums, one, 0, dy.p, parts.p, out, count, count);
    PJT_LAUNCH("pj_rnn_sum_parts", pj_rnn_sum_parts, one, 0, parts.p, gd.p, out, 1, (long long)out, 0);

    const std::string tag = complex ? "modReLU" : "ReLU";
    expectClose("whole step loss " + tag, loss.host(), Vec{refLoss(net, x, labels, T, B, lossFrom)}, 1e-6, 1e-5);
    struct P { const char* name; Vec* value; pjt::Buf<float>* grad; };
    std::vector<P> ps = {{"W", &net.w, &gw}, {"V", &net.v, &gv}, {"c", &net.c, &gc}, {"U", &net.u, &gu}, {"d", &net.d, &gd}};
    if (complex) ps.push_back({"beta", &net.beta, &gbeta});
    for (P& p : ps) {
        Vec fd(p.value->size());
        const double eps = 1e-5;
        for (size_t i = 0; i < fd.size(); i++) {
            const double saved = (*p.value)[i];
            (*p.value)[i] = saved + eps;
            const double up = refLoss(net, x, labels, T, B, lossFrom);
            (*p.value)[i] = saved - eps;
            const double down = refLoss(net, x, labels, T, B, lossFrom);
            (*p.value)[i] = saved;
            fd[i] = (up - down) / (2 * eps);
        }
        double scale = 0;
        for (double v : fd) scale = std::max(scale, std::fabs(v));
        expectClose("whole step dL/d" + std::string(p.name) + " vs finite differences " + tag, p.grad->host(), fd,
                    1e-5 * scale + 1e-8, 1e-3);
        pjt::report(scale > 1e-6, "whole step dL/d" + std::string(p.name) + " " + tag + " is not all zero", "");
    }
}

int main() {
    std::string what;
    if (!pjt::available(what)) {
        std::printf("SKIP %s\n", what.c_str());
        return pjt::noGpuStatus();
    }
    std::printf("RNN kernels on %s\n", what.c_str());
    // the issue's small size, ReLU and modReLU, W on chip and not, a block left without sequences
    checkRecurrence(0, 8, 3, 5, 2, 1);
    checkRecurrence(0, 8, 3, 5, 4, 0);
    checkRecurrence(4, 0, 3, 5, 2, 1);
    checkRecurrence(4, 0, 3, 5, 1, 0);
    // odd m with W on chip: the padded layout keeps every state column 16-byte aligned
    checkRecurrence(0, 7, 5, 4, 2, 1);
    // the paper's hidden 190 with W on chip, more rows than threads and odd sizes in global
    // memory, several sequences per block
    checkRecurrence(0, 190, 5, 3, 2, 1);
    checkRecurrence(95, 0, 4, 3, 3, 1);
    checkRecurrence(0, 263, 5, 3, 2, 0);
    checkRecurrence(131, 0, 4, 3, 3, 0);
    for (int ta = 0; ta < 2; ta++)
        for (int tb = 0; tb < 2; tb++) checkGemm(ta, tb, 70, 67, 37, 0, 1);
    checkGemm(0, 0, 5, 130, 3, 1, 1);
    checkGemm(0, 1, 19, 23, 200, 0, 3);
    checkGemm(1, 0, 8, 9, 150, 1, 4);
    checkSums();
    checkRealifyFold();
    checkWholeStep(false);
    checkWholeStep(true);
    checkLosses();
    checkOptimizer("RMSprop", PJ_RNN_RMSPROP, 0.99, 0, 1e-8, 0, 0, 0);
    checkOptimizer("RMSprop momentum", PJ_RNN_RMSPROP, 0.99, 0.9, 1e-8, 0, 0, 1);
    checkOptimizer("Adam", PJ_RNN_ADAM, 0.9, 0.999, 1e-8, 0.01, 0, 0);
    checkOptimizer("AdamW", PJ_RNN_ADAM, 0.9, 0.999, 1e-8, 0.01, 1, 1);
    checkOptimizer("SGD momentum", PJ_RNN_SGD, 0.9, 0, 0, 0.001, 0, 0);
    checkOptimizer("SGD Nesterov", PJ_RNN_SGD, 0.9, 0, 0, 0, 1, 1);
    checkOptimizer("SGD plain", PJ_RNN_SGD, 0, 0, 0, 0, 0, 0);
    const char* entries[] = {"pj_rnn_forward", "pj_rnn_backward", "pj_rnn_gemm", "pj_rnn_sum_parts",
                             "pj_rnn_column_chunk_sums", "pj_rnn_add_bias", "pj_rnn_realify", "pj_rnn_fold",
                             "pj_rnn_cross_entropy", "pj_rnn_squared_error", "pj_rnn_total", "pj_rnn_optimizer"};
    size_t missing = 0;
    for (const char* e : entries) missing += pjt::launched.count(e) ? 0 : 1;
    pjt::report(missing == 0, "every RNN entry point launched", std::to_string(pjt::launched.size()) + " of 12");
    return pjt::finish();
}
