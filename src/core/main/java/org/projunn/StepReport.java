package org.projunn;

/**
 * What one step noticed. {@code clampedEigenvalues}: for projUNN-D, how many eigenvalues of
 * X^H X were zero to the storage dtype's rounding (X = A + a b^H singular, projection not
 * unique); their directions were completed so that the result stays unitary.
 * {@code droppedDirections}: basis directions of [b, A^H a] dropped as linearly dependent
 * (a = 0, b = 0, b parallel to A^H a, ...). {@code reorthonormalized}: whether the periodic
 * re-orthonormalization ran after this step. Counts are summed over the batch.
 *
 * @param clampedEigenvalues eigenvalues of X^H X clamped (projUNN-D only), &gt;= 0
 * @param droppedDirections linearly dependent directions of [b, A^H a] dropped, &gt;= 0
 * @param reorthonormalized whether re-orthonormalization ran after the step
 */
public record StepReport(int clampedEigenvalues, int droppedDirections, boolean reorthonormalized) {
    /** Nothing clamped, nothing dropped, no re-orthonormalization. */
    public static final StepReport NONE = new StepReport(0, 0, false);
}
