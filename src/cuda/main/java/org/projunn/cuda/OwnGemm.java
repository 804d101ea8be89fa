package org.projunn.cuda;

import jcuda.driver.CUdeviceptr;

/** {@link GemmOps} on the project's kernels: tall-skinny products and a tiled GEMM. */
final class OwnGemm implements GemmOps {
    private final KernelLaunches kernels;
    private final String reason;

    OwnGemm(KernelLaunches kernels, String reason) {
        this.kernels = kernels;
        this.reason = reason;
    }

    @Override
    public String describe() {
        return "own kernels (" + reason + ")";
    }

    @Override
    public void adjointTimes(CUdeviceptr m, CUdeviceptr x, CUdeviceptr out, int n, int mc, int batch) {
        kernels.adjointTimes(m, x, out, n, mc, batch);
    }

    @Override
    public void times(CUdeviceptr m, CUdeviceptr y, CUdeviceptr out, int n, int mc, int batch) {
        kernels.times(m, y, out, n, mc, batch);
    }

    @Override
    public void gemmSquare(boolean adjointA, CUdeviceptr a, CUdeviceptr b, CUdeviceptr c, int n, int batch) {
        kernels.gemmSquare(adjointA, a, b, c, n, batch);
    }

    @Override
    public void close() {
    }
}
