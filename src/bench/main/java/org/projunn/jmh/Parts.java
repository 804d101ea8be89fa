package org.projunn.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parts of a projUNN-D step on the CPU: the sketch sampler, phase 1 {@code A^H a}, phase 2
 * (QR and the 2k x 2k eigenproblem) after phase 1, and the fused update of phase 3.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--add-modules", "jdk.incubator.vector"})
public class Parts extends WorkloadBenchmark {
    @Param({"part-sketch", "part-project", "part-small", "part-fused"})
    public String op;

    @Param({"1", "4", "16"})
    public int k;

    @Override
    protected String operation() {
        return op;
    }

    @Override
    protected int rank() {
        return k;
    }
}
