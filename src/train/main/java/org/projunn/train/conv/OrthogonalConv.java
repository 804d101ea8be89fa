package org.projunn.train.conv;

import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_2D;
import org.projunn.InvalidInputException;
import org.projunn.train.Init;
import org.projunn.train.Parameter;
import org.projunn.train.RecurrentNetwork;

/**
 * A circular convolution with C input and C output channels on H x W images, orthogonal by
 * construction: the 2-D DFT diagonalizes it into one C x C matrix per frequency, and those matrices
 * are unitary. Forward: FFT of each channel, the frequency's matrix times the C-vector of channel
 * spectra, inverse FFT.
 *
 * <p>Real in, real out: {@link FrequencyLayout} keeps one complex unitary matrix per conjugate pair
 * of frequencies (the mirror applies its conjugate, and its output is set to the conjugate of the
 * representative's, so the output spectrum is exactly Hermitian) and a real orthogonal matrix at
 * each self-conjugate frequency (ky in {0, H/2}, kx in {0, W/2}). The two batches are separate
 * parameters, {@link #complexWeights()} (complex, C x (P C)) and {@link #realWeights()} (real,
 * C x (R C)), so a projected step of the real batch with a real (FLOAT64) projector keeps them real.
 *
 * <p>The gradient of a loss L with respect to the matrix U of a conjugate pair {k, -k}: with X, G the
 * unnormalized DFTs of the input and of dL/dy and N = H W, a change dU changes the output by
 * {@code (1/N) (e_k dU X(k) + e_-k conj(dU X(k)))}, so {@code dL = (2/N) Re(G(k)^H dU X(k))} and
 * {@code dL/dRe U + i dL/dIm U = (2/N) G(k) X(k)^H}: the pair counts twice. A self-conjugate frequency
 * appears once: {@code (1/N) Re(G(k) X(k)^H)}. The input gradient is the adjoint layer (each U^H).
 *
 * <p>Thread use: the layer's methods only read the weights; each thread needs its own {@link Workspace}.
 */
public final class OrthogonalConv {
    private final int channels;
    private final int height;
    private final int width;
    private final FrequencyLayout layout;
    private final Parameter complexWeights;
    private final Parameter realWeights;

