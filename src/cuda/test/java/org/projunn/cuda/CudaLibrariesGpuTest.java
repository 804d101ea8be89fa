package org.projunn.cuda;

import static jcuda.driver.JCudaDriver.cuPointerGetAttribute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.projunn.cuda.GpuTestSupport.assertClose;
import static org.projunn.cuda.GpuTestSupport.gaussian;
import static org.projunn.cuda.GpuTestSupport.gpuRequired;
import static org.projunn.cuda.GpuTestSupport.randomUnitary;
import static org.projunn.cuda.GpuTestSupport.requireGpu;
import static org.projunn.cuda.GpuTestSupport.skipUnless;
import static org.projunn.cuda.GpuTestSupport.tolerance;

import jcuda.Pointer;
import jcuda.driver.CUpointer_attribute;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.projunn.DType;
import org.projunn.Reorthonormalization;
import org.projunn.linalg.HostReorthonormalizer;

/**
 * Each library path on a real GPU against host float64 arithmetic: cuBLAS through FFM (Java
 * 22+), cuBLAS through JCublas (CUDA 12 only), cuSOLVER's SVD polar factor through FFM, and
 * the device addresses handed to them.
 */
@Tag("gpu")
class CudaLibrariesGpuTest {

    /** The paths this JVM should have on the lent machine (Java 22+, CUDA 13 libraries). */
    @Test
    void describeNamesBothPaths() {
        requireGpu();
        try (CudaBackend gpu = CudaBackend.open(0, false)) {
            String d = gpu.describe();
            System.out.println(d);
            assertTrue(d.contains("; GEMM: ") && d.contains("; SVD: "), d);
            if (Runtime.version().feature() >= FfmBridge.MIN_JAVA) {
                skipUnless(d.contains("GEMM: cuBLAS") && d.contains("via FFM"), "FFM cuBLAS did not start: " + d,
                        gpuRequired());
                skipUnless(gpu.libraries().svd() != null, "FFM cuSOLVER did not start: " + d, gpuRequired());
            }
        }
    }

