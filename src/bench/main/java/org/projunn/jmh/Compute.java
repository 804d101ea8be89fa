package org.projunn.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.projunn.bench.ComputeProbe;

/**
 * The compute-floor probe next to {@link Bandwidth}: double FMA chains in registers, one JMH
 * thread per core. Each call issues {@link #FMAS} FMAs per thread, so the FMA throughput is
 * FMAS x threads / (time per call); a step's compute floor is its FMA count
 * ({@code Operation.fmas}) divided by that throughput.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--add-modules", "jdk.incubator.vector"})
@Threads(Threads.MAX)
public class Compute {
    /** FMAs per call and thread. */
    public static final long FMAS = 1L << 24;

    private final ComputeProbe.Chains chains = ComputeProbe.chains();

    @Benchmark
    public double fma() {
        return chains.run(FMAS);
    }
}
