package org.projunn.cuda;

import jcuda.driver.CUdeviceptr;
import org.projunn.SamplerSpec;

/**
 * The randomized sketch on the GPU, the same algorithm and random draws as the CPU's
 * {@code SketchSampler}: V = orth(Delta^H R), q rounds of subspace iteration, then the best
 * rank k of Delta V, into the workspace's a and b. Delta has been checked for NaN/Inf before.
 */
final class CudaSketchSampler {
    private CudaSketchSampler() {
    }

    static void sample(KernelLaunches ops, GemmOps gemm, CudaStepWorkspace ws, SamplerSpec spec,
                       CUdeviceptr delta, long step, int batch, int n, int k, int w) {
        ops.drawSketch(ws.sketch, ws.samplerWork, n, w, spec.seed(), step, batch);
        gemm.adjointTimes(delta, ws.sketch, ws.image, n, w, batch);
        for (int it = 0; it < spec.powerIterations(); it++) {
            ops.orthonormalize(ws.image, ws.sketch, ws.samplerWork, n, w, batch);
            gemm.times(delta, ws.sketch, ws.image, n, w, batch);
            ops.orthonormalize(ws.image, ws.sketch, ws.samplerWork, n, w, batch);
            gemm.adjointTimes(delta, ws.sketch, ws.image, n, w, batch);
        }
        ops.orthonormalize(ws.image, ws.sketch, ws.samplerWork, n, w, batch);
        gemm.times(delta, ws.sketch, ws.image, n, w, batch);
        ops.bestRankK(ws.sketch, ws.image, ws.a, ws.b, ws.samplerSmall, n, k, w, batch);
    }
}
