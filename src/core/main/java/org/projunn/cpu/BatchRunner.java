package org.projunn.cpu;

import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.projunn.parallel.WorkerPool;

/**
 * Splits the dense O(N^2) passes of a batch into (matrix, column range) tasks and runs them on
 * the backend's threads, each thread with its own scratch (allocated here, once).
 *
 * <p>Every pass streams whole columns of the column-major matrices, the order in which memory
 * delivers them fastest. Products into an N x m result ({@code M y}, {@code A Q}) sum the
 * contributions of a fixed number of column ranges, chosen from N alone, in a fixed order: the
 * result is bitwise the same for any thread count and any batch size.
 */
final class BatchRunner {
    /** Column ranges of a product into an N x m result: enough to share one matrix among threads. */
    private static final int MAX_PARTS = 8;
    private static final int MIN_COLUMNS_PER_PART = 128;
    /**
     * Below this many matrix elements a pass runs on the calling thread: waking the workers
     * costs more than the pass itself (tens of microseconds per pass, several passes a step).
     */
    private static final long MIN_PARALLEL_ELEMENTS = 1L << 17;

    private final WorkerPool parallel;
    private final DensePasses passes;
    private final int batch;
    private final int n;
    private final int s;
    private final int parts;
    private final int columnBlocks;
    private final boolean inline;
    private final double[][] columns;
    private final double[][][] streams;
    private final double[][][] partials;

    BatchRunner(WorkerPool parallel, DensePasses passes, int batch, int n, int maxWidth) {
        this.parallel = parallel;
        this.passes = passes;
        this.batch = batch;
        this.n = n;
        this.s = passes.scalars();
        this.parts = Math.max(1, Math.min(MAX_PARTS, n / MIN_COLUMNS_PER_PART));
        this.inline = (long) batch * n * n < MIN_PARALLEL_ELEMENTS;
        int threads = parallel.threads();
        int columnsPerBlock = Math.max(1, ceilDiv(n, Math.max(1, 4 * threads / batch)));
        this.columnBlocks = ceilDiv(n, columnsPerBlock);
        this.columns = new double[threads][4 * n * s];
        this.streams = new double[threads][][];
        for (int t = 0; t < threads; t++) {
            streams[t] = passes.newStreams(2 * Math.max(1, maxWidth), n * s);
        }
        this.partials = new double[batch][parts - 1][n * Math.max(1, maxWidth) * s];
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * Runs [0, tasks) on the threads, one task per chunk so that a thread the machine does not
     * schedule in time leaves its tasks to the others; on the calling thread (worker 0) for small
     * matrices.
     */
    private void run(int tasks, WorkerPool.WorkerRange body) {
        if (inline) {
            body.run(0, 0, tasks);
        } else {
            parallel.run(tasks, tasks, body);
        }
    }

    /** Runs {@code body} for every batch entry, in parallel. */
    void forEachEntry(IntConsumer body) {
        run(batch, (worker, from, to) -> {
            for (int e = from; e < to; e++) {
                body.accept(e);
            }
        });
    }

    /** Work on indices [from, to) of one batch entry. */
    interface EntrySlice {
        void run(int entry, int from, int to);
    }

    /**
     * Runs {@code body} over [0, count) of every entry, in parallel; when the batch is smaller
     * than the thread count each entry's range is split, so that one matrix still uses every
     * thread. For work whose every index is independent of the others (so of the split).
     */
    void forEachEntrySlice(int count, EntrySlice body) {
        int slices = inline || batch >= parallel.threads() ? 1
                : Math.min(count, ceilDiv(4 * parallel.threads(), batch));
        run(batch * slices, (worker, from, to) -> {
            for (int t = from; t < to; t++) {
                int e = t / slices;
                int sl = t % slices;
                body.run(e, (int) ((long) count * sl / slices), (int) ((long) count * (sl + 1) / slices));
            }
        });
    }

    /** out(e) = M(e)^H x(e) for every entry, x and out n x mc in pass layout. */
    void adjointTimes(HostArray m, IntFunction<double[]> x, int mc, IntFunction<double[]> out) {
        run(batch * columnBlocks, (worker, from, to) -> {
            for (int t = from; t < to; t++) {
                int e = t / columnBlocks;
                int blk = t % columnBlocks;
                passes.adjointTimes(m, e * n * n, n, x.apply(e), mc, out.apply(e),
                        split(blk, columnBlocks), split(blk + 1, columnBlocks), columns[worker], streams[worker]);
            }
        });
    }

    /** out(e) = M(e) y(e) for every entry, y and out n x mc in pass layout. */
    void times(HostArray m, IntFunction<double[]> y, int mc, IntFunction<double[]> out) {
        int len = n * mc * s;
        run(batch * parts, (worker, from, to) -> {
            for (int t = from; t < to; t++) {
                int e = t / parts;
                int p = t % parts;
                double[] acc = p == 0 ? out.apply(e) : partials[e][p - 1];
                java.util.Arrays.fill(acc, 0, len, 0.0);
                passes.timesColumns(m, e * n * n, n, y.apply(e), mc, acc,
                        split(p, parts), split(p + 1, parts), columns[worker], streams[worker]);
            }
        });
        if (parts > 1) {
            forEachEntry(e -> {
                double[] acc = out.apply(e);
                for (double[] partial : partials[e]) {
                    for (int i = 0; i < len; i++) {
                        acc[i] += partial[i];
                    }
                }
            });
        }
    }

    /**
     * The update of every entry: W = A Q, then A += (a b^H, projUNN-D only) + W G column by
     * column. A is read twice and written once here.
     */
    void fusedUpdate(HostArray m, StepWorkspace[] ws, boolean withA) {
        times(m, e -> ws[e].q, ws[0].r, e -> ws[e].w);
        run(batch * columnBlocks, (worker, from, to) -> {
            for (int t = from; t < to; t++) {
                int e = t / columnBlocks;
                int blk = t % columnBlocks;
                StepWorkspace w = ws[e];
                passes.updateColumns(m, e * n * n, n, split(blk, columnBlocks), split(blk + 1, columnBlocks),
                        withA ? w.a : null, w.bh, w.k, w.w, w.g, w.r, columns[worker], streams[worker]);
            }
        });
    }

    /** Squared column norms of every entry into {@code ws[e].columnNorms}; false where not finite. */
    boolean[] columnNorms(HostArray m, StepWorkspace[] ws) {
        boolean[] finite = new boolean[batch];
        java.util.Arrays.fill(finite, true);
        run(batch * columnBlocks, (worker, from, to) -> {
            double[] col = columns[worker];
            for (int t = from; t < to; t++) {
                int e = t / columnBlocks;
                int blk = t % columnBlocks;
                double[] norms = ws[e].columnNorms;
                for (int j = split(blk, columnBlocks); j < split(blk + 1, columnBlocks); j++) {
                    m.load((e * n * n + j * n) * s, col, 0, n * s);
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

    /** First column of range {@code i} of {@code count} equal ranges of [0, n). */
    private int split(int i, int count) {
        return (int) ((long) n * i / count);
    }
}
