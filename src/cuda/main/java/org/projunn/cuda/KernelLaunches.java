package org.projunn.cuda;

import jcuda.driver.CUdeviceptr;
import org.projunn.DType;

/**
 * Typed launches of the project's kernels for one element type: picks the entry point
 * (pj_NAME_f32/f64/c64/c128), grid, shared memory, and splits batches larger than a grid
 * dimension allows. Pointers are to batch entry 0; entry e is at e times the per-entry size.
 */
final class KernelLaunches {
    /** Shared memory the kernels declare statically, kept free when sizing dynamic shared memory. */
    private static final int STATIC_SHARED_RESERVE = 2048;

    private final Launcher launcher;
    private final DType dtype;
    private final String suffix;
    private final int sharedOptIn;

    KernelLaunches(Launcher launcher, DType dtype, int sharedOptIn) {
        this.launcher = launcher;
        this.dtype = dtype;
        this.suffix = suffix(dtype);
        this.sharedOptIn = sharedOptIn;
    }

    /** Kernels that exist once per element type, as pj_NAME_SUFFIX. */
    static final java.util.List<String> TYPED_KERNELS = java.util.List.of("step_factors", "fused_update",
            "adjoint_times", "times", "gemm", "gram_error", "ns_coefficient", "draw_sketch", "orthonormalize",
            "best_rank_k", "column_norms", "column_pick");

