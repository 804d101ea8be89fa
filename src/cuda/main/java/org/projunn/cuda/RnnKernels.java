package org.projunn.cuda;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;

import jcuda.driver.CUdeviceptr;
import org.projunn.InvalidInputException;

/**
 * Typed launches of the RNN training kernels (kernels/projunn_rnn_kernels.cu, float32 storage)
 * on the backend's stream, for device-resident training loops such as projunn-train's
 * {@code org.projunn.train.gpu.DeviceTrainer}. Pointers are device addresses in the backend's
 * context (e.g. {@link CudaTensor#pointer()}); every method only queues work on the stream.
 * Get it from {@link CudaBackend#rnnKernels()}; closed with the backend. Not thread-safe.
 *
 * <p>Layouts: column-major; one column per (time step t, sequence b) at index {@code t * batch + b};
 * the hidden states have {@code (T + 1) * batch} columns, the first {@code batch} being h_0 = 0.
 */
public final class RnnKernels implements AutoCloseable {
    /** Optimizer kind of {@link #optimizer}: RMSprop (PJ_RNN_RMSPROP in rnn_optim.cuh). */
    public static final int RMSPROP = 0;
    /** Optimizer kind of {@link #optimizer}: Adam, or AdamW with {@code flag} 1. */
    public static final int ADAM = 1;
    /** Optimizer kind of {@link #optimizer}: SGD with optional momentum (Nesterov with {@code flag} 1). */
    public static final int SGD = 2;
    /** Columns one block sums per chunk in {@link #rowSums}. */
    private static final int SUM_CHUNK = 256;
    /** The deepest slice of k per split-K block worth launching separately. */
    private static final int MIN_SPLIT_DEPTH = 512;
    private static final int GRID_STRIDE_BLOCKS = 1024;

    private final CudaBackend backend;
    private final KernelModule module;
    private final Launcher launcher;
    private final GemmOps cublas;
    private final int sharedOptIn;
    private final int multiprocessors;
    private DeviceBuffer scratch;

    /** {@code gemm}: the backend's float32 products; used where they run general GEMMs (cuBLAS). */
    RnnKernels(CudaBackend backend, int sharedOptIn, GemmOps gemm) {
        this.backend = backend;
        this.module = new KernelModule(KernelModule.RNN_RESOURCE);
        this.launcher = new Launcher(module, backend.context().stream);
        this.cublas = gemm.supportsGeneral() ? gemm : null;
        this.sharedOptIn = sharedOptIn;
        int[] v = new int[1];
        cuDeviceGetAttribute(v, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, backend.context().device);
        this.multiprocessors = v[0];
    }

    /**
     * Who runs {@link #gemm}.
     *
     * @return the cuBLAS path's description, or "own kernel (pj_rnn_gemm)"
     */
    public String gemmDescription() {
        return cublas != null ? cublas.describe() : "own kernel (pj_rnn_gemm)";
    }

    /**
     * Blocks of the recurrence kernels for a batch: one per SM at most, each owning a slice of sequences.
     *
     * @param batch sequences in the batch, at least 1
     * @return the grid size of {@link #forward} and {@link #backward}
     */
    public int recurrenceBlocks(int batch) {
        return Math.max(1, Math.min(batch, multiprocessors));
    }

    /**
     * Whether W stays in shared memory during the recurrence of this batch.
     *
     * @param m rows of the real state (N, or 2N for a unitary network)
     * @param batch sequences in the batch
     * @return true when W (m x m float32) and the slice's states fit the device's opt-in shared memory
     */
    public boolean keepsWeightsOnChip(int m, int batch) {
        int per = ceilDiv(batch, recurrenceBlocks(batch));
        return backwardShared(m, per, m / 2, true) <= sharedOptIn - 1024;
    }

    // ---- the recurrence ----

    /**
     * The forward recurrence over all steps: on entry z holds the input term V x_t + c of every
     * column; on exit the pre-activations z_t, and h the states ((steps + 1) * batch columns).
     *
     * @param w the real m x m recurrent matrix (realified for a unitary network)
     * @param z m x (steps * batch): the input term in, the pre-activations out
     * @param h m x ((steps + 1) * batch), written: h_0 = 0, then h_t
     * @param beta the N modReLU biases (not read for ReLU, but must be a valid address)
     * @param m rows of the state
     * @param batch sequences
     * @param steps time steps T
     * @param units 0 for ReLU, else the N = m / 2 complex units of modReLU
     * @throws org.projunn.InvalidInputException for sizes out of range
     */
    public void forward(CUdeviceptr w, CUdeviceptr z, CUdeviceptr h, CUdeviceptr beta, int m, int batch, int steps,
                        int units) {
        checkRecurrence(m, batch, steps, units);
        int blocks = recurrenceBlocks(batch);
        int per = ceilDiv(batch, blocks);
        int wShared = keepsWeightsOnChip(m, batch) ? 1 : 0;
        int shared = (int) forwardShared(m, per, wShared == 1);
        launcher.launch("pj_rnn_forward", blocks, 1, 1, shared, w, z, h, beta, m, batch, steps, units, wShared);
    }

