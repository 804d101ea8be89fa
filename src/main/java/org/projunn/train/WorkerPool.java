package org.projunn.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of worker threads that split an index range between them and the calling thread.
 * A dispatch allocates nothing: training calls it twice per time step, thousands of times a second.
 * Workers spin briefly before parking, so back-to-back dispatches do not pay a wake-up each.
 */
public final class WorkerPool implements AutoCloseable {
    private static final int SPINS = 20_000;

    /** Body of a parallel loop over [from, to). */
    public interface Range {
        void run(int from, int to);
    }

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile boolean closed;
    private volatile Thread caller;
    private Range body;
    private int tasks;
    private volatile Throwable failure;

    /** One thread per available core (the caller counts as one). */
    public WorkerPool() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int w = 1; w < threads; w++) {
            final int id = w;
            Thread t = new Thread(() -> loop(id), "projunn-train-" + w);
            t.setDaemon(true);
            workers[w - 1] = t;
            t.start();
        }
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code body} over [0, n) split into contiguous parts, one per thread; returns when all are done. */
    public void run(int n, Range range) {
        if (closed) {
            throw new IllegalStateException("worker pool is closed");
        }
        if (threads == 1 || n < 2) {
            if (n > 0) {
                range.run(0, n);
            }
            return;
        }
        body = range;
        tasks = n;
        failure = null;
        caller = Thread.currentThread();
        pending.set(threads - 1);
        generation = generation + 1;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
        Throwable mine = null;
        try {
            part(0, range, n);
        } catch (Throwable t) {
            mine = t;
        }
        int spins = 0;
        while (pending.get() > 0) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 50_000L);
            }
        }
        body = null;
        Throwable worst = mine != null ? mine : failure;
        if (worst instanceof RuntimeException re) {
            throw re;
        }
        if (worst instanceof Error err) {
            throw err;
        }
    }

    private void part(int id, Range range, int n) {
        int from = (int) ((long) n * id / threads);
        int to = (int) ((long) n * (id + 1) / threads);
        if (from < to) {
            range.run(from, to);
        }
    }

    private void loop(int id) {
        int seen = 0;
        while (!closed) {
            int spins = 0;
            while (generation == seen && !closed) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                part(id, body, tasks);
            } catch (Throwable t) {
                failure = t;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
    }
}
