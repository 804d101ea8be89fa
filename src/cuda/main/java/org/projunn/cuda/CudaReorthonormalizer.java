package org.projunn.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD8Async;

import jcuda.driver.CUdeviceptr;
import org.projunn.DType;
import org.projunn.Reorthonormalization;
import org.projunn.linalg.HostReorthonormalizer;
import org.projunn.linalg.NewtonSchulzLoop;

/**
 * Pulls a batch of drifted matrices back onto the unitary group, one matrix at a time, with the
 * same rules as the CPU: Newton-Schulz {@code X <- X (3I - X^H X) / 2} (GEMMs on the GPU) until
 * ||X^H X - I||_F stops falling or reaches 1e-15 sqrt(N), at most 30 rounds, keeping the better
 * iterate ({@link NewtonSchulzLoop}); or the exact polar factor U V^H from cuSOLVER's SVD, or
 * from the host's SVD when cuSOLVER is not loaded. Its O(N^2) scratch is allocated on first use
 * and kept; each set of it is allocated all or nothing ({@link BufferGroup}), so a failed
 * allocation (out of memory at large N) leaves nothing half set: a later call tries again and
 * close releases what exists.
 */
final class CudaReorthonormalizer implements AutoCloseable {
    private final CudaBackend backend;
    private final BufferAllocator allocator;
    private final KernelLaunches ops;
    private final GemmOps gemm;
    private final DeviceSvd svd;
    private final DType dtype;
    private final int n;
    private final long matrixBytes;
    /** gram, iterate, error: for both methods. */
    private BufferGroup common;
    /** V^H, singular values, workspace, real workspace, info: for cuSOLVER's SVD. */
    private BufferGroup svdScratch;
    private int lwork;
    private double[] hostMatrix;
    private float[] hostFloats;

    /**
     * A re-orthonormalizer for n x n matrices of one type.
     *
     * @param backend the device's transfers and stream (only used by {@link #apply})
     * @param allocator where the scratch comes from
     * @param ops the kernels of {@code dtype}
     * @param gemm the dense products of {@code dtype}
     * @param svd cuSOLVER, or null: the SVD polar factor is then computed on the host
     * @param dtype the element type
     * @param n the order of the matrices
     */
    CudaReorthonormalizer(CudaBackend backend, BufferAllocator allocator, KernelLaunches ops, GemmOps gemm,
                          DeviceSvd svd, DType dtype, int n) {
        this.backend = backend;
        this.allocator = allocator;
        this.ops = ops;
        this.gemm = gemm;
        this.svd = svd;
        this.dtype = dtype;
        this.n = n;
        this.matrixBytes = (long) n * n * dtype.bytesPerElement();
    }

    /**
     * Re-orthonormalizes every entry of {@code matrix}.
     *
     * @param matrix {@code batch} contiguous n x n matrices; modified
     * @param batch how many
     * @param how the method
     * @return the worst ||A^H A - I||_F before
     */
    double apply(CUdeviceptr matrix, int batch, Reorthonormalization how) {
        prepare(how);
        double worst = 0;
        for (int e = 0; e < batch; e++) {
            CUdeviceptr x = matrix.withByteOffset(e * matrixBytes);
            double before = how == Reorthonormalization.SVD_POLAR ? svdPolar(x) : newtonSchulz(x);
            worst = Math.max(worst, before);
        }
        return worst;
    }

    /**
     * Allocates the scratch {@code how} needs, if not yet there: each set whole or not at all.
     *
     * @param how the method about to run
     * @throws IllegalStateException when the device is out of memory (nothing is kept then)
     */
    void prepare(Reorthonormalization how) {
        if (how == Reorthonormalization.SVD_POLAR && svd == null) {
            return; // on the host
        }
        if (common == null) {
            common = BufferGroup.allocate(allocator, new long[] {matrixBytes, matrixBytes, 8},
                    new String[] {"re-orthonormalization Gram matrix", "re-orthonormalization iterate",
                                  "re-orthonormalization error"});
        }
        if (how == Reorthonormalization.SVD_POLAR && svdScratch == null) {
            int lw = Math.max(1, svd.workspaceElements(dtype, n));
            svdScratch = BufferGroup.allocate(allocator,
                    new long[] {matrixBytes, (long) n * dtype.bytesPerScalar(), (long) lw * dtype.bytesPerElement(),
                                (long) Math.max(1, n - 1) * dtype.bytesPerScalar(), 4},
                    new String[] {"SVD V^H", "singular values", "SVD workspace", "SVD real workspace", "SVD info"});
            lwork = lw;
        }
    }

