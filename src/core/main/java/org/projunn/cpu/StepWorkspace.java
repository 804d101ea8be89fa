package org.projunn.cpu;

/**
 * Everything one matrix of a batch needs during a step, allocated once per projector: O(N k)
 * doubles. "Pass layout" arrays use the dense passes' element size (1 real, 2 complex);
 * "complex" arrays always hold (re, im) pairs for {@link SmallLinalg}. Real dtypes work on the
 * N-length operands in pass layout with {@link RealSmallLinalg}, so their N-length complex
 * arrays are empty; only the r x r and r x k problems go through complex layout.
 */
final class StepWorkspace {
    final int n;
    final int k;
    final int r;
    final int sketchWidth;

    // pass layout
    final double[] a;        // n x k
    final double[] b;        // n x k
    final double[] ahat;     // n x k: A^H a
    final double[] q;        // n x r: Q
    final double[] w;        // n x r: X Q
    final double[] g;        // r x n: F Q^H
    final double[] bh;       // k x n: b^H
    final double[] sketch;   // n x width
    final double[] image;    // n x width

    // complex layout (the N-length ones empty for real dtypes)
    final double[] aC;
    final double[] bC;
    final double[] ahatC;
    final double[] basis;    // n x r: Q
    final double[] bo;       // r x k
    final double[] aho;      // r x k
    final double[] gram;     // k x k, then width x width
    final double[] cbo;      // k x r: C b_o^H
    final double[] t1;       // r x r
    final double[] t2;       // r x r
    final double[] m;        // r x r
    final double[] vectors;  // max(r, width)^2
    final double[] values;
    final double[] f;        // r x r
    final double[] gC;       // r x n
    final double[] sketchC;  // n x width
    final double[] imageC;   // n x width
    final double[] pick;     // width x k

    // real small operands (real dtypes): r x k, width x width, width x k; the real part of F
    final double[] smallR;
    final double[] fR;       // r x r
    final double[][] columns; // max(r, width) + 1 columns of max(n, r): RealSmallLinalg's scratch
    final double[] rowR;      // r: a row of Q
    private final double[][] rows; // n rows of max(r, width): scratch of realTransposeTimes
    private final double[] accR;   // max(r, width)
    final double[] columnNorms; // n
    final int[] pickedColumns;  // width

    int droppedDirections;
    int clampedEigenvalues;

    StepWorkspace(int n, int k, int sketchWidth, int scalars) {
        this.n = n;
        this.k = k;
        this.r = 2 * k;
        this.sketchWidth = sketchWidth;
        int s = scalars;
        a = new double[n * k * s];
        b = new double[n * k * s];
        ahat = new double[n * k * s];
        q = new double[n * r * s];
        w = new double[n * r * s];
        g = new double[r * n * s];
        bh = new double[k * n * s];
        sketch = new double[n * sketchWidth * s];
        image = new double[n * sketchWidth * s];
        int longC = s == 2 ? 2 * n : 0; // N-length complex copies only for complex dtypes
        aC = new double[longC * k];
        bC = new double[longC * k];
        ahatC = new double[longC * k];
        basis = new double[longC * r];
        bo = new double[2 * r * k];
        aho = new double[2 * r * k];
        int small = Math.max(r, sketchWidth);
        gram = new double[2 * small * small];
        cbo = new double[2 * k * r];
        t1 = new double[2 * r * r];
        t2 = new double[2 * r * r];
        m = new double[2 * small * small];
        vectors = new double[2 * small * small];
        values = new double[small];
        f = new double[2 * r * r];
        gC = new double[r * longC];
        sketchC = new double[longC * sketchWidth];
        imageC = new double[longC * sketchWidth];
        pick = new double[2 * sketchWidth * k];
        smallR = new double[small * small];
        fR = new double[r * r];
        columns = s == 1 ? new double[small + 1][Math.max(n, r)] : new double[0][];
        rowR = new double[r];
        rows = s == 1 ? new double[n][small] : new double[0][];
        accR = new double[small];
        columnNorms = new double[n];
        pickedColumns = new int[sketchWidth];
    }

    /**
     * out = X^T Y, p x q in complex layout, for a real dtype's n-row X (p columns) and Y (q
     * columns) in pass layout: the product runs in real arithmetic and is widened only for the
     * small complex problems that follow ({@link SmallLinalg}).
     */
    void realTransposeTimes(double[] x, int p, double[] y, int q, double[] out) {
        RealSmallLinalg.transposeTimes(x, n, p, y, q, smallR, rows, accR);
        toComplex(smallR, 1, p * q, out);
    }

    /** Copies {@code count} elements from pass layout (s scalars each) into complex layout. */
    static void toComplex(double[] src, int s, int count, double[] dst) {
        if (s == 2) {
            System.arraycopy(src, 0, dst, 0, 2 * count);
            return;
        }
        for (int i = 0; i < count; i++) {
            dst[2 * i] = src[i];
            dst[2 * i + 1] = 0.0;
        }
    }

    /** Copies {@code count} elements from complex layout into pass layout (real part when s = 1). */
    static void fromComplex(double[] src, int s, int count, double[] dst) {
        if (s == 2) {
            System.arraycopy(src, 0, dst, 0, 2 * count);
            return;
        }
        for (int i = 0; i < count; i++) {
            dst[i] = src[2 * i];
        }
    }
}
