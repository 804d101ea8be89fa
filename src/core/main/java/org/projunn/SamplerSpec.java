package org.projunn;

/**
 * How a full update Delta becomes a rank-k {@code a b^H} (ALGORITHMS.md section 2).
 *
 * <ul>
 *   <li>{@link Kind#SKETCH} ("lsi"): a seeded random orthonormal sketch {@code R} of
 *   {@code k + oversampling} columns, {@code powerIterations} subspace iterations, then the best
 *   rank-k part inside the sketched row space: {@code a b^H = Delta v v^H}. With no oversampling
 *   and no power iterations this is the paper's LSI sampler.</li>
 *   <li>{@link Kind#COLUMN}: {@code k + oversampling} columns of Delta drawn with probability
 *   proportional to their squared norms, rescaled; their top-k left singular vectors {@code u}
 *   give {@code a b^H = u u^H Delta}.</li>
 * </ul>
 * Random draws come from a counter-based generator (seed, step, batch entry), identical on the
 * CPU and the GPU.
 *
 * @param kind the sampler
 * @param seed the random seed; with the step count and the batch entry it fixes every draw
 * @param oversampling p &gt;= 0: the sampler works with k + p columns (capped at N) and keeps k
 * @param powerIterations q &gt;= 0 subspace iterations of the sketch (2q more passes over Delta);
 *        unused by {@link Kind#COLUMN}
 */
public record SamplerSpec(Kind kind, long seed, int oversampling, int powerIterations) {

    /** The two samplers. */
    public enum Kind {
        /** The randomized sketch, "lsi": {@code a b^H = Delta v v^H}. */
        SKETCH,
        /** Norm-weighted column sampling: {@code a b^H = u u^H Delta}. */
        COLUMN;

        /**
         * Parses a sampler's name.
         *
         * @param text "lsi"/"sketch" or "column"/"columns", case-insensitively
         * @return the kind
         * @throws InvalidInputException for any other text
         */
        public static Kind parse(String text) {
            switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "lsi": case "sketch": return SKETCH;
                case "column": case "columns": return COLUMN;
                default: throw new InvalidInputException("unknown sampler '" + text + "': expected lsi or column");
            }
        }
    }

    /**
     * Validates the fields.
     *
     * @param kind the sampler; not null
     * @param seed the random seed
     * @param oversampling p, &gt;= 0
     * @param powerIterations q, &gt;= 0
     * @throws InvalidInputException for a null kind or negative oversampling or power iterations
     */
    public SamplerSpec {
        if (kind == null) {
            throw new InvalidInputException("sampler kind must not be null");
        }
        if (oversampling < 0) {
            throw new InvalidInputException("oversampling must be >= 0, got " + oversampling);
        }
        if (powerIterations < 0) {
            throw new InvalidInputException("power iterations must be >= 0, got " + powerIterations);
        }
    }

    /**
     * The paper's LSI sketch with this seed (no oversampling, no power iterations).
     *
     * @param seed the random seed
     * @return the spec
     */
    public static SamplerSpec sketch(long seed) {
        return new SamplerSpec(Kind.SKETCH, seed, 0, 0);
    }

    /**
     * Column sampling drawing {@code k + oversampling} columns (set oversampling to draw more than k).
     *
     * @param seed the random seed
     * @return the spec, with no oversampling
     */
    public static SamplerSpec column(long seed) {
        return new SamplerSpec(Kind.COLUMN, seed, 0, 0);
    }

    /**
     * This spec with another oversampling; this one is not modified.
     *
     * @param p extra columns, &gt;= 0
     * @return the new spec
     */
    public SamplerSpec withOversampling(int p) {
        return new SamplerSpec(kind, seed, p, powerIterations);
    }

    /**
     * This spec with another number of power iterations; this one is not modified.
     *
     * @param q subspace iterations, &gt;= 0
     * @return the new spec
     */
    public SamplerSpec withPowerIterations(int q) {
        return new SamplerSpec(kind, seed, oversampling, q);
    }

    /**
     * This spec with another seed; this one is not modified.
     *
     * @param s the random seed
     * @return the new spec
     */
    public SamplerSpec withSeed(long s) {
        return new SamplerSpec(kind, s, oversampling, powerIterations);
    }
}
