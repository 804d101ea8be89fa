package org.projunn.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.projunn.bench.BandwidthProbe;

/**
 * The memory-bandwidth probe in the same run: copy and triad over 128 MiB float arrays on the
 * backend's thread count. Bandwidth = bytes / time with {@link BandwidthProbe.Stream#copyBytes()}
 * (2 arrays) and {@link BandwidthProbe.Stream#triadBytes()} (3 arrays); divide a step's floor
 * bytes (ALGORITHMS.md section 5) by the triad bandwidth to get its floor time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--add-modules", "jdk.incubator.vector"})
public class Bandwidth {
    private BandwidthProbe.Stream stream;

    @Setup
    public void setUp() {
        stream = new BandwidthProbe.Stream(Runtime.getRuntime().availableProcessors(), BandwidthProbe.DEFAULT_LENGTH);
    }

    @Benchmark
    public void copy() {
        stream.copy();
    }

    @Benchmark
    public void triad() {
        stream.triad();
    }

    @TearDown
    public void tearDown() {
        stream.close();
    }
}
