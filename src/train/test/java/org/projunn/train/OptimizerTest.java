package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.projunn.InvalidInputException;

/** Each optimizer's plain update against its formula written out by hand, over several steps. */
class OptimizerTest {
    private static final int STEPS = 5;

    /** Gradient of step t (1-based) for entry j: arbitrary but fixed. */
    private static double grad(int t, int j) {
        return Math.sin(1.3 * t + 0.7 * j) + 0.1 * j;
    }

    private static Parameter parameter() {
        Parameter p = new Parameter("p", 3, 2, false);
        SplittableRandom rng = new SplittableRandom(5);
        for (int j = 0; j < p.size(); j++) {
            p.value()[j] = rng.nextDouble() - 0.5;
        }
        return p;
    }

    private static double[] run(Optimizer opt, Parameter p) {
        for (int t = 1; t <= STEPS; t++) {
            for (int j = 0; j < p.size(); j++) {
                p.grad()[j] = grad(t, j);
            }
            opt.step();
        }
        return p.value().clone();
    }

    @Test
    void sgdWithNesterovMomentumAndWeightDecay() {
        Parameter p = parameter();
        double[] w = p.value().clone();
        double lr = 0.1;
        double mu = 0.9;
        double wd = 0.01;
        double[] buf = new double[w.length];
        for (int t = 1; t <= STEPS; t++) {
            for (int j = 0; j < w.length; j++) {
                double g = grad(t, j) + wd * w[j];
                buf[j] = t == 1 ? g : mu * buf[j] + g;
                w[j] -= lr * (g + mu * buf[j]);
            }
        }
        assertArrayEquals(w, run(new Sgd(List.of(p), LearningRate.constant(lr), mu, true, wd), p), 1e-14);
    }

    @Test
    void plainSgdIsValueMinusLrTimesGradient() {
        Parameter p = parameter();
        double[] w = p.value().clone();
        for (int t = 1; t <= STEPS; t++) {
            for (int j = 0; j < w.length; j++) {
                w[j] -= 0.05 * grad(t, j);
            }
        }
        assertArrayEquals(w, run(new Sgd(List.of(p), LearningRate.constant(0.05)), p), 1e-14);
    }

    @Test
    void centeredRmsProp() {
        Parameter p = parameter();
        double[] w = p.value().clone();
        double lr = 1e-3;
        double a = 0.99;
        double eps = 1e-8;
        double[] v = new double[w.length];
        double[] m = new double[w.length];
        for (int t = 1; t <= STEPS; t++) {
            for (int j = 0; j < w.length; j++) {
                double g = grad(t, j);
                v[j] = a * v[j] + (1 - a) * g * g;
                m[j] = a * m[j] + (1 - a) * g;
                w[j] -= lr * g / (Math.sqrt(v[j] - m[j] * m[j]) + eps);
            }
        }
        assertArrayEquals(w, run(new RmsProp(List.of(p), LearningRate.constant(lr), a, eps, true, 0), p), 1e-14);
    }

    @Test
    void rmsPropWithStepDecay() {
        Parameter p = parameter();
        double[] w = p.value().clone();
        double[] v = new double[w.length];
        for (int t = 1; t <= STEPS; t++) {
            double lr = 7e-4 * Math.pow(0.5, (t - 1) / 2);
            for (int j = 0; j < w.length; j++) {
                double g = grad(t, j);
                v[j] = 0.99 * v[j] + 0.01 * g * g;
                w[j] -= lr * g / (Math.sqrt(v[j]) + 1e-8);
            }
        }
        assertArrayEquals(w, run(new RmsProp(List.of(p), LearningRate.stepDecay(7e-4, 2, 0.5)), p), 1e-15);
    }

    @Test
    void adamAndAdamW() {
        for (boolean decoupled : new boolean[] {false, true}) {
            Parameter p = parameter();
            double[] w = p.value().clone();
            double lr = 1e-2;
            double b1 = 0.9;
            double b2 = 0.999;
            double eps = 1e-8;
            double wd = 0.1;
            double[] m = new double[w.length];
            double[] v = new double[w.length];
            for (int t = 1; t <= STEPS; t++) {
                for (int j = 0; j < w.length; j++) {
                    double g = grad(t, j) + (decoupled ? 0 : wd * w[j]);
                    m[j] = b1 * m[j] + (1 - b1) * g;
                    v[j] = b2 * v[j] + (1 - b2) * g * g;
                    double mh = m[j] / (1 - Math.pow(b1, t));
                    double vh = v[j] / (1 - Math.pow(b2, t));
                    double old = w[j];
                    w[j] = old - lr * mh / (Math.sqrt(vh) + eps) - (decoupled ? lr * wd * old : 0);
                }
            }
            double[] got = run(new Adam(List.of(p), LearningRate.constant(lr), b1, b2, eps, wd, decoupled), p);
            assertArrayEquals(w, got, 1e-14, decoupled ? "AdamW" : "Adam");
        }
    }

    @Test
    void schedules() {
        assertEquals(0.1, LearningRate.constant(0.1).at(1000));
        LearningRate step = LearningRate.stepDecay(1.0, 10, 0.5);
        assertEquals(1.0, step.at(9));
        assertEquals(0.5, step.at(10));
        assertEquals(0.25, step.at(29));
        assertEquals(Math.pow(0.99, 7), LearningRate.exponential(1.0, 0.99).at(7), 1e-15);
    }

    @Test
    void badSettingsAreRejected() {
        Parameter p = parameter();
        assertThrows(InvalidInputException.class, () -> LearningRate.constant(-1));
        assertThrows(InvalidInputException.class, () -> LearningRate.stepDecay(1, 0, 0.5));
        assertThrows(InvalidInputException.class, () -> new Sgd(List.of(p), LearningRate.constant(1), 0, true, 0));
        assertThrows(InvalidInputException.class, () -> new Adam(List.of(p), LearningRate.constant(1), 1.0, 0.9, 1e-8, 0, false));
        assertThrows(InvalidInputException.class, () -> new RmsProp(List.of(), LearningRate.constant(1)));
    }
}
