package org.projunn.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import org.projunn.DType;

/** {@link GemmOps} on cuBLAS (strided batched GEMMs) through JCublas2, on the backend's stream. */
final class CublasGemm extends StridedGemm {
    private final cublasHandle handle;
    private final Pointer one;
    private final Pointer zero;

    /** GEMMs of {@code dtype} on a handle owned by {@link CudaLibraries}. */
    CublasGemm(cublasHandle handle, DType dtype) {
        super(dtype);
        this.handle = handle;
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
    void stridedBatched(int opA, int m, int nc, int kd, CUdeviceptr a, int lda, long strideA, CUdeviceptr b,
                        long strideB, CUdeviceptr c, int batch) {
        long strideC = (long) m * nc;
        switch (dtype) {
            case FLOAT32:
                JCublas2.cublasSgemmStridedBatched(handle, opA, OP_N, m, nc, kd, one, a, lda, strideA,
                        b, kd, strideB, zero, c, m, strideC, batch);
                break;
            case FLOAT64:
                JCublas2.cublasDgemmStridedBatched(handle, opA, OP_N, m, nc, kd, one, a, lda, strideA,
                        b, kd, strideB, zero, c, m, strideC, batch);
                break;
            case COMPLEX64:
                JCublas2.cublasCgemmStridedBatched(handle, opA, OP_N, m, nc, kd, one, a, lda, strideA,
                        b, kd, strideB, zero, c, m, strideC, batch);
                break;
            default:
                JCublas2.cublasZgemmStridedBatched(handle, opA, OP_N, m, nc, kd, one, a, lda, strideA,
                        b, kd, strideB, zero, c, m, strideC, batch);
                break;
        }
    }

    /** The general products of the RNN training step ({@link RnnKernels#gemm}), float32 only. */
    @Override
    public void general(boolean transA, boolean transB, int m, int n, int k, CUdeviceptr a, int lda, CUdeviceptr b, int ldb,
                 boolean accumulate, CUdeviceptr c, int ldc) {
        checkGeneral();
        JCublas2.cublasSgemm(handle, transA ? OP_T : OP_N, transB ? OP_T : OP_N, m, n, k,
                one, a, lda, b, ldb, accumulate ? one : zero, c, ldc);
    }

    /** The handle belongs to {@link CudaLibraries}. */
    @Override
    public void close() {
    }
}
