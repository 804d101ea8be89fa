package org.projunn.train.conv;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.projunn.InvalidInputException;
import org.projunn.train.Init;
import org.projunn.train.Parameter;

/**
 * A small orthogonal CNN for one-channel images of R x S pixels (R, S divisible by 4):
 * <ol>
 *   <li>lift: 2 x 2 space-to-depth (1 x R x S to 4 x R/2 x S/2, a permutation), zero-padded to C channels;</li>
 *   <li>L orthogonal convolutions ({@link OrthogonalConv}) at C x R/2 x S/2, each followed by a per-channel
 *       bias and MaxMin (channel pairs (2i, 2i+1) become (max, min): norm-preserving);</li>
 *   <li>2 x 2 average pooling to C x R/4 x S/4 and a linear read-out with bias to the class logits;</li>
 *   <li>softmax cross-entropy.</li>
 * </ol>
 * Without the biases the map from lifted input to the pooled features is 1-Lipschitz. The frequency
 * matrices of the convolutions are the only constrained parameters.
 */
public final class ConvNet {
    private final int channels;
    private final int rows;
    private final int cols;
    private final int classes;
    private final int h;
    private final int w;
    private final List<OrthogonalConv> convs = new ArrayList<>();
    private final List<Parameter> biases = new ArrayList<>();
    private final Parameter readout;
    private final Parameter readoutBias;
    private final List<Parameter> parameters = new ArrayList<>();

