package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.projunn.InvalidInputException;
import org.projunn.Method;
import org.projunn.ProjectorSpec;
import org.projunn.SamplerSpec;
import org.projunn.cpu.CpuBackend;

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

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void smallStepFollowsTheDividedUpdateToFirstOrder(boolean complex) {
        // a tiny rank-1 update (first column only): W moves by at most |delta| / divider, and by a
        // good part of it (the part tangent to the group)
        int n = 10;
        Parameter w = new Parameter("W", n, n, complex);
        Init.RANDOM.fill(w.value(), n, complex, new SplittableRandom(6));
        double[] before = w.value().clone();
        double[] delta = new double[w.size()];
        SplittableRandom rng = new SplittableRandom(8);
        double[] x = new double[w.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() - 0.5;
        }
        int s = complex ? 2 : 1;
        double eps = 1e-5;
        for (int i = 0; i < n * s; i++) {
            delta[i] = eps * x[i];
        }
        try (CpuBackend backend = new CpuBackend(1);
             ProjectedUpdate update = new ProjectedUpdate(backend, ProjectorSpec.of(Method.DIRECT, 1), w, 4)) {
            update.apply(delta);
        }
        double moved = distance(before, w.value());
        double asked = eps * norm(x, n * s) / 4;
        assertTrue(moved > 0.1 * asked && moved < asked * 1.0001, "moved " + moved + " for a step of " + asked);
        assertTrue(RecurrentNetwork.unitarityError(w.value(), n, complex) < 1e-13);
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

    private static double norm(double[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i] * a[i];
        }
        return Math.sqrt(s);
    }
}
