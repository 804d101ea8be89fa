package org.projunn.cuda;

import static jcuda.driver.JCudaDriver.cuMemcpyDtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD8Async;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.jcusolver.JCusolverDn;
import org.projunn.DType;
import org.projunn.Reorthonormalization;
import org.projunn.linalg.HostReorthonormalizer;

/**
 * Pulls a batch of drifted matrices back onto the unitary group, one matrix at a time, with the
 * same rules as the CPU: Newton-Schulz {@code X <- X (3I - X^H X) / 2} (GEMMs on the GPU) until
 * ||X^H X - I||_F stops falling or reaches 1e-15 sqrt(N), at most 30 rounds; or the exact polar
 * factor U V^H from cuSOLVER's SVD, or from the host's SVD when cuSOLVER is not loaded. Its O(N^2)
 * scratch is allocated on first use and kept.
 */
final class CudaReorthonormalizer implements AutoCloseable {
    private static final int MAX_NEWTON_SCHULZ = 30;

    private final CudaBackend backend;
    private final KernelLaunches ops;
    private final GemmOps gemm;
    private final DType dtype;
    private final int n;
    private final long matrixBytes;
    private DeviceBuffer gram;
    private DeviceBuffer other;
    private DeviceBuffer error;
    private SvdScratch svd;
    private double[] hostMatrix;
    private float[] hostFloats;

    CudaReorthonormalizer(CudaBackend backend, KernelLaunches ops, GemmOps gemm, DType dtype, int n) {
        this.backend = backend;
        this.ops = ops;
        this.gemm = gemm;
        this.dtype = dtype;
        this.n = n;
        this.matrixBytes = (long) n * n * dtype.bytesPerElement();
    }

    /** Re-orthonormalizes every entry of {@code matrix}; returns the worst ||A^H A - I||_F before. */
    double apply(CUdeviceptr matrix, int batch, Reorthonormalization how) {
        double worst = 0;
        for (int e = 0; e < batch; e++) {
            CUdeviceptr x = matrix.withByteOffset(e * matrixBytes);
            double before = how == Reorthonormalization.SVD_POLAR ? svdPolar(x) : newtonSchulz(x);
            worst = Math.max(worst, before);
        }
        return worst;
    }

    private double newtonSchulz(CUdeviceptr x) {
        if (gram == null) {
            gram = backend.allocateBuffer(matrixBytes, "re-orthonormalization Gram matrix");
            other = backend.allocateBuffer(matrixBytes, "re-orthonormalization iterate");
            error = backend.allocateBuffer(8, "re-orthonormalization error");
        }
        CUdeviceptr cur = x;
        CUdeviceptr next = other.pointer();
        gemm.gemmSquare(true, cur, cur, gram.pointer(), n, 1);
        double before = gramError();
        double err = before;
        for (int it = 0; it < MAX_NEWTON_SCHULZ && err > 1e-15 * Math.sqrt(n); it++) {
            ops.newtonSchulzCoefficient(gram.pointer(), n);
            gemm.gemmSquare(false, cur, gram.pointer(), next, n, 1);
            CUdeviceptr t = cur;
            cur = next;
            next = t;
            gemm.gemmSquare(true, cur, cur, gram.pointer(), n, 1);
            double e = gramError();
            if (!(e < err)) {
                err = e;
                break;
            }
            err = e;
        }
        if (cur != x) {
            cuMemcpyDtoDAsync(x, cur, matrixBytes, backend.context().stream);
        }
        return before;
    }

    private double gramError() {
        cuMemsetD8Async(error.pointer(), (byte) 0, 8, backend.context().stream);
        ops.gramError(gram.pointer(), n, error.pointer());
        double[] v = new double[1];
        backend.download(error.pointer(), v);
        return Math.sqrt(v[0]);
    }

