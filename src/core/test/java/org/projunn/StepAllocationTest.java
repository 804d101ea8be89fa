package org.projunn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.projunn.cpu.CpuBackend;
import org.projunn.testing.Allocations;
import org.projunn.testing.CMat;
import org.projunn.testing.TestData;

/**
 * {@code Projector.step} allocates nothing proportional to N^2 once the projector exists, on the
 * calling thread and the backend's worker threads together (N = 512: the passes are split).
 */
class StepAllocationTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"DIRECT, FLOAT32, SKETCH", "TANGENT, COMPLEX64, SKETCH", "DIRECT, FLOAT64, COLUMN"})
    void stepsAllocateNothingProportionalToNSquared(Method method, DType dtype, SamplerSpec.Kind kind) {
        int n = 512;
        Random rnd = new Random(3);
        CMat a0 = CMat.identity(n);
        CMat delta = TestData.rounded(CMat.gaussian(n, n, dtype.isComplex(), 1e-4, rnd), dtype);
        SamplerSpec sampler = new SamplerSpec(kind, 5, 2, 1);
        try (CpuBackend cpu = new CpuBackend(2);
             Projector p = cpu.newProjector(ProjectorSpec.of(method, 2).withSampler(sampler), dtype, 1, n);
             Tensor tA = TestData.tensor(cpu, dtype, a0);
             Tensor tD = TestData.tensor(cpu, dtype, delta)) {
            // warm-up: lazily created pool threads, and C2 for the passes' Vector API kernels
            // (interpreted, and compiled by C1, their vectors are heap objects)
            for (int i = 0; i < 300; i++) {
                p.step(tA, tD);
            }
            Allocations watch = new Allocations("projunn-cpu-");
            assertTrue(watch.threads() >= 2, "no worker thread found");
            long perStep = steadyStateBytesPerStep(watch, () -> p.step(tA, tD));
            // the matrix is N^2 * 4 bytes = 1 MiB in float32: 16 KiB is 1/64 of the smallest N x N
            // matrix here, far below any allocation per column or per element
            assertTrue(perStep < 16 * 1024, method + " " + dtype + ": a step allocated " + perStep + " bytes");
        }
    }

    /** The same for a batch of small matrices, where the per-matrix work dominates. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"TANGENT, FLOAT32", "DIRECT, COMPLEX64"})
    void batchedStepsAllocateNothingPerMatrix(Method method, DType dtype) {
        int n = 64;
        int batch = 64;
        Random rnd = new Random(4);
        CMat[] as = new CMat[batch];
        CMat[] deltas = new CMat[batch];
        for (int e = 0; e < batch; e++) {
            as[e] = CMat.identity(n);
            deltas[e] = TestData.rounded(CMat.gaussian(n, n, dtype.isComplex(), 1e-4, rnd), dtype);
        }
        try (CpuBackend cpu = new CpuBackend(2);
             Projector p = cpu.newProjector(ProjectorSpec.of(method, 1).withSampler(SamplerSpec.sketch(1)), dtype, batch, n);
             Tensor tA = TestData.tensor(cpu, dtype, as);
             Tensor tD = TestData.tensor(cpu, dtype, deltas)) {
            for (int i = 0; i < 300; i++) {
                p.step(tA, tD); // warm-up, as above
            }
            long perStep = steadyStateBytesPerStep(new Allocations("projunn-cpu-"), () -> p.step(tA, tD));
            // a 64 x 64 float32 matrix is 16 KiB; the batch 64 of them
            assertTrue(perStep < 16 * 1024, method + " " + dtype + ": a batched step allocated " + perStep + " bytes");
        }
    }

    /**
     * Bytes per step in the least-allocating of up to 20 windows of 10 steps. Steady state is what
     * is asserted: a class loaded late (this test's own watch, for one) can invalidate compiled
     * code, and until C2 recompiles it the Vector API kernels run in C1 code that allocates.
     */
    private static long steadyStateBytesPerStep(Allocations watch, Runnable step) {
        int steps = 10;
        long least = Long.MAX_VALUE;
        for (int window = 0; window < 20 && least >= 1024; window++) {
            long before = watch.total();
            for (int i = 0; i < steps; i++) {
                step.run();
            }
            least = Math.min(least, (watch.total() - before) / steps);
        }
        return least;
    }

    /**
     * A re-orthonormalizing step is O(N^3) and does allocate: EJML work matrices, measured here
     * and bounded. Newton-Schulz: three N x N float64 matrices (the input copy, the Gram matrix,
     * the next iterate; measured 3.00). SVD polar: the decomposition's factors as well (measured
     * 10.1 N x N matrices real, 14.1 complex).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"NEWTON_SCHULZ, FLOAT32, 4", "NEWTON_SCHULZ, COMPLEX64, 4", "SVD_POLAR, FLOAT64, 12", "SVD_POLAR, COMPLEX128, 16"})
    void reorthonormalizingStepsAllocateAFewMatrices(Reorthonormalization how, DType dtype, int matrices) {
        int n = 128;
        long matrixBytes = (long) n * n * 8 * dtype.scalarsPerElement();
        CMat a = TestData.rounded(CMat.gaussian(n, 1, dtype.isComplex(), 0.05, new Random(1)), dtype);
        try (CpuBackend cpu = new CpuBackend(1);
             Projector p = cpu.newProjector(ProjectorSpec.of(Method.DIRECT, 1).withReorthonormalization(1, how), dtype, 1, n);
             Tensor tA = TestData.tensor(cpu, dtype, CMat.identity(n));
             Tensor ta = TestData.tensor(cpu, dtype, a);
             Tensor tb = TestData.tensor(cpu, dtype, a)) {
            for (int i = 0; i < 5; i++) {
                p.stepFactored(tA, ta, tb);
            }
            // until C2 compiles the passes' Vector API kernels, their interpreted vectors are heap
            // objects: warm them up with cheap steps that do not re-orthonormalize
            try (Projector plain = cpu.newProjector(ProjectorSpec.of(Method.DIRECT, 1), dtype, 1, n)) {
                for (int i = 0; i < 400; i++) {
                    plain.stepFactored(tA, ta, tb);
                }
            }
            Allocations watch = new Allocations("projunn-cpu-");
            long before = watch.total();
            assertTrue(p.stepFactored(tA, ta, tb).reorthonormalized());
            long bytes = watch.total() - before;
            assertTrue(bytes <= matrices * matrixBytes, how + " " + dtype + ": " + bytes + " bytes");
        }
    }
}
