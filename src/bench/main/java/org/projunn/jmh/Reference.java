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
 * The reference points: the plain gradient step {@code A += Delta} (on the CPU backend's threads)
 * and the exact O(N^3) alternatives on EJML float32: exact-polar-svd, exact-cayley, exact-expm.
 * The exact ones take seconds from N = 1024: limit them with {@code -p n=...}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--add-modules", "jdk.incubator.vector"})
public class Reference extends WorkloadBenchmark {
    @Param({"plain", "exact-polar-svd", "exact-cayley", "exact-expm"})
    public String op;

    @Override
    protected String operation() {
        return op;
    }
}
