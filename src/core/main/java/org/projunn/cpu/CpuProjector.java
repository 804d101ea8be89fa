package org.projunn.cpu;

import org.projunn.Checks;
import org.projunn.DType;
import org.projunn.InvalidInputException;
import org.projunn.Method;
import org.projunn.ProjectorSpec;
import org.projunn.SamplerSpec;
import org.projunn.StepReport;
import org.projunn.Tensor;
import org.projunn.linalg.HostReorthonormalizer;
import org.projunn.spi.AbstractProjector;

/**
 * projUNN steps on the CPU for one shape (batch x N x N, one dtype). A step is three phases,
 * each the CPU mirror of a GPU kernel: {@code A^H a} (one pass over A), the small 2k x 2k
 * problem per matrix, and the update {@code A <- X + (X Q) F Q^H}. The GPU kernel does the update
 * in one pass per row tile; here it is two column-streaming passes ({@code W = X Q}, then the
 * column-by-column update), since a row tile of a column-major matrix is a strided gather on a
 * CPU and measured slower (bench/README.md). The workspace is allocated here, once; steps
 * allocate nothing proportional to N^2.
 *
 * <p>Not thread-safe: one projector serves one training loop.
 */
public final class CpuProjector extends AbstractProjector<CpuTensor> {
    private final CpuBackend backend;
    private final DType dtype;
    private final int batch;
    private final int n;
    private final int k;
    private final int s;
    private final StepWorkspace[] entries;
    private final BatchRunner runner;
    private double[] reorthScratch;

    CpuProjector(CpuBackend backend, ProjectorSpec spec, DType dtype, int batch, int n) {
        super(spec);
        Checks.projectorShape(spec, dtype, batch, n);
        this.backend = backend;
        this.dtype = dtype;
        this.batch = batch;
        this.n = n;
        this.k = spec.rank();
        this.s = dtype.scalarsPerElement();
        int width = Math.max(k, Math.min(k + spec.sampler().oversampling(), n));
        this.entries = new StepWorkspace[batch];
        for (int e = 0; e < batch; e++) {
            entries[e] = new StepWorkspace(n, k, width, s);
        }
        int maxWidth = Math.max(3 * k, width); // the update's terms: k of a b^H, 2k of W G
        this.runner = new BatchRunner(backend.parallel(), DensePasses.forComplex(dtype.isComplex()),
                batch, n, maxWidth);
    }

    /**
     * The element type of the matrices this projector steps.
     *
     * @return the dtype
     */
    public DType dtype() {
        return dtype;
    }

    /**
     * The number of matrices stepped together.
     *
     * @return the batch size
     */
    public int batch() {
        return batch;
    }

    /**
     * The order N of the matrices.
     *
     * @return N
     */
    public int size() {
        return n;
    }

    @Override
    public StepReport step(Tensor matrix, Tensor delta) {
        CpuTensor target = checked("A", matrix, n, n);
        CpuTensor update = checked("delta", delta, n, n);
        runSampler(update);
        return completeStep(target);
    }

    @Override
    public StepReport stepFactored(Tensor matrix, Tensor a, Tensor b) {
        CpuTensor target = checked("A", matrix, n, n);
        loadFactors(checked("a", a, n, k), checked("b", b, n, k));
        return completeStep(target);
    }

    @Override
    public void sample(Tensor delta, Tensor aOut, Tensor bOut) {
        CpuTensor update = checked("delta", delta, n, n);
        CpuTensor aT = checked("a", aOut, n, k);
        CpuTensor bT = checked("b", bOut, n, k);
        runSampler(update);
        int len = n * k * s;
        for (int e = 0; e < batch; e++) {
            aT.host().store(e * len, entries[e].a, len);
            bT.host().store(e * len, entries[e].b, len);
        }
    }

    /** Phase 1 only, with a and b given: reads them and computes A^H a (for benchmarks). */
    void computeProjectedFactor(Tensor matrix, Tensor a, Tensor b) {
        CpuTensor target = checked("A", matrix, n, n);
        loadFactors(checked("a", a, n, k), checked("b", b, n, k));
        projectFactor(target);
    }

    /** Phase 2 only: QR, small eigenproblem, F, on the factors of the last phase 1. */
    void computeSmallProblems() {
        runner.forEachEntry(e -> StepFactors.compute(spec.method(), entries[e], s, StepFactors.roundoff(dtype)));
    }

    /** Phase 3 only: the fused update of A with the factors of the last phase 2. */
    void applyFusedUpdate(Tensor matrix) {
        runner.fusedUpdate(checked("A", matrix, n, n).host(), entries, spec.method() == Method.DIRECT);
    }

    @Override
    public double reorthonormalize(Tensor matrix) {
        return reorthonormalizeAll(checked("A", matrix, n, n));
    }

    @Override
    protected double reorthonormalizeAll(CpuTensor target) {
        int len = n * n * s;
        if (reorthScratch == null) {
            reorthScratch = new double[len];
        }
        double worst = 0;
        for (int e = 0; e < batch; e++) {
            target.host().load(e * len, reorthScratch, len);
            worst = Math.max(worst, HostReorthonormalizer.apply(reorthScratch, n, dtype.isComplex(), spec.reorthMethod()));
            target.host().store(e * len, reorthScratch, len);
        }
        return worst;
    }

    private void runSampler(CpuTensor update) {
        SamplerSpec sampler = spec.sampler();
        if (sampler.kind() == SamplerSpec.Kind.SKETCH) {
            SketchSampler.sample(runner, update.host(), entries, sampler, stepCount(), s, batch);
        } else {
            ColumnSampler.sample(runner, update.host(), entries, sampler, stepCount(), s, batch);
        }
    }

    private void loadFactors(CpuTensor aT, CpuTensor bT) {
        int len = n * k * s;
        for (int e = 0; e < batch; e++) {
            if (!aT.host().allFinite(e * len, len)) {
                throw Checks.nonFinite("a", e, batch);
            }
            if (!bT.host().allFinite(e * len, len)) {
                throw Checks.nonFinite("b", e, batch);
            }
        }
        for (int e = 0; e < batch; e++) {
            aT.host().load(e * len, entries[e].a, len);
            bT.host().load(e * len, entries[e].b, len);
        }
    }

    private void projectFactor(CpuTensor target) {
        runner.adjointTimes(target.host(), e -> entries[e].a, k, e -> entries[e].ahat);
        for (int e = 0; e < batch; e++) {
            if (!SketchSampler.allFinite(entries[e].ahat, n * k * s)) {
                throw Checks.nonFinite("A", e, batch);
            }
        }
    }

    @Override
    protected void applyStep(CpuTensor target) {
        projectFactor(target);
        computeSmallProblems();
        applyFusedUpdate(target);
    }

    @Override
    protected int clampedEigenvalues() {
        int clamped = 0;
        for (StepWorkspace w : entries) {
            clamped += w.clampedEigenvalues;
        }
        return clamped;
    }

    @Override
    protected int droppedDirections() {
        int dropped = 0;
        for (StepWorkspace w : entries) {
            dropped += w.droppedDirections;
        }
        return dropped;
    }

    private CpuTensor checked(String what, Tensor t, int rows, int cols) {
        Checks.tensor(what, t, backend, dtype, batch, rows, cols);
        if (!(t instanceof CpuTensor cpu)) {
            throw new InvalidInputException(what + " is not a CPU tensor");
        }
        return cpu;
    }

    @Override
    public void close() {
    }
}
