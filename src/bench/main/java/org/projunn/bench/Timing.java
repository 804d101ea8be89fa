package org.projunn.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * In-process timing: warm up (JIT, caches), then time single runs and keep their median. The
 * warm-up stops early once one run is long (the code is then compiled and any run is long).
 */
public final class Timing {

    /** Sorted per-run times in milliseconds. */
    public record Sample(double[] sortedMs) {
        public double medianMs() {
            int m = sortedMs.length;
            return m % 2 == 1 ? sortedMs[m / 2] : 0.5 * (sortedMs[m / 2 - 1] + sortedMs[m / 2]);
        }

        public double minMs() {
            return sortedMs[0];
        }

        public int reps() {
            return sortedMs.length;
        }
    }

    /** How long to warm up and measure. */
    public record Policy(double warmupSeconds, int minReps, int maxReps, double measureSeconds) {
        /**
         * Exactly {@code reps} measured runs after 2 s of warm-up: one case per JVM, and the Vector
         * API kernels are far slower until C2 has compiled them, which takes longer on a loaded machine.
         */
        public static Policy fixed(int reps) {
            return new Policy(2.0, reps, reps, 0);
        }

        public static Policy standard() {
            return new Policy(0.5, 5, 2000, 0.6);
        }

        /** One run and no warm-up: for runs of seconds once the JIT is warm from smaller sizes. */
        public static Policy single() {
            return new Policy(-1, 1, 1, 0);
        }

        public static Policy quick() {
            return new Policy(0.15, 3, 500, 0.15);
        }
    }

    private static final long QUIET_WINDOW_NS = 500_000_000L;
    private static final long MAX_EXTRA_WARMUP_NS = 20_000_000_000L;

    private Timing() {
    }

    /**
     * Keeps running {@code op} until the JIT compiled nothing for {@link #QUIET_WINDOW_NS} (at most
     * {@link #MAX_EXTRA_WARMUP_NS}): on a loaded machine C2 needs seconds for the Vector API
     * kernels, which run far slower until then (seen in JFR profiles as the library's Java
     * fallback frames during the first seconds), and a fixed warm-up ends too early.
     */
    private static void untilJitQuiet(Runnable op) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long limit = System.nanoTime() + MAX_EXTRA_WARMUP_NS;
        long compiled = jit.getTotalCompilationTime();
        long windowEnd = System.nanoTime() + QUIET_WINDOW_NS;
        while (System.nanoTime() < limit) {
            op.run();
            if (System.nanoTime() >= windowEnd) {
                long now = jit.getTotalCompilationTime();
                if (now == compiled) {
                    return;
                }
                compiled = now;
                windowEnd = System.nanoTime() + QUIET_WINDOW_NS;
            }
        }
    }

    public static Sample measure(Runnable op, Policy policy) {
        long warmEnd = System.nanoTime() + (long) (policy.warmupSeconds() * 1e9);
        int warm = 0;
        while (policy.warmupSeconds() >= 0) {
            long t0 = System.nanoTime();
            op.run();
            long t1 = System.nanoTime();
            warm++;
            boolean longRun = (t1 - t0) * 1e-9 > policy.warmupSeconds();
            if ((warm >= 2 && t1 >= warmEnd) || longRun) {
                break;
            }
        }
        if (policy.warmupSeconds() > 0) {
            untilJitQuiet(op);
        }
        double[] times = new double[policy.maxReps()];
        int reps = 0;
        long measureEnd = System.nanoTime() + (long) (policy.measureSeconds() * 1e9);
        while (reps < policy.maxReps() && (reps < policy.minReps() || System.nanoTime() < measureEnd)) {
            long t0 = System.nanoTime();
            op.run();
            times[reps++] = (System.nanoTime() - t0) * 1e-6;
        }
        double[] sorted = Arrays.copyOf(times, reps);
        Arrays.sort(sorted);
        return new Sample(sorted);
    }
}