    @Test
    void deviceAddressesMatchTheDriversAnswer() {
        requireGpu();
        try (CudaBackend gpu = CudaBackend.open(0, true); CudaTensor t = gpu.allocate(DType.FLOAT32, 1, 64, 64)) {
            for (long offset : new long[] {0, 4, 4096}) {
                long[] driver = new long[1];
                cuPointerGetAttribute(Pointer.to(driver), CUpointer_attribute.CU_POINTER_ATTRIBUTE_DEVICE_POINTER,
                        t.pointer().withByteOffset(offset));
                assertEquals(driver[0], DevicePointers.address(t.pointer().withByteOffset(offset)), "offset " + offset);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void ffmGemmsMatchHostProducts(DType dtype) {
        requireGpu();
        try (CudaBackend gpu = CudaBackend.open(0, false)) {
            skipUnless(gpu.describe().contains("via FFM") && !gpu.usesOwnKernels(),
                    "FFM cuBLAS not in use: " + gpu.describe(), gpuRequired() && Runtime.version().feature() >= 22);
            checkGemms(gpu, gpu.gemm(dtype), dtype);
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void jcublasGemmsMatchHostProducts(DType dtype) {
        requireGpu();
        try (CudaBackend gpu = CudaBackend.open(0, true);
             CudaLibraries libs = CudaLibraries.load(gpu.context().stream, false)) {
            // JCublas 12.6 needs CUDA 12's libcublas.so.12: not on a CUDA-13-only machine
            assumeTrue(!libs.ownKernels(), "JCublas path not available here: " + libs.gemmStatus());
            GemmOps g = libs.gemm(dtype, gpu.kernels(dtype));
            assertTrue(g instanceof CublasGemm, g.describe());
            checkGemms(gpu, g, dtype);
        }
    }

    /** gemmSquare (both ops), times and adjointTimes with batch 2, against float64 on the host. */
    private static void checkGemms(CudaBackend gpu, GemmOps g, DType dtype) {
        int n = 37;
        int mc = 5;
        int batch = 2;
        int s = dtype.scalarsPerElement();
        double[] m = gaussian(batch * n * n * s, 1, 1);
        double[] x = gaussian(batch * n * n * s, 1, 2);
        double[] tall = gaussian(batch * n * mc * s, 1, 3);
        try (CudaTensor tm = (CudaTensor) gpu.upload(dtype, batch, n, n, m);
             CudaTensor tx = (CudaTensor) gpu.upload(dtype, batch, n, n, x);
             CudaTensor tt = (CudaTensor) gpu.upload(dtype, batch, n, mc, tall);
             CudaTensor out = gpu.allocate(dtype, batch, n, n);
             CudaTensor outTall = gpu.allocate(dtype, batch, n, mc)) {
            double tol = tolerance(dtype) * n * 10;
            for (boolean adjoint : new boolean[] {false, true}) {
                g.gemmSquare(adjoint, tm.pointer(), tx.pointer(), out.pointer(), n, batch);
                assertClose(product(m, x, n, n, batch, s, adjoint), out.toDoubleArray(), tol,
                        g.describe() + " gemmSquare adjoint=" + adjoint);
            }
            g.times(tm.pointer(), tt.pointer(), outTall.pointer(), n, mc, batch);
            assertClose(product(m, tall, n, mc, batch, s, false), outTall.toDoubleArray(), tol, "times");
            g.adjointTimes(tm.pointer(), tt.pointer(), outTall.pointer(), n, mc, batch);
            assertClose(product(m, tall, n, mc, batch, s, true), outTall.toDoubleArray(), tol, "adjointTimes");
        }
    }

    /** op(M) Y per batch entry, M n x n, Y n x c, column-major, interleaved when s = 2. */
    private static double[] product(double[] m, double[] y, int n, int c, int batch, int s, boolean adjoint) {
        double[] out = new double[batch * n * c * s];
        for (int e = 0; e < batch; e++) {
            int mb = e * n * n * s;
            int yb = e * n * c * s;
            for (int j = 0; j < c; j++) {
                for (int i = 0; i < n; i++) {
                    double re = 0;
                    double im = 0;
                    for (int l = 0; l < n; l++) {
                        int mi = mb + (adjoint ? l + i * n : i + l * n) * s;
                        double mr = m[mi];
                        double mim = s == 2 ? (adjoint ? -m[mi + 1] : m[mi + 1]) : 0;
                        double yr = y[yb + (l + j * n) * s];
                        double yi = s == 2 ? y[yb + (l + j * n) * s + 1] : 0;
                        re += mr * yr - mim * yi;
                        im += mr * yi + mim * yr;
                    }
                    out[yb + (i + j * n) * s] = re;
                    if (s == 2) {
                        out[yb + (i + j * n) * s + 1] = im;
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void cusolverPolarFactorMatchesTheHost(DType dtype) {
        requireGpu();
        int n = 33;
        int batch = 2;
        double[] a0 = randomUnitary(dtype, batch, n, 7);
        double[] noise = gaussian(a0.length, 1e-2, 8);
        for (int i = 0; i < a0.length; i++) {
            a0[i] += noise[i];
        }
        double[] expected = a0.clone();
        int len = n * n * dtype.scalarsPerElement();
        for (int e = 0; e < batch; e++) {
            double[] one = java.util.Arrays.copyOfRange(a0, e * len, (e + 1) * len);
            HostReorthonormalizer.apply(one, n, dtype.isComplex(), Reorthonormalization.SVD_POLAR);
            System.arraycopy(one, 0, expected, e * len, len);
        }
        try (CudaBackend gpu = CudaBackend.open(0, false)) {
            DeviceSvd svd = gpu.libraries().svd();
            skipUnless(svd != null, "cuSOLVER not in use: " + gpu.describe(),
                    gpuRequired() && Runtime.version().feature() >= 22);
            try (CudaTensor a = (CudaTensor) gpu.upload(dtype, batch, n, n, a0);
                 CudaReorthonormalizer r = new CudaReorthonormalizer(gpu, gpu::allocateBuffer, gpu.kernels(dtype),
                         gpu.gemm(dtype), svd, dtype, n)) {
                double before = r.apply(a.pointer(), batch, Reorthonormalization.SVD_POLAR);
                assertTrue(before > 1e-2, "drift before: " + before);
                assertClose(expected, a.toDoubleArray(), dtype.isDoublePrecision() ? 1e-9 : 1e-4, svd.describe());
                assertNotNull(svd.describe());
            }
        }
    }
}
