package org.projunn.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void everyIndexRunsOnceWithAWorkerIdThatStaysWithItsThread() {
        try (WorkerPool pool = new WorkerPool(3)) {
            Map<Integer, Thread> owner = new ConcurrentHashMap<>();
            // many short dispatches back to back: a worker still claiming from one dispatch
            // while the next one started once ran a chunk twice and another not at all, about
            // once in 100 000 rounds
            for (int round = 0; round < 300_000; round++) {
                int n = 1 + round % 37;
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                pool.run(n, n, (worker, from, to) -> {
                    assertTrue(worker >= 0 && worker < pool.threads(), "worker id " + worker);
                    Thread before = owner.putIfAbsent(worker, Thread.currentThread());
                    assertSame(before == null ? Thread.currentThread() : before, Thread.currentThread(),
                            "worker id " + worker + " moved to another thread");
                    for (int i = from; i < to; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    if (hits.get(i) != 1) {
                        assertEquals(1, hits.get(i), "round " + round + ": index " + i + " of " + n);
                    }
                }
            }
        }
    }

    @Test
    void plainRangesCoverTheRangeOnce() {
        try (WorkerPool pool = new WorkerPool(2)) {
            AtomicIntegerArray hits = new AtomicIntegerArray(1000);
            pool.run(1000, (from, to) -> {
                for (int i = from; i < to; i++) {
                    hits.incrementAndGet(i);
                }
            });
            for (int i = 0; i < 1000; i++) {
                assertEquals(1, hits.get(i));
            }
        }
    }

    @Test
    void aFailureReachesTheCallerAndThePoolStaysUsable() {
        try (WorkerPool pool = new WorkerPool(2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.run(8, 8, (worker, from, to) -> {
                        if (from == 5) {
                            throw new IllegalArgumentException("chunk 5");
                        }
                    }));
            assertEquals("chunk 5", e.getMessage());
            AtomicIntegerArray hits = new AtomicIntegerArray(8);
            pool.run(8, 8, (worker, from, to) -> hits.incrementAndGet(from));
            for (int i = 0; i < 8; i++) {
                assertEquals(1, hits.get(i));
            }
        }
    }

    @Test
    void aNestedDispatchRunsOnTheCallingThread() {
        try (WorkerPool pool = new WorkerPool(2)) {
            AtomicIntegerArray hits = new AtomicIntegerArray(16);
            pool.run(4, 4, (worker, from, to) -> pool.run(4, 4, (inner, f, t) -> {
                assertEquals(0, inner);
                hits.incrementAndGet(from * 4 + f);
            }));
            for (int i = 0; i < 16; i++) {
                assertEquals(1, hits.get(i));
            }
        }
    }

    @Test
    void aClosedPoolRefusesWork() {
        WorkerPool pool = new WorkerPool(2);
        pool.close();
        assertThrows(IllegalStateException.class, () -> pool.run(10, (from, to) -> { }));
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0));
    }
}