    /**
     * The backward recurrence: g holds dL/dh_t from the read-out on entry, dL/dz_t on exit.
     *
     * @param w the real m x m recurrent matrix the forward pass used
     * @param z the forward pass's pre-activations, m x (steps * batch)
     * @param g m x (steps * batch): dL/dh_t in (0 where nothing is scored), dL/dz_t out
     * @param beta the N modReLU biases (not read for ReLU)
     * @param dBeta N floats, written with the modReLU biases' gradient (untouched for ReLU)
     * @param m rows of the state
     * @param batch sequences
     * @param steps time steps T
     * @param units 0 for ReLU, else N = m / 2
     * @throws org.projunn.InvalidInputException for sizes out of range
     */
    public void backward(CUdeviceptr w, CUdeviceptr z, CUdeviceptr g, CUdeviceptr beta, CUdeviceptr dBeta, int m,
                         int batch, int steps, int units) {
        checkRecurrence(m, batch, steps, units);
        int blocks = recurrenceBlocks(batch);
        int per = ceilDiv(batch, blocks);
        int wShared = keepsWeightsOnChip(m, batch) ? 1 : 0;
        int shared = (int) backwardShared(m, per, units, wShared == 1);
        CUdeviceptr parts = units > 0 ? scratch((long) blocks * units * 4) : dBeta;
        launcher.launch("pj_rnn_backward", blocks, 1, 1, shared, w, z, g, beta, parts, m, batch, steps, units, wShared);
        if (units > 0) {
            sumParts(parts, dBeta, units, blocks, units, 0);
        }
    }

    /* Dynamic shared memory of pj_rnn_forward: W rounded up to 4 floats, two state columns per sequence padded to 4. */
    static long forwardShared(int m, int per, boolean wShared) {
        long weights = wShared ? ((long) m * m + 3) / 4 * 4 : 0;
        return 4L * (weights + 2L * per * ((m + 3) / 4 * 4));
    }

    /* pj_rnn_backward's: the forward layout plus the modReLU bias sums in double. */
    static long backwardShared(int m, int per, int units, boolean wShared) {
        return forwardShared(m, per, wShared) + 8L * units;
    }

    private static void checkRecurrence(int m, int batch, int steps, int units) {
        if (m < 1 || batch < 1 || steps < 1 || (units != 0 && 2 * units != m)) {
            throw new InvalidInputException("recurrence needs m, batch, steps >= 1 and units 0 or m / 2, got m=" + m
                    + " batch=" + batch + " steps=" + steps + " units=" + units);
        }
    }

    // ---- dense products and glue ----

    /**
     * {@code C = op(A) op(B) (+ C when accumulate)}, float32 column-major with leading dimensions.
     * cuBLAS when it started, else the tiled kernel, with k split over blocks when the output
     * alone would leave the SMs idle.
     *
     * @param transA op(A) = A^T
     * @param transB op(B) = B^T
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param a A's first element
     * @param lda A's leading dimension
     * @param b B's first element
     * @param ldb B's leading dimension
     * @param accumulate add to C instead of overwriting it
     * @param c C's first element, written
     * @param ldc C's leading dimension
     * @throws org.projunn.InvalidInputException for a size below 1
     */
    public void gemm(boolean transA, boolean transB, int m, int n, int k, CUdeviceptr a, int lda, CUdeviceptr b,
                     int ldb, boolean accumulate, CUdeviceptr c, int ldc) {
        if (m < 1 || n < 1 || k < 1) {
            throw new InvalidInputException("gemm sizes must be positive, got " + m + " x " + n + " x " + k);
        }
        if (cublas != null) {
            cublas.general(transA, transB, m, n, k, a, lda, b, ldb, accumulate, c, ldc);
            return;
        }
        int ta = transA ? 1 : 0;
        int tb = transB ? 1 : 0;
        int acc = accumulate ? 1 : 0;
        int gx = ceilDiv(m, 64);
        int gy = ceilDiv(n, 64);
        int splits = Math.max(1, Math.min(ceilDiv(2 * multiprocessors, gx * gy), k / MIN_SPLIT_DEPTH));
        if (splits == 1 || ldc != m) {
            // grid y is at most 65535 tiles of 64 columns: wider products go in column slices
            int maxCols = Launcher.MAX_GRID_YZ * 64;
            for (int j0 = 0; j0 < n; j0 += maxCols) {
                int cols = Math.min(maxCols, n - j0);
                int gyj = ceilDiv(cols, 64);
                CUdeviceptr bj = b.withByteOffset(4L * (transB ? j0 : (long) j0 * ldb));
                CUdeviceptr cj = c.withByteOffset(4L * j0 * ldc);
                launcher.launch("pj_rnn_gemm", gx, gyj, 1, 0, ta, tb, m, cols, k, a, lda, bj, ldb, cj, ldc, acc, k, 0L);
            }
            return;
        }
        int chunk = ceilDiv(ceilDiv(k, splits), 16) * 16;
        splits = ceilDiv(k, chunk);
        long slice = (long) m * n;
        CUdeviceptr parts = scratch(4 * slice * splits);
        launcher.launch("pj_rnn_gemm", gx, gy, splits, 0, ta, tb, m, n, k, a, lda, b, ldb, parts, m, 0, chunk, slice);
        sumParts(parts, c, (int) slice, splits, slice, acc);
    }

