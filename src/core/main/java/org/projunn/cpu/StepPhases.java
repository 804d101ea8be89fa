package org.projunn.cpu;

import org.projunn.Projector;
import org.projunn.Tensor;

/**
 * The three phases of a CPU step, run one at a time, so that benchmarks can time them apart:
 * A^H a (one pass over A), the small 2k x 2k problems, and the fused update of A.
 *
 * <p>Internal: for the project's benchmarks, not part of the API; it may change without notice.
 */
public final class StepPhases {
    private final CpuProjector projector;

    private StepPhases(CpuProjector projector) {
        this.projector = projector;
    }

    /**
     * The phases of a CPU projector.
     *
     * @param projector a projector of the CPU backend; not modified here
     * @return its phases
     * @throws UnsupportedOperationException when the projector belongs to another backend
     */
    public static StepPhases of(Projector projector) {
        if (projector instanceof CpuProjector cpu) {
            return new StepPhases(cpu);
        }
        throw new UnsupportedOperationException("step phases are timed on the CPU backend only, not on "
                + projector.getClass().getSimpleName());
    }

    /**
     * Phase 1: reads the factors a and b and computes A^H a.
     *
     * @param matrix A, not modified
     * @param a the factor a (n x k), not modified
     * @param b the factor b (n x k), not modified
     */
    public void projectFactor(Tensor matrix, Tensor a, Tensor b) {
        projector.computeProjectedFactor(matrix, a, b);
    }

    /** Phase 2: QR, the small eigenproblem and F, on the factors of the last phase 1. */
    public void smallProblems() {
        projector.computeSmallProblems();
    }

    /**
     * Phase 3: the fused update of A with the factors of the last phase 2.
     *
     * @param matrix A, modified in place
     */
    public void fusedUpdate(Tensor matrix) {
        projector.applyFusedUpdate(matrix);
    }
}
