package org.projunn.train.conv;

/** ||U^H U - I||_F of one n x n matrix stored column-major (interleaved when complex) from an offset. */
final class Unitarity {
    private Unitarity() {
    }

    static double deviation(double[] a, int off, int n, boolean complex) {
        int s = complex ? 2 : 1;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // (U^H U)_ij = sum_r conj(U_ri) U_rj
                double re = 0;
                double im = 0;
                for (int r = 0; r < n; r++) {
                    double ar = a[off + s * (i * n + r)];
                    double ai = complex ? a[off + s * (i * n + r) + 1] : 0;
                    double br = a[off + s * (j * n + r)];
                    double bi = complex ? a[off + s * (j * n + r) + 1] : 0;
                    re += ar * br + ai * bi;
                    im += ar * bi - ai * br;
                }
                double d = re - (i == j ? 1 : 0);
                sum += d * d + im * im;
            }
        }
        return Math.sqrt(sum);
    }
}
