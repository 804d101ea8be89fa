package org.projunn.bench;

import java.util.Arrays;
import java.util.Locale;
import org.projunn.InvalidInputException;
import org.projunn.Method;

/**
 * Every timed operation, with the matrix passes its memory-traffic floor counts
 * (ALGORITHMS.md section 5): in units of N^2 elements, Delta read twice by the sketch, A read
 * twice and written once by a step; 0 where the floor is not a memory floor.
 */
public enum Operation {
    STEP_DIRECT("step-direct", Kind.STEP, Method.DIRECT, 5, "sketch + projUNN-D"),
    STEP_TANGENT("step-tangent", Kind.STEP, Method.TANGENT, 5, "sketch + projUNN-T"),
    STEP_DIRECT_AB("step-direct-ab", Kind.STEP, Method.DIRECT, 3, "projUNN-D, a b^H given"),
    STEP_TANGENT_AB("step-tangent-ab", Kind.STEP, Method.TANGENT, 3, "projUNN-T, a b^H given"),
    SKETCH("part-sketch", Kind.PART, Method.DIRECT, 2, "sketch sampler (Delta read twice)"),
    PROJECT("part-project", Kind.PART, Method.DIRECT, 1, "phase 1: A^H a"),
    SMALL("part-small", Kind.PART, Method.DIRECT, 0, "phase 2: QR + 2k x 2k eigenproblem"),
    FUSED("part-fused", Kind.PART, Method.DIRECT, 2, "phase 3: fused update (D)"),
    PLAIN("plain", Kind.PLAIN, null, 3, "plain gradient step A += Delta"),
    POLAR_SVD("exact-polar-svd", Kind.EXACT, null, 0, "polar factor of A + Delta by full SVD"),
    CAYLEY("exact-cayley", Kind.EXACT, null, 0, "Cayley retraction (LU solve)"),
    EXPM("exact-expm", Kind.EXACT, null, 0, "A expm(skew part), Pade scaling and squaring");

    /** What an operation is, for grouping in the report. */
    public enum Kind { STEP, PART, PLAIN, EXACT }

    private final String id;
    private final Kind kind;
    private final Method method;
    private final int passes;
    private final String description;

    Operation(String id, Kind kind, Method method, int passes, String description) {
        this.id = id;
        this.kind = kind;
        this.method = method;
        this.passes = passes;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** The projUNN variant the operation runs (null for the plain step and the exact baselines). */
    public Method method() {
        return method;
    }

    public String description() {
        return description;
    }

    /** Whether the operation depends on the rank k. */
    public boolean usesRank() {
        return kind == Kind.STEP || kind == Kind.PART;
    }

    /** Bytes the operation must move at least: passes x N^2 x bytes per element (0: no memory floor). */
    public long floorBytes(int n, int bytesPerElement) {
        return (long) passes * n * n * bytesPerElement;
    }

    /**
     * Multiply-adds of the O(N^2 k) passes over the matrices (real FMAs; a complex one is four):
     * sketch {@code Delta^H R} and {@code Delta V} (k columns each), {@code A^H a} (k), {@code A Q}
     * (2k) and the update (2k terms of W G, plus k of a b^H for projUNN-D). The O(N k^2) small
     * problems are not counted. 0 where the floor is not counted in FMAs.
     */
    public long fmas(int n, int k, boolean complex) {
        long perColumn = switch (this) {
            case STEP_DIRECT -> 8L * k;
            case STEP_TANGENT -> 7L * k;
            case STEP_DIRECT_AB -> 6L * k;
            case STEP_TANGENT_AB -> 5L * k;
            case SKETCH -> 2L * k;
            case PROJECT -> k;
            case FUSED -> 5L * k;
            default -> 0;
        };
        return perColumn * n * n * (complex ? 4 : 1);
    }

    /** The full step with this method, with or without the sampler. */
    public static Operation step(Method m, boolean givenAb) {
        if (m == Method.DIRECT) {
            return givenAb ? STEP_DIRECT_AB : STEP_DIRECT;
        }
        return givenAb ? STEP_TANGENT_AB : STEP_TANGENT;
    }

    public static Operation parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Operation op : values()) {
            if (op.id.equals(t) || op.name().toLowerCase(Locale.ROOT).equals(t)) {
                return op;
            }
        }
        throw new InvalidInputException("unknown operation '" + text + "': expected one of "
                + Arrays.stream(values()).map(Operation::id).toList());
    }
}
