package org.projunn.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.CommonOps_MT_ZDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.projunn.Reorthonormalization;

/**
 * Pulls a drifted matrix back onto the unitary group in host memory, O(N^3), with EJML: the CPU
 * backend's re-orthonormalization, and the CUDA backend's SVD polar when no GPU SVD is loaded.
 * EJML is row-major, so it sees a column-major matrix as its transpose; the polar factor commutes
 * with transposition, so both methods run on that view unchanged.
 *
 * <p>Internal to the backends: not part of the API, and may change without notice.
 */
public final class HostReorthonormalizer {

    private HostReorthonormalizer() {
    }

    /**
     * Returns ||X^H X - I||_F of an n x n matrix (row-major or column-major alike).
     *
     * @param x the matrix, interleaved (re, im) when complex; not modified
     * @param n its order
     * @param complex whether {@code x} holds complex values
     * @return the Frobenius distance of its Gram matrix from the identity
     */
    public static double unitarityError(double[] x, int n, boolean complex) {
        ZMatrixRMaj z = toZ(x, n, complex);
        ZMatrixRMaj gram = new ZMatrixRMaj(n, n);
        CommonOps_MT_ZDRM.multTransA(z, z, gram);
        return distanceFromIdentity(gram);
    }

    private static double distanceFromIdentity(ZMatrixRMaj gram) {
        int n = gram.numRows;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double re = gram.getReal(i, j) - (i == j ? 1 : 0);
                double im = gram.getImag(i, j);
                sum += re * re + im * im;
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Replaces an n x n matrix by its polar factor, the closest unitary matrix.
     *
     * @param x the matrix, interleaved (re, im) when complex; modified in place
     * @param n its order
     * @param complex whether {@code x} holds complex values
     * @param how Newton-Schulz iterations or the exact SVD polar factor
     * @return ||X^H X - I||_F before
     */
    public static double apply(double[] x, int n, boolean complex, Reorthonormalization how) {
        if (how == Reorthonormalization.SVD_POLAR) {
            return complex ? svdPolarComplex(x, n) : svdPolarReal(x, n);
        }
        return newtonSchulz(x, n, complex);
    }

    private static double newtonSchulz(double[] x, int n, boolean complex) {
        return complex ? newtonSchulzComplex(x, n) : newtonSchulzReal(x, n);
    }

    /** Iterates X <- X (3I - X^H X) / 2 while ||X^H X - I||_F decreases (quadratic convergence). */
    private static double newtonSchulzReal(double[] x, int n) {
        DMatrixRMaj[] slot = {new DMatrixRMaj(n, n), new DMatrixRMaj(n, n)};
        System.arraycopy(x, 0, slot[0].data, 0, n * n);
        DMatrixRMaj gram = new DMatrixRMaj(n, n);  // of the current iterate, at the start of a round
        CommonOps_MT_DDRM.multTransA(slot[0], slot[0], gram);
        double before = distanceFromIdentity(gram);
        int kept = NewtonSchulzLoop.run(before, n, (from, to) -> {
            CommonOps_DDRM.scale(-0.5, gram);
            for (int i = 0; i < n; i++) {
                gram.data[i * n + i] += 1.5;
            }
            CommonOps_MT_DDRM.mult(slot[from], gram, slot[to]);
            CommonOps_MT_DDRM.multTransA(slot[to], slot[to], gram);
            return distanceFromIdentity(gram);
        });
        System.arraycopy(slot[kept].data, 0, x, 0, n * n);
        return before;
    }

    private static double newtonSchulzComplex(double[] x, int n) {
        ZMatrixRMaj[] slot = {toZ(x, n, true), new ZMatrixRMaj(n, n)};
        ZMatrixRMaj gram = new ZMatrixRMaj(n, n);  // of the current iterate, at the start of a round
        CommonOps_MT_ZDRM.multTransA(slot[0], slot[0], gram);
        double before = distanceFromIdentity(gram);
        int kept = NewtonSchulzLoop.run(before, n, (from, to) -> {
            for (int i = 0; i < gram.data.length; i++) {
                gram.data[i] *= -0.5;
            }
            for (int i = 0; i < n; i++) {
                gram.data[2 * (i * n + i)] += 1.5;
            }
            CommonOps_MT_ZDRM.mult(slot[from], gram, slot[to]);
            CommonOps_MT_ZDRM.multTransA(slot[to], slot[to], gram);
            return distanceFromIdentity(gram);
        });
        fromZ(slot[kept], x, true);
        return before;
    }

    private static double distanceFromIdentity(DMatrixRMaj gram) {
        int n = gram.numRows;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = gram.data[i * n + j] - (i == j ? 1 : 0);
                sum += v * v;
            }
        }
        return Math.sqrt(sum);
    }

    private static double svdPolarReal(double[] x, int n) {
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        System.arraycopy(x, 0, m.data, 0, n * n);
        double before = unitarityError(x, n, false);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, n, true, true, false);
        if (!svd.decompose(m)) {
            throw new IllegalStateException("SVD did not converge during re-orthonormalization");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj vt = svd.getV(null, true);
        DMatrixRMaj polar = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(u, vt, polar);
        System.arraycopy(polar.data, 0, x, 0, n * n);
        return before;
    }

    /** Complex polar factor from the SVD of the real 2n x 2n embedding [[Re, -Im], [Im, Re]]. */
    private static double svdPolarComplex(double[] x, int n) {
        double before = unitarityError(x, n, true);
        DMatrixRMaj m = new DMatrixRMaj(2 * n, 2 * n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double re = x[2 * (i * n + j)];
                double im = x[2 * (i * n + j) + 1];
                m.set(i, j, re);
                m.set(i, j + n, -im);
                m.set(i + n, j, im);
                m.set(i + n, j + n, re);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(2 * n, 2 * n, true, true, false);
        if (!svd.decompose(m)) {
            throw new IllegalStateException("SVD did not converge during re-orthonormalization");
        }
        DMatrixRMaj polar = new DMatrixRMaj(2 * n, 2 * n);
        CommonOps_DDRM.mult(svd.getU(null, false), svd.getV(null, true), polar);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                x[2 * (i * n + j)] = polar.get(i, j);
                x[2 * (i * n + j) + 1] = polar.get(i + n, j);
            }
        }
        return before;
    }

    private static ZMatrixRMaj toZ(double[] x, int n, boolean complex) {
        ZMatrixRMaj z = new ZMatrixRMaj(n, n);
        if (complex) {
            System.arraycopy(x, 0, z.data, 0, 2 * n * n);
        } else {
            for (int i = 0; i < n * n; i++) {
                z.data[2 * i] = x[i];
            }
        }
        return z;
    }

    private static void fromZ(ZMatrixRMaj z, double[] x, boolean complex) {
        int count = z.numRows * z.numCols;
        if (complex) {
            System.arraycopy(z.data, 0, x, 0, 2 * count);
        } else {
            for (int i = 0; i < count; i++) {
                x[i] = z.data[2 * i];
            }
        }
    }
}
