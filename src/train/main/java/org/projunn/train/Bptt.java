package org.projunn.train;

import java.util.Arrays;
import org.projunn.DType;
import org.projunn.InvalidInputException;
import org.projunn.parallel.WorkerPool;

/**
 * Forward pass and backpropagation through time for a {@link RecurrentNetwork}, over a whole
 * batch at once: the states of all sequences form a state x batch matrix per time step, so each
 * step is one matrix product on all cores ({@code Z_t = W H_{t-1} + V X_t + c}). Products that do
 * not depend on the recurrence (the input term, the read-out, the weight gradients) run once over
 * all time steps. Activations for every step are kept (T x state x batch) in buffers allocated
 * when the sequence length or batch size changes, never per step.
 *
 * <p>Parameters stay in float64; they are copied into this engine's precision at the start of
 * each pass, and gradients are written back in float64. Not thread-safe.
 *
 * @param <A> the column type of the compute precision
 */
public final class Bptt<A> {
    private final RecurrentNetwork net;
    private final RnnMath<A> k;
    private final int n;
    private final int m;
    private final int in;
    private final int out;
    private final boolean complex;

    // parameters in compute precision (matrices as arrays of columns)
    private final A[] w;
    private final A[] wt;
    private final A[] v;
    private final A c;
    private final A[] u;
    private final A[] ut;
    private final A d;
    private final A beta;
    // gradient scratch
    private final A[] gw;
    private final A[] gv;
    private final A[] gu;
    private final double[] bigW;
    private final double[] column;
    private final double[] gBeta;

    // activations, sized for (steps, batch)
    private int steps = -1;
    private int batch = -1;
    private int scored = -1;
    private A[] x;
    private A[] z;
    private A[] h;
    private A[] g;
    private A[] y;
    private A[] dy;

    /** Engine in the precision of {@code math} ({@link RnnMath32} or {@link RnnMath64}). */
    public Bptt(RecurrentNetwork net, RnnMath<A> math) {
        this.net = net;
        this.k = math;
        this.n = net.hidden();
        this.m = net.stateSize();
        this.in = net.inputs();
        this.out = net.outputs();
        this.complex = net.isComplex();
        this.w = k.matrix(m, m);
        this.wt = k.matrix(m, m);
        this.v = k.matrix(in, m);
        this.c = k.matrix(1, m)[0];
        this.u = k.matrix(m, out);
        this.ut = k.matrix(out, m);
        this.d = k.matrix(1, out)[0];
        this.beta = complex ? k.matrix(1, n)[0] : null;
        this.gw = k.matrix(m, m);
        this.gv = k.matrix(in, m);
        this.gu = k.matrix(m, out);
        this.bigW = new double[m * m];
        this.column = new double[Math.max(m, out)];
        this.gBeta = complex ? new double[n] : null;
    }

    /** An engine in float32 or float64 on the given pool's threads. */
    public static Bptt<?> create(RecurrentNetwork net, DType dtype, WorkerPool pool) {
        if (dtype == DType.FLOAT32) {
            return new Bptt<>(net, new RnnMath32(pool));
        }
        if (dtype == DType.FLOAT64) {
            return new Bptt<>(net, new RnnMath64(pool));
        }
        throw new InvalidInputException("training runs in float32 or float64, not " + dtype);
    }

    public DType dtype() {
        return k.dtype();
    }

    public RecurrentNetwork network() {
        return net;
    }

    /** Mean loss of the batch, without gradients. */
    public double loss(SequenceBatch b) {
        prepare(b);
        return forward(b, false);
    }

    /**
     * Mean loss of the batch, without gradients, and (cross-entropy) how many scored
     * (step, sequence) pairs have their largest output at the label.
     */
    public Evaluation evaluate(SequenceBatch b) {
        prepare(b);
        double loss = forward(b, false);
        int count = scored * batch;
        if (b.loss() != Loss.CROSS_ENTROPY) {
            return new Evaluation(loss, -1, count);
        }
        int correct = 0;
        int[] labels = b.labels();
        for (int j = 0; j < count; j++) {
            k.store(y[j], column, 0);
            int best = 0;
            for (int o = 1; o < out; o++) {
                if (column[o] > column[best]) {
                    best = o;
                }
            }
            if (best == labels[j]) {
                correct++;
            }
        }
        return new Evaluation(loss, correct, count);
    }

    /** Mean loss of the batch; writes the gradient of every parameter into its {@code grad()}. */
    public double lossAndGradient(SequenceBatch b) {
        prepare(b);
        double loss = forward(b, true);
        backward(b);
        return loss;
    }

    private void prepare(SequenceBatch b) {
        if (b.inputs() != in || b.outputs() != out) {
            throw new InvalidInputException("batch has " + b.inputs() + " inputs and " + b.outputs()
                    + " outputs, the network " + in + " and " + out);
        }
        configure(b.steps(), b.batch(), b.scoredSteps());
        loadParameters();
        if (complex) {
            Arrays.fill(gBeta, 0);
        }
        double[] src = b.inputsArray();
        for (int j = 0; j < steps * batch; j++) {
            k.load(src, j * in, x[j]);
        }
    }

    private void configure(int newSteps, int newBatch, int newScored) {
        if (newSteps == steps && newBatch == batch && newScored == scored) {
            return;
        }
        long columns = (long) newSteps * newBatch;
        if ((columns + newBatch) * m > Integer.MAX_VALUE) {
            throw new InvalidInputException("T x batch x state = " + columns * m + " is too large");
        }
        steps = newSteps;
        batch = newBatch;
        scored = newScored;
        int cols = (int) columns;
        // buffers large enough are kept (only the first columns are used): the short last batch of
        // a fixed test set must not reallocate everything twice per evaluation
        if (x == null || x.length < cols) {
            x = k.matrix(cols, in);
            z = k.matrix(cols, m);
            g = k.matrix(cols, m);
        }
        if (h == null || h.length < cols + batch) {
            h = k.matrix(cols + batch, m);
        }
        k.zero(h, 0, batch);  // the initial state: the other columns are written before they are read
        if (y == null || y.length < scored * batch) {
            y = k.matrix(scored * batch, out);
            dy = k.matrix(scored * batch, out);
        }
    }

