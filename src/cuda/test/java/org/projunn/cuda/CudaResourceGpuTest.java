package org.projunn.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.projunn.cuda.GpuTestSupport.assertClose;
import static org.projunn.cuda.GpuTestSupport.gaussian;
import static org.projunn.cuda.GpuTestSupport.open;
import static org.projunn.cuda.GpuTestSupport.randomUnitary;
import static org.projunn.cuda.GpuTestSupport.requireGpu;

import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.projunn.DType;
import org.projunn.Method;
import org.projunn.Projector;
import org.projunn.ProjectorSpec;
import org.projunn.Tensor;
import org.projunn.cpu.CpuBackend;

/** Resource handling on a real GPU: no leaks over many cycles, wrapped caller memory, closing. */
@Tag("gpu")
class CudaResourceGpuTest {

    private static long freeBytes() {
        long[] free = new long[1];
        long[] total = new long[1];
        cuMemGetInfo(free, total);
        return free[0];
    }

    @Test
    void tenThousandCreateCloseCyclesLeakNothing() {
        try (CudaBackend gpu = open(true)) {
            ProjectorSpec spec = ProjectorSpec.of(Method.DIRECT, 2);
            // warm up: module functions, pinned staging
            try (Projector p = gpu.newProjector(spec, DType.FLOAT32, 2, 64); Tensor t = gpu.allocate(DType.FLOAT32, 2, 64, 64)) {
                t.toFloatArray();
            }
            gpu.synchronize();
            long before = freeBytes();
            for (int i = 0; i < 10_000; i++) {
                try (Projector p = gpu.newProjector(spec, DType.FLOAT32, 2, 64);
                     Tensor t = gpu.allocate(DType.FLOAT32, 2, 64, 64)) {
                    assertEquals(0, p.stepCount());
                }
            }
            gpu.synchronize();
            long after = freeBytes();
            assertTrue(before - after < (4 << 20), "device memory lost: " + (before - after) + " bytes");
        }
        long base = -1;
        for (int i = 0; i < 200; i++) {
            try (CudaBackend gpu = CudaBackend.open(0, false)) {
                Tensor leftOpen = gpu.allocate(DType.COMPLEX128, 1, 128, 128); // freed by the backend's close
                gpu.newProjector(ProjectorSpec.of(Method.TANGENT, 4), DType.COMPLEX128, 1, 128);
                if (i == 10) {
                    base = freeBytes();
                } else if (i > 10) {
                    assertTrue(Math.abs(base - freeBytes()) < (8 << 20), "backend cycle " + i + " leaks");
                }
                assertEquals(DType.COMPLEX128, leftOpen.dtype());
            }
        }
    }

    @Test
    void wrappedCallerMemoryIsUpdatedInPlaceAndNotFreed() {
        requireGpu();
        int n = 48;
        int k = 2;
        DType dtype = DType.COMPLEX64;
        double[] a0 = randomUnitary(dtype, 1, n, 51);
        double[] fa = gaussian(n * k * 2, 0.3, 52);
        double[] fb = gaussian(n * k * 2, 0.3, 53);
        double[] expected;
        try (CpuBackend cpu = new CpuBackend(1); Projector p = cpu.newProjector(ProjectorSpec.of(Method.TANGENT, k), dtype, 1, n);
             Tensor A = cpu.upload(dtype, 1, n, n, a0); Tensor a = cpu.upload(dtype, 1, n, k, fa);
             Tensor b = cpu.upload(dtype, 1, n, k, fb)) {
            p.stepFactored(A, a, b);
            expected = A.toDoubleArray();
        }
        try (CudaBackend gpu = CudaBackend.open()) {
            CUdeviceptr mine = new CUdeviceptr();
            gpu.synchronize(); // makes the context current on this thread
            cuMemAlloc(mine, (long) n * n * dtype.bytesPerElement());
            try {
                CudaTensor A = gpu.wrap(mine, dtype, 1, n, n);
                A.copyFrom(a0);
                try (Projector p = gpu.newProjector(ProjectorSpec.of(Method.TANGENT, k), dtype, 1, n);
                     Tensor a = gpu.upload(dtype, 1, n, k, fa); Tensor b = gpu.upload(dtype, 1, n, k, fb)) {
                    p.stepFactored(A, a, b);
                }
                A.close();
                // still the caller's, still holding the result
                assertClose(expected, gpu.wrap(mine, dtype, 1, n, n).toDoubleArray(), 2e-4, "wrapped A");
            } finally {
                cuMemFree(mine);
            }
        }
    }

    @Test
    void closedThingsSayTheyAreClosed() {
        CudaBackend gpu = open(true);
        Projector p = gpu.newProjector(ProjectorSpec.of(Method.DIRECT, 1), DType.FLOAT64, 1, 8);
        Tensor A = gpu.allocate(DType.FLOAT64, 1, 8, 8);
        gpu.close();
        assertThrows(IllegalStateException.class, () -> gpu.allocate(DType.FLOAT64, 1, 8, 8));
        assertThrows(IllegalStateException.class, () -> p.reorthonormalize(A));
        A.close(); // already released by the backend: a no-op
        p.close();
    }
}
