package org.projunn.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD8Async;

import jcuda.driver.CUdeviceptr;
import org.projunn.Checks;
import org.projunn.DType;
import org.projunn.InvalidInputException;
import org.projunn.Method;
import org.projunn.ProjectorSpec;
import org.projunn.SamplerSpec;
import org.projunn.StepReport;
import org.projunn.Tensor;
import org.projunn.spi.AbstractProjector;

/**
 * projUNN steps on the GPU for one shape, the same three phases as the CPU's projector:
 * {@code A^H a} (cuBLAS or own kernel), the small 2k x 2k problem per matrix (one block each),
 * and the fused update (A read once where its row tile fits on chip, written once). Inputs are
 * validated with {@link Checks} and scanned for NaN/Inf on the device before anything is written.
 * Steps allocate nothing; each waits for its small report (dropped directions, clamped
 * eigenvalues) at the end, so a step returns when A is updated.
 */
public final class CudaProjector extends AbstractProjector<CudaTensor> {
    private final CudaBackend backend;
    private final DType dtype;
    private final int batch;
    private final int n;
    private final int k;
    private final int width;
    private final KernelLaunches ops;
    private final GemmOps gemm;
    private final CudaStepWorkspace ws;
    private final CudaReorthonormalizer reorth;
    private final int[] flags;
    private final int[] report;
    private CUdeviceptr factorA;
    private CUdeviceptr factorB;
    private boolean closed;

    CudaProjector(CudaBackend backend, ProjectorSpec spec, DType dtype, int batch, int n) {
        super(spec);
        Checks.projectorShape(spec, dtype, batch, n);
        this.backend = backend;
        this.dtype = dtype;
        this.batch = batch;
        this.n = n;
        this.k = spec.rank();
        this.width = Math.max(k, Math.min(k + spec.sampler().oversampling(), n));
        backend.context().makeCurrent();
        this.ops = backend.kernels(dtype);
        if (!ops.fusedFits(k)) {
            throw new InvalidInputException("rank k=" + k + " is too large for the CUDA fused update: it needs "
                    + (ops.fusedBaseShared(k) >> 10) + " KiB of shared memory per block");
        }
        this.gemm = backend.gemm(dtype);
        this.ws = new CudaStepWorkspace(backend, ops, dtype, spec.sampler(), batch, n, k, width);
        this.reorth = new CudaReorthonormalizer(backend, backend::allocateBuffer, ops, gemm, backend.libraries().svd(), dtype, n);
        this.flags = new int[batch];
        this.report = new int[2 * batch];
    }

    /**
     * The element type of the matrices this projector steps.
     *
     * @return the dtype given to {@link CudaBackend#newProjector}
     */
    public DType dtype() {
        return dtype;
    }

    /**
     * How many matrices each step updates.
     *
     * @return the batch size given to {@link CudaBackend#newProjector}
     */
    public int batch() {
        return batch;
    }

    /**
     * The order N of the N x N matrices.
     *
     * @return N
     */
    public int size() {
        return n;
    }

    /**
     * Which library runs the dense products.
     *
     * @return "cuBLAS ... via FFM (...)", "cuBLAS (JCublas 12.6.0)" or "own kernels (why no cuBLAS)"
     */
    public String gemmDescription() {
        return gemm.describe();
    }

    /**
     * {@inheritDoc}
     *
     * <p>On the GPU: both tensors must be this backend's {@link CudaTensor}s of this projector's
     * dtype and shape (batch x N x N). The step is queued on the backend's stream and waited for
     * (its report is read back).
     *
     * @param matrix the batch of unitary matrices A; modified: A is replaced by its update
     * @param delta the batch of updates (gradients); not modified
     * @return what the step did (clamped eigenvalues, dropped directions)
     */
    @Override
    public StepReport step(Tensor matrix, Tensor delta) {
        CudaTensor target = checked("A", matrix, n, n);
        CudaTensor update = checked("delta", delta, n, n);
        begin();
        checkDelta(update);
        runSampler(update.pointer());
        return stepWith(target, ws.a, ws.b);
    }

    /**
     * {@inheritDoc}
     *
     * <p>On the GPU: all tensors must be this backend's {@link CudaTensor}s of this projector's
     * dtype; {@code a} and {@code b} batch x N x k. Non-finite factors are rejected before A is touched.
     *
     * @param matrix the batch of unitary matrices A; modified: A is replaced by its update
     * @param a the left factors of the update {@code a b^H}; not modified
     * @param b the right factors; not modified
     * @return what the step did
     */
    @Override
    public StepReport stepFactored(Tensor matrix, Tensor a, Tensor b) {
        CudaTensor target = checked("A", matrix, n, n);
        CudaTensor aT = checked("a", a, n, k);
        CudaTensor bT = checked("b", b, n, k);
        begin();
        checkFinite("a", aT.pointer(), (long) n * k);
        checkFinite("b", bT.pointer(), (long) n * k);
        return stepWith(target, aT.pointer(), bT.pointer());
    }

