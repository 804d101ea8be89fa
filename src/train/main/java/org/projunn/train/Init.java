package org.projunn.train;

import java.util.Locale;
import java.util.SplittableRandom;
import org.projunn.InvalidInputException;

/**
 * Initial values of a square orthogonal (real) or unitary (complex) recurrent matrix, in the
 * {@link Parameter} layout (column-major, complex interleaved).
 */
public enum Init {
    /** The identity. */
    IDENTITY,
    /** Block diagonal 2x2 rotations with angles uniform in [-pi, pi] (Henaff et al. 2016). */
    HENAFF,
    /** Haar-random: Gram-Schmidt of a Gaussian matrix (positive diagonal R, hence Haar). */
    RANDOM,
    /**
     * Cayley-style: the Cayley transform {@code (I + A)^-1 (I - A)} of a block-diagonal skew
     * matrix with blocks {@code [[0, s], [-s, 0]]}, {@code s = -sqrt((1 - cos u) / (1 + cos u))},
     * u uniform in [0, pi/2] (Helfrich et al. 2018): 2x2 rotations by -u.
     */
    CAYLEY;

    public static Init parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "identity": return IDENTITY;
            case "henaff": return HENAFF;
            case "random": case "haar": return RANDOM;
            case "cayley": return CAYLEY;
            default: throw new InvalidInputException("unknown initialization '" + text
                    + "': expected identity, henaff, random or cayley");
        }
    }

    /** Writes an n x n orthogonal (unitary when complex) matrix into {@code out}. */
    public void fill(double[] out, int n, boolean complex, SplittableRandom rng) {
        int s = complex ? 2 : 1;
        if (out.length != n * n * s) {
            throw new InvalidInputException("initialization of a " + n + " x " + n + " matrix needs "
                    + n * n * s + " scalars, got " + out.length);
        }
        java.util.Arrays.fill(out, 0);
        switch (this) {
            case IDENTITY -> {
                for (int i = 0; i < n; i++) {
                    out[(i + i * n) * s] = 1;
                }
            }
            case HENAFF -> rotations(out, n, s, rng, -Math.PI, Math.PI);
            case CAYLEY -> cayley(out, n, s, rng);
            case RANDOM -> haar(out, n, complex, rng);
            default -> throw new AssertionError(this);
        }
    }

    private static void rotations(double[] out, int n, int s, SplittableRandom rng, double lo, double hi) {
        for (int b = 0; b + 1 < n; b += 2) {
            double angle = lo + (hi - lo) * rng.nextDouble();
            block(out, n, s, b, Math.cos(angle), Math.sin(angle));
        }
        if (n % 2 == 1) {
            out[(n - 1 + (n - 1) * n) * s] = 1;
        }
    }

    private static void cayley(double[] out, int n, int s, SplittableRandom rng) {
        for (int b = 0; b + 1 < n; b += 2) {
            double u = 0.5 * Math.PI * rng.nextDouble();
            double x = -Math.sqrt((1 - Math.cos(u)) / (1 + Math.cos(u)));
            // (I + xJ)^-1 (I - xJ) with J = [[0, 1], [-1, 0]] is ((1 - x^2) I - 2x J) / (1 + x^2)
            double d = 1 + x * x;
            block(out, n, s, b, (1 - x * x) / d, 2 * x / d);
        }
        if (n % 2 == 1) {
            out[(n - 1 + (n - 1) * n) * s] = 1;
        }
    }

    /** The rotation [[c, -sn], [sn, c]] at rows and columns b, b + 1. */
    private static void block(double[] out, int n, int s, int b, double c, double sn) {
        out[(b + b * n) * s] = c;
        out[(b + 1 + b * n) * s] = sn;
        out[(b + (b + 1) * n) * s] = -sn;
        out[(b + 1 + (b + 1) * n) * s] = c;
    }

    private static void haar(double[] out, int n, boolean complex, SplittableRandom rng) {
        int s = complex ? 2 : 1;
        double sigma = complex ? Math.sqrt(0.5) : 1;
        for (int i = 0; i < out.length; i++) {
            out[i] = sigma * gaussian(rng);
        }
        // modified Gram-Schmidt, twice per column, for orthogonality at rounding level
        for (int j = 0; j < n; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int q = 0; q < j; q++) {
                    double re = 0;
                    double im = 0;
                    for (int i = 0; i < n; i++) {
                        int a = (i + q * n) * s;
                        int b = (i + j * n) * s;
                        // <q, j> = sum conj(q_i) j_i
                        re += out[a] * out[b] + (complex ? out[a + 1] * out[b + 1] : 0);
                        if (complex) {
                            im += out[a] * out[b + 1] - out[a + 1] * out[b];
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        int a = (i + q * n) * s;
                        int b = (i + j * n) * s;
                        out[b] -= re * out[a] - (complex ? im * out[a + 1] : 0);
                        if (complex) {
                            out[b + 1] -= re * out[a + 1] + im * out[a];
                        }
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < n * s; i++) {
                double v = out[j * n * s + i];
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n * s; i++) {
                out[j * n * s + i] /= norm;
            }
        }
    }

    static double gaussian(SplittableRandom rng) {
        // Box-Muller; rng has no nextGaussian in Java 17
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
