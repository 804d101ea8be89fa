package org.projunn.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.projunn.cuda.GpuTestSupport.assertClose;
import static org.projunn.cuda.GpuTestSupport.gaussian;
import static org.projunn.cuda.GpuTestSupport.open;
import static org.projunn.cuda.GpuTestSupport.randomUnitary;
import static org.projunn.cuda.GpuTestSupport.tolerance;
import static org.projunn.cuda.GpuTestSupport.unitarityError;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.projunn.DType;
import org.projunn.InvalidInputException;
import org.projunn.Method;
import org.projunn.Projector;
import org.projunn.ProjectorSpec;
import org.projunn.Reorthonormalization;
import org.projunn.SamplerSpec;
import org.projunn.StepReport;
import org.projunn.Tensor;
import org.projunn.cpu.CpuBackend;

/**
 * The GPU against the CPU path (same inputs, same seeds) and against float64 oracles: D and T,
 * real and complex, float32 and float64, batched, both the cuBLAS and the own-kernel path.
 * Skips with the probe's reason where no usable GPU exists.
 */
@Tag("gpu")
class CudaStepGpuTest {

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (boolean own : new boolean[] {false, true}) {
            for (DType t : DType.values()) {
                for (Method m : Method.values()) {
                    list.add(Arguments.of(t, m, own));
                }
            }
        }
        return list.stream();
    }

    static Stream<Arguments> paths() {
        List<Arguments> list = new ArrayList<>();
        for (boolean own : new boolean[] {false, true}) {
            for (DType t : DType.values()) {
                list.add(Arguments.of(t, own));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1} ownKernels={2}")
    @MethodSource("cases")
    void factoredStepMatchesCpu(DType dtype, Method method, boolean own) {
        int batch = 3;
        int n = 40;
        int k = 3;
        int s = dtype.scalarsPerElement();
        double[] a0 = randomUnitary(dtype, batch, n, 1);
        double[] fa = gaussian(batch * n * k * s, 0.4, 2);
        double[] fb = gaussian(batch * n * k * s, 0.4, 3);
        ProjectorSpec spec = ProjectorSpec.of(method, k);
        try (CudaBackend gpu = open(own); CpuBackend cpu = new CpuBackend(2)) {
            double[] expected;
            StepReport cpuReport;
            try (Projector p = cpu.newProjector(spec, dtype, batch, n);
                 Tensor A = cpu.upload(dtype, batch, n, n, a0);
                 Tensor a = cpu.upload(dtype, batch, n, k, fa);
                 Tensor b = cpu.upload(dtype, batch, n, k, fb)) {
                cpuReport = p.stepFactored(A, a, b);
                expected = A.toDoubleArray();
            }
            try (Projector p = gpu.newProjector(spec, dtype, batch, n);
                 Tensor A = gpu.upload(dtype, batch, n, n, a0);
                 Tensor a = gpu.upload(dtype, batch, n, k, fa);
                 Tensor b = gpu.upload(dtype, batch, n, k, fb)) {
                StepReport report = p.stepFactored(A, a, b);
                assertClose(expected, A.toDoubleArray(), tolerance(dtype), gpu.describe());
                assertEquals(cpuReport, report);
                assertTrue(unitarityError(A) < (dtype.isDoublePrecision() ? 1e-11 : 1e-4), "unitarity");
            }
        }
    }

    @ParameterizedTest(name = "{0} ownKernels={1}")
    @MethodSource("paths")
    void directStepIsThePolarFactor(DType dtype, boolean own) {
        int n = 32;
        int k = 2;
        int s = dtype.scalarsPerElement();
        double[] a0 = randomUnitary(dtype, 1, n, 11);
        double[] fa = gaussian(n * k * s, 0.5, 12);
        double[] fb = gaussian(n * k * s, 0.5, 13);
        // oracle in float64: X = A + a b^H, then its polar factor by the CPU's full SVD
        DType wide = dtype.isComplex() ? DType.COMPLEX128 : DType.FLOAT64;
        double[] x = a0.clone();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                for (int l = 0; l < k; l++) {
                    int ai = (i + l * n) * s;
                    int bj = (j + l * n) * s;
                    int xi = (i + j * n) * s;
                    if (s == 1) {
                        x[xi] += fa[ai] * fb[bj];
                    } else {
                        x[xi] += fa[ai] * fb[bj] + fa[ai + 1] * fb[bj + 1];
                        x[xi + 1] += fa[ai + 1] * fb[bj] - fa[ai] * fb[bj + 1];
                    }
                }
            }
        }
        double[] polar;
        try (CpuBackend cpu = new CpuBackend(1);
             Projector p = cpu.newProjector(ProjectorSpec.of(Method.DIRECT, 1)
                     .withReorthonormalization(0, Reorthonormalization.SVD_POLAR), wide, 1, n);
             Tensor X = cpu.upload(wide, 1, n, n, x)) {
            p.reorthonormalize(X);
            polar = X.toDoubleArray();
        }
        try (CudaBackend gpu = open(own);
             Projector p = gpu.newProjector(ProjectorSpec.of(Method.DIRECT, k), dtype, 1, n);
             Tensor A = gpu.upload(dtype, 1, n, n, a0);
             Tensor a = gpu.upload(dtype, 1, n, k, fa);
             Tensor b = gpu.upload(dtype, 1, n, k, fb)) {
            p.stepFactored(A, a, b);
            assertClose(polar, A.toDoubleArray(), dtype.isDoublePrecision() ? 1e-9 : 5e-4, "polar factor");
        }
    }

    @ParameterizedTest(name = "{0} {1} ownKernels={2}")
    @MethodSource("cases")
    void samplersMatchCpuWithTheSameSeeds(DType dtype, Method method, boolean own) {
        int batch = 2;
        int n = 36;
        int k = 2;
        int s = dtype.scalarsPerElement();
        double[] a0 = randomUnitary(dtype, batch, n, 21);
        double[] delta = gaussian(batch * n * n * s, 0.05, 22);
        for (SamplerSpec sampler : new SamplerSpec[] {
                SamplerSpec.sketch(7), SamplerSpec.sketch(8).withOversampling(3).withPowerIterations(2),
                SamplerSpec.column(9).withOversampling(2)}) {
            ProjectorSpec spec = ProjectorSpec.of(method, k).withSampler(sampler);
            double[] expected;
            double[] expectedA;
            try (CpuBackend cpu = new CpuBackend(2);
                 Projector p = cpu.newProjector(spec, dtype, batch, n);
                 Tensor A = cpu.upload(dtype, batch, n, n, a0);
                 Tensor d = cpu.upload(dtype, batch, n, n, delta);
                 Tensor a = cpu.allocate(dtype, batch, n, k);
                 Tensor b = cpu.allocate(dtype, batch, n, k)) {
                p.sample(d, a, b);
                expected = outer(a.toDoubleArray(), b.toDoubleArray(), batch, n, k, s);
                p.step(A, d);
                p.step(A, d);
                expectedA = A.toDoubleArray();
            }
            try (CudaBackend gpu = open(own);
                 Projector p = gpu.newProjector(spec, dtype, batch, n);
                 Tensor A = gpu.upload(dtype, batch, n, n, a0);
                 Tensor d = gpu.upload(dtype, batch, n, n, delta);
                 Tensor a = gpu.allocate(dtype, batch, n, k);
                 Tensor b = gpu.allocate(dtype, batch, n, k)) {
                p.sample(d, a, b);
                // a b^H is unique where a and b are not (signs, phases, rotations within ties)
                assertClose(expected, outer(a.toDoubleArray(), b.toDoubleArray(), batch, n, k, s),
                        dtype.isDoublePrecision() ? 1e-9 : 1e-4, sampler + ": a b^H");
                p.step(A, d);
                p.step(A, d);
                assertClose(expectedA, A.toDoubleArray(), dtype.isDoublePrecision() ? 1e-9 : 5e-4, sampler + ": A");
            }
        }
    }

    /** a b^H per batch entry, kernel layout. */
    private static double[] outer(double[] a, double[] b, int batch, int n, int k, int s) {
        double[] out = new double[batch * n * n * s];
        for (int e = 0; e < batch; e++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    for (int l = 0; l < k; l++) {
                        int ai = (e * n * k + i + l * n) * s;
                        int bj = (e * n * k + j + l * n) * s;
                        int o = (e * n * n + i + j * n) * s;
                        if (s == 1) {
                            out[o] += a[ai] * b[bj];
                        } else {
                            out[o] += a[ai] * b[bj] + a[ai + 1] * b[bj + 1];
                            out[o + 1] += a[ai + 1] * b[bj] - a[ai] * b[bj + 1];
                        }
                    }
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} ownKernels={1}")
    @MethodSource("paths")
    void badInputIsRejectedAndLeavesAUnchanged(DType dtype, boolean own) {
        int batch = 3;
        int n = 16;
        int k = 2;
        int s = dtype.scalarsPerElement();
        double[] a0 = randomUnitary(dtype, batch, n, 31);
        try (CudaBackend gpu = open(own); CpuBackend cpu = new CpuBackend(1);
             Projector p = gpu.newProjector(ProjectorSpec.of(Method.DIRECT, k), dtype, batch, n);
             Tensor A = gpu.upload(dtype, batch, n, n, a0)) {
            double[] badDelta = gaussian(batch * n * n * s, 0.1, 32);
            badDelta[(2 * n * n + 5) * s] = Double.NaN;
            double[] badA = gaussian(batch * n * k * s, 0.1, 33);
            badA[(n * k + 3) * s] = Double.POSITIVE_INFINITY;
            try (Tensor d = gpu.upload(dtype, batch, n, n, badDelta);
                 Tensor a = gpu.upload(dtype, batch, n, k, badA);
                 Tensor b = gpu.upload(dtype, batch, n, k, gaussian(batch * n * k * s, 0.1, 34));
                 Tensor wrongShape = gpu.allocate(dtype, batch, n, k + 1);
                 Tensor onCpu = cpu.allocate(dtype, batch, n, n)) {
                InvalidInputException e1 = assertThrows(InvalidInputException.class, () -> p.step(A, d));
                assertEquals("delta contains NaN or Inf (batch entry 2)", e1.getMessage());
                InvalidInputException e2 = assertThrows(InvalidInputException.class, () -> p.stepFactored(A, a, b));
                assertEquals("a contains NaN or Inf (batch entry 1)", e2.getMessage());
                assertThrows(InvalidInputException.class, () -> p.stepFactored(A, wrongShape, b));
                assertThrows(InvalidInputException.class, () -> p.step(A, onCpu));
                assertThrows(InvalidInputException.class,
                        () -> gpu.newProjector(ProjectorSpec.of(Method.DIRECT, 9), dtype, batch, n));
                assertArrayEquals(gpu.upload(dtype, batch, n, n, a0).toDoubleArray(), A.toDoubleArray(),
                        "A must be unchanged");
                assertEquals(0, p.stepCount());
            }
        }
    }

    @ParameterizedTest(name = "{0} ownKernels={1}")
    @MethodSource("paths")
    void reorthonormalizationMatchesCpu(DType dtype, boolean own) {
        int n = 24;
        int s = dtype.scalarsPerElement();
        double[] a0 = randomUnitary(dtype, 2, n, 41);
        double[] noise = gaussian(a0.length, 1e-3, 42);
        for (int i = 0; i < a0.length; i++) {
            a0[i] += noise[i];
        }
        for (Reorthonormalization how : Reorthonormalization.values()) {
            ProjectorSpec spec = ProjectorSpec.of(Method.TANGENT, 1).withReorthonormalization(0, how);
            double[] expected;
            double cpuBefore;
            try (CpuBackend cpu = new CpuBackend(1); Projector p = cpu.newProjector(spec, dtype, 2, n);
                 Tensor A = cpu.upload(dtype, 2, n, n, a0)) {
                cpuBefore = p.reorthonormalize(A);
                expected = A.toDoubleArray();
            }
            try (CudaBackend gpu = open(own); Projector p = gpu.newProjector(spec, dtype, 2, n);
                 Tensor A = gpu.upload(dtype, 2, n, n, a0)) {
                double before = p.reorthonormalize(A);
                assertEquals(cpuBefore, before, 1e-3 * cpuBefore, how + ": error before");
                assertClose(expected, A.toDoubleArray(), dtype.isDoublePrecision() ? 1e-9 : 1e-4, how.toString());
                assertTrue(unitarityError(A) < (dtype.isDoublePrecision() ? 1e-10 : 1e-4), how + ": unitarity " + s);
            }
        }
    }
}
