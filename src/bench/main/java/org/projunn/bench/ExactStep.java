package org.projunn.bench;

/**
 * The exact O(N^3) alternatives to a projUNN step, on EJML float32 (a user's other options):
 * <ul>
 *   <li>polar: {@code U V^H} of the SVD of {@code A + Delta} (what projUNN-D computes exactly for
 *   a rank-k Delta);</li>
 *   <li>Cayley: {@code W = (Delta A^H - A Delta^H) / 2}, {@code A' = (I - W/2)^-1 (I + W/2) A} (LU solve;
 *   the step whose first order is the tangent projection of Delta, like projUNN-T);</li>
 *   <li>expm: {@code A' = A exp(Omega)}, {@code Omega = (A^H Delta - Delta^H A) / 2} (what projUNN-T
 *   computes exactly for a rank-k Delta).</li>
 * </ul>
 * The result goes to {@code out}; A and Delta are left unchanged, so repeated runs time the same work.
 */
final class ExactStep<M> {
    private final Operation op;
    private final DenseOps<M> ops;
    private final MatrixExp<M> expm;
    final M a;
    final M delta;
    final M out;
    private final M p;
    private final M q;
    private final M w;

    ExactStep(Operation op, DenseOps<M> ops) {
        if (op.kind() != Operation.Kind.EXACT) {
            throw new IllegalArgumentException(op.id() + " is not an exact baseline");
        }
        this.op = op;
        this.ops = ops;
        this.a = ops.zeros();
        this.delta = ops.zeros();
        this.out = ops.zeros();
        this.p = ops.zeros();
        this.q = ops.zeros();
        this.w = ops.zeros();
        this.expm = op == Operation.EXPM ? new MatrixExp<>(ops) : null;
    }

    /** Loads A and Delta from row-major (interleaved) float arrays. */
    void load(float[] aData, float[] deltaData) {
        System.arraycopy(aData, 0, ops.data(a), 0, aData.length);
        System.arraycopy(deltaData, 0, ops.data(delta), 0, deltaData.length);
    }

    /** The backing array of one of this step's matrices. */
    float[] opsData(M m) {
        return ops.data(m);
    }

    void run() {
        switch (op) {
            case POLAR_SVD -> {
                ops.combine(1f, a, 1f, delta, p);
                ops.polar(p, out);
            }
            case CAYLEY -> {
                ops.adjoint(a, q);
                ops.mult(delta, q, p);            // P = Delta A^H
                ops.adjoint(p, q);
                ops.combine(0.25f, p, -0.25f, q, w); // W/2
                ops.copy(w, q);
                ops.addIdentity(q, 1);             // I + W/2
                ops.mult(q, a, p);                 // (I + W/2) A
                ops.combine(-1f, w, 0f, w, q);
                ops.addIdentity(q, 1);             // I - W/2
                ops.solve(q, p, out);
            }
            case EXPM -> {
                ops.adjoint(a, q);
                ops.mult(q, delta, p);             // P = A^H Delta
                ops.adjoint(p, q);
                ops.combine(0.5f, p, -0.5f, q, w); // Omega
                expm.apply(w, q);
                ops.mult(a, q, out);
            }
            default -> throw new IllegalStateException(op.id());
        }
    }
}
