package org.projunn.cpu;

/** Test access to the CPU backend's worker pool: how many chunks its own threads have run. */
public final class ParallelProbe {
    private ParallelProbe() {
    }

    public static long pooledRanges(CpuBackend backend) {
        return backend.parallel().chunksRunByWorkers();
    }
}
