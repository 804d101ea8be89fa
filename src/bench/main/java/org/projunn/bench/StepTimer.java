package org.projunn.bench;

import org.projunn.Backend;
import org.projunn.DType;
import org.projunn.Method;

/** The scripting contract: one projUNN step timed in-process, with its memory-traffic floor. */
public final class StepTimer {

    /** floorMs is NaN where no bandwidth probe exists for the backend. */
    public record Result(BenchCase benchCase, Timing.Sample sample, double floorMs, String bandwidth) {
        public String contractLine() {
            return String.format(java.util.Locale.ROOT, "median_ms=%.4f floor_ms=%.4f", sample.medianMs(), floorMs);
        }
    }

    private StepTimer() {
    }

    /**
     * Times the step on a batch of {@code batch} N x N matrices (1: one matrix) on {@code backend},
     * left open: the caller owns it. The floor counts the whole batch.
     */
    public static Result time(Method method, int n, int k, DType dtype, int batch, boolean givenAb, int reps,
                              Backend backend) {
        Operation op = Operation.step(method, givenAb);
        BenchCase c = new BenchCase(op, n, k, dtype, backend.name(), batch);
        Timing.Sample sample;
        long floorBytes;
        try (Workload w = Workload.open(op, n, k, dtype, batch, backend)) {
            sample = Timing.measure(w::run, Timing.Policy.fixed(reps));
            floorBytes = w.floorBytes();
        }
        double floorMs = Double.NaN;
        String bandwidth = "no bandwidth probe for backend " + backend.name();
        if (backend.name().equals("cpu")) {
            BandwidthProbe.Result bw = BandwidthProbe.measure(Workload.threadsOf(backend),
                    BandwidthProbe.DEFAULT_LENGTH, 4);
            floorMs = floorBytes / bw.triadBytesPerSecond() * 1e3;
            bandwidth = String.format(java.util.Locale.ROOT,
                    "triad %.2f GB/s, copy %.2f GB/s on %d threads", bw.triadGBs(), bw.copyGBs(), bw.threads());
        }
        return new Result(c, sample, floorMs, bandwidth);
    }
}
