package org.projunn.cpu;

/**
 * Dense complex double linear algebra on the small operands of a step (N x 2k bases, 2k x 2k
 * matrices). Layout: column-major, interleaved (re, im); an m x n matrix has element (i, j) at
 * {@code 2 * (i + j * m)}. Real dtypes use {@link RealSmallLinalg} for the N-length operands
 * and this code, with zero imaginary parts (which keeps them exactly real), only for the r x r
 * problems. These routines mirror what one GPU block does per matrix.
 */
public final class SmallLinalg {
    /** A column is dropped when re-orthogonalization leaves less than this fraction of its norm. */
    static final double DROP_TOLERANCE = 1e-12;
    private static final int MAX_JACOBI_SWEEPS = 60;

    private SmallLinalg() {
    }

    /**
     * Orthonormalizes the m columns of the n x m matrix {@code x} in place by classical
     * Gram-Schmidt applied twice (CGS2). A column whose remainder is below
     * {@link #DROP_TOLERANCE} of its original norm (or zero) is linearly dependent on the
     * earlier ones: it is set to zero and counted. Zero columns are harmless downstream: they
     * add nothing to Q M Q^H.
     *
     * @param x n x m complex matrix (2nm doubles). Modified: its columns become orthonormal or zero.
     * @param n rows
     * @param m columns, m &lt;= n for a full basis
     * @return the number of dropped columns
     */
    public static int orthonormalizeColumns(double[] x, int n, int m) {
        int dropped = 0;
        for (int j = 0; j < m; j++) {
            int cj = 2 * j * n;
            double original = norm(x, cj, n);
            if (!(original > 0) || !Double.isFinite(original)) {
                java.util.Arrays.fill(x, cj, cj + 2 * n, 0.0);
                dropped++;
                continue;
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < j; p++) {
                    int cp = 2 * p * n;
                    double pr = 0;
                    double pi = 0;
                    for (int i = 0; i < 2 * n; i += 2) {
                        double qr = x[cp + i];
                        double qi = x[cp + i + 1];
                        double vr = x[cj + i];
                        double vi = x[cj + i + 1];
                        pr += qr * vr + qi * vi;
                        pi += qr * vi - qi * vr;
                    }
                    if (pr == 0 && pi == 0) {
                        continue;
                    }
                    for (int i = 0; i < 2 * n; i += 2) {
                        double qr = x[cp + i];
                        double qi = x[cp + i + 1];
                        x[cj + i] -= qr * pr - qi * pi;
                        x[cj + i + 1] -= qr * pi + qi * pr;
                    }
                }
            }
            double remaining = norm(x, cj, n);
            if (!(remaining > DROP_TOLERANCE * original)) {
                java.util.Arrays.fill(x, cj, cj + 2 * n, 0.0);
                dropped++;
                continue;
            }
            double inv = 1.0 / remaining;
            for (int i = cj; i < cj + 2 * n; i++) {
                x[i] *= inv;
            }
        }
        return dropped;
    }

    /**
     * Euclidean norm of n complex values starting at {@code offset}: that of their 2n real
     * scalars (one pass, rescaled only near overflow or underflow).
     */
    static double norm(double[] x, int offset, int n) {
        return RealSmallLinalg.norm(x, offset, 2 * n);
    }

    /**
     * {@code out = X^H Y}.
     *
     * @param x X, n x p complex. Not modified.
     * @param n rows of X and Y
     * @param p columns of X
     * @param y Y, n x q complex. Not modified.
     * @param q columns of Y
     * @param out p x q complex, must not alias x or y. Modified: overwritten.
     */
    public static void adjointTimes(double[] x, int n, int p, double[] y, int q, double[] out) {
        for (int j = 0; j < q; j++) {
            for (int i = 0; i < p; i++) {
                double re = 0;
                double im = 0;
                int xo = 2 * i * n;
                int yo = 2 * j * n;
                for (int t = 0; t < 2 * n; t += 2) {
                    double xr = x[xo + t];
                    double xi = x[xo + t + 1];
                    double yr = y[yo + t];
                    double yi = y[yo + t + 1];
                    re += xr * yr + xi * yi;
                    im += xr * yi - xi * yr;
                }
                out[2 * (i + j * p)] = re;
                out[2 * (i + j * p) + 1] = im;
            }
        }
    }

    /**
     * {@code out = X Y}.
     *
     * @param x X, m x p complex. Not modified.
     * @param m rows of X
     * @param p columns of X, rows of Y
     * @param y Y, p x q complex. Not modified.
     * @param q columns of Y
     * @param out m x q complex, must not alias x or y. Modified: overwritten.
     */
    public static void times(double[] x, int m, int p, double[] y, int q, double[] out) {
        java.util.Arrays.fill(out, 0, 2 * m * q, 0.0);
        for (int j = 0; j < q; j++) {
            for (int t = 0; t < p; t++) {
                double yr = y[2 * (t + j * p)];
                double yi = y[2 * (t + j * p) + 1];
                if (yr == 0 && yi == 0) {
                    continue;
                }
                int xo = 2 * t * m;
                int oo = 2 * j * m;
                for (int i = 0; i < 2 * m; i += 2) {
                    double xr = x[xo + i];
                    double xi = x[xo + i + 1];
                    out[oo + i] += xr * yr - xi * yi;
                    out[oo + i + 1] += xr * yi + xi * yr;
                }
            }
        }
    }

    /**
     * {@code out = X Y^H}.
     *
     * @param x X, m x p complex. Not modified.
     * @param m rows of X
     * @param p columns of X and of Y
     * @param y Y, q x p complex. Not modified.
     * @param q rows of Y
     * @param out m x q complex, must not alias x or y. Modified: overwritten.
     */
    public static void timesAdjoint(double[] x, int m, int p, double[] y, int q, double[] out) {
        java.util.Arrays.fill(out, 0, 2 * m * q, 0.0);
        for (int j = 0; j < q; j++) {
            for (int t = 0; t < p; t++) {
                // (Y^H)[t, j] = conj(Y[j, t])
                double yr = y[2 * (j + t * q)];
                double yi = -y[2 * (j + t * q) + 1];
                if (yr == 0 && yi == 0) {
                    continue;
                }
                int xo = 2 * t * m;
                int oo = 2 * j * m;
                for (int i = 0; i < 2 * m; i += 2) {
                    double xr = x[xo + i];
                    double xi = x[xo + i + 1];
                    out[oo + i] += xr * yr - xi * yi;
                    out[oo + i + 1] += xr * yi + xi * yr;
                }
            }
        }
    }

    /**
     * Eigen-decomposition of the r x r Hermitian matrix {@code h} by cyclic Jacobi rotations
     * (the algorithm a GPU block runs): on return {@code values[i]} are the eigenvalues
     * (unsorted) and column i of {@code vectors} the matching unit eigenvector. {@code h} is
     * destroyed. Only the Hermitian part of {@code h} is used.
     *
     * @param h r x r complex. Modified: destroyed.
     * @param r the order
     * @param values at least r doubles. Modified: the first r are the eigenvalues, unsorted.
     * @param vectors r x r complex. Modified: column i is the unit eigenvector of {@code values[i]}.
     */
    public static void hermitianEigen(double[] h, int r, double[] values, double[] vectors) {
        java.util.Arrays.fill(vectors, 0, 2 * r * r, 0.0);
        for (int i = 0; i < r; i++) {
            vectors[2 * (i + i * r)] = 1.0;
            h[2 * (i + i * r) + 1] = 0.0;
        }
        for (int sweep = 0; sweep < MAX_JACOBI_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int j = 0; j < r; j++) {
                for (int i = 0; i < r; i++) {
                    double re = h[2 * (i + j * r)];
                    double im = h[2 * (i + j * r) + 1];
                    if (i == j) {
                        diag += re * re;
                    } else {
                        off += re * re + im * im;
                    }
                }
            }
            if (off <= 1e-32 * diag || off < Double.MIN_NORMAL) {
                break;
            }
            for (int p = 0; p < r - 1; p++) {
                for (int q = p + 1; q < r; q++) {
                    rotate(h, vectors, r, p, q);
                }
            }
        }
        for (int i = 0; i < r; i++) {
            values[i] = h[2 * (i + i * r)];
        }
    }

    /** One Jacobi rotation J (unitary) with (J^H H J)[p, q] = 0; V <- V J. */
    private static void rotate(double[] h, double[] v, int r, int p, int q) {
        int pq = 2 * (p + q * r);
        double hr = h[pq];
        double hi = h[pq + 1];
        double abs = Math.hypot(hr, hi);
        if (abs == 0) {
            return;
        }
        double app = h[2 * (p + p * r)];
        double aqq = h[2 * (q + q * r)];
        if (abs < 1e-300 || abs <= 1e-18 * Math.sqrt(Math.abs(app * aqq))) {
            h[pq] = 0;
            h[pq + 1] = 0;
            h[2 * (q + p * r)] = 0;
            h[2 * (q + p * r) + 1] = 0;
            return;
        }
        // e = h_pq / |h_pq|; the real rotation acts on the phase-aligned pair
        double er = hr / abs;
        double ei = hi / abs;
        double tau = (aqq - app) / (2 * abs);
        double t = Math.signum(tau) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        if (tau == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(1 + t * t);
        double s = t * c;
        // J: J_pp = c, J_pq = s, J_qp = -s conj(e), J_qq = c conj(e)
        double jqpR = -s * er;
        double jqpI = s * ei;
        double jqqR = c * er;
        double jqqI = -c * ei;
        // H <- H J (columns p and q), V <- V J
        applyColumns(h, r, p, q, c, s, jqpR, jqpI, jqqR, jqqI);
        applyColumns(v, r, p, q, c, s, jqpR, jqpI, jqqR, jqqI);
        // H <- J^H H (rows p and q): row p = c Hp + conj(J_qp) Hq, row q = s Hp + conj(J_qq) Hq
        for (int j = 0; j < r; j++) {
            int ip = 2 * (p + j * r);
            int iq = 2 * (q + j * r);
            double pr = h[ip];
            double pi = h[ip + 1];
            double qr = h[iq];
            double qi = h[iq + 1];
            h[ip] = c * pr + (jqpR * qr + jqpI * qi);
            h[ip + 1] = c * pi + (jqpR * qi - jqpI * qr);
            h[iq] = s * pr + (jqqR * qr + jqqI * qi);
            h[iq + 1] = s * pi + (jqqR * qi - jqqI * qr);
        }
        h[pq] = 0;
        h[pq + 1] = 0;
        h[2 * (q + p * r)] = 0;
        h[2 * (q + p * r) + 1] = 0;
        h[2 * (p + p * r) + 1] = 0;
        h[2 * (q + q * r) + 1] = 0;
    }

    private static void applyColumns(double[] m, int r, int p, int q, double c, double s,
                                     double jqpR, double jqpI, double jqqR, double jqqI) {
        int cp = 2 * p * r;
        int cq = 2 * q * r;
        for (int i = 0; i < 2 * r; i += 2) {
            double pr = m[cp + i];
            double pi = m[cp + i + 1];
            double qr = m[cq + i];
            double qi = m[cq + i + 1];
            // new p = c P + J_qp Q ; new q = s P + J_qq Q
            m[cp + i] = c * pr + (jqpR * qr - jqpI * qi);
            m[cp + i + 1] = c * pi + (jqpR * qi + jqpI * qr);
            m[cq + i] = s * pr + (jqqR * qr - jqqI * qi);
            m[cq + i + 1] = s * pi + (jqqR * qi + jqqI * qr);
        }
    }

    /**
     * Turns the r x r matrix {@code y}, whose columns are orthogonal in exact arithmetic (Y = K D
     * with D the eigenvectors of K^H K), into a unitary matrix: columns are taken in order of
     * decreasing norm, re-orthogonalized against those already kept (classical Gram-Schmidt
     * twice) and normalized. A column whose remainder is at or below {@code tol} is a singular
     * direction (K is singular to working precision there): it is counted and replaced by a unit
     * vector orthogonal to all kept columns, its own remainder when at least half of that is
     * new, else the coordinate vector with the largest remainder. Real input stays real.
     * ALGORITHMS.md section 3.1; the GPU mirror is blockCompleteUnitary in pj_small.cuh.
     *
     * @param y r x r complex. Modified: becomes unitary (columns that are not finite stay so).
     * @param r the order
     * @param tol absolute threshold on a column's remainder
     * @param state at least r doubles, scratch. Modified.
     * @param scratch at least 4r doubles, scratch. Modified.
     * @return the number of completed (singular) columns
     */
    static int completeUnitary(double[] y, int r, double tol, double[] state, double[] scratch) {
        for (int j = 0; j < r; j++) {
            state[j] = norm(y, 2 * j * r, r);
        }
        for (int step = 0; step < r; step++) {
            int j = -1;
            for (int i = 0; i < r; i++) {
                if (state[i] >= 0 && (j < 0 || state[i] > state[j])) {
                    j = i;
                }
            }
            if (j < 0) {
                break; // the rest are not finite: left as they are
            }
            projectOut(y, 2 * j * r, r, y, state, scratch);
            double remaining = norm(y, 2 * j * r, r);
            if (remaining > tol) {
                scale(y, 2 * j * r, r, 1 / remaining);
                state[j] = KEPT;
            } else {
                state[j] = SINGULAR;
            }
        }
        int completed = 0;
        for (int j = 0; j < r; j++) {
            if (state[j] != SINGULAR) {
                continue;
            }
            completed++;
            int cj = 2 * j * r;
            double before = norm(y, cj, r);
            projectOut(y, cj, r, y, state, scratch);
            double remaining = norm(y, cj, r);
            if (!(before > Double.MIN_NORMAL && remaining >= 0.5 * before)) {
                // the coordinate vector with the largest remainder: at least 1/sqrt(r) is left
                int best = 0;
                double bestLeft = -1;
                for (int e = 0; e < r; e++) {
                    double left = coordinateRemainder(e, r, y, state, scratch);
                    if (left > bestLeft) {
                        bestLeft = left;
                        best = e;
                    }
                }
                remaining = coordinateRemainder(best, r, y, state, scratch);
                System.arraycopy(scratch, 2 * r, y, cj, 2 * r);
            }
            scale(y, cj, r, 1 / remaining);
            state[j] = KEPT;
        }
        return completed;
    }

    private static final double KEPT = -1;
    private static final double SINGULAR = -2;

    /** e_e minus its projection on the kept columns, into scratch[2r, 4r); returns its norm. */
    private static double coordinateRemainder(int e, int r, double[] y, double[] state, double[] scratch) {
        java.util.Arrays.fill(scratch, 2 * r, 4 * r, 0.0);
        scratch[2 * r + 2 * e] = 1;
        projectOut(scratch, 2 * r, r, y, state, scratch);
        return norm(scratch, 2 * r, r);
    }

    /**
     * x[offset..] -= Y_kept (Y_kept^H x) over the columns of y marked kept, twice (CGS2); the
     * dots go to scratch[0, 2r).
     */
    private static void projectOut(double[] x, int offset, int r, double[] y, double[] state, double[] scratch) {
        for (int pass = 0; pass < 2; pass++) {
            for (int p = 0; p < r; p++) {
                double pr = 0;
                double pi = 0;
                if (state[p] == KEPT) {
                    int cp = 2 * p * r;
                    for (int i = 0; i < 2 * r; i += 2) {
                        double qr = y[cp + i];
                        double qi = y[cp + i + 1];
                        double vr = x[offset + i];
                        double vi = x[offset + i + 1];
                        pr += qr * vr + qi * vi;
                        pi += qr * vi - qi * vr;
                    }
                }
                scratch[2 * p] = pr;
                scratch[2 * p + 1] = pi;
            }
            for (int p = 0; p < r; p++) {
                if (state[p] != KEPT) {
                    continue;
                }
                int cp = 2 * p * r;
                double pr = scratch[2 * p];
                double pi = scratch[2 * p + 1];
                for (int i = 0; i < 2 * r; i += 2) {
                    double qr = y[cp + i];
                    double qi = y[cp + i + 1];
                    x[offset + i] -= qr * pr - qi * pi;
                    x[offset + i + 1] -= qr * pi + qi * pr;
                }
            }
        }
    }

    private static void scale(double[] x, int offset, int n, double factor) {
        for (int i = offset; i < offset + 2 * n; i++) {
            x[i] *= factor;
        }
    }

    /** Indices of the {@code count} largest values, largest first. */
    static int[] largest(double[] values, int n, int count) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int best = i;
            for (int j = i + 1; j < n; j++) {
                if (values[order[j]] > values[order[best]]) {
                    best = j;
                }
            }
            int tmp = order[i];
            order[i] = order[best];
            order[best] = tmp;
        }
        return java.util.Arrays.copyOf(order, count);
    }
}
