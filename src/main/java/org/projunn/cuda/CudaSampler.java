package org.projunn.cuda;

import jcuda.driver.CUdeviceptr;
import org.projunn.SamplerSpec;

/**
 * The samplers on the GPU, the same algorithms and random draws as the CPU's
 * (org.projunn.cpu.SketchSampler, ColumnSampler): results land in the workspace's a and b.
 * Delta has been checked for NaN/Inf before.
 */
final class CudaSampler {
    private final KernelOps ops;
    private final GemmOps gemm;
    private final StepWorkspace ws;
    private final SamplerSpec spec;
    private final int batch;
    private final int n;
    private final int k;
    private final int w;

    CudaSampler(KernelOps ops, GemmOps gemm, StepWorkspace ws, SamplerSpec spec, int batch, int n, int k, int w) {
        this.ops = ops;
        this.gemm = gemm;
        this.ws = ws;
        this.spec = spec;
        this.batch = batch;
        this.n = n;
        this.k = k;
        this.w = w;
    }

    void sample(CUdeviceptr delta, long step) {
        if (spec.kind() == SamplerSpec.Kind.SKETCH) {
            sketch(delta, step);
        } else {
            columns(delta, step);
        }
    }

    /** V = orth(Delta^H R), q subspace iterations, then the best rank k of Delta V. */
    private void sketch(CUdeviceptr delta, long step) {
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

    /** Norm-weighted column draws give a (orthonormal), then b = Delta^H a. */
    private void columns(CUdeviceptr delta, long step) {
        ops.columnPick(delta, ws.norms, ws.a, ws.samplerWork, ws.samplerSmall, n, k, w, spec.seed(), step, batch);
        gemm.adjointTimes(delta, ws.a, ws.b, n, k, batch);
    }
}
