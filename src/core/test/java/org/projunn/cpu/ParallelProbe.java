package org.projunn.cpu;

/** Test access to the CPU backend's worker pool: how many ranges its pool threads have run. */
public final class ParallelProbe {
    private ParallelProbe() {
    }

    public static long pooledRanges(CpuBackend backend) {
        return backend.parallel().pooledRanges();
    }
}