    /**
     * {@code out[i] = (accumulate ? out[i] : 0) + sum_p src[p * stride + i]}, summed in double in a fixed order.
     *
     * @param src the parts
     * @param out len floats, written
     * @param len elements per part
     * @param parts how many parts
     * @param stride floats from one part to the next
     * @param accumulate 1 to add to out, 0 to overwrite it
     */
    public void sumParts(CUdeviceptr src, CUdeviceptr out, int len, int parts, long stride, int accumulate) {
        int blocks = Math.min(GRID_STRIDE_BLOCKS, ceilDiv(len, Launcher.THREADS));
        launcher.launch("pj_rnn_sum_parts", blocks, 1, 1, 0, src, out, len, parts, stride, accumulate);
    }

    /**
     * {@code out[i] = sum_j x[i + j rows]} over the cols columns, without atomics (two passes).
     *
     * @param x rows x cols
     * @param out rows floats, written
     * @param rows rows of x
     * @param cols columns of x
     */
    public void rowSums(CUdeviceptr x, CUdeviceptr out, int rows, int cols) {
        int chunks = ceilDiv(cols, SUM_CHUNK);
        int chunk = SUM_CHUNK;
        CUdeviceptr part = scratch(4L * rows * chunks);
        launcher.launch("pj_rnn_column_chunk_sums", chunks, 1, 1, 0, x, part, rows, cols, chunk);
        sumParts(part, out, rows, chunks, rows, 0);
    }

    /**
     * Adds {@code bias} to each column of x.
     *
     * @param x rows x cols, updated
     * @param bias rows floats
     * @param rows rows of x
     * @param cols columns of x
     */
    public void addBias(CUdeviceptr x, CUdeviceptr bias, int rows, long cols) {
        int blocks = (int) Math.min(GRID_STRIDE_BLOCKS, ceilDiv(rows * cols, Launcher.THREADS));
        launcher.launch("pj_rnn_add_bias", blocks, 1, 1, 0, x, bias, rows, cols);
    }

    /**
     * The complex n x n W as the real 2n x 2n matrix [[Re W, -Im W], [Im W, Re W]] acting on [Re h; Im h].
     *
     * @param w n x n complex, interleaved
     * @param wr 2n x 2n floats, written
     * @param n units
     */
    public void realify(CUdeviceptr w, CUdeviceptr wr, int n) {
        int blocks = (int) Math.min(GRID_STRIDE_BLOCKS, ceilDiv((long) n * n, Launcher.THREADS));
        launcher.launch("pj_rnn_realify", blocks, 1, 1, 0, w, wr, n);
    }

    /**
     * The gradient of the realified 2n x 2n matrix back onto the complex n x n W.
     *
     * @param gr 2n x 2n floats
     * @param gw n x n complex interleaved, written
     * @param n units
     */
    public void fold(CUdeviceptr gr, CUdeviceptr gw, int n) {
        int blocks = (int) Math.min(GRID_STRIDE_BLOCKS, ceilDiv((long) n * n, Launcher.THREADS));
        launcher.launch("pj_rnn_fold", blocks, 1, 1, 0, gr, gw, n);
    }

    // ---- loss ----

    /**
     * Softmax cross-entropy of the logit columns against int labels.
     *
     * @param y outs x count logits
     * @param labels count ints in [0, outs)
     * @param dy outs x count, written with scale (softmax - onehot)
     * @param perColumn count doubles of scratch (each column's loss)
     * @param loss one double, written with scale times the sum of the columns' losses
     * @param outs classes
     * @param count columns
     * @param scale usually 1 / count (the mean)
     */
    public void crossEntropy(CUdeviceptr y, CUdeviceptr labels, CUdeviceptr dy, CUdeviceptr perColumn,
                             CUdeviceptr loss, int outs, int count, double scale) {
        int blocks = Math.min(GRID_STRIDE_BLOCKS, ceilDiv(count, Launcher.THREADS));
        launcher.launch("pj_rnn_cross_entropy", blocks, 1, 1, 0, y, labels, dy, perColumn, outs, count, scale);
        total(perColumn, count, scale, loss);
    }

