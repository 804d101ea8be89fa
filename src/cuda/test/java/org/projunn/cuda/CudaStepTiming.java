package org.projunn.cuda;

import java.util.Locale;
import org.projunn.DType;
import org.projunn.Method;
import org.projunn.Projector;
import org.projunn.ProjectorSpec;
import org.projunn.Tensor;

/**
 * Times one projUNN step on the GPU (stepFactored: A^H a, small problems, fused update, report
 * read-back) for the shapes of the device checklist, on the cuBLAS and the own-kernel path.
 * Not a test; run on a GPU machine with {@code .device/java.sh org.projunn.cuda.CudaStepTiming}.
 * Prints one line per case: dtype, method, batch, N, k, path, median ms, effective GB/s over
 * the unavoidable traffic (A read twice, written once). Inputs: a random unitary A (3
 * Householder reflections) and independent random factors a, b. Exits with status 1 when any
 * case failed.
 */
public final class CudaStepTiming {
    private CudaStepTiming() {
    }

    /**
     * Runs the timings.
     *
     * @param args optional: the dtype (default float32), the repetitions per case (default 10)
     */
    public static void main(String[] args) {
        DType dtype = args.length > 0 ? DType.valueOf(args[0].toUpperCase(Locale.ROOT)) : DType.FLOAT32;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.println(CudaProbe.probe().detail());
        if (!CudaProbe.probe().usable()) {
            System.out.println("FAILED: the CUDA backend is not usable here");
            System.exit(1);
        }
        int failed = 0;
        for (boolean own : new boolean[] {false, true}) {
            try (CudaBackend gpu = CudaBackend.open(0, own)) {
                if (!own && gpu.usesOwnKernels()) {
                    System.out.println("cuBLAS path not available: " + gpu.describe());
                    continue;
                }
                System.out.println(gpu.describe());
                for (int n : new int[] {1024, 4096, 8192}) {
                    for (int k : new int[] {1, 4, 16}) {
                        failed += time(gpu, dtype, Method.DIRECT, 1, n, k, reps, own) ? 0 : 1;
                    }
                }
                failed += time(gpu, dtype, Method.DIRECT, 512, 64, 4, reps, own) ? 0 : 1;
                failed += time(gpu, dtype, Method.TANGENT, 512, 64, 4, reps, own) ? 0 : 1;
            }
        }
        if (failed > 0) {
            System.out.println(failed + " case(s) FAILED");
            System.exit(1);
        }
    }

    /** Times one case; returns false (after printing FAILED and why) when it did not run. */
    private static boolean time(CudaBackend gpu, DType dtype, Method method, int batch, int n, int k, int reps, boolean own) {
        int s = dtype.scalarsPerElement();
        // a random unitary A and independent factors: with A = I and a = b the directions drop
        // out and the step degenerates (Omega = 0), which would time a different computation
        double[] a0 = GpuTestSupport.randomUnitary(dtype, batch, n, 1);
        double[] fa = GpuTestSupport.gaussian(batch * n * k * s, 1e-3, 2);
        double[] fb = GpuTestSupport.gaussian(batch * n * k * s, 1e-3, 3);
        try (Projector p = gpu.newProjector(ProjectorSpec.of(method, k), dtype, batch, n);
             Tensor A = gpu.upload(dtype, batch, n, n, a0);
             Tensor a = gpu.upload(dtype, batch, n, k, fa);
             Tensor b = gpu.upload(dtype, batch, n, k, fb)) {
            for (int i = 0; i < 3; i++) {
                p.stepFactored(A, a, b);
            }
            double[] ms = new double[reps];
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                p.stepFactored(A, a, b); // returns after the report read-back: the step is done
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            java.util.Arrays.sort(ms);
            double median = ms[reps / 2];
            double bytes = 3.0 * batch * n * (double) n * dtype.bytesPerElement();
            System.out.printf(Locale.ROOT, "%s %s batch=%d N=%d k=%d path=%s median=%.3f ms min=%.3f ms traffic-floor=%.1f GB/s%n",
                    dtype, method, batch, n, k, own ? "own" : "cublas", median, ms[0], bytes / (median * 1e6));
            return true;
        } catch (RuntimeException e) {
            System.out.printf(Locale.ROOT, "%s %s batch=%d N=%d k=%d path=%s FAILED: %s%n", dtype, method, batch, n, k,
                    own ? "own" : "cublas", e.getMessage());
            return false;
        }
    }
}
