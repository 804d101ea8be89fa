package org.projunn;

/**
 * Applies projUNN steps in place to a batch of unitary (orthogonal) matrices of one shape.
 * Created by {@link Backend#newProjector}; holds the workspace for that shape.
 *
 * <p>Every method validates all its inputs before it writes anything: on
 * {@link InvalidInputException} the caller's tensors are unchanged.
 */
public interface Projector extends AutoCloseable {

    ProjectorSpec spec();

    /**
     * One step with the update {@code delta} (same shape as A): the spec's sampler turns it into
     * a rank-k {@code a b^H}, then the D or T step is applied to A in place.
     */
    StepReport step(Tensor matrix, Tensor delta);

    /**
     * One step with the update given in factored form {@code a b^H}; {@code a} and {@code b}
     * are {@code batch x n x k} (k = the spec's rank). No sampler runs.
     */
    StepReport stepFactored(Tensor matrix, Tensor a, Tensor b);

    /**
     * Runs only the sampler: writes into {@code aOut}, {@code bOut} (batch x n x k) a rank-k
     * approximation {@code aOut bOut^H} of {@code delta}.
     */
    void sample(Tensor delta, Tensor aOut, Tensor bOut);

    /** Re-orthonormalizes A now with the spec's method (O(N^3)); returns the ||A^H A - I||_F before. */
    double reorthonormalize(Tensor matrix);

    /** Steps applied so far (re-orthonormalization runs after every m-th, when configured). */
    long stepCount();

    @Override
    void close();
}
