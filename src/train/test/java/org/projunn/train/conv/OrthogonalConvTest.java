package org.projunn.train.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.projunn.InvalidInputException;
import org.projunn.train.Init;

/** The FFT convolution against a naive float64 DFT, its norm preservation, its gradients and its checks. */
class OrthogonalConvTest {

    static OrthogonalConv randomLayer(int c, int h, int w, long seed) {
        OrthogonalConv layer = new OrthogonalConv("conv", c, h, w);
        layer.init(Init.RANDOM, new SplittableRandom(seed));
        return layer;
    }

    static double[] gaussian(int n, SplittableRandom rng) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    /**
     * Naive DFT reference: Y(k) = M(k) X(k) with the layer's matrix at every frequency of the full
     * spectrum, inverse DFT; returns re and im parts of the output, interleaved.
     */
    static double[] naive(OrthogonalConv layer, double[] x) {
        int c = layer.channels();
        int h = layer.height();
        int w = layer.width();
        double[] spec = new double[2 * c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int ky = 0; ky < h; ky++) {
                for (int kx = 0; kx < w; kx++) {
                    double re = 0;
                    double im = 0;
                    for (int r = 0; r < h; r++) {
                        for (int s = 0; s < w; s++) {
                            double a = -2 * Math.PI * ((double) ky * r / h + (double) kx * s / w);
                            double v = x[ch * h * w + r * w + s];
                            re += v * Math.cos(a);
                            im += v * Math.sin(a);
                        }
                    }
                    spec[2 * (ch * h * w + ky * w + kx)] = re;
                    spec[2 * (ch * h * w + ky * w + kx) + 1] = im;
                }
            }
        }
        double[] mixed = new double[spec.length];
        for (int ky = 0; ky < h; ky++) {
            for (int kx = 0; kx < w; kx++) {
                double[] m = layer.matrixAt(ky, kx);
                int f = ky * w + kx;
                for (int i = 0; i < c; i++) {
                    double re = 0;
                    double im = 0;
                    for (int j = 0; j < c; j++) {
                        double ur = m[2 * (j * c + i)];
                        double ui = m[2 * (j * c + i) + 1];
                        double vr = spec[2 * (j * h * w + f)];
                        double vi = spec[2 * (j * h * w + f) + 1];
                        re += ur * vr - ui * vi;
                        im += ur * vi + ui * vr;
                    }
                    mixed[2 * (i * h * w + f)] = re;
                    mixed[2 * (i * h * w + f) + 1] = im;
                }
            }
        }
        double[] y = new double[2 * c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int r = 0; r < h; r++) {
                for (int s = 0; s < w; s++) {
                    double re = 0;
                    double im = 0;
                    for (int ky = 0; ky < h; ky++) {
                        for (int kx = 0; kx < w; kx++) {
                            double a = 2 * Math.PI * ((double) ky * r / h + (double) kx * s / w);
                            double vr = mixed[2 * (ch * h * w + ky * w + kx)];
                            double vi = mixed[2 * (ch * h * w + ky * w + kx) + 1];
                            re += vr * Math.cos(a) - vi * Math.sin(a);
                            im += vr * Math.sin(a) + vi * Math.cos(a);
                        }
                    }
                    y[2 * (ch * h * w + r * w + s)] = re / (h * w);
                    y[2 * (ch * h * w + r * w + s) + 1] = im / (h * w);
                }
            }
        }
        return y;
    }

    static double[] forward(OrthogonalConv layer, double[] x) {
        double[] y = new double[layer.size()];
        layer.forward(x, 0, y, 0, null, 0, layer.newWorkspace());
        return y;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double a : v) {
            s += a * a;
        }
        return Math.sqrt(s);
    }

    @ParameterizedTest(name = "C={0} {1}x{2}")
    @CsvSource({"3,6,4", "2,5,7", "4,4,5", "3,2,6", "2,2,2", "2,3,2"})
    void outputIsRealAndMatchesTheNaiveDft(int c, int h, int w) {
        OrthogonalConv layer = randomLayer(c, h, w, 11);
        double[] x = gaussian(layer.size(), new SplittableRandom(3));
        double[] ref = naive(layer, x);
        double[] y = forward(layer, x);
        double scale = norm(x);
        for (int i = 0; i < y.length; i++) {
            // the full-spectrum matrices have the symmetry U(-k) = conj(U(k)): the convolution is real
            assertEquals(0, ref[2 * i + 1], 1e-12 * scale, "imaginary part of the reference at " + i);
            assertEquals(ref[2 * i], y[i], 1e-12 * scale, "output " + i);
        }
    }

    @ParameterizedTest(name = "C={0} {1}x{2}")
    @CsvSource({"8,14,14", "3,7,7", "5,6,9", "1,28,28", "4,2,3"})
    void preservesTheNormOfAnyInput(int c, int h, int w) {
        OrthogonalConv layer = randomLayer(c, h, w, 5);
        SplittableRandom rng = new SplittableRandom(7);
        for (int t = 0; t < 5; t++) {
            double[] x = gaussian(layer.size(), rng);
            double[] y = forward(layer, x);
            double nx = norm(x);
            assertEquals(nx, norm(y), 1e-13 * nx * Math.sqrt(layer.size()));
        }
        assertTrue(layer.unitarity() < 1e-13, "unitarity " + layer.unitarity());
    }

    @Test
    void theAdjointInvertsTheLayer() {
        OrthogonalConv layer = randomLayer(3, 6, 5, 2);
        double[] x = gaussian(layer.size(), new SplittableRandom(1));
        double[] y = forward(layer, x);
        double[] back = new double[x.length];
        layer.backward(y, 0, new double[layer.spectrumSize()], 0, back, 0, null, null, layer.newWorkspace());
        assertArrayEquals(x, back, 1e-12);
    }

    /** L = sum(t * y) + 0.25 sum(y^4), a nonlinear loss of the output. */
    static double loss(OrthogonalConv layer, double[] x, double[] t) {
        double[] y = forward(layer, x);
        double l = 0;
        for (int i = 0; i < y.length; i++) {
            l += t[i] * y[i] + 0.25 * Math.pow(y[i], 4);
        }
        return l;
    }

    @ParameterizedTest(name = "C={0} {1}x{2}")
    @CsvSource({"3,4,6", "2,5,5", "2,6,3"})
    void gradientsAgreeWithCentralDifferences(int c, int h, int w) {
        OrthogonalConv layer = randomLayer(c, h, w, 13);
        SplittableRandom rng = new SplittableRandom(17);
        double[] x = gaussian(layer.size(), rng);
        double[] t = gaussian(layer.size(), rng);
        double[] y = new double[layer.size()];
        double[] spectrum = new double[layer.spectrumSize()];
        OrthogonalConv.Workspace ws = layer.newWorkspace();
        layer.forward(x, 0, y, 0, spectrum, 0, ws);
        double[] gy = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            gy[i] = t[i] + Math.pow(y[i], 3);
        }
        double[] gx = new double[x.length];
        double[] gc = new double[layer.complexWeights().size()];
        double[] gr = new double[layer.realWeights().size()];
        layer.backward(gy, 0, spectrum, 0, gx, 0, gc, gr, ws);

        double eps = 1e-6;
        for (int i = 0; i < x.length; i++) {
            double keep = x[i];
            x[i] = keep + eps;
            double up = loss(layer, x, t);
            x[i] = keep - eps;
            double down = loss(layer, x, t);
            x[i] = keep;
            assertClose((up - down) / (2 * eps), gx[i], "dL/dx[" + i + "]");
        }
        check(layer, layer.complexWeights().value(), gc, x, t, eps, "complex U");
        check(layer, layer.realWeights().value(), gr, x, t, eps, "real U");
    }

    private static void check(OrthogonalConv layer, double[] u, double[] g, double[] x, double[] t, double eps,
                              String what) {
        for (int i = 0; i < u.length; i++) {
            double keep = u[i];
            u[i] = keep + eps;
            double up = loss(layer, x, t);
            u[i] = keep - eps;
            double down = loss(layer, x, t);
            u[i] = keep;
            assertClose((up - down) / (2 * eps), g[i], "dL/d" + what + "[" + i + "]");
        }
    }

    private static void assertClose(double fd, double analytic, String what) {
        assertTrue(Math.abs(fd - analytic) <= 1e-7 * Math.max(1, Math.abs(fd)),
                what + ": finite difference " + fd + ", analytic " + analytic);
    }

    @Test
    void badChannelCountsAndShapesAreNamed() {
        assertEquals(4, new OrthogonalConv("c1", 2, 2, 2).layout().realCount());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new OrthogonalConv("c1", 0, 4, 4));
        assertTrue(e.getMessage().contains("at least 1 channel"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new OrthogonalConv("c1", 2, 4, 1));
        assertTrue(e.getMessage().contains("at least 2 x 2, got 4 x 1"), e.getMessage());

        OrthogonalConv layer = randomLayer(3, 4, 4, 1);
        double[] x = gaussian(2 * 4 * 4, new SplittableRandom(1));
        double[] before = x.clone();
        double[] y = new double[layer.size()];
        e = assertThrows(InvalidInputException.class,
                () -> layer.forward(x, 0, y, 0, null, 0, layer.newWorkspace()));
        assertTrue(e.getMessage().contains("input of 32 values") && e.getMessage().contains("3 x 4 x 4"),
                e.getMessage());
        assertArrayEquals(before, x);
        double[] big = new double[layer.size()];
        e = assertThrows(InvalidInputException.class,
                () -> layer.forward(big, 0, new double[layer.size() - 1], 0, null, 0, layer.newWorkspace()));
        assertTrue(e.getMessage().contains("output of 47 values"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> layer.forward(big, 0, y, 0, new double[10], 0, layer.newWorkspace()));
        assertTrue(e.getMessage().contains("spectrum buffer"), e.getMessage());
    }
}
