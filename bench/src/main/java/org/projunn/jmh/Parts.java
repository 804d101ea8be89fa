package org.projunn.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.projunn.DType;
import org.projunn.bench.Operation;
import org.projunn.bench.Workload;

/**
 * The parts of a projUNN-D step on the CPU (the same {@link Workload} the in-process report times):
 * the sketch sampler, phase 1 {@code A^H a}, phase 2 (QR and the 2k x 2k eigenproblem) after phase 1,
 * and the fused update of phase 3.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class Parts {
    @Param({"part-sketch", "part-project", "part-small", "part-fused"})
    public String op;

    @Param({"64", "128", "256", "512", "1024", "2048", "4096"})
    public int n;

    @Param({"1", "4", "16"})
    public int k;

    @Param({"FLOAT32", "COMPLEX64"})
    public DType dtype;

    private Workload workload;

    @Setup(Level.Trial)
    public void setUp(BackendState backend) {
        workload = Workload.open(Operation.parse(op), n, k, dtype, backend.opened);
    }

    @Benchmark
    public void run() {
        workload.run();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (workload != null) {
            workload.close();
        }
    }
}
