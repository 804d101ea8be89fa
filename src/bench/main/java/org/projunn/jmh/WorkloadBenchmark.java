package org.projunn.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.projunn.DType;
import org.projunn.bench.Operation;
import org.projunn.bench.Workload;

/**
 * One {@link Workload} (the operations the in-process report times too) per trial, timed by
 * JMH. Subclasses choose the operations ({@code op}) and the JMH settings.
 */
@State(Scope.Benchmark)
public abstract class WorkloadBenchmark {
    @Param({"64", "128", "256", "512", "1024", "2048", "4096"})
    public int n;

    @Param({"FLOAT32", "COMPLEX64"})
    public DType dtype;

    private Workload workload;

    /** The operation to time, as {@link Operation#parse} reads it. */
    protected abstract String operation();

    /** The rank k of the operation (1 where it has none). */
    protected int rank() {
        return 1;
    }

    @Setup(Level.Trial)
    public void setUp(BackendState backend) {
        workload = Workload.open(Operation.parse(operation()), n, rank(), dtype, backend.opened);
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
