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
 */
public record SamplerSpec(Kind kind, long seed, int oversampling, int powerIterations) {

    public enum Kind {
        SKETCH, COLUMN;

        /** Parses "lsi"/"sketch" or "column". */
        public static Kind parse(String text) {
            switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "lsi": case "sketch": return SKETCH;
                case "column": case "columns": return COLUMN;
                default: throw new InvalidInputException("unknown sampler '" + text + "': expected lsi or column");
            }
        }
    }

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

    /** The paper's LSI sketch with this seed (no oversampling, no power iterations). */
    public static SamplerSpec sketch(long seed) {
        return new SamplerSpec(Kind.SKETCH, seed, 0, 0);
    }

    /** Column sampling drawing {@code k + oversampling} columns (set oversampling to draw more than k). */
    public static SamplerSpec column(long seed) {
        return new SamplerSpec(Kind.COLUMN, seed, 0, 0);
    }

    public SamplerSpec withOversampling(int p) {
        return new SamplerSpec(kind, seed, p, powerIterations);
    }

    public SamplerSpec withPowerIterations(int q) {
        return new SamplerSpec(kind, seed, oversampling, q);
    }

    public SamplerSpec withSeed(long s) {
        return new SamplerSpec(kind, s, oversampling, powerIterations);
    }
}