    /**
     * Squared error against float targets.
     *
     * @param y outs x count outputs
     * @param targets outs x count floats
     * @param dy outs x count, written with 2 scale (y - t)
     * @param perColumn count doubles of scratch
     * @param loss one double, written with scale times the sum of squared errors
     * @param outs outputs per column
     * @param count columns
     * @param scale usually 1 / (outs count)
     */
    public void squaredError(CUdeviceptr y, CUdeviceptr targets, CUdeviceptr dy, CUdeviceptr perColumn,
                             CUdeviceptr loss, int outs, int count, double scale) {
        int blocks = Math.min(GRID_STRIDE_BLOCKS, ceilDiv(count, Launcher.THREADS));
        launcher.launch("pj_rnn_squared_error", blocks, 1, 1, 0, y, targets, dy, perColumn, outs, count, scale);
        total(perColumn, count, scale, loss);
    }

    private void total(CUdeviceptr v, int n, double scale, CUdeviceptr out) {
        launcher.launch("pj_rnn_total", 1, 1, 1, 0, v, n, scale, out);
    }

    // ---- optimizer ----

    /**
     * One optimizer update of n floats with projunn-train's RmsProp, Adam/AdamW and Sgd
     * conventions (PyTorch's): {@code value += d}, or with {@code toDelta} {@code delta = d * deltaScale}.
     *
     * @param value the parameters (read for weight decay; updated unless toDelta)
     * @param grad their gradient
     * @param s1 state: RMSprop square average, Adam first moment, SGD momentum buffer
     * @param s2 state: RMSprop momentum buffer, Adam second moment (unused by SGD)
     * @param delta n floats written when toDelta is 1 (else not touched)
     * @param n floats
     * @param kind {@link #RMSPROP}, {@link #ADAM} or {@link #SGD}
     * @param lr learning rate of this step
     * @param p1 RMSprop alpha, Adam beta1, SGD momentum
     * @param p2 RMSprop momentum, Adam beta2
     * @param eps RMSprop and Adam epsilon
     * @param wd weight decay (Adam/AdamW and SGD)
     * @param c1 Adam's 1 - beta1^t
     * @param c2 Adam's 1 - beta2^t
     * @param flag 1: AdamW (decoupled decay) or SGD Nesterov
     * @param first 1 on the first step (SGD's buffer starts at the gradient)
     * @param toDelta 1 to write delta instead of updating value
     * @param deltaScale factor on delta (1 / the learning-rate divider of projUNN)
     */
    public void optimizer(CUdeviceptr value, CUdeviceptr grad, CUdeviceptr s1, CUdeviceptr s2, CUdeviceptr delta,
                          int n, int kind, double lr, double p1, double p2, double eps, double wd, double c1,
                          double c2, int flag, int first, int toDelta, double deltaScale) {
        int blocks = Math.min(GRID_STRIDE_BLOCKS, ceilDiv(n, Launcher.THREADS));
        launcher.launch("pj_rnn_optimizer", blocks, 1, 1, 0, value, grad, s1, s2, delta, n, kind, lr, p1, p2, eps, wd,
                c1, c2, flag, first, toDelta, deltaScale);
    }

    // ---- memory helpers ----

    /**
     * Copies {@code src} (all of it) to the device through the backend's pinned staging buffer,
     * in order with the stream's work; returns when the data has arrived.
     *
     * @param dst at least src.length ints of device memory
     * @param src the values
     */
    public void upload(CUdeviceptr dst, int[] src) {
        backend.upload(dst, src);
    }

    /**
     * Sets floats to 0 (queued on the stream).
     *
     * @param dst the first float
     * @param count how many
     */
    public void zero(CUdeviceptr dst, long count) {
        if (count > 0) {
            cuMemsetD32Async(dst, 0, count, backend.context().stream);
        }
    }

    /**
     * The address of a float32 device array's element.
     *
     * @param base the array
     * @param index the element
     * @return {@code base + 4 index} bytes
     */
    public static CUdeviceptr at(CUdeviceptr base, long index) {
        return base.withByteOffset(4 * index);
    }

    private CUdeviceptr scratch(long bytes) {
        if (scratch == null || scratch.bytes() < bytes) {
            if (scratch != null) {
                backend.release(scratch);
            }
            scratch = backend.allocateBuffer(Math.max(bytes, 1 << 16), "RNN kernels' scratch");
        }
        return scratch.pointer();
    }

    private static int ceilDiv(long a, long b) {
        return (int) ((a + b - 1) / b);
    }

    /** Frees the scratch buffer and unloads the kernels. */
    @Override
    public void close() {
        if (scratch != null) {
            backend.release(scratch);
            scratch = null;
        }
        module.close();
    }
}
