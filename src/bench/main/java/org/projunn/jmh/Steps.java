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
 * Full projUNN steps: step-direct, step-tangent (sketch sampler + step), step-direct-ab,
 * step-tangent-ab (a, b given).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--add-modules", "jdk.incubator.vector"})
public class Steps extends WorkloadBenchmark {
    @Param({"step-direct", "step-tangent", "step-direct-ab", "step-tangent-ab"})
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
