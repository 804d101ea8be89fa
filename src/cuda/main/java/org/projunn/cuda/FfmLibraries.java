package org.projunn.cuda;

import org.projunn.DType;

/**
 * cuBLAS and cuSOLVER called through Java's foreign function API (Java 22+), whichever
 * versions are installed (libcublas.so.13 / .12, libcusolver.so.12 / .11), on one backend's
 * stream. The implementation lives in the jar's {@code META-INF/versions/22}; {@link FfmBridge}
 * finds it, or says why not.
 */
interface FfmLibraries extends AutoCloseable {
    /**
     * GEMMs of one type on this cuBLAS handle.
     *
     * @param dtype the element type
     * @return the products, or null when cuBLAS did not start ({@link #blasStatus()} says why)
     */
    GemmOps gemm(DType dtype);

    /**
     * What runs the GEMMs, or why cuBLAS did not start.
     *
     * @return e.g. "cuBLAS 130001 via FFM (/.../libcublas.so.13)"
     */
    String blasStatus();

    /**
     * The SVD on this cuSOLVER handle.
     *
     * @return the SVD, or null when cuSOLVER did not start ({@link #solverStatus()} says why)
     */
    DeviceSvd svd();

    /**
     * What runs the SVD, or why cuSOLVER did not start.
     *
     * @return e.g. "cuSOLVER 11701 via FFM (/.../libcusolver.so.12)"
     */
    String solverStatus();

    /** Destroys the handles (the libraries stay loaded for the JVM's life). */
    @Override
    void close();
}
