package org.projunn.cuda;

import jcuda.CudaException;
import jcuda.driver.CUstream;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcusolver.JCusolver;
import jcuda.jcusolver.JCusolverDn;
import jcuda.jcusolver.cusolverDnHandle;
import jcuda.runtime.cudaStream_t;

/**
 * The optional NVIDIA libraries of a backend: a cuBLAS handle and a cuSOLVER handle on the
 * backend's stream, each null when its JCuda binding or the CUDA 12 library it needs
 * (libcublas.so.12, libcusolver.so.11) does not load; the reason is kept for describe().
 */
final class CudaLibraries implements AutoCloseable {
    final cublasHandle cublas;
    final String cublasStatus;
    final cusolverDnHandle cusolver;
    final String cusolverStatus;

    private CudaLibraries(cublasHandle cublas, String cublasStatus, cusolverDnHandle cusolver, String cusolverStatus) {
        this.cublas = cublas;
        this.cublasStatus = cublasStatus;
        this.cusolver = cusolver;
        this.cusolverStatus = cusolverStatus;
    }

    static CudaLibraries none(String reason) {
        return new CudaLibraries(null, reason, null, reason);
    }

    /** Tries to start cuBLAS and cuSOLVER on {@code stream}; never throws for a missing library. */
    static CudaLibraries load(CUstream stream) {
        cublasHandle blas = null;
        String blasStatus;
        try {
            JCublas2.setExceptionsEnabled(true);
            cublasHandle h = new cublasHandle();
            JCublas2.cublasCreate(h);
            try {
                JCublas2.cublasSetStream(h, new cudaStream_t(stream));
            } catch (RuntimeException e) {
                JCublas2.cublasDestroy(h);
                throw e;
            }
            blas = h;
            blasStatus = "cuBLAS (JCublas 12.6.0)";
        } catch (LinkageError | CudaException e) {
            blasStatus = "cuBLAS not loaded: " + CudaProbe.shortReason(e);
        }
        cusolverDnHandle solver = null;
        String solverStatus;
        try {
            JCusolver.setExceptionsEnabled(true);
            cusolverDnHandle h = new cusolverDnHandle();
            JCusolverDn.cusolverDnCreate(h);
            try {
                JCusolverDn.cusolverDnSetStream(h, new cudaStream_t(stream));
            } catch (RuntimeException e) {
                JCusolverDn.cusolverDnDestroy(h);
                throw e;
            }
            solver = h;
            solverStatus = "cuSOLVER (JCusolver 11.6.1)";
        } catch (LinkageError | CudaException e) {
            solverStatus = "cuSOLVER not loaded: " + CudaProbe.shortReason(e);
        }
        return new CudaLibraries(blas, blasStatus, solver, solverStatus);
    }

    @Override
    public void close() {
        try {
            if (cublas != null) {
                JCublas2.cublasDestroy(cublas);
            }
        } finally {
            if (cusolver != null) {
                JCusolverDn.cusolverDnDestroy(cusolver);
            }
        }
    }
}
