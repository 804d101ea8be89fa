package org.projunn.train.conv;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.projunn.InvalidInputException;
import org.projunn.train.Parameter;

/** The whole network's gradient against central differences; its shape checks. */
class ConvNetTest {

    @Test
    void gradientAgreesWithCentralDifferences() {
        ConvNet net = new ConvNet(4, 2, 8, 12, 3, 7);
        SplittableRandom rng = new SplittableRandom(2);
        for (Parameter p : net.parameters()) {
            if (p.name().endsWith("bias")) {
                for (int i = 0; i < p.size(); i++) {
                    p.value()[i] = 0.3 * rng.nextGaussian();
                }
            }
        }
        double[] image = OrthogonalConvTest.gaussian(net.pixels(), rng);
        ConvNet.Workspace ws = net.newWorkspace();
        double[][] grads = net.newGradients();
        net.lossAndGradient(image, 0, 1, ws, grads);
        double eps = 1e-6;
        int checked = 0;
        for (int k = 0; k < grads.length; k++) {
            double[] v = net.parameters().get(k).value();
            for (int i = 0; i < v.length; i += 3) {
                double keep = v[i];
                v[i] = keep + eps;
                double up = net.lossAndGradient(image, 0, 1, ws, net.newGradients());
                v[i] = keep - eps;
                double down = net.lossAndGradient(image, 0, 1, ws, net.newGradients());
                v[i] = keep;
                double fd = (up - down) / (2 * eps);
                assertTrue(Math.abs(fd - grads[k][i]) <= 1e-6 * Math.max(1, Math.abs(fd)),
                        net.parameters().get(k).name() + "[" + i + "]: finite difference " + fd + ", analytic "
                                + grads[k][i]);
                checked++;
            }
        }
        assertTrue(checked > 100);
    }

    @Test
    void badShapesAreNamed() {
        assertTrue(assertThrows(InvalidInputException.class, () -> new ConvNet(5, 1, 8, 8, 10, 1))
                .getMessage().contains("channels must be even and >= 4"));
        assertTrue(assertThrows(InvalidInputException.class, () -> new ConvNet(4, 1, 10, 8, 10, 1))
                .getMessage().contains("divisible by 4"));
        assertTrue(assertThrows(InvalidInputException.class, () -> new ConvNet(4, 0, 8, 8, 10, 1))
                .getMessage().contains("at least 1 orthogonal convolution layer"));
        ConvNet net = new ConvNet(4, 1, 8, 8, 10, 1);
        assertTrue(assertThrows(InvalidInputException.class,
                () -> net.logits(new double[63], 0, net.newWorkspace())).getMessage().contains("8 x 8 pixels"));
        assertTrue(assertThrows(InvalidInputException.class,
                () -> net.lossAndGradient(new double[64], 0, 10, net.newWorkspace(), net.newGradients()))
                .getMessage().contains("label 10 outside 0..9"));
    }
}
