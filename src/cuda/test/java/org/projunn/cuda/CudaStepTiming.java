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
 * the unavoidable traffic (A read twice, written once).
 */
public final class CudaStepTiming {
    private CudaStepTiming() {
    }

    public static void main(String[] args) {
        DType dtype = args.length > 0 ? DType.valueOf(args[0].toUpperCase(Locale.ROOT)) : DType.FLOAT32;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.println(CudaProbe.probe().detail());
        for (boolean own : new boolean[] {false, true}) {
            try (CudaBackend gpu = CudaBackend.open(0, own)) {
                if (!own && gpu.usesOwnKernels()) {
                    System.out.println("cuBLAS path not available: " + gpu.describe());
                    continue;
                }
                System.out.println(gpu.describe());
                for (int n : new int[] {1024, 4096, 8192}) {
                    for (int k : new int[] {1, 4, 16}) {
                        time(gpu, dtype, Method.DIRECT, 1, n, k, reps, own);
                    }
                }
                time(gpu, dtype, Method.DIRECT, 512, 64, 4, reps, own);
                time(gpu, dtype, Method.TANGENT, 512, 64, 4, reps, own);
            }
        }
    }

    private static void time(CudaBackend gpu, DType dtype, Method method, int batch, int n, int k, int reps, boolean own) {
        int s = dtype.scalarsPerElement();
        double[] a0 = new double[batch * n * n * s];
        for (int e = 0; e < batch; e++) {
            for (int i = 0; i < n; i++) {
                a0[(e * n * n + i + i * n) * s] = 1;
            }
        }
        java.util.Random rnd = new java.util.Random(1);
        double[] f = new double[batch * n * k * s];
        for (int i = 0; i < f.length; i++) {
            f[i] = 1e-3 * rnd.nextGaussian();
        }
        try (Projector p = gpu.newProjector(ProjectorSpec.of(method, k), dtype, batch, n);
             Tensor A = gpu.upload(dtype, batch, n, n, a0);
             Tensor a = gpu.upload(dtype, batch, n, k, f);
             Tensor b = gpu.upload(dtype, batch, n, k, f)) {
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
        } catch (RuntimeException e) {
            System.out.printf(Locale.ROOT, "%s %s batch=%d N=%d k=%d path=%s FAILED: %s%n", dtype, method, batch, n, k,
                    own ? "own" : "cublas", e.getMessage());
        }
    }
}