    /**
     * {@inheritDoc}
     *
     * <p>On the GPU: all tensors must be this backend's {@link CudaTensor}s of this projector's dtype.
     *
     * @param delta the batch of updates (batch x N x N); not modified
     * @param aOut batch x N x k; modified: receives the left factors
     * @param bOut batch x N x k; modified: receives the right factors
     */
    @Override
    public void sample(Tensor delta, Tensor aOut, Tensor bOut) {
        CudaTensor update = checked("delta", delta, n, n);
        CudaTensor aT = checked("a", aOut, n, k);
        CudaTensor bT = checked("b", bOut, n, k);
        begin();
        checkDelta(update);
        runSampler(update.pointer());
        long bytes = (long) batch * n * k * dtype.bytesPerElement();
        cuMemcpyDtoDAsync(aT.pointer(), ws.a, bytes, backend.context().stream);
        cuMemcpyDtoDAsync(bT.pointer(), ws.b, bytes, backend.context().stream);
        backend.context().synchronize();
    }

    /**
     * {@inheritDoc}
     *
     * <p>On the GPU: Newton-Schulz with the GEMMs on the device, or the SVD polar factor from
     * cuSOLVER (or from the host when cuSOLVER is not loaded), as the spec says.
     *
     * @param matrix this backend's batch x N x N tensor of this dtype; modified: pulled back onto the unitary group
     * @return the worst ||A^H A - I||_F before
     */
    @Override
    public double reorthonormalize(Tensor matrix) {
        CudaTensor target = checked("A", matrix, n, n);
        begin();
        return reorthonormalizeAll(target);
    }

    @Override
    protected double reorthonormalizeAll(CudaTensor target) {
        double before = reorth.apply(target.pointer(), batch, spec.reorthMethod());
        backend.context().synchronize();
        return before;
    }

    private StepReport stepWith(CudaTensor target, CUdeviceptr a, CUdeviceptr b) {
        factorA = a;
        factorB = b;
        return completeStep(target);
    }

    @Override
    protected void applyStep(CudaTensor target) {
        gemm.adjointTimes(target.pointer(), factorA, ws.ahat, n, k, batch);
        checkFinite("A", ws.ahat, (long) n * k);
        ops.stepFactors(factorA, factorB, ws.ahat, n, k, spec.method() == Method.DIRECT, batch, ws.basis,
                ws.stepSmall, ws.qRows, ws.g, ws.bh, ws.c, ws.report);
        ops.fusedUpdate(target.pointer(), factorA, ws.qRows, ws.g, ws.bh, ws.c, n, k,
                spec.method() == Method.DIRECT, batch);
        backend.download(ws.report, report);
    }

    @Override
    protected int clampedEigenvalues() {
        int clamped = 0;
        for (int e = 0; e < batch; e++) {
            clamped += report[2 * e + 1];
        }
        return clamped;
    }

    @Override
    protected int droppedDirections() {
        int dropped = 0;
        for (int e = 0; e < batch; e++) {
            dropped += report[2 * e];
        }
        return dropped;
    }

    /** Delta's NaN/Inf scan; for column sampling the column norms double as the scan. */
    private void checkDelta(CudaTensor delta) {
        clearFlags();
        if (spec.sampler().kind() == SamplerSpec.Kind.COLUMN) {
            ops.columnNorms(delta.pointer(), ws.norms, ws.flags, n, batch);
        } else {
            ops.nonFinite(delta.pointer(), (long) n * n * dtype.scalarsPerElement(), batch, ws.flags);
        }
        throwIfFlagged("delta");
    }

    /** Throws {@link Checks#nonFinite} for the first entry of {@code x} (elements per entry) with NaN/Inf. */
    private void checkFinite(String what, CUdeviceptr x, long elementsPerEntry) {
        clearFlags();
        ops.nonFinite(x, elementsPerEntry * dtype.scalarsPerElement(), batch, ws.flags);
        throwIfFlagged(what);
    }

    private void clearFlags() {
        cuMemsetD8Async(ws.flags, (byte) 0, 4L * batch, backend.context().stream);
    }

    private void throwIfFlagged(String what) {
        backend.download(ws.flags, flags);
        for (int e = 0; e < batch; e++) {
            if (flags[e] != 0) {
                throw Checks.nonFinite(what, e, batch);
            }
        }
    }

    private void begin() {
        if (closed) {
            throw new IllegalStateException("projector is closed");
        }
        backend.context().makeCurrent();
    }

    private CudaTensor checked(String what, Tensor t, int rows, int cols) {
        if (closed) {
            throw new IllegalStateException("projector is closed");
        }
        Checks.tensor(what, t, backend, dtype, batch, rows, cols);
        if (!(t instanceof CudaTensor cuda)) {
            throw new InvalidInputException(what + " is not a CUDA tensor");
        }
        if (cuda.isClosed()) {
            throw new InvalidInputException(what + " has been closed");
        }
        return cuda;
    }

    /** Frees the projector's device memory (workspace and re-orthonormalization scratch); twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            backend.context().makeCurrent();
            reorth.close();
        } finally {
            try {
                ws.close();
            } finally {
                backend.projectorClosed(this);
            }
        }
    }

    private void runSampler(CUdeviceptr delta) {
        SamplerSpec sampler = spec.sampler();
        if (sampler.kind() == SamplerSpec.Kind.SKETCH) {
            CudaSketchSampler.sample(ops, gemm, ws, sampler, delta, stepCount(), batch, n, k, width);
        } else {
            CudaColumnSampler.sample(ops, gemm, ws, sampler, delta, stepCount(), batch, n, k, width);
        }
    }
}
