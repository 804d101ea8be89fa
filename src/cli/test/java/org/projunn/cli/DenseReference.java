package org.projunn.cli;

import java.util.Random;
import org.projunn.testing.CMat;
import org.projunn.testing.Oracles;

/**
 * The dense float64 references of {@link Oracles} (SVD polar factor, matrix exponential),
 * independent of the library, on arrays in projunn's layout (column-major, complex interleaved,
 * real arrays holding real parts only), as the CLI tests read and write them.
 */
final class DenseReference {
    private DenseReference() {
    }

    /** projUNN-D: the polar factor of A + a b^H. */
    static double[] direct(double[] a, double[] fa, double[] fb, int n, int k, boolean complex) {
        return Oracles.directStep(mat(a, n, n, complex), mat(fa, n, k, complex), mat(fb, n, k, complex)).data(complex);
    }

    /** projUNN-T: A expm(Omega), Omega = (A^H a b^H - b a^H A) / 2. */
    static double[] tangent(double[] a, double[] fa, double[] fb, int n, int k, boolean complex) {
        return Oracles.tangentStep(mat(a, n, n, complex), mat(fa, n, k, complex), mat(fb, n, k, complex)).data(complex);
    }

    /** a b^H, n x n. */
    static double[] outer(double[] fa, double[] fb, int n, int k, boolean complex) {
        return mat(fa, n, k, complex).times(mat(fb, n, k, complex).adjoint()).data(complex);
    }

    /** A random unitary (orthogonal) n x n matrix. */
    static double[] randomUnitary(Random rnd, int n, boolean complex) {
        return Oracles.randomUnitary(n, complex, rnd).data(complex);
    }

    static double[] gaussian(Random rnd, int count, double scale) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = scale * rnd.nextGaussian();
        }
        return v;
    }

    private static CMat mat(double[] v, int rows, int cols, boolean complex) {
        return complex ? new CMat(rows, cols, v) : CMat.fromReal(rows, cols, v);
    }
}