    public OrthogonalConv(String name, int channels, int height, int width) {
        if (channels < 1) {
            throw new InvalidInputException("orthogonal convolution " + name + " needs at least 1 channel, got "
                    + channels);
        }
        if (height < 2 || width < 2) {
            // JTransforms' 2-D FFT needs both sizes >= 2
            throw new InvalidInputException("orthogonal convolution " + name + " needs an image size of at least"
                    + " 2 x 2, got " + height + " x " + width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.layout = new FrequencyLayout(height, width);
        this.complexWeights = layout.complexCount() > 0
                ? new Parameter(name + ".complex", channels, channels * layout.complexCount(), true) : null;
        this.realWeights = new Parameter(name + ".real", channels, channels * layout.realCount(), false);
        init(Init.IDENTITY, new SplittableRandom(0));
    }

    /** Sets every frequency's matrix from {@code init} (Haar-random with {@link Init#RANDOM}). */
    public void init(Init init, SplittableRandom rng) {
        int cc = channels * channels;
        if (complexWeights != null) {
            double[] one = new double[2 * cc];
            for (int p = 0; p < layout.complexCount(); p++) {
                init.fill(one, channels, true, rng);
                System.arraycopy(one, 0, complexWeights.value(), 2 * p * cc, 2 * cc);
            }
        }
        double[] one = new double[cc];
        for (int p = 0; p < layout.realCount(); p++) {
            init.fill(one, channels, false, rng);
            System.arraycopy(one, 0, realWeights.value(), p * cc, cc);
        }
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** Values per image: C H W. */
    public int size() {
        return channels * height * width;
    }

    public FrequencyLayout layout() {
        return layout;
    }

    /** The complex unitary matrices, one per conjugate pair; null for a 2 x 2 image, whose frequencies are all self-conjugate. */
    public Parameter complexWeights() {
        return complexWeights;
    }

    /** The real orthogonal matrices of the self-conjugate frequencies. */
    public Parameter realWeights() {
        return realWeights;
    }

    /** Scratch space of one thread. */
    public final class Workspace {
        final DoubleFFT_2D fft = new DoubleFFT_2D(height, width);
        final double[] plane = new double[2 * height * width];
        final double[] in = new double[2 * channels * height * width];
        final double[] out = new double[2 * channels * height * width];
        final double[] gradSpectrum = new double[2 * channels * height * width];
    }

    public Workspace newWorkspace() {
        return new Workspace();
    }

    /** Doubles needed to keep one input's spectrum for {@link #backward}. */
    public int spectrumSize() {
        return 2 * channels * height * width;
    }

    /**
     * y = conv(x) for one image: {@code x[xOff ..]} and {@code y[yOff ..]} hold C x H x W values
     * (channel, row, column; row-major). When {@code spectrum} is not null, x's spectrum is kept there
     * (from {@code specOff}, {@link #spectrumSize()} doubles) for the backward pass.
     */
    public void forward(double[] x, int xOff, double[] y, int yOff, double[] spectrum, int specOff, Workspace ws) {
        checkImage("input", x, xOff);
        checkImage("output", y, yOff);
        if (spectrum != null && (specOff < 0 || specOff > spectrum.length - spectrumSize())) {
            throw new InvalidInputException("spectrum buffer of " + spectrum.length + " doubles has no room for "
                    + spectrumSize() + " from offset " + specOff);
        }
        transform(x, xOff, ws.in, ws);
        if (spectrum != null) {
            System.arraycopy(ws.in, 0, spectrum, specOff, spectrumSize());
        }
        mix(ws.in, ws.out, false);
        inverse(ws.out, y, yOff, ws);
    }

    /**
     * Backward pass of one image: from {@code gy} (dL/dy) writes {@code gx} (dL/dx, through the
     * adjoint layer) when gx is not null, and adds dL/dU to {@code complexGrad} and {@code realGrad}
     * (layouts of the two weight parameters) given the input's spectrum kept by {@link #forward}.
     */
    public void backward(double[] gy, int gyOff, double[] spectrum, int specOff, double[] gx, int gxOff,
                         double[] complexGrad, double[] realGrad, Workspace ws) {
        checkImage("output gradient", gy, gyOff);
        if (gx != null) {
            checkImage("input gradient", gx, gxOff);
        }
        int cc = channels * channels;
        if (complexGrad != null && complexGrad.length != 2 * cc * layout.complexCount()
                || realGrad != null && realGrad.length != cc * layout.realCount()) {
            throw new InvalidInputException("weight gradients must match the weights' sizes "
                    + 2 * cc * layout.complexCount() + " and " + cc * layout.realCount());
        }
        double[] g = ws.gradSpectrum;
        transform(gy, gyOff, g, ws);
        int stride = 2 * height * width;
        double inv = 1.0 / (height * width);
        if (complexGrad != null) {
            for (int p = 0; p < layout.complexCount(); p++) {
                int f = 2 * layout.complexFrequency(p);
                int base = 2 * p * cc;
                for (int j = 0; j < channels; j++) {
                    double xr = spectrum[specOff + j * stride + f];
                    double xi = spectrum[specOff + j * stride + f + 1];
                    for (int i = 0; i < channels; i++) {
                        double gr = g[i * stride + f];
                        double gi = g[i * stride + f + 1];
                        int e = base + 2 * (j * channels + i);
                        // (2/N) G_i conj(X_j): the pair {k, -k} counts twice
                        complexGrad[e] += 2 * inv * (gr * xr + gi * xi);
                        complexGrad[e + 1] += 2 * inv * (gi * xr - gr * xi);
                    }
                }
            }
        }
        if (realGrad != null) {
            for (int p = 0; p < layout.realCount(); p++) {
                int f = 2 * layout.realFrequency(p);
                int base = p * cc;
                for (int j = 0; j < channels; j++) {
                    double xr = spectrum[specOff + j * stride + f];
                    double xi = spectrum[specOff + j * stride + f + 1];
                    for (int i = 0; i < channels; i++) {
                        realGrad[base + j * channels + i] += inv * (g[i * stride + f] * xr + g[i * stride + f + 1] * xi);
                    }
                }
            }
        }
        if (gx != null) {
            mix(g, ws.out, true);
            inverse(ws.out, gx, gxOff, ws);
        }
    }

    /** max over frequencies of ||U^H U - I||_F, and of ||Im U||_F at the self-conjugate ones (0 by construction). */
    public double unitarity() {
        double worst = 0;
        int cc = channels * channels;
        for (int p = 0; p < layout.complexCount(); p++) {
            worst = Math.max(worst, RecurrentNetwork.unitarityError(complexWeights.value(), 2 * p * cc, channels, true));
        }
        for (int p = 0; p < layout.realCount(); p++) {
            worst = Math.max(worst, RecurrentNetwork.unitarityError(realWeights.value(), p * cc, channels, false));
        }
        return worst;
    }

    /**
     * The complex C x C matrix (column-major, interleaved) this layer applies at frequency (ky, kx) of
     * the full spectrum: a representative's own, the conjugate for a mirror, the real one (imaginary 0)
     * at a self-conjugate frequency.
     */
    public double[] matrixAt(int ky, int kx) {
        if (ky < 0 || ky >= height || kx < 0 || kx >= width) {
            throw new InvalidInputException("frequency (" + ky + ", " + kx + ") outside " + height + " x " + width);
        }
        int f = ky * width + kx;
        int cc = channels * channels;
        double[] m = new double[2 * cc];
        int p = layout.index(f);
        byte kind = layout.kind(f);
        for (int e = 0; e < cc; e++) {
            if (kind == FrequencyLayout.SELF_CONJUGATE) {
                m[2 * e] = realWeights.value()[p * cc + e];
            } else {
                m[2 * e] = complexWeights.value()[2 * (p * cc + e)];
                double im = complexWeights.value()[2 * (p * cc + e) + 1];
                m[2 * e + 1] = kind == FrequencyLayout.MIRROR ? -im : im;
            }
        }
        return m;
    }

    private void checkImage(String what, double[] a, int off) {
        if (a == null) {
            throw new InvalidInputException(what + " must not be null");
        }
        if (off < 0 || off > a.length - size()) {
            throw new InvalidInputException(what + " of " + a.length + " values from offset " + off
                    + " does not hold one " + channels + " x " + height + " x " + width + " image (channels x height"
                    + " x width = " + size() + " values)");
        }
    }

    /** The complex 2-D DFT of each channel of a real image, into {@code spec} (C planes of H x W complex). */
    private void transform(double[] x, int off, double[] spec, Workspace ws) {
        int hw = height * width;
        double[] p = ws.plane;
        for (int c = 0; c < channels; c++) {
            for (int e = 0; e < hw; e++) {
                p[2 * e] = x[off + c * hw + e];
                p[2 * e + 1] = 0;
            }
            ws.fft.complexForward(p);
            System.arraycopy(p, 0, spec, 2 * c * hw, p.length);
        }
    }

    /** Real parts of the inverse DFTs of the C planes (Hermitian by construction, so the imaginary parts are rounding). */
    private void inverse(double[] spec, double[] y, int off, Workspace ws) {
        int hw = height * width;
        double[] p = ws.plane;
        for (int c = 0; c < channels; c++) {
            System.arraycopy(spec, 2 * c * hw, p, 0, p.length);
            ws.fft.complexInverse(p, true);
            for (int e = 0; e < hw; e++) {
                y[off + c * hw + e] = p[2 * e];
            }
        }
    }

    /**
     * out(k) = U(k) in(k) at every frequency (U(k)^H when adjoint): computed at the representatives
     * and self-conjugate frequencies; a mirror's output is the conjugate of its representative's,
     * which is conj(U) in(-k) for the Hermitian spectrum of a real image.
     */
    private void mix(double[] in, double[] out, boolean adjoint) {
        int stride = 2 * height * width;
        int cc = channels * channels;
        for (int p = 0; p < layout.complexCount(); p++) {
            int f = 2 * layout.complexFrequency(p);
            int m = 2 * layout.mirror(layout.complexFrequency(p));
            int base = 2 * p * cc;
            double[] u = complexWeights.value();
            for (int i = 0; i < channels; i++) {
                double re = 0;
                double im = 0;
                for (int j = 0; j < channels; j++) {
                    double ur;
                    double ui;
                    if (adjoint) {
                        ur = u[base + 2 * (i * channels + j)];
                        ui = -u[base + 2 * (i * channels + j) + 1];
                    } else {
                        ur = u[base + 2 * (j * channels + i)];
                        ui = u[base + 2 * (j * channels + i) + 1];
                    }
                    double vr = in[j * stride + f];
                    double vi = in[j * stride + f + 1];
                    re += ur * vr - ui * vi;
                    im += ur * vi + ui * vr;
                }
                out[i * stride + f] = re;
                out[i * stride + f + 1] = im;
                out[i * stride + m] = re;
                out[i * stride + m + 1] = -im;
            }
        }
        for (int p = 0; p < layout.realCount(); p++) {
            int f = 2 * layout.realFrequency(p);
            int base = p * cc;
            double[] u = realWeights.value();
            for (int i = 0; i < channels; i++) {
                double re = 0;
                for (int j = 0; j < channels; j++) {
                    double w = adjoint ? u[base + i * channels + j] : u[base + j * channels + i];
                    re += w * in[j * stride + f];
                }
                // the input's spectrum is real here for a real image; its rounding-level imaginary part is dropped
                out[i * stride + f] = re;
                out[i * stride + f + 1] = 0;
            }
        }
    }
}
