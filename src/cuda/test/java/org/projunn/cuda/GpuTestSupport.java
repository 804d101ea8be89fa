package org.projunn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.projunn.BackendFactory;
import org.projunn.DType;
import org.projunn.Tensor;

/** Shared pieces of the gpu-tagged tests: the skip rule, random unitary inputs, comparisons. */
final class GpuTestSupport {
    private GpuTestSupport() {
    }

    /**
     * Set on the GPU machine (system property {@code projunn.requireGpu=true} or environment
     * {@code PJ_REQUIRE_GPU=1}, as for the native tests): a GPU test that would be skipped fails
     * instead, so that a broken probe cannot pass a device run with every GPU test skipped.
     */
    static boolean gpuRequired() {
        return Boolean.getBoolean("projunn.requireGpu") || "1".equals(System.getenv("PJ_REQUIRE_GPU"));
    }

    /** Skips the calling test, with the probe's reason, where the CUDA backend cannot run (fails if required). */
    static void requireGpu() {
        BackendFactory.Availability a = CudaProbe.probe();
        skipUnless(a.usable(), "CUDA backend not usable here: " + a.detail(), gpuRequired());
    }

    /**
     * Skips (an assumption) or, when {@code required}, fails the calling test unless {@code condition}.
     *
     * @param condition whether the test can run
     * @param reason why not, for the report
     * @param required whether a skip is a failure here
     */
    static void skipUnless(boolean condition, String reason, boolean required) {
        if (condition) {
            return;
        }
        if (required) {
            fail(reason + " (a GPU is required: projunn.requireGpu / PJ_REQUIRE_GPU)");
        }
        assumeTrue(false, reason);
    }

    /** Opens the backend on device 0; with {@code ownKernels} the GEMMs run on the project's kernels. */
    static CudaBackend open(boolean ownKernels) {
        requireGpu();
        CudaBackend b = CudaBackend.open(0, ownKernels);
        if (!ownKernels && b.usesOwnKernels()) {
            String why = b.describe();
            b.close();
            skipUnless(false, "cuBLAS path not testable here: " + why, gpuRequired());
        }
        return b;
    }

    /**
     * batch random unitary n x n matrices (products of 3 Householder reflections), kernel layout
     * (interleaved when complex), as doubles.
     */
    static double[] randomUnitary(DType dtype, int batch, int n, long seed) {
        Random rnd = new Random(seed);
        int s = dtype.scalarsPerElement();
        double[] out = new double[batch * n * n * s];
        for (int e = 0; e < batch; e++) {
            double[] re = new double[n * n];
            double[] im = new double[n * n];
            for (int i = 0; i < n; i++) {
                re[i + i * n] = 1;
            }
            for (int h = 0; h < 3; h++) {
                double[] vr = new double[n];
                double[] vi = new double[n];
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    vr[i] = rnd.nextGaussian();
                    vi[i] = s == 2 ? rnd.nextGaussian() : 0;
                    norm += vr[i] * vr[i] + vi[i] * vi[i];
                }
                // A <- (I - 2 v v^H / |v|^2) A
                for (int j = 0; j < n; j++) {
                    double dr = 0;
                    double di = 0;
                    for (int i = 0; i < n; i++) {
                        dr += vr[i] * re[i + j * n] + vi[i] * im[i + j * n];
                        di += vr[i] * im[i + j * n] - vi[i] * re[i + j * n];
                    }
                    dr *= 2 / norm;
                    di *= 2 / norm;
                    for (int i = 0; i < n; i++) {
                        re[i + j * n] -= vr[i] * dr - vi[i] * di;
                        im[i + j * n] -= vr[i] * di + vi[i] * dr;
                    }
                }
            }
            for (int i = 0; i < n * n; i++) {
                if (s == 2) {
                    out[2 * (e * n * n + i)] = re[i];
                    out[2 * (e * n * n + i) + 1] = im[i];
                } else {
                    out[e * n * n + i] = re[i];
                }
            }
        }
        return out;
    }

    static double[] gaussian(int count, double scale, long seed) {
        Random rnd = new Random(seed);
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = scale * rnd.nextGaussian();
        }
        return x;
    }

    /** Tolerance for comparing a result computed in {@code dtype} storage. */
    static double tolerance(DType dtype) {
        return dtype.isDoublePrecision() ? 1e-9 : 2e-4;
    }

    /** Fails unless every |expected - actual| is at most {@code tol}; a NaN anywhere fails. */
    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (Double.isNaN(d)) {
                worst = d; // the first NaN is the answer: no later number may replace it
                at = i;
                break;
            }
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        assertTrue(worst <= tol, what + ": max difference " + worst + " at " + at + " (tolerance " + tol + ")");
    }

    /** max over the batch of ||A^H A - I||_F. */
    static double unitarityError(Tensor t) {
        double[] x = t.toDoubleArray();
        int n = t.rows();
        int s = t.dtype().scalarsPerElement();
        double worst = 0;
        for (int e = 0; e < t.batch(); e++) {
            int base = e * n * n * s;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double re = 0;
                    double im = 0;
                    for (int l = 0; l < n; l++) {
                        int li = base + (l + i * n) * s;
                        int lj = base + (l + j * n) * s;
                        double ar = x[li];
                        double ai = s == 2 ? x[li + 1] : 0;
                        double br = x[lj];
                        double bi = s == 2 ? x[lj + 1] : 0;
                        re += ar * br + ai * bi;
                        im += ar * bi - ai * br;
                    }
                    re -= i == j ? 1 : 0;
                    sum += re * re + im * im;
                }
            }
            worst = Math.max(worst, Math.sqrt(sum));
        }
        return worst;
    }
}
