package org.projunn.cpu;

import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * Splits the dense O(N^2) passes of a batch into (matrix, block) tasks and runs them on the
 * backend's threads, each thread with its own scratch (allocated here, once).
 *
 * <p>Row blocks are sized so that one block of A (rows x N, about 1 MiB) is still in cache (L2
 * or L3) for the second pass of the fused update, while each column chunk stays long enough
 * (at least 256 bytes) for the inner loops to run vectorized.
 */
final class BatchRunner {
    private static final int BLOCK_BYTES = 1 << 20;
    /** Shortest column chunk: long enough for the inner loops to vectorize and run at speed. */
    private static final int MIN_CHUNK_BYTES = 256;

    private final ParallelFor parallel;
    private final DenseKernels kernels;
    private final int batch;
    private final int n;
    private final int s;
    private final int rowBlock;
    private final int rowBlocks;
    private final int columnBlocks;
    private final double[][] column;
    private final double[][] chunk;
    private final double[][] acc;

    BatchRunner(ParallelFor parallel, DenseKernels kernels, int batch, int n, int maxWidth, int bytesPerElement) {
        this.parallel = parallel;
        this.kernels = kernels;
        this.batch = batch;
        this.n = n;
        this.s = kernels.scalars();
        int minRows = Math.max(1, MIN_CHUNK_BYTES / bytesPerElement);
        int rows = Math.max(minRows, BLOCK_BYTES / Math.max(1, n * bytesPerElement));
        // enough tasks to keep every thread busy
        int threads = parallel.threads();
        while (rows > minRows && (long) batch * ceilDiv(n, rows) < 2L * threads) {
            rows /= 2;
        }
        this.rowBlock = Math.min(n, Math.max(1, rows));
        this.rowBlocks = ceilDiv(n, rowBlock);
        int columnsPerBlock = Math.max(1, ceilDiv(n, Math.max(1, 4 * threads / batch)));
        this.columnBlocks = ceilDiv(n, columnsPerBlock);
        this.column = new double[threads][n * s];
        // four columns at a time (see RealKernels)
        this.chunk = new double[threads][4 * rowBlock * s];
        this.acc = new double[threads][rowBlock * Math.max(1, maxWidth) * s];
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    int rowBlock() {
        return rowBlock;
    }

    /** Runs {@code body} for every batch entry, in parallel. */
    void forEachEntry(IntConsumer body) {
        parallel.run(batch, (worker, from, to) -> {
            for (int e = from; e < to; e++) {
                body.accept(e);
            }
        });
    }

    /** out(e) = M(e)^H x(e) for every entry, x and out n x mc in kernel layout. */
    void adjointTimes(HostArray m, IntFunction<double[]> x, int mc, IntFunction<double[]> out) {
        parallel.run(batch * columnBlocks, (worker, from, to) -> {
            for (int t = from; t < to; t++) {
                int e = t / columnBlocks;
                int blk = t % columnBlocks;
                int j0 = (int) ((long) n * blk / columnBlocks);
                int j1 = (int) ((long) n * (blk + 1) / columnBlocks);
                kernels.adjointTimes(m, e * n * n, n, x.apply(e), mc, out.apply(e), j0, j1, column[worker]);
            }
        });
    }

    /** out(e) = M(e) y(e) for every entry, y and out n x mc in kernel layout. */
    void times(HostArray m, IntFunction<double[]> y, int mc, IntFunction<double[]> out) {
        parallel.run(batch * rowBlocks, (worker, from, to) -> {
            for (int t = from; t < to; t++) {
                int e = t / rowBlocks;
                int r0 = (t % rowBlocks) * rowBlock;
                int r1 = Math.min(n, r0 + rowBlock);
                kernels.times(m, e * n * n, n, y.apply(e), mc, out.apply(e), r0, r1, chunk[worker], acc[worker]);
            }
        });
    }

    /** The fused update of every entry; {@code withA}: add a b^H (projUNN-D). */
    void fusedUpdate(HostArray m, EntryWorkspace[] ws, boolean withA) {
        parallel.run(batch * rowBlocks, (worker, from, to) -> {
            for (int t = from; t < to; t++) {
                int e = t / rowBlocks;
                int r0 = (t % rowBlocks) * rowBlock;
                int r1 = Math.min(n, r0 + rowBlock);
                EntryWorkspace w = ws[e];
                kernels.fusedUpdate(m, e * n * n, n, r0, r1, w.qRows, w.g, w.r,
                        withA ? w.a : null, w.bh, w.c, w.k, chunk[worker], acc[worker]);
            }
        });
    }

    /** Squared column norms of every entry into {@code ws[e].columnNorms}; false where not finite. */
    boolean[] columnNorms(HostArray m, EntryWorkspace[] ws) {
        boolean[] finite = new boolean[batch];
        java.util.Arrays.fill(finite, true);
        parallel.run(batch * columnBlocks, (worker, from, to) -> {
            double[] col = column[worker];
            for (int t = from; t < to; t++) {
                int e = t / columnBlocks;
                int blk = t % columnBlocks;
                int j0 = (int) ((long) n * blk / columnBlocks);
                int j1 = (int) ((long) n * (blk + 1) / columnBlocks);
                double[] norms = ws[e].columnNorms;
                for (int j = j0; j < j1; j++) {
                    m.load((e * n * n + j * n) * s, col, n * s);
                    double sum = 0;
                    for (int i = 0; i < n * s; i++) {
                        sum += col[i] * col[i];
                    }
                    norms[j] = sum;
                    if (!Double.isFinite(sum)) {
                        finite[e] = false;
                    }
                }
            }
        });
        return finite;
    }
}
