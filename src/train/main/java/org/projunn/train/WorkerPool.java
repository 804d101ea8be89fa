package org.projunn.train;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of worker threads that share an index range with the calling thread. A dispatch
 * allocates nothing: training dispatches twice per time step, thousands of times a second.
 *
 * <p>The range is cut into chunks that threads claim one at a time, and the caller claims too:
 * on a busy machine where a worker is not scheduled in time, the caller simply does its chunks,
 * instead of waiting for it. Workers spin briefly before parking, so back-to-back dispatches do
 * not each pay a wake-up.
 */
public final class WorkerPool implements AutoCloseable {
    private static final int SPINS = 2_000;
    private static final int CHUNKS_PER_THREAD = 4;

    /** Body of a parallel loop over [from, to). */
    public interface Range {
        void run(int from, int to);
    }

    private final int threads;
    private final Thread[] workers;
    /** (dispatch number << 32) | next chunk to claim. */
    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger finished = new AtomicInteger();
    private volatile int generation;
    private volatile boolean closed;
    private Range body;
    private int tasks;
    private int chunks;
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
            Thread t = new Thread(this::loop, "projunn-train-" + w);
            t.setDaemon(true);
            workers[w - 1] = t;
            t.start();
        }
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code range} over [0, n) in contiguous chunks on all threads; returns when all are done. */
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
        chunks = Math.min(n, threads * CHUNKS_PER_THREAD);
        failure = null;
        finished.set(0);
        int gen = generation + 1;
        claims.set((long) gen << 32);
        generation = gen;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
        work(gen);
        int spins = 0;
        while (finished.get() < chunks) {
            if (++spins < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        body = null;
        Throwable t = failure;
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }

    /** Claims and runs chunks of dispatch {@code gen} until none is left. */
    private void work(int gen) {
        while (true) {
            long state = claims.get();
            int chunk = (int) state;
            if ((int) (state >>> 32) != gen || chunk >= chunks) {
                return;
            }
            if (!claims.compareAndSet(state, state + 1)) {
                continue;
            }
            int from = (int) ((long) tasks * chunk / chunks);
            int to = (int) ((long) tasks * (chunk + 1) / chunks);
            try {
                body.run(from, to);
            } catch (Throwable e) {
                failure = e;
            } finally {
                finished.incrementAndGet();
            }
        }
    }

    private void loop() {
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
            work(seen);
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
