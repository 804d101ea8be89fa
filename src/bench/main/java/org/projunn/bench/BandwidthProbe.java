package org.projunn.bench;

import org.projunn.parallel.WorkerPool;

/**
 * STREAM-style copy ({@code b = a}) and triad ({@code a = b + s c}) over float arrays much larger
 * than the last-level cache, on the same number of threads as the steps. Bytes are counted as
 * STREAM does (each array read or written once; no write-allocate traffic), the same convention
 * as the memory floor of {@link Operation#floorBytes}.
 */
public final class BandwidthProbe {
    /** 2^25 floats = 128 MiB per array, 4x a 32 MiB L3. */
    public static final int DEFAULT_LENGTH = 1 << 25;

    /** Best-of-repeats bandwidths in bytes per second. */
    public record Result(double copyBytesPerSecond, double triadBytesPerSecond, int threads, long arrayBytes) {
        public double copyGBs() {
            return copyBytesPerSecond / 1e9;
        }

        public double triadGBs() {
            return triadBytesPerSecond / 1e9;
        }
    }

    private BandwidthProbe() {
    }

    public static Result measure(int threads) {
        return measure(threads, DEFAULT_LENGTH, 6);
    }

    public static Result measure(int threads, int length, int repeats) {
        try (Stream stream = new Stream(threads, length)) {
            double bestCopy = Double.MAX_VALUE;
            double bestTriad = Double.MAX_VALUE;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                stream.copy();
                long t1 = System.nanoTime();
                stream.triad();
                long t2 = System.nanoTime();
                if (r > 0) { // the first round warms up the JIT and the pages
                    bestCopy = Math.min(bestCopy, (t1 - t0) * 1e-9);
                    bestTriad = Math.min(bestTriad, (t2 - t1) * 1e-9);
                }
            }
            return new Result(stream.copyBytes() / bestCopy, stream.triadBytes() / bestTriad, threads,
                    4L * length);
        }
    }

    /** The two kernels on three arrays, for the in-process probe and the JMH suite. */
    public static final class Stream implements AutoCloseable {
        private final float[] a;
        private final float[] b;
        private final float[] c;
        private final WorkerPool parallel;
        private float sign = 0.5f;

        public Stream(int threads, int length) {
            a = new float[length];
            b = new float[length];
            c = new float[length];
            parallel = new WorkerPool(threads, "projunn-bench");
            parallel.run(length, parallel.threads(), (worker, from, to) -> {
                for (int i = from; i < to; i++) {
                    a[i] = 1f;
                    b[i] = 2f;
                    c[i] = 0.5f;
                }
            });
        }

        /** b = a. */
        public void copy() {
            parallel.run(a.length, parallel.threads(), (worker, from, to) -> System.arraycopy(a, from, b, from, to - from));
        }

        /** a = b + s c (s alternates in sign so that values stay bounded). */
        public void triad() {
            float s = sign;
            sign = -s;
            parallel.run(a.length, parallel.threads(), (worker, from, to) -> {
                for (int i = from; i < to; i++) {
                    a[i] = b[i] + s * c[i];
                }
            });
        }

        /** Bytes one copy moves (STREAM counting: read a, write b). */
        public long copyBytes() {
            return 2L * 4 * a.length;
        }

        /** Bytes one triad moves (read b and c, write a). */
        public long triadBytes() {
            return 3L * 4 * a.length;
        }

        @Override
        public void close() {
            parallel.close();
        }
    }
}
