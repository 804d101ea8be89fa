package org.projunn.cuda;

import jcuda.driver.CUdeviceptr;
import org.projunn.SamplerSpec;

/**
 * Column sampling on the GPU, the same algorithm and random draws as the CPU's
 * {@code ColumnSampler}: norm-weighted column draws give a (orthonormal), then b = Delta^H a.
 * Delta has been checked for NaN/Inf before.
 */
final class CudaColumnSampler {
    private CudaColumnSampler() {
    }

    static void sample(KernelLaunches ops, GemmOps gemm, CudaStepWorkspace ws, SamplerSpec spec,
                       CUdeviceptr delta, long step, int batch, int n, int k, int w) {
        ops.columnPick(delta, ws.norms, ws.a, ws.samplerWork, ws.samplerSmall, n, k, w, spec.seed(), step, batch);
        gemm.adjointTimes(delta, ws.a, ws.b, n, k, batch);
    }
}
