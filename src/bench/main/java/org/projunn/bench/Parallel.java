package org.projunn.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool for the reference kernels (plain step, bandwidth probe), with as many threads as
 * the projector's backend, so that every timing uses the same cores. The caller runs one part.
 */
final class Parallel implements AutoCloseable {

    interface Range {
        void run(int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        AtomicInteger id = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "projunn-bench-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    int threads() {
        return threads;
    }

    /** Splits [0, length) into threads() contiguous parts, each a multiple of 16 elements. */
    void run(int length, Range body) {
        if (threads == 1) {
            body.run(0, length);
            return;
        }
        Future<?>[] futures = new Future<?>[threads - 1];
        for (int p = 1; p < threads; p++) {
            int from = split(length, p);
            int to = split(length, p + 1);
            futures[p - 1] = pool.submit(() -> body.run(from, to));
        }
        body.run(0, split(length, 1));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("parallel part failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private int split(int length, int part) {
        if (part >= threads) {
            return length;
        }
        long at = (long) length * part / threads;
        return (int) Math.min(length, at & ~15L);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
