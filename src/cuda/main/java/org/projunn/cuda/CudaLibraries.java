package org.projunn.cuda;

import jcuda.CudaException;
import jcuda.driver.CUstream;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.runtime.cudaStream_t;
import org.projunn.DType;

/**
 * The NVIDIA libraries of a backend and the reasons for the choice, on the backend's stream.
 * GEMMs: cuBLAS through FFM (Java 22+, libcublas.so.13 or .12: {@link FfmLibraries}), else
 * cuBLAS through JCublas 12.6 (Java 17+, needs CUDA 12's libcublas.so.12), else the project's
 * own kernels. SVD: cuSOLVER through FFM, else EJML on the host. (JCusolver is not used: its
 * 11.6.1 natives never load beside jcuda 12.6.0, and no 12.x exists.)
 */
final class CudaLibraries implements AutoCloseable {
    static final String JCUBLAS = "cuBLAS (JCublas 12.6.0)";

    private final FfmLibraries ffm;
    private final cublasHandle jcublas;
    private final String gemmStatus;
    private final String svdStatus;

    private CudaLibraries(FfmLibraries ffm, cublasHandle jcublas, String gemmStatus, String svdStatus) {
        this.ffm = ffm;
        this.jcublas = jcublas;
        this.gemmStatus = gemmStatus;
        this.svdStatus = svdStatus;
    }

    /**
     * No libraries: own kernels and the host SVD.
     *
     * @param reason why, for describe()
     * @return libraries that start nothing
     */
    static CudaLibraries none(String reason) {
        return new CudaLibraries(FfmBridge.unavailable(reason), null, "own kernels (" + reason + ")",
                "host EJML (" + reason + ")");
    }

    /**
     * Starts what loads, in the order of the class comment, in the current context. Never
     * throws for a missing library.
     *
     * @param stream the backend's stream; not modified
     * @return the libraries and the reasons of the choice
     */
    static CudaLibraries load(CUstream stream) {
        return load(stream, true);
    }

    /**
     * As {@link #load(CUstream)}, optionally without the FFM path (to test JCublas where both load).
     *
     * @param stream the backend's stream; not modified
     * @param useFfm whether to try FFM first
     * @return the libraries and the reasons of the choice
     */
    static CudaLibraries load(CUstream stream, boolean useFfm) {
        FfmLibraries ffm = useFfm ? FfmBridge.open(stream) : FfmBridge.unavailable("FFM not tried");
        String ffmBlas = ffm.blasStatus();
        cublasHandle jcublas = null;
        String gemm;
        if (ffm.gemm(DType.FLOAT32) != null) {
            gemm = ffmBlas;
        } else {
            try {
                jcublas = startJCublas(stream);
                gemm = JCUBLAS + "; not FFM: " + ffmBlas;
            } catch (LinkageError | CudaException e) {
                gemm = "own kernels (" + ffmBlas + "; JCublas: " + CudaProbe.shortReason(e) + ")";
            }
        }
        String svd = ffm.svd() != null ? ffm.solverStatus() : "host EJML (" + ffm.solverStatus() + ")";
        return new CudaLibraries(ffm, jcublas, gemm, svd);
    }

    private static cublasHandle startJCublas(CUstream stream) {
        JCublas2.setExceptionsEnabled(true);
        cublasHandle h = new cublasHandle();
        JCublas2.cublasCreate(h);
        try {
            JCublas2.cublasSetStream(h, new cudaStream_t(stream));
        } catch (RuntimeException e) {
            JCublas2.cublasDestroy(h);
            throw e;
        }
        return h;
    }

    /**
     * Which files would load, without creating handles or needing a device (for the probe).
     *
     * @return "GEMM: ...; SVD: ..." with the reasons for what is not used
     */
    static String plan() {
        String[] ffm = FfmBridge.plan();
        String gemm;
        if (ffm[0].startsWith("cuBLAS")) {
            gemm = ffm[0];
        } else {
            try {
                JCublas2.initialize();
                gemm = JCUBLAS + "; not FFM: " + ffm[0];
            } catch (LinkageError | CudaException e) {
                gemm = "own kernels (" + ffm[0] + "; JCublas: " + CudaProbe.shortReason(e) + ")";
            }
        }
        String svd = ffm[1].startsWith("cuSOLVER") ? ffm[1] : "host EJML (" + ffm[1] + ")";
        return "GEMM: " + gemm + "; SVD: " + svd;
    }

    /**
     * The GEMMs of one type on the chosen path.
     *
     * @param dtype the element type
     * @param own the project's kernels of {@code dtype}, used when no cuBLAS started
     * @return the products (their handle belongs to these libraries)
     */
    GemmOps gemm(DType dtype, KernelLaunches own) {
        GemmOps viaFfm = ffm.gemm(dtype);
        if (viaFfm != null) {
            return viaFfm;
        }
        return jcublas != null ? new CublasGemm(jcublas, dtype) : new OwnGemm(own, gemmStatus);
    }

    /**
     * cuSOLVER's SVD, when it started.
     *
     * @return the SVD, or null: the host computes it
     */
    DeviceSvd svd() {
        return ffm.svd();
    }

    /**
     * Whether the GEMMs run on the project's kernels.
     *
     * @return true when neither cuBLAS path started
     */
    boolean ownKernels() {
        return ffm.gemm(DType.FLOAT32) == null && jcublas == null;
    }

    /**
     * The GEMM path and why not the others.
     *
     * @return e.g. "cuBLAS 130100 via FFM (/.../libcublas.so.13)"
     */
    String gemmStatus() {
        return gemmStatus;
    }

    /**
     * The SVD path and why not the other.
     *
     * @return e.g. "host EJML (FFM needs Java 22+, this JVM is 17)"
     */
    String svdStatus() {
        return svdStatus;
    }

    /** Destroys the handles. */
    @Override
    public void close() {
        try {
            if (jcublas != null) {
                JCublas2.cublasDestroy(jcublas);
            }
        } finally {
            ffm.close();
        }
    }
}