    private CUdeviceptr gram() {
        return common.get(0).pointer();
    }

    private double newtonSchulz(CUdeviceptr x) {
        CUdeviceptr[] slots = {x, common.get(1).pointer()};
        gemm.gemmSquare(true, x, x, gram(), n, 1);
        double before = gramError();
        // gram holds the Gram matrix of slots[from] whenever a round starts
        int kept = NewtonSchulzLoop.run(before, n, (from, to) -> {
            ops.newtonSchulzCoefficient(gram(), n);
            gemm.gemmSquare(false, slots[from], gram(), slots[to], n, 1);
            gemm.gemmSquare(true, slots[to], slots[to], gram(), n, 1);
            return gramError();
        });
        if (kept != 0) {
            cuMemcpyDtoDAsync(x, slots[kept], matrixBytes, backend.context().stream);
        }
        return before;
    }

    private double gramError() {
        CUdeviceptr error = common.get(2).pointer();
        cuMemsetD8Async(error, (byte) 0, 8, backend.context().stream);
        ops.gramError(gram(), n, error);
        double[] v = new double[1];
        backend.download(error, v);
        return Math.sqrt(v[0]);
    }

    private double svdPolar(CUdeviceptr x) {
        if (svd == null) {
            return hostPolar(x);
        }
        gemm.gemmSquare(true, x, x, gram(), n, 1);
        double before = gramError();
        // gesvd overwrites its input: work on a copy in the iterate slot; U -> gram, V^H -> vt
        CUdeviceptr copy = common.get(1).pointer();
        CUdeviceptr vt = svdScratch.get(0).pointer();
        CUdeviceptr info = svdScratch.get(4).pointer();
        cuMemcpyDtoDAsync(copy, x, matrixBytes, backend.context().stream);
        svd.gesvd(dtype, n, copy, svdScratch.get(1).pointer(), gram(), vt, svdScratch.get(2).pointer(), lwork,
                svdScratch.get(3).pointer(), info);
        int[] status = new int[1];
        backend.download(info, status);
        if (status[0] != 0) {
            throw new IllegalStateException("cuSOLVER gesvd failed during re-orthonormalization (info " + status[0]
                    + (status[0] > 0 ? ": " + status[0] + " superdiagonals did not converge)" : ": bad argument)"));
        }
        gemm.gemmSquare(false, gram(), vt, x, n, 1);
        return before;
    }

    /** SVD polar on the host (cuSOLVER not loaded): one download, EJML's SVD, one upload. */
    private double hostPolar(CUdeviceptr x) {
        int len = n * n * (dtype.isComplex() ? 2 : 1);
        if (hostMatrix == null) {
            hostMatrix = new double[len];
            hostFloats = dtype.isDoublePrecision() ? null : new float[len];
        }
        if (dtype.isDoublePrecision()) {
            backend.download(x, hostMatrix);
        } else {
            backend.download(x, hostFloats);
            for (int i = 0; i < len; i++) {
                hostMatrix[i] = hostFloats[i];
            }
        }
        double before = HostReorthonormalizer.apply(hostMatrix, n, dtype.isComplex(), Reorthonormalization.SVD_POLAR);
        if (dtype.isDoublePrecision()) {
            backend.upload(x, hostMatrix);
        } else {
            for (int i = 0; i < len; i++) {
                hostFloats[i] = (float) hostMatrix[i];
            }
            backend.upload(x, hostFloats);
        }
        return before;
    }

    /** Releases the scratch that exists (none, one or both sets). */
    @Override
    public void close() {
        BufferGroup a = svdScratch;
        BufferGroup b = common;
        svdScratch = null;
        common = null;
        try {
            if (a != null) {
                a.close();
            }
        } finally {
            if (b != null) {
                b.close();
            }
        }
    }
}
