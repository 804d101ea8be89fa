package org.projunn.cli;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Dense float64 references for one projUNN step, independent of the library: complex matrices
 * are embedded as real [[Re, -Im], [Im, Re]] (products and conjugate transposes carry over),
 * the polar factor comes from EJML's SVD, the exponential from scaling and squaring.
 * Matrices are given and returned in projunn's layout (column-major, complex interleaved).
 */
final class DenseReference {
    private DenseReference() {
    }

    /** projUNN-D: the polar factor U V^T of A + a b^H. */
    static double[] direct(double[] a, double[] fa, double[] fb, int n, int k, boolean complex) {
        DMatrixRMaj x = embed(a, n, n, complex);
        DMatrixRMaj update = new DMatrixRMaj(x.numRows, x.numCols);
        CommonOps_DDRM.multTransB(embed(fa, n, k, complex), embed(fb, n, k, complex), update);
        CommonOps_DDRM.addEquals(x, update);
        return extract(polar(x), n, n, complex);
    }

    /** projUNN-T: A expm(Omega), Omega = (A^H a b^H - b a^H A) / 2. */
    static double[] tangent(double[] a, double[] fa, double[] fb, int n, int k, boolean complex) {
        DMatrixRMaj m = embed(a, n, n, complex);
        DMatrixRMaj ahat = new DMatrixRMaj(m.numCols, 1);
        CommonOps_DDRM.multTransA(m, embed(fa, n, k, complex), ahat);
        DMatrixRMaj b = embed(fb, n, k, complex);
        DMatrixRMaj omega = new DMatrixRMaj(m.numRows, m.numCols);
        CommonOps_DDRM.multTransB(ahat, b, omega);
        DMatrixRMaj omegaT = CommonOps_DDRM.transpose(omega, null);
        CommonOps_DDRM.subtractEquals(omega, omegaT);
        CommonOps_DDRM.scale(0.5, omega);
        DMatrixRMaj result = new DMatrixRMaj(m.numRows, m.numCols);
        CommonOps_DDRM.mult(m, expm(omega), result);
        return extract(result, n, n, complex);
    }

    /** A random unitary (orthogonal) n x n: the polar factor of a Gaussian matrix. */
    static double[] randomUnitary(java.util.Random rnd, int n, boolean complex) {
        return extract(polar(embed(gaussian(rnd, n * n * (complex ? 2 : 1), 1), n, n, complex)), n, n, complex);
    }

    static double[] gaussian(java.util.Random rnd, int count, double scale) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = scale * rnd.nextGaussian();
        }
        return v;
    }

    static DMatrixRMaj polar(DMatrixRMaj x) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(x.numRows, x.numCols, true, true, false);
        if (!svd.decompose(x.copy())) {
            throw new IllegalStateException("SVD failed");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj v = svd.getV(null, false);
        DMatrixRMaj p = new DMatrixRMaj(x.numRows, x.numCols);
        CommonOps_DDRM.multTransB(u, v, p);
        return p;
    }

    /** exp(M) by scaling to norm < 1/2, a 30-term Taylor series, and squaring back. */
    static DMatrixRMaj expm(DMatrixRMaj m) {
        int squarings = Math.max(0, (int) Math.ceil(Math.log(NormOps_DDRM.normP1(m) / 0.5) / Math.log(2)));
        DMatrixRMaj scaled = m.copy();
        CommonOps_DDRM.scale(Math.pow(0.5, squarings), scaled);
        DMatrixRMaj sum = CommonOps_DDRM.identity(m.numRows);
        DMatrixRMaj term = CommonOps_DDRM.identity(m.numRows);
        DMatrixRMaj next = new DMatrixRMaj(m.numRows, m.numCols);
        for (int i = 1; i <= 30; i++) {
            CommonOps_DDRM.mult(term, scaled, next);
            CommonOps_DDRM.scale(1.0 / i, next);
            term.setTo(next);
            CommonOps_DDRM.addEquals(sum, term);
        }
        for (int s = 0; s < squarings; s++) {
            CommonOps_DDRM.mult(sum, sum, next);
            sum.setTo(next);
        }
        return sum;
    }

    /** rows x cols (column-major, interleaved when complex) as a real matrix, embedded when complex. */
    static DMatrixRMaj embed(double[] v, int rows, int cols, boolean complex) {
        DMatrixRMaj m = new DMatrixRMaj(complex ? 2 * rows : rows, complex ? 2 * cols : cols);
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                if (!complex) {
                    m.set(i, j, v[i + j * rows]);
                    continue;
                }
                double re = v[2 * (i + j * rows)];
                double im = v[2 * (i + j * rows) + 1];
                m.set(i, j, re);
                m.set(i, j + cols, -im);
                m.set(i + rows, j, im);
                m.set(i + rows, j + cols, re);
            }
        }
        return m;
    }

    static double[] extract(DMatrixRMaj m, int rows, int cols, boolean complex) {
        double[] v = new double[rows * cols * (complex ? 2 : 1)];
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < rows; i++) {
                if (complex) {
                    v[2 * (i + j * rows)] = m.get(i, j);
                    v[2 * (i + j * rows) + 1] = m.get(i + rows, j);
                } else {
                    v[i + j * rows] = m.get(i, j);
                }
            }
        }
        return v;
    }
}
