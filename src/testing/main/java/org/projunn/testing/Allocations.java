package org.projunn.testing;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap bytes allocated by the calling thread and by the live threads whose names start with a
 * prefix (a backend's worker pool), from HotSpot's per-thread allocation counters. Work handed to
 * a pool allocates on the pool's threads, which a count of the calling thread alone would miss.
 */
public final class Allocations {
    private final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final long[] ids;

    /** Watches the calling thread and the threads now alive named {@code prefix*}. */
    public Allocations(String prefix) {
        List<Long> found = new ArrayList<>();
        found.add(Thread.currentThread().getId());
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                found.add(t.getId());
            }
        }
        ids = found.stream().mapToLong(Long::longValue).toArray();
    }

    /** Number of threads watched, the calling thread included. */
    public int threads() {
        return ids.length;
    }

    /** Bytes allocated so far by the watched threads together. */
    public long total() {
        long[] bytes = mx.getThreadAllocatedBytes(ids);
        long sum = 0;
        for (long b : bytes) {
            sum += Math.max(0, b);
        }
        return sum;
    }
}
