package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.projunn.testing.FiniteAssertions.assertRelativeError;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.projunn.InvalidInputException;
import org.projunn.Method;
import org.projunn.ProjectorSpec;
import org.projunn.SamplerSpec;
import org.projunn.cpu.CpuBackend;
import org.projunn.testing.CMat;
import org.projunn.testing.Oracles;

/** Optimizer updates routed through projUNN keep W orthogonal (unitary) over many steps. */
class ProjectedUpdateTest {

    @ParameterizedTest(name = "{0} complex={1} rank={2}")
    @CsvSource({"direct,false,1", "tangent,false,1", "direct,true,2", "tangent,true,1"})
    void manyAdamStepsKeepWUnitary(String method, boolean complex, int rank) {
        int n = 24;
        Parameter w = new Parameter("W", n, n, complex);
        Init.RANDOM.fill(w.value(), n, complex, new SplittableRandom(2));
        double[] start = w.value().clone();
        SplittableRandom rng = new SplittableRandom(9);
        try (CpuBackend backend = new CpuBackend(1);
             ProjectedUpdate update = new ProjectedUpdate(backend,
                     ProjectorSpec.of(Method.parse(method), rank).withSampler(SamplerSpec.sketch(4)), w, 32)) {
            Adam adam = new Adam(List.of(w), LearningRate.constant(0.05));
            adam.project(update);
            for (int t = 0; t < 300; t++) {
                for (int j = 0; j < w.size(); j++) {
                    w.grad()[j] = rng.nextDouble() - 0.5 + 0.3 * w.value()[j];
                }
                adam.step();
            }
        }
        double err = RecurrentNetwork.unitarityError(w.value(), n, complex);
        assertTrue(err < 1e-12, "||W^H W - I|| = " + err);
        assertNotEquals(0, distance(start, w.value()), "W did not move");
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void withoutTheConstraintTheSameUpdatesLeaveTheGroup(boolean complex) {
        int n = 12;
        Parameter w = new Parameter("W", n, n, complex);
        Init.HENAFF.fill(w.value(), n, complex, new SplittableRandom(2));
        Sgd sgd = new Sgd(List.of(w), LearningRate.constant(0.01));
        SplittableRandom rng = new SplittableRandom(1);
        for (int t = 0; t < 20; t++) {
            for (int j = 0; j < w.size(); j++) {
                w.grad()[j] = rng.nextDouble() - 0.5;
            }
            sgd.step();
        }
        assertTrue(RecurrentNetwork.unitarityError(w.value(), n, complex) > 1e-3);
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void zeroUpdateLeavesWUnchanged(boolean complex) {
        int n = 8;
        Parameter w = new Parameter("W", n, n, complex);
        Init.CAYLEY.fill(w.value(), n, complex, new SplittableRandom(3));
        double[] before = w.value().clone();
        try (CpuBackend backend = new CpuBackend(1);
             ProjectedUpdate update = new ProjectedUpdate(backend, ProjectorSpec.of(Method.TANGENT, 1), w, 32)) {
            update.apply(new double[w.size()]);
        }
        assertArrayEquals(before, w.value(), 1e-15);
    }

    @ParameterizedTest(name = "{0} complex={1}")
    @CsvSource({"direct,false", "direct,true", "tangent,false", "tangent,true"})
    void stepIsTheExactStepOfTheDividedUpdate(String method, boolean complex) {
        // a rank-1 update x y^H, which the rank-1 sketch recovers exactly: W must become the exact
        // step of (x / divider) y^H (float64 oracle), so a divider applied twice or not at all, a
        // conjugated or transposed update, or the wrong method fails
        int n = 12;
        double divider = 4;
        Parameter w = new Parameter("W", n, n, complex);
        Init.RANDOM.fill(w.value(), n, complex, new SplittableRandom(6));
        Random rnd = new Random(8);
        CMat x = CMat.gaussian(n, 1, complex, 0.5, rnd);
        CMat y = CMat.gaussian(n, 1, complex, 0.5, rnd);
        CMat delta = x.times(y.adjoint());
        CMat w0 = matrix(w.value(), n, complex);
        double[] deltaData = delta.data(complex);
        double[] deltaCopy = deltaData.clone();
        Method m = Method.parse(method);
        try (CpuBackend backend = new CpuBackend(1);
             ProjectedUpdate update = new ProjectedUpdate(backend,
                     ProjectorSpec.of(m, 1).withSampler(SamplerSpec.sketch(3)), w, divider)) {
            update.apply(deltaData);
        }
        CMat scaled = x.scale(1 / divider);
        CMat expected = m == Method.DIRECT ? Oracles.directStep(w0, scaled, y) : Oracles.tangentStep(w0, scaled, y);
        assertRelativeError(expected, matrix(w.value(), n, complex), 1e-12, method + " complex=" + complex);
        // a step of this size moves W by a good fraction of |delta| / divider
        assertTrue(expected.minus(w0).frobenius() > 0.1 * delta.frobenius() / divider);
        assertArrayEquals(deltaCopy, deltaData, "the update was modified");
    }

    private static CMat matrix(double[] value, int n, boolean complex) {
        return complex ? new CMat(n, n, value) : CMat.fromReal(n, n, value);
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "NaN"})
    void badDividerIsRejected(double divider) {
        Parameter w = new Parameter("W", 4, 4, false);
        try (CpuBackend backend = new CpuBackend(1)) {
            assertThrows(InvalidInputException.class,
                    () -> new ProjectedUpdate(backend, ProjectorSpec.of(Method.DIRECT, 1), w, divider));
        }
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
