package org.projunn.cpu;

/**
 * Per-thread scratch for the operand tables the float kernels take (operand arrays, offsets,
 * coefficients, sums). Reused across calls, so that a step over a batch of small matrices
 * allocates nothing per matrix. Arrays only grow; callers use the leading part they ask for and
 * must not assume it is cleared, except where a method says so.
 */
final class KernelOperands {
    private static final ThreadLocal<KernelOperands> MINE = ThreadLocal.withInitial(KernelOperands::new);

    private double[][] refs = new double[0][];
    private int[] offsets = new int[0];
    private int[] moreOffsets = new int[0];
    private double[] values = new double[0];
    private double[] moreValues = new double[0];

    private KernelOperands() {
    }

    /** The calling thread's scratch. */
    static KernelOperands get() {
        return MINE.get();
    }

    /** Room for at least {@code count} operand arrays. */
    double[][] refs(int count) {
        if (refs.length < count) {
            refs = new double[count][];
        }
        return refs;
    }

    /** At least {@code count} offsets, the first {@code count} zero. */
    int[] zeroOffsets(int count) {
        if (offsets.length < count) {
            offsets = new int[count];
        }
        java.util.Arrays.fill(offsets, 0, count, 0);
        return offsets;
    }

    /** A second table of at least {@code count} offsets (contents undefined). */
    int[] moreOffsets(int count) {
        if (moreOffsets.length < count) {
            moreOffsets = new int[count];
        }
        return moreOffsets;
    }

    /** At least {@code count} doubles (contents undefined). */
    double[] values(int count) {
        if (values.length < count) {
            values = new double[count];
        }
        return values;
    }

    /** A second array of at least {@code count} doubles (contents undefined). */
    double[] moreValues(int count) {
        if (moreValues.length < count) {
            moreValues = new double[count];
        }
        return moreValues;
    }
}
