package org.projunn.cuda;

import static jcuda.jcublas.cublasOperation.CUBLAS_OP_C;
import static jcuda.jcublas.cublasOperation.CUBLAS_OP_N;
import static jcuda.jcublas.cublasOperation.CUBLAS_OP_T;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import org.projunn.DType;

/** {@link GemmOps} on cuBLAS (strided batched GEMMs) through JCublas2, on the backend's stream. */
final class CublasGemm implements GemmOps {
    private final cublasHandle handle;
    private final DType dtype;
    private final Pointer one;
    private final Pointer zero;

    /** GEMMs of {@code dtype} on a handle owned by {@link CudaLibraries}. */
    CublasGemm(cublasHandle handle, DType dtype) {
        this.handle = handle;
        this.dtype = dtype;
        switch (dtype) {
            case FLOAT32: one = Pointer.to(new float[] {1f}); zero = Pointer.to(new float[] {0f}); break;
            case FLOAT64: one = Pointer.to(new double[] {1}); zero = Pointer.to(new double[] {0}); break;
            case COMPLEX64: one = Pointer.to(new float[] {1f, 0f}); zero = Pointer.to(new float[] {0f, 0f}); break;
            default: one = Pointer.to(new double[] {1, 0}); zero = Pointer.to(new double[] {0, 0}); break;
        }
    }

    @Override
    public String describe() {
        return "cuBLAS (JCublas 12.6.0)";
    }

    @Override
    public void adjointTimes(CUdeviceptr m, CUdeviceptr x, CUdeviceptr out, int n, int mc, int batch) {
        gemm(dtype.isComplex() ? CUBLAS_OP_C : CUBLAS_OP_T, n, mc, n, m, (long) n * n, x, (long) n * mc, out, batch);
    }

    @Override
    public void times(CUdeviceptr m, CUdeviceptr y, CUdeviceptr out, int n, int mc, int batch) {
        gemm(CUBLAS_OP_N, n, mc, n, m, (long) n * n, y, (long) n * mc, out, batch);
    }

    @Override
    public void gemmSquare(boolean adjointA, CUdeviceptr a, CUdeviceptr b, CUdeviceptr c, int n, int batch) {
        int op = adjointA ? (dtype.isComplex() ? CUBLAS_OP_C : CUBLAS_OP_T) : CUBLAS_OP_N;
        long s = (long) n * n;
        gemm(op, n, n, n, a, s, b, s, c, batch);
    }

    /** C (m x nc) = op(A) B, A with leading dimension kd-or-m = n here, B kd x nc. */
    private void gemm(int opA, int m, int nc, int kd, CUdeviceptr a, long strideA, CUdeviceptr b, long strideB,
                      CUdeviceptr c, int batch) {
        int lda = opA == CUBLAS_OP_N ? m : kd;
        long strideC = (long) m * nc;
        switch (dtype) {
            case FLOAT32:
                JCublas2.cublasSgemmStridedBatched(handle, opA, CUBLAS_OP_N, m, nc, kd, one, a, lda, strideA,
                        b, kd, strideB, zero, c, m, strideC, batch);
                break;
            case FLOAT64:
                JCublas2.cublasDgemmStridedBatched(handle, opA, CUBLAS_OP_N, m, nc, kd, one, a, lda, strideA,
                        b, kd, strideB, zero, c, m, strideC, batch);
                break;
            case COMPLEX64:
                JCublas2.cublasCgemmStridedBatched(handle, opA, CUBLAS_OP_N, m, nc, kd, one, a, lda, strideA,
                        b, kd, strideB, zero, c, m, strideC, batch);
                break;
            default:
                JCublas2.cublasZgemmStridedBatched(handle, opA, CUBLAS_OP_N, m, nc, kd, one, a, lda, strideA,
                        b, kd, strideB, zero, c, m, strideC, batch);
                break;
        }
    }

    @Override
    public boolean supportsGeneral() {
        return dtype == DType.FLOAT32;
    }

    /** The general products of the RNN training step ({@link RnnKernels#gemm}), float32 only. */
    @Override
    public void general(boolean transA, boolean transB, int m, int n, int k, CUdeviceptr a, int lda, CUdeviceptr b, int ldb,
                 boolean accumulate, CUdeviceptr c, int ldc) {
        if (dtype != DType.FLOAT32) {
            throw new IllegalStateException("general GEMM is float32 only, this handle is " + dtype);
        }
        JCublas2.cublasSgemm(handle, transA ? CUBLAS_OP_T : CUBLAS_OP_N, transB ? CUBLAS_OP_T : CUBLAS_OP_N, m, n, k,
                one, a, lda, b, ldb, accumulate ? one : zero, c, ldc);
    }

    /** The handle belongs to {@link CudaLibraries}. */
    @Override
    public void close() {
    }
}