    private void loadParameters() {
        realifyRecurrent(net.recurrent().value());
        for (int j = 0; j < m; j++) {
            k.load(bigW, j * m, w[j]);
            for (int i = 0; i < m; i++) {
                column[i] = bigW[j + i * m];
            }
            k.load(column, 0, wt[j]);
        }
        double[] vv = net.input().value();
        for (int j = 0; j < in; j++) {
            k.load(vv, j * m, v[j]);
        }
        k.load(net.bias().value(), 0, c);
        double[] uu = net.readout().value();
        for (int j = 0; j < m; j++) {
            k.load(uu, j * out, u[j]);
        }
        for (int j = 0; j < out; j++) {
            for (int i = 0; i < m; i++) {
                column[i] = uu[j + i * out];
            }
            k.load(column, 0, ut[j]);
        }
        k.load(net.readoutBias().value(), 0, d);
        if (complex) {
            k.load(net.modReluBias().value(), 0, beta);
        }
    }

    /** W as a real m x m matrix acting on [Re h; Im h]: [[Re W, -Im W], [Im W, Re W]] when complex. */
    private void realifyRecurrent(double[] wv) {
        if (!complex) {
            System.arraycopy(wv, 0, bigW, 0, m * m);
            return;
        }
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double re = wv[2 * (i + j * n)];
                double im = wv[2 * (i + j * n) + 1];
                bigW[i + j * m] = re;
                bigW[n + i + j * m] = im;
                bigW[i + (n + j) * m] = -im;
                bigW[n + i + (n + j) * m] = re;
            }
        }
    }

    private double forward(SequenceBatch b, boolean keepGradient) {
        int cols = steps * batch;
        // input term of every step at once
        k.gemm(false, m, cols, in, v, 0, x, 0, false, z, 0);
        k.addColumn(z, 0, cols, c);
        for (int t = 0; t < steps; t++) {
            if (t > 0) {
                k.gemm(false, m, batch, m, w, 0, h, t * batch, true, z, t * batch);
            }
            if (complex) {
                k.modRelu(z, t * batch, h, (t + 1) * batch, batch, beta);
            } else {
                k.relu(z, t * batch, h, (t + 1) * batch, batch);
            }
        }
        int first = (b.lossFrom() + 1) * batch;
        int count = scored * batch;
        k.gemm(false, out, count, m, u, 0, h, first, false, y, 0);
        k.addColumn(y, 0, count, d);
        A[] grad = keepGradient ? dy : null;
        if (b.loss() == Loss.CROSS_ENTROPY) {
            return k.crossEntropy(y, 0, count, b.labels(), 1.0 / count, grad) / count;
        }
        double total = (double) count * out;
        return k.squaredError(y, 0, count, b.targets(), 1.0 / total, grad) / total;
    }

    private void backward(SequenceBatch b) {
        int cols = steps * batch;
        int lossCol = b.lossFrom() * batch;
        int count = scored * batch;
        // dL/dh_t from the read-out, for all scored steps at once; nothing before the first
        k.zero(g, 0, lossCol);
        k.gemm(false, m, count, out, ut, 0, dy, 0, false, g, lossCol);
        for (int t = steps - 1; t >= 0; t--) {
            if (t < steps - 1) {
                // dL/dh_t += W^T dL/dz_{t+1}
                k.gemm(false, m, batch, m, wt, 0, g, (t + 1) * batch, true, g, t * batch);
            }
            if (complex) {
                k.modReluBackward(z, t * batch, g, t * batch, batch, beta, gBeta);
            } else {
                k.reluBackward(z, t * batch, g, t * batch, batch);
            }
        }
        // g now holds dL/dz_t for every step: weight gradients in one product each
        k.gemm(true, m, m, cols, g, 0, h, 0, false, gw, 0);
        k.gemm(true, m, in, cols, g, 0, x, 0, false, gv, 0);
        k.gemm(true, out, m, count, dy, 0, h, lossCol + batch, false, gu, 0);
        storeGradients(cols, count);
    }

    private void storeGradients(int cols, int count) {
        for (int j = 0; j < m; j++) {
            k.store(gw[j], bigW, j * m);
        }
        foldRecurrent(net.recurrent().grad());
        double[] gvv = net.input().grad();
        for (int j = 0; j < in; j++) {
            k.store(gv[j], gvv, j * m);
        }
        k.rowSums(g, 0, cols, net.bias().grad(), 0);
        double[] guu = net.readout().grad();
        for (int j = 0; j < m; j++) {
            k.store(gu[j], guu, j * out);
        }
        k.rowSums(dy, 0, count, net.readoutBias().grad(), 0);
        if (complex) {
            System.arraycopy(gBeta, 0, net.modReluBias().grad(), 0, n);
        }
    }

    /** The gradient of the realified W back to W: dRe = G11 + G22, dIm = G21 - G12. */
    private void foldRecurrent(double[] gwOut) {
        if (!complex) {
            System.arraycopy(bigW, 0, gwOut, 0, m * m);
            return;
        }
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                gwOut[2 * (i + j * n)] = bigW[i + j * m] + bigW[n + i + (n + j) * m];
                gwOut[2 * (i + j * n) + 1] = bigW[n + i + j * m] - bigW[i + (n + j) * m];
            }
        }
    }
}
