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
 */
public record ProjectorSpec(Method method, int rank, SamplerSpec sampler, int reorthEvery,
                            Reorthonormalization reorthMethod) {

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

    /** Rank-k projector with the LSI sketch seeded with 0 and no re-orthonormalization. */
    public static ProjectorSpec of(Method method, int rank) {
        return new ProjectorSpec(method, rank, SamplerSpec.sketch(0), 0, Reorthonormalization.NEWTON_SCHULZ);
    }

    public ProjectorSpec withSampler(SamplerSpec s) {
        return new ProjectorSpec(method, rank, s, reorthEvery, reorthMethod);
    }

    public ProjectorSpec withReorthonormalization(int every, Reorthonormalization how) {
        return new ProjectorSpec(method, rank, sampler, every, how);
    }

    public ProjectorSpec withRank(int k) {
        return new ProjectorSpec(method, k, sampler, reorthEvery, reorthMethod);
    }

    public ProjectorSpec withMethod(Method m) {
        return new ProjectorSpec(m, rank, sampler, reorthEvery, reorthMethod);
    }
}
