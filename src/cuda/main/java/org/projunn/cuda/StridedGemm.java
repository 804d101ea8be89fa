package org.projunn.cuda;

import jcuda.driver.CUdeviceptr;
import org.projunn.DType;

/**
 * The projector's products ({@link GemmOps}) as cuBLAS strided batched GEMMs on column-major
 * matrices whose leading dimension is their row count. Each cuBLAS binding (JCublas2, FFM)
 * supplies only the call, so the two cannot disagree on shapes, strides or operations.
 */
abstract class StridedGemm implements GemmOps {
    /** cublasOperation_t. */
    static final int OP_N = 0;
    static final int OP_T = 1;
    static final int OP_C = 2;

    final DType dtype;

    StridedGemm(DType dtype) {
        this.dtype = dtype;
    }

    @Override
    public void adjointTimes(CUdeviceptr m, CUdeviceptr x, CUdeviceptr out, int n, int mc, int batch) {
        gemm(adjoint(), n, mc, n, m, (long) n * n, x, (long) n * mc, out, batch);
    }

    @Override
    public void times(CUdeviceptr m, CUdeviceptr y, CUdeviceptr out, int n, int mc, int batch) {
        gemm(OP_N, n, mc, n, m, (long) n * n, y, (long) n * mc, out, batch);
    }

    @Override
    public void gemmSquare(boolean adjointA, CUdeviceptr a, CUdeviceptr b, CUdeviceptr c, int n, int batch) {
        long s = (long) n * n;
        gemm(adjointA ? adjoint() : OP_N, n, n, n, a, s, b, s, c, batch);
    }

    @Override
    public boolean supportsGeneral() {
        return dtype == DType.FLOAT32;
    }

    /** Throws unless this dtype has {@link #general} products. */
    void checkGeneral() {
        if (!supportsGeneral()) {
            throw new IllegalStateException("general GEMM is float32 only, this handle is " + dtype);
        }
    }

    private int adjoint() {
        return dtype.isComplex() ? OP_C : OP_T;
    }

    /** C (m x nc) = op(A) B for each of {@code batch}; A is m x kd (op N) or kd x m, B kd x nc. */
    private void gemm(int opA, int m, int nc, int kd, CUdeviceptr a, long strideA, CUdeviceptr b, long strideB,
                      CUdeviceptr c, int batch) {
        stridedBatched(opA, m, nc, kd, a, opA == OP_N ? m : kd, strideA, b, strideB, c, batch);
    }

    /**
     * The binding's {@code cublas<S|D|C|Z>gemmStridedBatched} for this dtype: C = op(A) B with
     * alpha 1, beta 0, B not transposed, ldb = kd, ldc = m and C's stride m nc.
     */
    abstract void stridedBatched(int opA, int m, int nc, int kd, CUdeviceptr a, int lda, long strideA,
                                 CUdeviceptr b, long strideB, CUdeviceptr c, int batch);
}
