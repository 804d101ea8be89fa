package org.projunn.bench;

import org.projunn.parallel.WorkerPool;

/**
 * The compute floor's probe: double-precision fused multiply-add throughput of this machine on a
 * given number of threads, the arithmetic the CPU passes do (float storage, double arithmetic).
 * Each thread runs independent FMA chains held in registers, no memory traffic: SIMD chains with
 * the Vector API when the JVM has {@code jdk.incubator.vector} (as the {@code ./projunn} launcher
 * starts it), else scalar {@code Math.fma} chains, which is what the JVM can use then.
 */
public final class ComputeProbe {
    /** FMAs each thread issues per run (of one lane each). */
    static final long FMAS_PER_THREAD = 1L << 28;

    /** Best-of-repeats throughput, the kind of chains it used, on how many threads. */
    public record Result(double fmaPerSecond, String how, int threads) {
        /** Double-precision GFLOP/s, counting an FMA as two flops. */
        public double gflops() {
            return 2 * fmaPerSecond * 1e-9;
        }
    }

    /** One run's arithmetic: returns a value that depends on every chain, so none is dead code. */
    public interface Chains {
        /** Runs {@code fmas} FMAs (rounded up to whole rounds); returns a result of all chains. */
        double run(long fmas);

        String describe();
    }

    private ComputeProbe() {
    }

    /** Measures on {@code threads} threads, best of five runs after warm-up. */
    public static Result measure(int threads) {
        Chains chains = chains();
        try (WorkerPool pool = new WorkerPool(threads, "projunn-probe")) {
            double best = 0;
            double[] sink = new double[threads];
            for (int rep = 0; rep < 8; rep++) {
                long fmas = rep < 3 ? FMAS_PER_THREAD / 8 : FMAS_PER_THREAD;
                long t0 = System.nanoTime();
                pool.run(threads, threads, (worker, from, to) -> {
                    for (int t = from; t < to; t++) {
                        sink[t] += chains.run(fmas);
                    }
                });
                double seconds = (System.nanoTime() - t0) * 1e-9;
                if (rep >= 3) {
                    best = Math.max(best, fmas * (double) threads / seconds);
                }
            }
            if (Double.isNaN(sum(sink))) {
                throw new IllegalStateException("FMA chains produced NaN");
            }
            return new Result(best, chains.describe(), threads);
        }
    }

    private static double sum(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s;
    }

    /** The Vector API chains when the module is there, else scalar ones. */
    public static Chains chains() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Chains) Class.forName("org.projunn.bench.VectorFmaChains").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                // fall through to the scalar chains
            }
        }
        return new ScalarChains();
    }

    /** Twelve independent scalar chains: enough to cover the FMA latency on current cores. */
    static final class ScalarChains implements Chains {
        @Override
        public double run(long fmas) {
            double a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8, a8 = 9, a9 = 10, a10 = 11, a11 = 12;
            double b = 0.999999;
            double c = 1e-7;
            for (long i = 0; i < fmas; i += 12) {
                a0 = Math.fma(a0, b, c);
                a1 = Math.fma(a1, b, c);
                a2 = Math.fma(a2, b, c);
                a3 = Math.fma(a3, b, c);
                a4 = Math.fma(a4, b, c);
                a5 = Math.fma(a5, b, c);
                a6 = Math.fma(a6, b, c);
                a7 = Math.fma(a7, b, c);
                a8 = Math.fma(a8, b, c);
                a9 = Math.fma(a9, b, c);
                a10 = Math.fma(a10, b, c);
                a11 = Math.fma(a11, b, c);
            }
            return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
        }

        @Override
        public String describe() {
            return "scalar Math.fma (no jdk.incubator.vector)";
        }
    }
}
