package org.projunn.bench;

import org.ejml.data.CMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_CDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;
import org.ejml.dense.row.factory.DecompositionFactory_MT_FDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_CDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_FDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F32;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The few dense float32 EJML operations the exact O(N^3) baselines need, real (FDRM, with
 * EJML's multithreaded products and SVD) or complex (CDRM; EJML has no complex SVD, so the
 * complex polar factor comes from the SVD of the real 2N x 2N embedding [[X_r, -X_i], [X_i, X_r]],
 * whose polar factor embeds the complex one).
 *
 * <p>Matrices are square, row-major; {@code data(m)} is EJML's backing array (interleaved re, im
 * for complex), so element-wise steps with real coefficients are shared.
 */
abstract class DenseOps<M> {
    final int n;

    DenseOps(int n) {
        this.n = n;
    }

    static DenseOps<?> of(boolean complex, int n) {
        return complex ? new Complex(n) : new Real(n);
    }

    abstract M zeros();

    abstract float[] data(M m);

    abstract int scalars();

    /** c = a b. */
    abstract void mult(M a, M b, M c);

    /** out = a^H. */
    abstract void adjoint(M a, M out);

    /** x = lhs^-1 rhs by LU with partial pivoting; lhs is overwritten. */
    abstract void solve(M lhs, M rhs, M x);

    /** out = U V^H where x = U S V^H (x is overwritten). */
    abstract void polar(M x, M out);

    void setIdentity(M m) {
        float[] d = data(m);
        java.util.Arrays.fill(d, 0f);
        for (int i = 0; i < n; i++) {
            d[(i * n + i) * scalars()] = 1f;
        }
    }

    /** out = alpha x + beta y (element-wise, real coefficients). */
    void combine(float alpha, M x, float beta, M y, M out) {
        float[] dx = data(x);
        float[] dy = data(y);
        float[] o = data(out);
        for (int i = 0; i < o.length; i++) {
            o[i] = alpha * dx[i] + beta * dy[i];
        }
    }

    /** out += alpha x. */
    void addScaled(M out, double alpha, M x) {
        float[] o = data(out);
        float[] dx = data(x);
        float a = (float) alpha;
        for (int i = 0; i < o.length; i++) {
            o[i] += a * dx[i];
        }
    }

    void addIdentity(M m, double alpha) {
        float[] d = data(m);
        for (int i = 0; i < n; i++) {
            d[(i * n + i) * scalars()] += (float) alpha;
        }
    }

    void copy(M src, M dst) {
        System.arraycopy(data(src), 0, data(dst), 0, data(src).length);
    }

    /** Max column sum of moduli. */
    double norm1(M m) {
        float[] d = data(m);
        int s = scalars();
        double best = 0;
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                int at = (i * n + j) * s;
                sum += s == 1 ? Math.abs(d[at]) : Math.hypot(d[at], d[at + 1]);
            }
            best = Math.max(best, sum);
        }
        return best;
    }

    static final class Real extends DenseOps<FMatrixRMaj> {
        private final LinearSolverDense<FMatrixRMaj> lu;
        private final SingularValueDecomposition_F32<FMatrixRMaj> svd;
        private final FMatrixRMaj u;
        private final FMatrixRMaj vt;

        Real(int n) {
            super(n);
            this.lu = LinearSolverFactory_FDRM.lu(n);
            this.svd = DecompositionFactory_MT_FDRM.svd(n, n, true, true, false);
            this.u = new FMatrixRMaj(n, n);
            this.vt = new FMatrixRMaj(n, n);
        }

        @Override
        FMatrixRMaj zeros() {
            return new FMatrixRMaj(n, n);
        }

        @Override
        float[] data(FMatrixRMaj m) {
            return m.data;
        }

        @Override
        int scalars() {
            return 1;
        }

        @Override
        void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
            CommonOps_MT_FDRM.mult(a, b, c);
        }

        @Override
        void adjoint(FMatrixRMaj a, FMatrixRMaj out) {
            CommonOps_FDRM.transpose(a, out);
        }

        @Override
        void solve(FMatrixRMaj lhs, FMatrixRMaj rhs, FMatrixRMaj x) {
            if (!lu.setA(lhs)) {
                throw new IllegalStateException("singular system in the exact baseline");
            }
            lu.solve(rhs, x);
        }

        @Override
        void polar(FMatrixRMaj x, FMatrixRMaj out) {
            if (!svd.decompose(x)) {
                throw new IllegalStateException("SVD did not converge");
            }
            svd.getU(u, false);
            svd.getV(vt, true);
            CommonOps_MT_FDRM.mult(u, vt, out);
        }
    }

    static final class Complex extends DenseOps<CMatrixRMaj> {
        private final LinearSolverDense<CMatrixRMaj> lu;
        private final SingularValueDecomposition_F32<FMatrixRMaj> svd;
        private final FMatrixRMaj embedded;
        private final FMatrixRMaj u;
        private final FMatrixRMaj vt;
        private final FMatrixRMaj p;

        Complex(int n) {
            super(n);
            this.lu = LinearSolverFactory_CDRM.lu(n);
            this.svd = DecompositionFactory_MT_FDRM.svd(2 * n, 2 * n, true, true, false);
            this.embedded = new FMatrixRMaj(2 * n, 2 * n);
            this.u = new FMatrixRMaj(2 * n, 2 * n);
            this.vt = new FMatrixRMaj(2 * n, 2 * n);
            this.p = new FMatrixRMaj(2 * n, 2 * n);
        }

        @Override
        CMatrixRMaj zeros() {
            return new CMatrixRMaj(n, n);
        }

        @Override
        float[] data(CMatrixRMaj m) {
            return m.data;
        }

        @Override
        int scalars() {
            return 2;
        }

        @Override
        void mult(CMatrixRMaj a, CMatrixRMaj b, CMatrixRMaj c) {
            CommonOps_CDRM.mult(a, b, c);
        }

        @Override
        void adjoint(CMatrixRMaj a, CMatrixRMaj out) {
            CommonOps_CDRM.transposeConjugate(a, out);
        }

        @Override
        void solve(CMatrixRMaj lhs, CMatrixRMaj rhs, CMatrixRMaj x) {
            if (!lu.setA(lhs)) {
                throw new IllegalStateException("singular system in the exact baseline");
            }
            lu.solve(rhs, x);
        }

        @Override
        void polar(CMatrixRMaj x, CMatrixRMaj out) {
            int m = 2 * n;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    float re = x.data[2 * (i * n + j)];
                    float im = x.data[2 * (i * n + j) + 1];
                    embedded.data[i * m + j] = re;
                    embedded.data[i * m + j + n] = -im;
                    embedded.data[(i + n) * m + j] = im;
                    embedded.data[(i + n) * m + j + n] = re;
                }
            }
            if (!svd.decompose(embedded)) {
                throw new IllegalStateException("SVD did not converge");
            }
            svd.getU(u, false);
            svd.getV(vt, true);
            CommonOps_MT_FDRM.mult(u, vt, p);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    out.data[2 * (i * n + j)] = p.data[i * m + j];
                    out.data[2 * (i * n + j) + 1] = p.data[(i + n) * m + j];
                }
            }
        }
    }
}
