package org.projunn.cuda;

import java.util.List;
import org.projunn.DType;

/**
 * {@link FfmLibraries} on Java 22+: loads libcublas and libcusolver (CUDA 13 or 12 builds,
 * wherever {@link CudaLibraryFinder} finds them) and creates a handle of each on the backend's
 * stream. A library that does not load or start leaves its reason instead; nothing throws.
 * Found by {@link FfmBridge} through its static {@code open(long)} and {@code plan()}.
 */
final class FfmCudaLibraries implements FfmLibraries {
    static final List<String> CUBLAS = List.of("libcublas.so.13", "libcublas.so.12");
    static final List<String> CUBLAS_LT = List.of("libcublasLt.so.13", "libcublasLt.so.12");
    static final List<String> CUSOLVER = List.of("libcusolver.so.12", "libcusolver.so.11");
    /** What libcusolver needs beside cuBLAS; preloaded from where the finder sees them. */
    static final List<List<String>> CUSOLVER_DEPENDENCIES = List.of(List.of("libnvJitLink.so.13", "libnvJitLink.so.12"),
            List.of("libcusparse.so.12"));

    private final FfmCublas cublas;
    private final String blasStatus;
    private final FfmCusolver cusolver;
    private final String solverStatus;

    private FfmCudaLibraries(FfmCublas cublas, String blasStatus, FfmCusolver cusolver, String solverStatus) {
        this.cublas = cublas;
        this.blasStatus = blasStatus;
        this.cusolver = cusolver;
        this.solverStatus = solverStatus;
    }

    /**
     * Loads both libraries and creates their handles in the current context.
     *
     * @param stream the backend's stream handle
     * @return the libraries, each started or with the reason why not
     */
    static FfmLibraries open(long stream) {
        CudaLibraryFinder finder = CudaLibraryFinder.standard();
        FfmCublas blas = null;
        String blasStatus;
        try {
            blas = FfmCublas.create(loadCublas(finder), stream);
            blasStatus = blas.description();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            blasStatus = "FFM " + e.getMessage();
        }
        FfmCusolver solver = null;
        String solverStatus;
        try {
            solver = FfmCusolver.create(loadCusolver(finder), stream);
            solverStatus = solver.describe();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            solverStatus = "FFM " + e.getMessage();
        }
        return new FfmCudaLibraries(blas, blasStatus, solver, solverStatus);
    }

    /**
     * Which files load, without handles (no device needed).
     *
     * @return {cuBLAS: the loaded path or why none, cuSOLVER: the same}
     */
    static String[] plan() {
        CudaLibraryFinder finder = CudaLibraryFinder.standard();
        String blas;
        try {
            blas = "cuBLAS via FFM (" + loadCublas(finder).path + ")";
        } catch (UnsatisfiedLinkError e) {
            blas = "FFM " + e.getMessage();
        }
        String solver;
        try {
            solver = "cuSOLVER via FFM (" + loadCusolver(finder).path + ")";
        } catch (UnsatisfiedLinkError e) {
            solver = "FFM " + e.getMessage();
        }
        return new String[] {blas, solver};
    }

    /** libcublas, with libcublasLt of the same directory loaded first. */
    static NativeLibrary loadCublas(CudaLibraryFinder finder) {
        List<String> candidates = finder.candidates(CUBLAS);
        StringBuilder why = new StringBuilder();
        for (String c : candidates) {
            String lt = CudaLibraryFinder.besides(c, CUBLAS_LT);
            try {
                if (lt != null) {
                    NativeLibrary.open(lt);
                }
                return NativeLibrary.open(c);
            } catch (UnsatisfiedLinkError e) {
                why.append(why.length() == 0 ? "" : "; ").append(e.getMessage());
            }
        }
        throw new UnsatisfiedLinkError("cuBLAS not loaded (" + String.join(", ", CUBLAS) + "; searched "
                + finder.searched() + "): " + why);
    }

    /** libcusolver; for a file outside the linker cache, its dependencies found beside it are loaded first. */
    static NativeLibrary loadCusolver(CudaLibraryFinder finder) {
        List<String> candidates = finder.candidates(CUSOLVER);
        StringBuilder why = new StringBuilder();
        for (String c : candidates) {
            if (c.startsWith("/")) {
                preloadDependencies(finder);
            }
            try {
                return NativeLibrary.open(c);
            } catch (UnsatisfiedLinkError e) {
                why.append(why.length() == 0 ? "" : "; ").append(e.getMessage());
            }
        }
        throw new UnsatisfiedLinkError("cuSOLVER not loaded (" + String.join(", ", CUSOLVER) + "; searched "
                + finder.searched() + "): " + why);
    }

    private static void preloadDependencies(CudaLibraryFinder finder) {
        try {
            loadCublas(finder);
        } catch (UnsatisfiedLinkError e) {
            // libcusolver's own error will name what is missing
        }
        for (List<String> names : CUSOLVER_DEPENDENCIES) {
            for (String c : finder.candidates(names)) {
                if (!c.startsWith("/")) {
                    continue;
                }
                try {
                    NativeLibrary.open(c);
                    break;
                } catch (UnsatisfiedLinkError e) {
                    // try the next one
                }
            }
        }
    }

    @Override
    public GemmOps gemm(DType dtype) {
        return cublas == null ? null : cublas.gemm(dtype);
    }

    @Override
    public String blasStatus() {
        return blasStatus;
    }

    @Override
    public DeviceSvd svd() {
        return cusolver;
    }

    @Override
    public String solverStatus() {
        return solverStatus;
    }

    @Override
    public void close() {
        try {
            if (cublas != null) {
                cublas.close();
            }
        } finally {
            if (cusolver != null) {
                cusolver.close();
            }
        }
    }
}
