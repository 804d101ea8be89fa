package org.projunn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.projunn.InvalidInputException;

/**
 * The parameters of an orthogonal (real) or unitary (complex) recurrent network
 * {@code h_t = sigma(W h_{t-1} + V x_t + c)}, {@code y_t = U h_t + d}, with {@code h_0 = 0}.
 * Real: sigma = ReLU, W orthogonal N x N. Complex: sigma = modReLU with a learned bias beta per
 * unit, W unitary N x N; the state is complex, and V, c, U act on it through its real and
 * imaginary halves {@code [Re h; Im h]} (so V is 2N x inputs, U is outputs x 2N, both real).
 * Gradients come from {@link Bptt}.
 */
public final class RecurrentNetwork {
    private final int inputs;
    private final int hidden;
    private final int outputs;
    private final boolean complex;
    private final Parameter w;
    private final Parameter v;
    private final Parameter c;
    private final Parameter beta;
    private final Parameter u;
    private final Parameter d;

    /**
     * @param init how W starts; V, U and d start uniform in +-1/sqrt(fan-in) (the usual linear-layer
     *             default), c at 0, beta uniform in +-0.01
     */
    public RecurrentNetwork(int inputs, int hidden, int outputs, boolean complex, Init init, long seed) {
        if (inputs < 1 || hidden < 1 || outputs < 1) {
            throw new InvalidInputException("network sizes must be positive, got inputs=" + inputs
                    + " hidden=" + hidden + " outputs=" + outputs);
        }
        if (init == null) {
            throw new InvalidInputException("initialization must not be null");
        }
        this.inputs = inputs;
        this.hidden = hidden;
        this.outputs = outputs;
        this.complex = complex;
        int state = stateSize();
        this.w = new Parameter("W", hidden, hidden, complex);
        this.v = new Parameter("V", state, inputs, false);
        this.c = new Parameter("c", state, 1, false);
        this.beta = complex ? new Parameter("beta", hidden, 1, false) : null;
        this.u = new Parameter("U", outputs, state, false);
        this.d = new Parameter("d", outputs, 1, false);
        SplittableRandom rng = new SplittableRandom(seed);
        init.fill(w.value(), hidden, complex, rng.split());
        uniform(v.value(), 1 / Math.sqrt(inputs), rng.split());
        uniform(u.value(), 1 / Math.sqrt(state), rng.split());
        uniform(d.value(), 1 / Math.sqrt(state), rng.split());
        if (beta != null) {
            uniform(beta.value(), 0.01, rng.split());
        }
    }

    private static void uniform(double[] out, double bound, SplittableRandom rng) {
        for (int i = 0; i < out.length; i++) {
            out[i] = bound * (2 * rng.nextDouble() - 1);
        }
    }

    public int inputs() {
        return inputs;
    }

    /** N, the number of (real or complex) hidden units. */
    public int hidden() {
        return hidden;
    }

    public int outputs() {
        return outputs;
    }

    public boolean isComplex() {
        return complex;
    }

    /** Rows of the real state vector: N, or 2N for [Re h; Im h]. */
    public int stateSize() {
        return complex ? 2 * hidden : hidden;
    }

    /** The recurrent matrix W (meant to stay orthogonal/unitary). */
    public Parameter recurrent() {
        return w;
    }

    public Parameter input() {
        return v;
    }

    public Parameter bias() {
        return c;
    }

    /** modReLU biases (complex networks only, else null). */
    public Parameter modReluBias() {
        return beta;
    }

    public Parameter readout() {
        return u;
    }

    public Parameter readoutBias() {
        return d;
    }

    /** Every parameter, W first. */
    public List<Parameter> parameters() {
        List<Parameter> list = new ArrayList<>(List.of(w, v, c));
        if (beta != null) {
            list.add(beta);
        }
        list.add(u);
        list.add(d);
        return list;
    }

    /** {@code ||W^H W - I||_F} in float64. */
    public double unitarityError() {
        return unitarityError(w.value(), hidden, complex);
    }

    /** {@code ||A^H A - I||_F} of an n x n matrix in the Parameter layout. */
    public static double unitarityError(double[] a, int n, boolean complex) {
        return unitarityError(a, 0, n, complex);
    }

    /**
     * {@code ||A^H A - I||_F} of an n x n matrix in the Parameter layout that starts at
     * {@code a[offset]} (one of several stored one after another).
     */
    public static double unitarityError(double[] a, int offset, int n, boolean complex) {
        int s = complex ? 2 : 1;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double re = 0;
                double im = 0;
                for (int r = 0; r < n; r++) {
                    int p = offset + (r + i * n) * s;
                    int q = offset + (r + j * n) * s;
                    if (complex) {
                        re += a[p] * a[q] + a[p + 1] * a[q + 1];
                        im += a[p] * a[q + 1] - a[p + 1] * a[q];
                    } else {
                        re += a[p] * a[q];
                    }
                }
                if (i == j) {
                    re -= 1;
                }
                sum += re * re + im * im;
            }
        }
        return Math.sqrt(sum);
    }
}
