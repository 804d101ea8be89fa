package org.projunn.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs an index range on a fixed set of worker threads. Each worker gets a stable id in
 * [0, threads()) so it can use its own preallocated scratch: no allocation per task.
 */
final class ParallelFor implements AutoCloseable {

    /** Body of a parallel loop: handles tasks [from, to) as worker {@code worker}. */
    interface RangeBody {
        void run(int worker, int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;
    /** Ranges run by pool threads so far: lets tests prove that work really was split. */
    private final AtomicLong pooledRanges = new AtomicLong();

    ParallelFor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            this.pool = null;
        } else {
            AtomicInteger counter = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "projunn-cpu-" + counter.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            this.pool = Executors.newFixedThreadPool(threads - 1, factory);
        }
    }

    int threads() {
        return threads;
    }

    long pooledRanges() {
        return pooledRanges.get();
    }

    /**
     * Splits [0, tasks) into at most threads() contiguous ranges; the caller runs the first.
     * Tasks should be of similar cost; ranges are as even as integer division allows.
     */
    void run(int tasks, RangeBody body) {
        int parts = Math.min(threads, tasks);
        if (parts <= 1) {
            if (tasks > 0) {
                body.run(0, 0, tasks);
            }
            return;
        }
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            final int worker = p;
            final int from = (int) ((long) tasks * p / parts);
            final int to = (int) ((long) tasks * (p + 1) / parts);
            futures[p - 1] = pool.submit(() -> {
                pooledRanges.incrementAndGet();
                body.run(worker, from, to);
            });
        }
        Throwable failure = null;
        try {
            body.run(0, 0, (int) ((long) tasks / parts));
        } catch (Throwable t) {
            failure = t;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("parallel task failed", failure);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
