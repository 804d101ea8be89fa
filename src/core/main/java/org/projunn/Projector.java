package org.projunn;

/**
 * Applies projUNN steps in place to a batch of unitary (orthogonal) matrices of one shape.
 * Created by {@link Backend#newProjector}; holds the workspace for that shape.
 *
 * <p>Every method validates all its inputs before it writes anything: on
 * {@link InvalidInputException} the caller's tensors are unchanged.
 */
public interface Projector extends AutoCloseable {

    /**
     * The configuration this projector was created with.
     *
     * @return the spec
     */
    ProjectorSpec spec();

    /**
     * One step with the update {@code delta} (same shape as A): the spec's sampler turns it into
     * a rank-k {@code a b^H}, then the D or T step is applied to A in place:
     * D: {@code A <- polar(A + a b^H)}; T: {@code A <- A expm(Omega)},
     * {@code Omega = (A^H a b^H - b a^H A) / 2} (ALGORITHMS.md sections 2 to 4).
     * Re-orthonormalization follows when the spec's interval is due.
     *
     * @param matrix A, batch x n x n, unitary (orthogonal), from this projector's backend and
     *        of its dtype. Modified: replaced by the stepped matrix.
     * @param delta the update Delta, batch x n x n, finite. Not modified.
     * @return what the step noticed (clamped eigenvalues, dropped directions, re-orthonormalization)
     * @throws InvalidInputException for a wrong backend, dtype or shape, or NaN/Inf in
     *         {@code delta} or A; A is then unchanged
     */
    StepReport step(Tensor matrix, Tensor delta);

    /**
     * One step with the update given in factored form {@code a b^H}; no sampler runs. The same
     * D or T step as {@link #step}: D: {@code A <- polar(A + a b^H)}; T: {@code A <- A expm(Omega)}.
     *
     * @param matrix A, batch x n x n, unitary (orthogonal). Modified: replaced by the stepped matrix.
     * @param a the factor a, batch x n x k (k = the spec's rank), finite. Not modified.
     * @param b the factor b, batch x n x k, finite. Not modified.
     * @return what the step noticed
     * @throws InvalidInputException for a wrong backend, dtype or shape, or NaN/Inf in
     *         {@code a}, {@code b} or A; A is then unchanged
     */
    StepReport stepFactored(Tensor matrix, Tensor a, Tensor b);

    /**
     * Runs only the sampler: writes into {@code aOut}, {@code bOut} a rank-k approximation
     * {@code aOut bOut^H} of {@code delta} (ALGORITHMS.md section 2), with the random numbers of
     * the current step count; the step count does not advance.
     *
     * @param delta the update Delta, batch x n x n, finite. Not modified.
     * @param aOut batch x n x k. Modified: overwritten with a.
     * @param bOut batch x n x k. Modified: overwritten with b.
     * @throws InvalidInputException for a wrong backend, dtype or shape, or NaN/Inf in
     *         {@code delta}; the outputs are then unchanged
     */
    void sample(Tensor delta, Tensor aOut, Tensor bOut);

    /**
     * Re-orthonormalizes A now with the spec's method, O(N^3): Newton-Schulz
     * {@code X <- X (3I - X^H X) / 2} or the SVD polar factor {@code U V^H}.
     *
     * @param matrix A, batch x n x n. Modified: replaced by its re-orthonormalized matrix.
     * @return the largest {@code ||A^H A - I||_F} over the batch, before
     * @throws InvalidInputException for a wrong backend, dtype or shape
     */
    double reorthonormalize(Tensor matrix);

    /**
     * Steps applied so far; it keys the samplers' random numbers, and re-orthonormalization
     * runs after every m-th step when the spec sets m.
     *
     * @return the count, from 0
     */
    long stepCount();

    /** Releases the projector's workspace (device memory on a GPU); the projector becomes unusable. */
    @Override
    void close();
}
