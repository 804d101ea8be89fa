package org.projunn;

/**
 * Everything that defines a projUNN step: variant, rank k, sampler, and optional periodic
 * re-orthonormalization every {@code reorthEvery} steps (0 = never).
 *
 * <pre>{@code
 * ProjectorSpec spec = ProjectorSpec.of(Method.DIRECT, 4)
 *         .withSampler(SamplerSpec.sketch(42).withPowerIterations(1))
 *         .withReorthonormalization(1000, Reorthonormalization.NEWTON_SCHULZ);
 * }</pre>
 *
 * @param method projUNN-D or projUNN-T
 * @param rank the rank k of the update {@code a b^H}, &gt;= 1 (a projector also needs 2k &lt;= N)
 * @param sampler how a full update becomes rank k
 * @param reorthEvery re-orthonormalize after every {@code reorthEvery}-th step; 0 = never
 * @param reorthMethod how to re-orthonormalize
 */
public record ProjectorSpec(Method method, int rank, SamplerSpec sampler, int reorthEvery,
                            Reorthonormalization reorthMethod) {

    /**
     * Validates the fields.
     *
     * @param method projUNN-D or projUNN-T; not null
     * @param rank k, &gt;= 1
     * @param sampler the sampler; not null
     * @param reorthEvery the re-orthonormalization interval, &gt;= 0 (0 = never)
     * @param reorthMethod the re-orthonormalization method; not null
     * @throws InvalidInputException when a field is null, the rank is below 1 or the interval negative
     */
    public ProjectorSpec {
        if (method == null) {
            throw new InvalidInputException("method must not be null");
        }
        if (rank < 1) {
            throw new InvalidInputException("rank k must be >= 1, got " + rank);
        }
        if (sampler == null) {
            throw new InvalidInputException("sampler must not be null");
        }
        if (reorthEvery < 0) {
            throw new InvalidInputException("re-orthonormalization interval must be >= 0, got " + reorthEvery);
        }
        if (reorthMethod == null) {
            throw new InvalidInputException("re-orthonormalization method must not be null");
        }
    }

    /**
     * Rank-k projector with the LSI sketch seeded with 0 and no re-orthonormalization.
     *
     * @param method projUNN-D or projUNN-T; not null
     * @param rank k, &gt;= 1
     * @return the spec
     * @throws InvalidInputException for a null method or a rank below 1
     */
    public static ProjectorSpec of(Method method, int rank) {
        return new ProjectorSpec(method, rank, SamplerSpec.sketch(0), 0, Reorthonormalization.NEWTON_SCHULZ);
    }

    /**
     * This spec with another sampler; this one is not modified.
     *
     * @param s the sampler; not null
     * @return the new spec
     */
    public ProjectorSpec withSampler(SamplerSpec s) {
        return new ProjectorSpec(method, rank, s, reorthEvery, reorthMethod);
    }

    /**
     * This spec with periodic re-orthonormalization; this one is not modified.
     *
     * @param every re-orthonormalize after every {@code every}-th step, &gt;= 0; 0 = never
     * @param how Newton-Schulz or the SVD polar factor; not null
     * @return the new spec
     */
    public ProjectorSpec withReorthonormalization(int every, Reorthonormalization how) {
        return new ProjectorSpec(method, rank, sampler, every, how);
    }

    /**
     * This spec with another rank; this one is not modified.
     *
     * @param k the rank, &gt;= 1
     * @return the new spec
     */
    public ProjectorSpec withRank(int k) {
        return new ProjectorSpec(method, k, sampler, reorthEvery, reorthMethod);
    }

    /**
     * This spec with the other variant; this one is not modified.
     *
     * @param m projUNN-D or projUNN-T; not null
     * @return the new spec
     */
    public ProjectorSpec withMethod(Method m) {
        return new ProjectorSpec(m, rank, sampler, reorthEvery, reorthMethod);
    }
}
