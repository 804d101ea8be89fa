package org.projunn.train.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.projunn.InvalidInputException;
import org.projunn.Method;
import org.projunn.ProjectorSpec;
import org.projunn.SamplerSpec;
import org.projunn.cpu.CpuBackend;
import org.projunn.train.Adam;
import org.projunn.train.LearningRate;
import org.projunn.train.Parameter;
import org.projunn.train.ProjectedUpdate;
import org.projunn.train.RecurrentNetwork;

/** Batched projUNN steps of a layer's frequency matrices keep the layer orthogonal and real. */
class ProjectedConvStepTest {

    @ParameterizedTest(name = "{0} rank {1}, C={2} {3}x{4}")
    @CsvSource({"tangent,1,4,6,6", "direct,2,4,5,6", "tangent,2,6,4,7"})
    void batchedStepsKeepEveryFrequencyUnitaryAndTheLayerOrthogonal(String method, int rank, int c, int h, int w) {
        OrthogonalConv layer = OrthogonalConvTest.randomLayer(c, h, w, 3);
        FrequencyLayout layout = layer.layout();
        double[] start = layer.complexWeights().value().clone();
        double[] startReal = layer.realWeights().value().clone();
        SplittableRandom rng = new SplittableRandom(8);
        double[] x = OrthogonalConvTest.gaussian(layer.size(), rng);
        double[] target = OrthogonalConvTest.gaussian(layer.size(), rng);
        ProjectorSpec spec = ProjectorSpec.of(Method.parse(method), rank).withSampler(SamplerSpec.sketch(5));
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        try (CpuBackend backend = new CpuBackend(1);
             ProjectedUpdate complex = new ProjectedUpdate(backend, spec, layer.complexWeights(), 1,
                     layout.complexCount());
             ProjectedUpdate real = new ProjectedUpdate(backend, spec, layer.realWeights(), 1, layout.realCount())) {
            Adam adam = new Adam(List.of(layer.complexWeights(), layer.realWeights()), LearningRate.constant(0.02));
            adam.project(complex);
            adam.project(real);
            OrthogonalConv.Workspace ws = layer.newWorkspace();
            for (int t = 0; t < 40; t++) {
                // loss 0.5 ||conv(x) - target||^2: gradient from the layer's backward pass
                double[] y = new double[layer.size()];
                double[] spectrum = new double[layer.spectrumSize()];
                layer.forward(x, 0, y, 0, spectrum, 0, ws);
                double loss = 0;
                double[] gy = new double[y.length];
                for (int i = 0; i < y.length; i++) {
                    gy[i] = y[i] - target[i];
                    loss += 0.5 * gy[i] * gy[i];
                }
                firstLoss = t == 0 ? loss : firstLoss;
                lastLoss = loss;
                Arrays.fill(layer.complexWeights().grad(), 0);
                Arrays.fill(layer.realWeights().grad(), 0);
                layer.backward(gy, 0, spectrum, 0, null, 0, layer.complexWeights().grad(), layer.realWeights().grad(), ws);
                adam.step();
            }
        }
        assertTrue(lastLoss < 0.9 * firstLoss, "the steps did not descend: " + firstLoss + " -> " + lastLoss);
        int cc = c * c;
        for (int p = 0; p < layout.complexCount(); p++) {
            double[] u = Arrays.copyOfRange(layer.complexWeights().value(), 2 * p * cc, 2 * (p + 1) * cc);
            double err = RecurrentNetwork.unitarityError(u, c, true);
            assertTrue(err < 1e-12, "complex frequency " + layout.complexFrequency(p) + ": " + err);
            assertTrue(distance(Arrays.copyOfRange(start, 2 * p * cc, 2 * (p + 1) * cc), u) > 1e-4,
                    "complex frequency " + layout.complexFrequency(p) + " was not stepped");
        }
        for (int p = 0; p < layout.realCount(); p++) {
            double[] u = Arrays.copyOfRange(layer.realWeights().value(), p * cc, (p + 1) * cc);
            double err = RecurrentNetwork.unitarityError(u, c, false);
            assertTrue(err < 1e-12, "self-conjugate frequency " + layout.realFrequency(p) + ": " + err);
            assertTrue(distance(Arrays.copyOfRange(startReal, p * cc, (p + 1) * cc), u) > 1e-4,
                    "self-conjugate frequency " + layout.realFrequency(p) + " was not stepped");
            int f = layout.realFrequency(p);
            double[] m = layer.matrixAt(f / w, f % w);
            for (int e = 0; e < cc; e++) {
                assertEquals(0.0, m[2 * e + 1], "imaginary part at self-conjugate frequency " + f);
            }
        }
        // after training: still norm-preserving and real (matches the naive full-spectrum DFT)
        SplittableRandom r2 = new SplittableRandom(21);
        for (int t = 0; t < 3; t++) {
            double[] z = OrthogonalConvTest.gaussian(layer.size(), r2);
            double[] y = OrthogonalConvTest.forward(layer, z);
            double nz = OrthogonalConvTest.norm(z);
            assertEquals(nz, OrthogonalConvTest.norm(y), 1e-12 * nz);
            double[] ref = OrthogonalConvTest.naive(layer, z);
            for (int i = 0; i < y.length; i++) {
                assertEquals(0, ref[2 * i + 1], 1e-11 * nz, "imaginary part of the reference at " + i);
                assertEquals(ref[2 * i], y[i], 1e-11 * nz, "output " + i);
            }
        }
    }

    @Test
    void unconstrainedUpdatesOfTheSameGradientsLeaveTheGroup() {
        OrthogonalConv layer = OrthogonalConvTest.randomLayer(4, 6, 6, 3);
        Adam adam = new Adam(List.of(layer.complexWeights(), layer.realWeights()), LearningRate.constant(0.02));
        SplittableRandom rng = new SplittableRandom(1);
        for (int t = 0; t < 5; t++) {
            for (Parameter p : List.of(layer.complexWeights(), layer.realWeights())) {
                for (int i = 0; i < p.size(); i++) {
                    p.grad()[i] = rng.nextGaussian();
                }
            }
            adam.step();
        }
        assertTrue(layer.unitarity() > 1e-2, "unitarity " + layer.unitarity());
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void aBatchParameterOfTheWrongWidthIsNamed() {
        Parameter p = new Parameter("conv.complex", 4, 4 * 5, true);
        try (CpuBackend backend = new CpuBackend(1)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> new ProjectedUpdate(backend, ProjectorSpec.of(Method.TANGENT, 1), p, 1, 4));
            assertTrue(e.getMessage().contains("batch of 4 square matrices needs n x 4n"), e.getMessage());
        }
    }
}