    public ConvNet(int channels, int layers, int rows, int cols, int classes, long seed) {
        if (channels < 4 || channels % 2 != 0) {
            throw new InvalidInputException("channels must be even and >= 4 (2 x 2 space-to-depth gives 4; MaxMin"
                    + " pairs channels), got " + channels);
        }
        if (layers < 1) {
            throw new InvalidInputException("the network needs at least 1 orthogonal convolution layer, got " + layers);
        }
        if (rows < 8 || cols < 8 || rows % 4 != 0 || cols % 4 != 0) {
            throw new InvalidInputException("images must be at least 8 x 8 with sizes divisible by 4 (space-to-depth"
                    + " and pooling halve them), got " + rows + " x " + cols);
        }
        if (classes < 2) {
            throw new InvalidInputException("classes must be >= 2, got " + classes);
        }
        this.channels = channels;
        this.rows = rows;
        this.cols = cols;
        this.classes = classes;
        this.h = rows / 2;
        this.w = cols / 2;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int l = 0; l < layers; l++) {
            OrthogonalConv conv = new OrthogonalConv("conv" + (l + 1), channels, h, w);
            conv.init(Init.RANDOM, rng);
            convs.add(conv);
            parameters.add(conv.complexWeights());
            parameters.add(conv.realWeights());
            Parameter b = new Parameter("conv" + (l + 1) + ".bias", channels, 1, false);
            biases.add(b);
            parameters.add(b);
        }
        int features = features();
        readout = new Parameter("readout", classes, features, false);
        double scale = 1 / Math.sqrt(features);
        for (int i = 0; i < readout.size(); i++) {
            readout.value()[i] = scale * (2 * rng.nextDouble() - 1);
        }
        readoutBias = new Parameter("readout.bias", classes, 1, false);
        parameters.add(readout);
        parameters.add(readoutBias);
    }

    public List<OrthogonalConv> convs() {
        return convs;
    }

    /** Every trainable parameter, the convolutions' weight batches included. */
    public List<Parameter> parameters() {
        return parameters;
    }

    public int pixels() {
        return rows * cols;
    }

    public int classes() {
        return classes;
    }

    /** Pooled features fed to the read-out: C (R/4) (S/4). */
    public int features() {
        return channels * (h / 2) * (w / 2);
    }

    /** The worst ||U^H U - I||_F over all layers and frequencies. */
    public double unitarity() {
        double worst = 0;
        for (OrthogonalConv c : convs) {
            worst = Math.max(worst, c.unitarity());
        }
        return worst;
    }

    /** Activations and scratch of one thread. */
    public final class Workspace {
        final OrthogonalConv.Workspace[] conv = new OrthogonalConv.Workspace[convs.size()];
        /** act[0]: lifted input; act[l + 1]: after layer l's MaxMin. */
        final double[][] act = new double[convs.size() + 1][channels * h * w];
        /** Pre-activations (conv output + bias) of each layer. */
        final double[][] pre = new double[convs.size()][channels * h * w];
        final double[][] spectra = new double[convs.size()][];
        final double[] pooled = new double[features()];
        final double[] logits = new double[classes];
        final double[] dAct = new double[channels * h * w];
        final double[] dPre = new double[channels * h * w];
        final double[] dPooled = new double[features()];

        Workspace() {
            for (int l = 0; l < conv.length; l++) {
                conv[l] = convs.get(l).newWorkspace();
                spectra[l] = new double[convs.get(l).spectrumSize()];
            }
        }
    }

    public Workspace newWorkspace() {
        return new Workspace();
    }

    /** Gradient accumulators, one array per {@link #parameters()} entry. */
    public double[][] newGradients() {
        double[][] g = new double[parameters.size()][];
        for (int i = 0; i < g.length; i++) {
            g[i] = new double[parameters.get(i).size()];
        }
        return g;
    }

    /** The class logits of one image (R x S pixels, row-major, already normalized); returned array is ws's. */
    public double[] logits(double[] image, int off, Workspace ws) {
        if (off < 0 || off > image.length - pixels()) {
            throw new InvalidInputException("image of " + rows + " x " + cols + " pixels does not fit in "
                    + image.length + " values from offset " + off);
        }
        lift(image, off, ws.act[0]);
        int plane = h * w;
        for (int l = 0; l < convs.size(); l++) {
            double[] z = ws.pre[l];
            convs.get(l).forward(ws.act[l], 0, z, 0, ws.spectra[l], 0, ws.conv[l]);
            double[] b = biases.get(l).value();
            for (int c = 0; c < channels; c++) {
                for (int e = 0; e < plane; e++) {
                    z[c * plane + e] += b[c];
                }
            }
            double[] a = ws.act[l + 1];
            for (int c = 0; c < channels; c += 2) {
                for (int e = 0; e < plane; e++) {
                    double p = z[c * plane + e];
                    double q = z[(c + 1) * plane + e];
                    a[c * plane + e] = Math.max(p, q);
                    a[(c + 1) * plane + e] = Math.min(p, q);
                }
            }
        }
        pool(ws.act[convs.size()], ws.pooled);
        double[] r = readout.value();
        int f = features();
        for (int k = 0; k < classes; k++) {
            ws.logits[k] = readoutBias.value()[k];
        }
        for (int j = 0; j < f; j++) {
            double p = ws.pooled[j];
            for (int k = 0; k < classes; k++) {
                ws.logits[k] += r[j * classes + k] * p;
            }
        }
        return ws.logits;
    }

    /** Index of the largest logit. */
    public int predict(double[] image, int off, Workspace ws) {
        return argmax(logits(image, off, ws));
    }

    /** The first index of the largest value. */
    static int argmax(double[] z) {
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }

    /** -log softmax(z)[label], shifted by the largest logit so that exp cannot overflow. */
    static double crossEntropy(double[] z, int label) {
        double max = max(z);
        return Math.log(sumExp(z, max)) + max - z[label];
    }

    private static double max(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static double sumExp(double[] z, double max) {
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return sum;
    }

    /**
     * Cross-entropy of one image with its label; adds its gradient (unscaled) to {@code grads}
     * (from {@link #newGradients}).
     */
    public double lossAndGradient(double[] image, int off, int label, Workspace ws, double[][] grads) {
        if (label < 0 || label >= classes) {
            throw new InvalidInputException("label " + label + " outside 0.." + (classes - 1));
        }
        double[] z = logits(image, off, ws);
        double max = max(z);
        double sum = sumExp(z, max);
        double loss = Math.log(sum) + max - z[label];
        int nl = convs.size();
        double[] gR = grads[3 * nl];
        double[] gRb = grads[3 * nl + 1];
        double[] r = readout.value();
        int f = features();
        java.util.Arrays.fill(ws.dPooled, 0);
        for (int k = 0; k < classes; k++) {
            double d = Math.exp(z[k] - max) / sum - (k == label ? 1 : 0);
            gRb[k] += d;
            for (int j = 0; j < f; j++) {
                gR[j * classes + k] += d * ws.pooled[j];
                ws.dPooled[j] += r[j * classes + k] * d;
            }
        }
        unpool(ws.dPooled, ws.dAct);
        int plane = h * w;
        for (int l = nl - 1; l >= 0; l--) {
            double[] pre = ws.pre[l];
            for (int c = 0; c < channels; c += 2) {
                for (int e = 0; e < plane; e++) {
                    double da = ws.dAct[c * plane + e];
                    double db = ws.dAct[(c + 1) * plane + e];
                    boolean first = pre[c * plane + e] >= pre[(c + 1) * plane + e];
                    ws.dPre[c * plane + e] = first ? da : db;
                    ws.dPre[(c + 1) * plane + e] = first ? db : da;
                }
            }
            double[] gb = grads[3 * l + 2];
            for (int c = 0; c < channels; c++) {
                double s = 0;
                for (int e = 0; e < plane; e++) {
                    s += ws.dPre[c * plane + e];
                }
                gb[c] += s;
            }
            // the lifted input needs no gradient: layer 0 skips its input gradient
            convs.get(l).backward(ws.dPre, 0, ws.spectra[l], 0, l > 0 ? ws.dAct : null, 0, grads[3 * l],
                    grads[3 * l + 1], ws.conv[l]);
        }
        return loss;
    }

    /** 2 x 2 space-to-depth: channel 2 dy + dx holds pixels (2r + dy, 2s + dx); channels 4.. stay 0. */
    private void lift(double[] image, int off, double[] a) {
        java.util.Arrays.fill(a, 0);
        int plane = h * w;
        for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
                int c = 2 * dy + dx;
                for (int r = 0; r < h; r++) {
                    for (int s = 0; s < w; s++) {
                        a[c * plane + r * w + s] = image[off + (2 * r + dy) * cols + 2 * s + dx];
                    }
                }
            }
        }
    }

    private void pool(double[] a, double[] p) {
        int ph = h / 2;
        int pw = w / 2;
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < ph; r++) {
                for (int s = 0; s < pw; s++) {
                    int base = c * h * w + 2 * r * w + 2 * s;
                    p[c * ph * pw + r * pw + s] = 0.25 * (a[base] + a[base + 1] + a[base + w] + a[base + w + 1]);
                }
            }
        }
    }

    private void unpool(double[] dp, double[] da) {
        int ph = h / 2;
        int pw = w / 2;
        for (int c = 0; c < channels; c++) {
            for (int r = 0; r < ph; r++) {
                for (int s = 0; s < pw; s++) {
                    double g = 0.25 * dp[c * ph * pw + r * pw + s];
                    int base = c * h * w + 2 * r * w + 2 * s;
                    da[base] = g;
                    da[base + 1] = g;
                    da[base + w] = g;
                    da[base + w + 1] = g;
                }
            }
        }
    }
}
