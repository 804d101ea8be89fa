package org.projunn.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.projunn.testing.CMat;
import org.projunn.testing.Oracles;

/** The small dense routines: Jacobi eigen-decomposition and CGS2 with dropping. */
class SmallLinalgTest {

    @ParameterizedTest(name = "r={0}")
    @ValueSource(ints = {1, 2, 3, 8, 16, 33})
    void jacobiDiagonalizesHermitianMatrices(int r) {
        Random rnd = new Random(r);
        CMat g = CMat.gaussian(r, r, true, 1, rnd);
        CMat h = g.plus(g.adjoint());
        double[] values = new double[r];
        double[] vectors = new double[2 * r * r];
        SmallLinalg.hermitianEigen(h.d.clone(), r, values, vectors);
        CMat v = new CMat(r, r, vectors);
        CMat lambda = new CMat(r, r);
        for (int i = 0; i < r; i++) {
            lambda.set(i, i, values[i], 0);
        }
        assertTrue(v.unitarityError() < 1e-13 * r, "V not unitary: " + v.unitarityError());
        double residual = h.times(v).minus(v.times(lambda)).frobenius() / h.frobenius();
        assertTrue(residual < 1e-14 * r, "||H V - V L|| / ||H|| = " + residual);
        // eigenvalues agree with the singular values of H in magnitude (H Hermitian)
        double[] abs = Arrays.stream(values).map(Math::abs).sorted().toArray();
        double[] sv = Oracles.singularValues(h);
        for (int i = 0; i < r; i++) {
            assertEquals(sv[r - 1 - i], abs[i], 1e-12 * sv[0]);
        }
    }

    @Test
    void jacobiHandlesDiagonalAndDegenerateMatrices() {
        int r = 4;
        CMat h = CMat.identity(r).scale(2.5);
        double[] values = new double[r];
        double[] vectors = new double[2 * r * r];
        SmallLinalg.hermitianEigen(h.d.clone(), r, values, vectors);
        for (double v : values) {
            assertEquals(2.5, v, 0);
        }
        SmallLinalg.hermitianEigen(new double[2 * r * r], r, values, vectors);
        assertTrue(Arrays.stream(values).allMatch(v -> v == 0));
        assertTrue(Arrays.stream(vectors).allMatch(Double::isFinite));
    }

    @Test
    void gramSchmidtDropsDependentColumnsAndKeepsTheRestOrthonormal() {
        int n = 10;
        Random rnd = new Random(1);
        CMat x = CMat.gaussian(n, 5, true, 1, rnd);
        // column 2 = column 0 * (1 - 2i) + column 1 * 3, column 4 = 0
        for (int i = 0; i < n; i++) {
            double r0 = x.re(i, 0);
            double i0 = x.im(i, 0);
            x.set(i, 2, r0 + 2 * i0 + 3 * x.re(i, 1), i0 - 2 * r0 + 3 * x.im(i, 1));
            x.set(i, 4, 0, 0);
        }
        double[] q = x.d.clone();
        int dropped = SmallLinalg.orthonormalizeColumns(q, n, 5);
        assertEquals(2, dropped);
        CMat qm = new CMat(n, 5, q);
        CMat gram = qm.adjoint().times(qm);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double expected = (i == j && i != 2 && i != 4) ? 1 : 0;
                assertEquals(expected, gram.re(i, j), 1e-14);
                assertEquals(0, gram.im(i, j), 1e-14);
            }
        }
        // the kept columns span the original columns 0, 1, 3
        CMat proj = qm.times(qm.adjoint()).times(x);
        assertTrue(proj.minus(x).frobenius() < 1e-12 * x.frobenius());
    }
}
