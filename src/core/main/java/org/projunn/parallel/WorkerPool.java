package org.projunn.parallel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The project's one thread pool: a fixed set of worker threads that share an index range with
 * the calling thread. Used by the CPU backend, the benchmarks and the trainer.
 *
 * <p>Internal to the project: public so that its modules can share it, not part of the API; it
 * may change without notice.
 *
 * <ul>
 *   <li>Each thread has a stable id in [0, threads()) (the caller is 0), so a body can use
 *   per-thread scratch allocated once.</li>
 *   <li>The range is cut into chunks that threads claim one at a time, the caller too: on a busy
 *   machine where a worker is not scheduled in time, the caller does its chunks instead of
 *   waiting for it.</li>
 *   <li>A dispatch allocates nothing (training dispatches thousands of times a second).</li>
 *   <li>Workers spin briefly before parking, so back-to-back dispatches do not each pay a
 *   wake-up.</li>
 * </ul>
 *
 * <p>One dispatch at a time: a dispatch that finds another in progress (another thread, or a
 * body dispatching again) runs its whole range on the calling thread as worker 0.
 */
public final class WorkerPool implements AutoCloseable {
    private static final int SPINS = 2_000;
    private static final int CHUNKS_PER_THREAD = 4;
    /** The chunk field of a finished dispatch's claims: above any chunk count. */
    private static final long CLOSED = Integer.MAX_VALUE;

    /** Body of a parallel loop over [from, to). */
    public interface Range {
        /**
         * Runs the indices of one chunk.
         *
         * @param from first index
         * @param to one past the last index
         */
        void run(int from, int to);
    }

    /** Body of a parallel loop over [from, to), run by thread {@code worker} in [0, threads()). */
    public interface WorkerRange {
        /**
         * Runs the indices of one chunk on one thread.
         *
         * @param worker the thread's stable id in [0, threads()), 0 for the caller: an index into
         *        per-thread scratch
         * @param from first index
         * @param to one past the last index
         */
        void run(int worker, int from, int to);
    }

    private final int threads;
    private final Thread[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    /** (dispatch number << 32) | next chunk to claim. */
    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger finished = new AtomicInteger();
    private volatile int generation;
    private volatile boolean closed;
    private WorkerRange body;
    private Range plainBody;
    private int tasks;
    /**
     * Chunks of the current dispatch. Volatile, and written only after the previous dispatch's
     * claims were closed: a worker that reads a new value here then also sees the closed claims,
     * so a late claim of the previous dispatch cannot take a chunk of this one.
     */
    private volatile int chunks;
    private volatile Throwable failure;
    /** Chunks run by the pool's own threads (not the caller): lets tests prove the work was split. */
    private final AtomicLong workerChunks = new AtomicLong();

    /** One thread per available core (the caller counts as one). */
    public WorkerPool() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param threads threads that share each range, the caller included; at least 1
     * @param name prefix of the worker threads' names
     */
    public WorkerPool(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int w = 1; w < threads; w++) {
            final int id = w;
            Thread t = new Thread(() -> loop(id), name + "-" + w);
            t.setDaemon(true);
            workers[w - 1] = t;
            t.start();
        }
    }

    /** @param threads threads that share each range, the caller included; at least 1 */
    public WorkerPool(int threads) {
        this(threads, "projunn-worker");
    }

    /**
     * Chunks run so far by the pool's own threads rather than the caller: lets tests prove that
     * work really was split.
     *
     * @return the count
     */
    public long chunksRunByWorkers() {
        return workerChunks.get();
    }

    /**
     * Threads that share a range, the caller included.
     *
     * @return the count, at least 1
     */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code range} over [0, n) in contiguous chunks (about four per thread) on all threads;
     * returns when all are done, rethrowing the first failure.
     *
     * @param n number of indices
     * @param range the loop body, called once per chunk
     */
    public void run(int n, Range range) {
        if (threads == 1 || n < 2) {
            checkOpen();
            if (n > 0) {
                range.run(0, n);
            }
            return;
        }
        dispatch(n, Math.min(n, threads * CHUNKS_PER_THREAD), null, range);
    }

    /**
     * Runs {@code body} over [0, n) cut into {@code chunkCount} contiguous chunks of sizes as even
     * as integer division allows; each chunk runs on one thread, which passes its id.
     *
     * @param n number of indices
     * @param chunkCount number of chunks, at least 1 (fewer when n is smaller)
     * @param body the loop body, called once per chunk with the running thread's id
     */
    public void run(int n, int chunkCount, WorkerRange body) {
        if (chunkCount < 1) {
            throw new IllegalArgumentException("chunks must be >= 1, got " + chunkCount);
        }
        int count = Math.min(n, chunkCount);
        if (threads == 1 || count < 2) {
            checkOpen();
            if (n > 0) {
                body.run(0, 0, n);
            }
            return;
        }
        dispatch(n, count, body, null);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("worker pool is closed");
        }
    }

    private void dispatch(int n, int count, WorkerRange indexed, Range plain) {
        checkOpen();
        if (!busy.compareAndSet(false, true)) {
            // another dispatch is in progress: this one runs on the calling thread
            for (int c = 0; c < count; c++) {
                runChunk(0, indexed, plain, split(n, c, count), split(n, c + 1, count));
            }
            return;
        }
        try {
            body = indexed;
            plainBody = plain;
            tasks = n;
            chunks = count;
            failure = null;
            finished.set(0);
            int gen = generation + 1;
            claims.set((long) gen << 32);
            generation = gen;
            for (Thread t : workers) {
                LockSupport.unpark(t);
            }
            work(gen, 0);
            int spins = 0;
            while (finished.get() < count) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            // close this dispatch's claims before the next one's fields change: a worker still
            // looping in work(gen) must fail its claim, not take a chunk of the next dispatch
            claims.set(((long) gen << 32) | CLOSED);
            body = null;
            plainBody = null;
            Throwable t = failure;
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            if (t != null) {
                throw new IllegalStateException("parallel task failed", t);
            }
        } finally {
            busy.set(false);
        }
    }

    private static int split(int n, int chunk, int count) {
        return (int) ((long) n * chunk / count);
    }

    private static void runChunk(int worker, WorkerRange indexed, Range plain, int from, int to) {
        if (indexed != null) {
            indexed.run(worker, from, to);
        } else {
            plain.run(from, to);
        }
    }

    /** Claims and runs chunks of dispatch {@code gen} until none is left. */
    private void work(int gen, int worker) {
        while (true) {
            long state = claims.get();
            int chunk = (int) state;
            if ((int) (state >>> 32) != gen || chunk >= chunks) {
                return;
            }
            if (!claims.compareAndSet(state, state + 1)) {
                continue;
            }
            if (worker != 0) {
                workerChunks.incrementAndGet();
            }
            try {
                runChunk(worker, body, plainBody, split(tasks, chunk, chunks), split(tasks, chunk + 1, chunks));
            } catch (Throwable e) {
                if (failure == null) {
                    failure = e;
                }
            } finally {
                finished.incrementAndGet();
            }
        }
    }

    private void loop(int worker) {
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
            work(seen, worker);
        }
    }

    /** Stops the workers; later dispatches fail. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
    }
}
