package org.projunn.bench;

import org.projunn.Backend;
import org.projunn.DType;
import org.projunn.InvalidInputException;
import org.projunn.Projector;
import org.projunn.ProjectorSpec;
import org.projunn.SamplerSpec;
import org.projunn.Tensor;
import org.projunn.cpu.CpuBackend;
import org.projunn.cpu.StepPhases;
import org.projunn.parallel.WorkerPool;

/**
 * One timed operation with its inputs, set up once: {@link #run()} is what the JMH suite and the
 * in-process timer both measure. projUNN steps run again and again on the same A (it stays
 * unitary) with the same Delta; the exact baselines write to a separate output.
 */
public final class Workload implements AutoCloseable {
    /** Seed of the sketch sampler and of Delta. */
    public static final long SEED = 20220L;

    private final Operation op;
    private final int n;
    private final int k;
    private final DType dtype;
    private final int batch;
    private final Runnable body;
    private final AutoCloseable resources;

    private Workload(Operation op, int n, int k, DType dtype, int batch, Runnable body, AutoCloseable resources) {
        this.op = op;
        this.n = n;
        this.k = k;
        this.dtype = dtype;
        this.batch = batch;
        this.body = body;
        this.resources = resources;
    }

    /**
     * Sets up {@code op} for one N x N matrix. {@code backend} runs the projUNN operations;
     * the plain step and the parts need the CPU backend (the plain step uses its thread count);
     * the exact baselines run on EJML with {@code threads} threads for its parallel products.
     */
    public static Workload open(Operation op, int n, int k, DType dtype, Backend backend) {
        return open(op, n, k, dtype, 1, backend);
    }

    /**
     * Sets up {@code op} for a batch of {@code batch} independent N x N matrices (the same A, a
     * different Delta each). Only the full steps take a batch above 1.
     */
    public static Workload open(Operation op, int n, int k, DType dtype, int batch, Backend backend) {
        if (dtype != DType.FLOAT32 && dtype != DType.COMPLEX64) {
            throw new InvalidInputException("benchmarks run float32 or complex64, got " + dtype);
        }
        if (batch < 1 || batch > 1 && op.kind() != Operation.Kind.STEP) {
            throw new InvalidInputException("a batch of " + batch + " is not supported for " + op.id()
                    + " (full steps take batch >= 1, the others 1)");
        }
        boolean complex = dtype.isComplex();
        return switch (op.kind()) {
            case STEP, PART -> projunn(op, n, k, dtype, batch, backend);
            case PLAIN -> plain(n, dtype, threadsOf(backend));
            case EXACT -> exact(op, n, complex, threadsOf(backend));
        };
    }

    /** The CPU backend's thread count, else one per core. */
    public static int threadsOf(Backend backend) {
        return backend instanceof CpuBackend cpu ? cpu.threads() : Runtime.getRuntime().availableProcessors();
    }

    private static Workload projunn(Operation op, int n, int k, DType dtype, int batch, Backend backend) {
        boolean complex = dtype.isComplex();
        ProjectorSpec spec = ProjectorSpec.of(op.method(), k).withSampler(SamplerSpec.sketch(SEED));
        Projector projector = backend.newProjector(spec, dtype, batch, n);
        Tensor a = backend.allocate(dtype, batch, n, n);
        Tensor delta = backend.allocate(dtype, batch, n, n);
        Tensor fa = backend.allocate(dtype, batch, n, k);
        Tensor fb = backend.allocate(dtype, batch, n, k);
        float[] unitary = TestMatrices.unitary(n, complex);
        a.copyFrom(stacked(e -> unitary, batch));
        // one Delta per matrix of the batch: entry e drawn with seed SEED + e
        delta.copyFrom(stacked(e -> TestMatrices.delta(n, complex, SEED + e), batch));
        projector.sample(delta, fa, fb);
        AutoCloseable resources = () -> {
            projector.close();
            a.close();
            delta.close();
            fa.close();
            fb.close();
        };
        StepPhases phases = null;
        if (op.kind() == Operation.Kind.PART) {
            try {
                phases = StepPhases.of(projector);
            } catch (UnsupportedOperationException e) {
                close(resources);
                throw e;
            }
        }
        StepPhases cpu = phases;
        Runnable body = switch (op) {
            case STEP_DIRECT, STEP_TANGENT -> () -> projector.step(a, delta);
            case STEP_DIRECT_AB, STEP_TANGENT_AB -> () -> projector.stepFactored(a, fa, fb);
            case SKETCH -> () -> projector.sample(delta, fa, fb);
            case PROJECT -> () -> cpu.projectFactor(a, fa, fb);
            case SMALL -> {
                cpu.projectFactor(a, fa, fb);
                yield cpu::smallProblems;
            }
            case FUSED -> {
                // the same update applied again and again: A drifts from unitary by O(||Delta||)
                // per application, far from overflow over any benchmark's repetitions
                cpu.projectFactor(a, fa, fb);
                cpu.smallProblems();
                yield () -> cpu.fusedUpdate(a);
            }
            default -> throw new IllegalStateException(op.id());
        };
        return new Workload(op, n, k, dtype, batch, body, resources);
    }

    /** The batch's matrices one after the other: entry e is {@code entry.apply(e)}. */
    private static float[] stacked(java.util.function.IntFunction<float[]> entry, int batch) {
        float[] first = entry.apply(0);
        if (batch == 1) {
            return first;
        }
        float[] all = java.util.Arrays.copyOf(first, first.length * batch);
        for (int e = 1; e < batch; e++) {
            System.arraycopy(entry.apply(e), 0, all, e * first.length, first.length);
        }
        return all;
    }

    private static Workload plain(int n, DType dtype, int threads) {
        boolean complex = dtype.isComplex();
        float[] a = TestMatrices.unitary(n, complex);
        float[] delta = TestMatrices.delta(n, complex, SEED);
        WorkerPool parallel = new WorkerPool(threads, "projunn-bench");
        float[] sign = {1f};
        Runnable body = () -> {
            // alternate the sign so that A stays bounded over any number of repetitions
            float s = sign[0];
            sign[0] = -s;
            parallel.run(a.length, parallel.threads(), (worker, from, to) -> {
                for (int i = from; i < to; i++) {
                    a[i] += s * delta[i];
                }
            });
        };
        return new Workload(Operation.PLAIN, n, 0, dtype, 1, body, parallel);
    }

    private static Workload exact(Operation op, int n, boolean complex, int threads) {
        org.ejml.concurrency.EjmlConcurrency.setMaxThreads(threads);
        ExactStep<?> step = new ExactStep<>(op, DenseOps.of(complex, n));
        step.load(TestMatrices.unitary(n, complex), TestMatrices.delta(n, complex, SEED));
        return new Workload(op, n, 0, complex ? DType.COMPLEX64 : DType.FLOAT32, 1, step::run, () -> { });
    }

    public Operation operation() {
        return op;
    }

    public int n() {
        return n;
    }

    /** The rank, 0 where the operation has none. */
    public int k() {
        return k;
    }

    public DType dtype() {
        return dtype;
    }

    /** Independent matrices per run. */
    public int batch() {
        return batch;
    }

    /** Performs the operation once. */
    public void run() {
        body.run();
    }

    /** The memory-traffic floor in bytes over the whole batch (0 where there is none). */
    public long floorBytes() {
        return batch * op.floorBytes(n, dtype.bytesPerElement());
    }

    @Override
    public void close() {
        close(resources);
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the workload failed", e);
        }
    }
}
