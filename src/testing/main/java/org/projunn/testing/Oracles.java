package org.projunn.testing;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Float64 references computed densely, independently of the low-rank algorithm: the polar factor
 * from a full SVD and the matrix exponential by scaling and squaring. Complex matrices go
 * through the real embedding [[Re, -Im], [Im, Re]], which commutes with both functions.
 */
public final class Oracles {
    private Oracles() {
    }

    public static DMatrixRMaj embed(CMat m) {
        DMatrixRMaj e = new DMatrixRMaj(2 * m.rows, 2 * m.cols);
        for (int i = 0; i < m.rows; i++) {
            for (int j = 0; j < m.cols; j++) {
                e.set(i, j, m.re(i, j));
                e.set(i, j + m.cols, -m.im(i, j));
                e.set(i + m.rows, j, m.im(i, j));
                e.set(i + m.rows, j + m.cols, m.re(i, j));
            }
        }
        return e;
    }

    public static CMat unembed(DMatrixRMaj e) {
        int rows = e.numRows / 2;
        int cols = e.numCols / 2;
        CMat m = new CMat(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.set(i, j, e.get(i, j), e.get(i + rows, j));
            }
        }
        return m;
    }

    /** True when every imaginary part is zero: the real matrix itself can go to EJML, no embedding. */
    private static boolean isReal(CMat m) {
        for (int i = 1; i < m.d.length; i += 2) {
            if (m.d[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The matrix, or for a real matrix its real part alone (a quarter of the embedding's size). */
    private static DMatrixRMaj toEjml(CMat m, boolean real) {
        if (!real) {
            return embed(m);
        }
        DMatrixRMaj e = new DMatrixRMaj(m.rows, m.cols);
        for (int i = 0; i < m.rows; i++) {
            for (int j = 0; j < m.cols; j++) {
                e.set(i, j, m.re(i, j));
            }
        }
        return e;
    }

    private static CMat fromEjml(DMatrixRMaj e, boolean real) {
        if (!real) {
            return unembed(e);
        }
        CMat m = new CMat(e.numRows, e.numCols);
        for (int i = 0; i < e.numRows; i++) {
            for (int j = 0; j < e.numCols; j++) {
                m.set(i, j, e.get(i, j), 0);
            }
        }
        return m;
    }

    /** The polar factor U V^H of a square matrix, from EJML's SVD. */
    public static CMat polar(CMat x) {
        boolean real = isReal(x);
        DMatrixRMaj e = toEjml(x, real);
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(e.numRows, e.numCols, true, true, false);
        if (!svd.decompose(e)) {
            throw new IllegalStateException("SVD failed");
        }
        DMatrixRMaj p = new DMatrixRMaj(e.numRows, e.numCols);
        CommonOps_DDRM.mult(svd.getU(null, false), svd.getV(null, true), p);
        return fromEjml(p, real);
    }

    /** Singular values of a (possibly complex) matrix, descending. */
    public static double[] singularValues(CMat x) {
        DMatrixRMaj e = embed(x);
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(e.numRows, e.numCols, false, false, true);
        if (!svd.decompose(e)) {
            throw new IllegalStateException("SVD failed");
        }
        double[] all = svd.getSingularValues().clone();
        java.util.Arrays.sort(all);
        // the embedding doubles every singular value: keep one of each pair
        double[] out = new double[all.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = all[all.length - 1 - 2 * i];
        }
        return out;
    }

    /** expm by scaling and squaring with a degree-20 Taylor polynomial (||X / 2^s|| <= 1/2). */
    public static CMat expm(CMat x) {
        boolean real = isReal(x);
        DMatrixRMaj e = toEjml(x, real);
        double norm = NormOps_DDRM.normF(e);
        int squarings = Math.max(0, (int) Math.ceil(Math.log(Math.max(norm, 1e-300) / 0.5) / Math.log(2)));
        DMatrixRMaj scaled = e.copy();
        CommonOps_DDRM.scale(Math.pow(2, -squarings), scaled);
        int n = e.numRows;
        DMatrixRMaj result = CommonOps_DDRM.identity(n);
        DMatrixRMaj term = CommonOps_DDRM.identity(n);
        DMatrixRMaj tmp = new DMatrixRMaj(n, n);
        for (int i = 1; i <= 20; i++) {
            CommonOps_DDRM.mult(term, scaled, tmp);
            CommonOps_DDRM.scale(1.0 / i, tmp);
            term.setTo(tmp);
            CommonOps_DDRM.addEquals(result, term);
        }
        for (int i = 0; i < squarings; i++) {
            CommonOps_DDRM.mult(result, result, tmp);
            result.setTo(tmp);
        }
        return fromEjml(result, real);
    }

    /** A Haar-random unitary (orthogonal when real): the polar factor of a Gaussian matrix. */
    public static CMat randomUnitary(int n, boolean complex, Random rnd) {
        return polar(CMat.gaussian(n, n, complex, 1.0, rnd));
    }

    /** projUNN-D's definition: the closest unitary matrix to A + a b^H. */
    public static CMat directStep(CMat a0, CMat a, CMat b) {
        return polar(a0.plus(a.times(b.adjoint())));
    }

    /** projUNN-T's definition: A expm(Omega), Omega = (A^H a b^H - b a^H A) / 2. */
    public static CMat tangentStep(CMat a0, CMat a, CMat b) {
        CMat ahat = a0.adjoint().times(a);
        CMat omega = ahat.times(b.adjoint()).minus(b.times(ahat.adjoint())).scale(0.5);
        return a0.times(expm(omega));
    }
}
