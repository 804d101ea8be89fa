package org.projunn.bench;

/**
 * Dense matrix exponential by Pade approximation with scaling and squaring (Higham 2005, the
 * algorithm behind MATLAB's and SciPy's expm), on EJML products and an LU solve. EJML has no
 * expm of its own. The degree m in {3, 5, 7, 9, 13} is the smallest whose theta_m bounds the
 * 1-norm; above theta_13 the matrix is scaled by 2^-s and the result squared s times.
 */
final class MatrixExp<M> {
    private static final double[] THETA = {1.495585217958292e-2, 2.539398330063230e-1,
        9.504178996162932e-1, 2.097847961257068e0, 5.371920351148152e0};
    private static final int[] DEGREE = {3, 5, 7, 9, 13};
    private static final double[][] PADE = {
        {120, 60, 12, 1},
        {30240, 15120, 3360, 420, 30, 1},
        {17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1},
        {17643225600.0, 8821612800.0, 2075673600, 302702400, 30270240, 1359360, 110880, 3960, 90, 1},
        {64764752532480000.0, 32382376266240000.0, 7771770303897600.0, 1187353796428800.0,
            129060195264000.0, 10559470521600.0, 670442572800.0, 33522128640.0, 1323241920,
            40840800, 960960, 16380, 182, 1},
    };

    private final DenseOps<M> ops;
    private final M x;
    private final M a2;
    private final M a4;
    private final M a6;
    private final M u;
    private final M v;
    private final M t;

    MatrixExp(DenseOps<M> ops) {
        this.ops = ops;
        this.x = ops.zeros();
        this.a2 = ops.zeros();
        this.a4 = ops.zeros();
        this.a6 = ops.zeros();
        this.u = ops.zeros();
        this.v = ops.zeros();
        this.t = ops.zeros();
    }

    /** out = exp(a); a is left unchanged. */
    void apply(M a, M out) {
        double norm = ops.norm1(a);
        int choice = 0;
        while (choice < THETA.length - 1 && norm > THETA[choice]) {
            choice++;
        }
        int squarings = 0;
        if (norm > THETA[THETA.length - 1]) {
            squarings = (int) Math.ceil(Math.log(norm / THETA[THETA.length - 1]) / Math.log(2));
        }
        ops.copy(a, x);
        if (squarings > 0) {
            ops.combine((float) Math.scalb(1.0, -squarings), a, 0f, a, x);
        }
        double[] b = PADE[choice];
        if (DEGREE[choice] == 13) {
            pade13(b);
        } else {
            padeLow(b, DEGREE[choice]);
        }
        // (V - U) r = V + U
        ops.combine(1f, v, -1f, u, t);
        ops.combine(1f, v, 1f, u, a2);
        ops.solve(t, a2, out);
        for (int i = 0; i < squarings; i++) {
            ops.copy(out, t);
            ops.mult(t, t, out);
        }
    }

    /** m <= 9: U = x sum_{odd j} b_j x^(j-1), V = sum_{even j} b_j x^j. */
    private void padeLow(double[] b, int m) {
        ops.mult(x, x, a2);
        M power = a4; // x^j for even j
        M odd = a6;   // sum_{odd j} b_j x^(j-1)
        ops.setIdentity(power);
        ops.combine((float) b[0], power, 0f, power, v);
        ops.combine((float) b[1], power, 0f, power, odd);
        for (int j = 2; j < m; j += 2) {
            ops.mult(power, a2, t);
            ops.copy(t, power);
            ops.addScaled(v, b[j], power);
            ops.addScaled(odd, b[j + 1], power);
        }
        ops.mult(x, odd, u);
    }

    private void pade13(double[] b) {
        ops.mult(x, x, a2);
        ops.mult(a2, a2, a4);
        ops.mult(a4, a2, a6);
        // U = x [a6 (b13 a6 + b11 a4 + b9 a2) + b7 a6 + b5 a4 + b3 a2 + b1 I]
        ops.combine((float) b[13], a6, (float) b[11], a4, t);
        ops.addScaled(t, b[9], a2);
        ops.mult(a6, t, u);
        ops.addScaled(u, b[7], a6);
        ops.addScaled(u, b[5], a4);
        ops.addScaled(u, b[3], a2);
        ops.addIdentity(u, b[1]);
        ops.mult(x, u, t);
        ops.copy(t, u);
        // V = a6 (b12 a6 + b10 a4 + b8 a2) + b6 a6 + b4 a4 + b2 a2 + b0 I
        ops.combine((float) b[12], a6, (float) b[10], a4, t);
        ops.addScaled(t, b[8], a2);
        ops.mult(a6, t, v);
        ops.addScaled(v, b[6], a6);
        ops.addScaled(v, b[4], a4);
        ops.addScaled(v, b[2], a2);
        ops.addIdentity(v, b[0]);
    }
}