    private double svdPolar(CUdeviceptr x) {
        if (backend.libraries().cusolver == null) {
            return hostPolar(x);
        }
        if (gram == null) {
            gram = backend.allocateBuffer(matrixBytes, "re-orthonormalization Gram matrix");
            other = backend.allocateBuffer(matrixBytes, "re-orthonormalization iterate");
            error = backend.allocateBuffer(8, "re-orthonormalization error");
        }
        if (svd == null) {
            svd = new SvdScratch();
        }
        gemm.gemmSquare(true, x, x, gram.pointer(), n, 1);
        double before = gramError();
        // gesvd overwrites its input: work on a copy in `other`; U -> gram, V^H -> svd.vt
        cuMemcpyDtoDAsync(other.pointer(), x, matrixBytes, backend.context().stream);
        svd.run(other.pointer(), gram.pointer());
        gemm.gemmSquare(false, gram.pointer(), svd.vt.pointer(), x, n, 1);
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

    /** cuSOLVER gesvd buffers for one n x n matrix. */
    private final class SvdScratch {
        final DeviceBuffer vt;
        final DeviceBuffer singular;
        final DeviceBuffer work;
        final DeviceBuffer rwork;
        final DeviceBuffer info;
        final int lwork;

        SvdScratch() {
            int[] lw = new int[1];
            switch (dtype) {
                case FLOAT32: JCusolverDn.cusolverDnSgesvd_bufferSize(backend.libraries().cusolver, n, n, lw); break;
                case FLOAT64: JCusolverDn.cusolverDnDgesvd_bufferSize(backend.libraries().cusolver, n, n, lw); break;
                case COMPLEX64: JCusolverDn.cusolverDnCgesvd_bufferSize(backend.libraries().cusolver, n, n, lw); break;
                default: JCusolverDn.cusolverDnZgesvd_bufferSize(backend.libraries().cusolver, n, n, lw); break;
            }
            lwork = Math.max(1, lw[0]);
            vt = backend.allocateBuffer(matrixBytes, "SVD V^H");
            singular = backend.allocateBuffer((long) n * dtype.bytesPerScalar(), "singular values");
            work = backend.allocateBuffer((long) lwork * dtype.bytesPerElement(), "SVD workspace");
            rwork = backend.allocateBuffer((long) Math.max(1, n - 1) * dtype.bytesPerScalar(), "SVD real workspace");
            info = backend.allocateBuffer(4, "SVD info");
        }

        /** a = U S V^H (a destroyed): U into {@code u}, V^H into {@link #vt}. */
        void run(CUdeviceptr a, CUdeviceptr u) {
            Pointer s = singular.pointer();
            switch (dtype) {
                case FLOAT32:
                    JCusolverDn.cusolverDnSgesvd(backend.libraries().cusolver, 'A', 'A', n, n, a, n, s, u, n,
                            vt.pointer(), n, work.pointer(), lwork, rwork.pointer(), info.pointer());
                    break;
                case FLOAT64:
                    JCusolverDn.cusolverDnDgesvd(backend.libraries().cusolver, 'A', 'A', n, n, a, n, s, u, n,
                            vt.pointer(), n, work.pointer(), lwork, rwork.pointer(), info.pointer());
                    break;
                case COMPLEX64:
                    JCusolverDn.cusolverDnCgesvd(backend.libraries().cusolver, 'A', 'A', n, n, a, n, s, u, n,
                            vt.pointer(), n, work.pointer(), lwork, rwork.pointer(), info.pointer());
                    break;
                default:
                    JCusolverDn.cusolverDnZgesvd(backend.libraries().cusolver, 'A', 'A', n, n, a, n, s, u, n,
                            vt.pointer(), n, work.pointer(), lwork, rwork.pointer(), info.pointer());
                    break;
            }
            int[] status = new int[1];
            backend.download(info.pointer(), status);
            if (status[0] != 0) {
                throw new IllegalStateException("cuSOLVER gesvd did not converge during re-orthonormalization (info "
                        + status[0] + ")");
            }
        }

        void close() {
            vt.close();
            singular.close();
            work.close();
            rwork.close();
            info.close();
        }
    }

    @Override
    public void close() {
        try {
            if (svd != null) {
                svd.close();
            }
        } finally {
            if (gram != null) {
                gram.close();
                other.close();
                error.close();
            }
        }
    }
}