    /** Every extern "C" entry point the host code launches. */
    static java.util.List<String> entryPoints() {
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of("pj_nonfinite_f32", "pj_nonfinite_f64"));
        for (DType t : DType.values()) {
            for (String k : TYPED_KERNELS) {
                names.add("pj_" + k + "_" + suffix(t));
            }
        }
        return names;
    }

    static String suffix(DType dtype) {
        switch (dtype) {
            case FLOAT32: return "f32";
            case FLOAT64: return "f64";
            case COMPLEX64: return "c64";
            default: return "c128";
        }
    }

    /** Bytes of one storage element. */
    long elem() {
        return dtype.bytesPerElement();
    }

    /** Bytes of one small-operand element (double, or complex double). */
    long acc() {
        return dtype.isComplex() ? 16 : 8;
    }

    // ---- small-area sizes in complex double slots (must match step_factors.cuh and samplers.cuh) ----
    static long stepSmallSlots(int k) {
        long r = 2L * k;
        return 2 * r * k + (long) k * k + (long) k * r + 2 * r * r + 2 * r;
    }

    static long bestRankSmallSlots(int k, int w) {
        return 2L * w * w + 2L * w + (long) w * k;
    }

    static long columnSmallSlots(int k, int w) {
        return 2L * w * w + 3L * w + (long) w * k;
    }

    /** Whether a small area of {@code slots} complex doubles fits in one block's shared memory. */
    boolean fitsShared(long slots) {
        return slots * 16 <= sharedOptIn - STATIC_SHARED_RESERVE;
    }

    private int shared(long slots) {
        return fitsShared(slots) ? (int) (slots * 16) : 0;
    }

    /** Dynamic shared memory of the fused update without the tile cache. */
    long fusedBaseShared(int k) {
        return 32L * 2 * k * acc() + 32L * 32 * elem();
    }

    /** Columns of the row tile the fused update keeps on chip: all of them when they fit, else none. */
    int fusedCacheColumns(int n, int k) {
        long cols = (n + 31L) / 32 * 32;
        long need = fusedBaseShared(k) + 32 * cols * elem();
        return need <= sharedOptIn - STATIC_SHARED_RESERVE ? (int) cols : 0;
    }

    boolean fusedFits(int k) {
        return fusedBaseShared(k) <= sharedOptIn - STATIC_SHARED_RESERVE;
    }

    // ---- launches ----
    void nonFinite(CUdeviceptr x, long scalarsPerEntry, int batch, CUdeviceptr flags) {
        String name = dtype.isDoublePrecision() ? "pj_nonfinite_f64" : "pj_nonfinite_f32";
        int blocks = (int) Math.min(1024, Math.max(1, (scalarsPerEntry + Launcher.THREADS - 1) / Launcher.THREADS));
        long scalarBytes = dtype.bytesPerScalar();
        chunks(batch, (e0, count) -> launcher.launch(name, blocks, count, 1, 0,
                x.withByteOffset(e0 * scalarsPerEntry * scalarBytes), scalarsPerEntry, flags.withByteOffset(4L * e0)));
    }

    void stepFactors(CUdeviceptr a, CUdeviceptr b, CUdeviceptr ahat, int n, int k, boolean direct, int batch,
                     CUdeviceptr basis, CUdeviceptr small, CUdeviceptr qRows, CUdeviceptr g, CUdeviceptr bh,
                     CUdeviceptr c, CUdeviceptr report) {
        long slots = stepSmallSlots(k);
        int shared = shared(slots);
        launcher.launch("pj_step_factors_" + suffix, batch, 1, 1, shared, a, b, ahat, n, k, direct ? 1 : 0,
                basis, small, shared > 0 ? 1 : 0, qRows, g, bh, c, report);
    }

    void fusedUpdate(CUdeviceptr matrix, CUdeviceptr a, CUdeviceptr qRows, CUdeviceptr g, CUdeviceptr bh, CUdeviceptr c,
                     int n, int k, boolean direct, int batch) {
        if (!fusedFits(k)) {
            throw new IllegalStateException("rank k=" + k + " needs " + (fusedBaseShared(k) >> 10)
                    + " KiB of shared memory per block in the fused update; this GPU allows "
                    + (sharedOptIn >> 10) + " KiB");
        }
        int cacheCols = fusedCacheColumns(n, k);
        int shared = (int) (fusedBaseShared(k) + 32L * cacheCols * elem());
        int tiles = (n + 31) / 32;
        long r = 2L * k;
        chunks(batch, (e0, count) -> launcher.launch("pj_fused_update_" + suffix, tiles, count, 1, shared,
                matrix.withByteOffset(e0 * n * (long) n * elem()), a.withByteOffset(e0 * n * (long) k * elem()),
                qRows.withByteOffset(e0 * r * n * acc()), g.withByteOffset(e0 * r * n * acc()),
                bh.withByteOffset(e0 * (long) k * n * acc()), c.withByteOffset(e0 * (long) k * r * acc()),
                n, k, direct ? 1 : 0, cacheCols));
    }

    void adjointTimes(CUdeviceptr m, CUdeviceptr x, CUdeviceptr out, int n, int mc, int batch) {
        chunks(batch, (e0, count) -> launcher.launch("pj_adjoint_times_" + suffix, (n + 7) / 8, count, 1, 0,
                m.withByteOffset(e0 * n * (long) n * elem()), x.withByteOffset(e0 * n * (long) mc * elem()),
                out.withByteOffset(e0 * n * (long) mc * elem()), n, mc));
    }

    void times(CUdeviceptr m, CUdeviceptr y, CUdeviceptr out, int n, int mc, int batch) {
        chunks(batch, (e0, count) -> launcher.launch("pj_times_" + suffix, (n + 31) / 32, count, 1, 0,
                m.withByteOffset(e0 * n * (long) n * elem()), y.withByteOffset(e0 * n * (long) mc * elem()),
                out.withByteOffset(e0 * n * (long) mc * elem()), n, mc));
    }

    /** C = op(A) B for square n x n matrices, {@code batch} of them stored contiguously. */
    void gemmSquare(boolean adjointA, CUdeviceptr a, CUdeviceptr b, CUdeviceptr c, int n, int batch) {
        long stride = (long) n * n;
        int tiles = (n + 15) / 16;
        chunks(batch, (e0, count) -> launcher.launch("pj_gemm_" + suffix, tiles, tiles, count, 0,
                adjointA ? 1 : 0, a.withByteOffset(e0 * stride * elem()), n, stride,
                b.withByteOffset(e0 * stride * elem()), n, stride, c.withByteOffset(e0 * stride * elem()), n, stride,
                n, n, n));
    }

    void gramError(CUdeviceptr gram, int n, CUdeviceptr err) {
        int blocks = (int) Math.min(1024, ((long) n * n + Launcher.THREADS - 1) / Launcher.THREADS);
        launcher.launch("pj_gram_error_" + suffix, blocks, 1, 1, 0, gram, n, err);
    }

    void newtonSchulzCoefficient(CUdeviceptr gram, int n) {
        int blocks = (int) Math.min(1024, ((long) n * n + Launcher.THREADS - 1) / Launcher.THREADS);
        launcher.launch("pj_ns_coefficient_" + suffix, blocks, 1, 1, 0, gram, n);
    }

    void drawSketch(CUdeviceptr out, CUdeviceptr work, int n, int w, long seed, long step, int batch) {
        launcher.launch("pj_draw_sketch_" + suffix, batch, 1, 1, 0, out, work, n, w, seed, step);
    }

    void orthonormalize(CUdeviceptr in, CUdeviceptr out, CUdeviceptr work, int n, int w, int batch) {
        launcher.launch("pj_orthonormalize_" + suffix, batch, 1, 1, 0, in, out, work, n, w);
    }

    void bestRankK(CUdeviceptr v, CUdeviceptr z, CUdeviceptr a, CUdeviceptr b, CUdeviceptr small, int n, int k, int w,
                   int batch) {
        int shared = shared(bestRankSmallSlots(k, w));
        launcher.launch("pj_best_rank_k_" + suffix, batch, 1, 1, shared, v, z, a, b, small, shared > 0 ? 1 : 0, n, k, w);
    }

    void columnNorms(CUdeviceptr delta, CUdeviceptr norms, CUdeviceptr flags, int n, int batch) {
        chunks(batch, (e0, count) -> launcher.launch("pj_column_norms_" + suffix, (n + 7) / 8, count, 1, 0,
                delta.withByteOffset(e0 * n * (long) n * elem()), norms.withByteOffset(8L * e0 * n),
                flags.withByteOffset(4L * e0), n));
    }

    void columnPick(CUdeviceptr delta, CUdeviceptr norms, CUdeviceptr a, CUdeviceptr work, CUdeviceptr small,
                    int n, int k, int w, long seed, long step, int batch) {
        int shared = shared(columnSmallSlots(k, w));
        launcher.launch("pj_column_pick_" + suffix, batch, 1, 1, shared, delta, norms, a, work, small,
                shared > 0 ? 1 : 0, n, k, w, seed, step);
    }

    private interface Chunk {
        void run(long first, int count);
    }

    /** Runs {@code body} over [0, batch) in pieces a grid's y or z dimension can hold. */
    private static void chunks(int batch, Chunk body) {
        for (int e0 = 0; e0 < batch; e0 += Launcher.MAX_GRID_YZ) {
            body.run(e0, Math.min(Launcher.MAX_GRID_YZ, batch - e0));
        }
    }
}
