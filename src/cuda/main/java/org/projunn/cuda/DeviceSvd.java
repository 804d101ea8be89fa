package org.projunn.cuda;

import jcuda.driver.CUdeviceptr;
import org.projunn.DType;

/**
 * A full SVD of one n x n matrix on the device, on the backend's stream (cuSOLVER's gesvd,
 * column-major, complex interleaved). Owned by {@link CudaLibraries}.
 */
interface DeviceSvd {
    /**
     * Which library runs the SVD, for describe().
     *
     * @return e.g. "cuSOLVER 12.0.4 via FFM (/path/libcusolver.so.12)"
     */
    String describe();

    /**
     * The workspace gesvd needs.
     *
     * @param dtype the element type
     * @param n the order of the matrix
     * @return the workspace size in elements of {@code dtype}
     */
    int workspaceElements(DType dtype, int n);

    /**
     * Starts a = U S V^H on the stream.
     *
     * @param dtype the element type of {@code a}, {@code u}, {@code vt}, {@code work}
     * @param n the order
     * @param a the n x n matrix; modified (destroyed)
     * @param s n real singular values; modified
     * @param u n x n; modified: U
     * @param vt n x n; modified: V^H
     * @param work {@code lwork} elements; modified
     * @param lwork from {@link #workspaceElements}
     * @param rwork n - 1 reals; modified
     * @param info one int; modified: 0 on success, else gesvd's info
     */
    void gesvd(DType dtype, int n, CUdeviceptr a, CUdeviceptr s, CUdeviceptr u, CUdeviceptr vt, CUdeviceptr work,
               int lwork, CUdeviceptr rwork, CUdeviceptr info);
}
