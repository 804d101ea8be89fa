package org.projunn.npy;

/**
 * The content of a {@code .npy} file: its header and its values in the file's own element order
 * (C or Fortran, as the header says), complex values interleaved (re, im). Single-precision types
 * are held in a {@code float[]}, double-precision ones in a {@code double[]}; the other is null.
 * {@link MatrixLayout} converts to and from projunn's matrix layout.
 */
public final class NpyArray {
    private final NpyHeader header;
    private final float[] floats;
    private final double[] doubles;

    private NpyArray(NpyHeader header, float[] floats, double[] doubles) {
        long expected = header.scalarCount();
        int have = floats != null ? floats.length : doubles.length;
        if (have != expected) {
            throw new IllegalArgumentException(header.describe() + " needs " + expected + " scalars, got " + have);
        }
        this.header = header;
        this.floats = floats;
        this.doubles = doubles;
    }

    /**
     * Wraps (does not copy) {@code values} for a float32 or complex64 header.
     *
     * @param header the array's header
     * @param values {@code header.scalarCount()} values in the header's order. Not copied.
     * @return the array
     * @throws IllegalArgumentException for a double-precision header or a wrong length
     */
    public static NpyArray ofFloats(NpyHeader header, float[] values) {
        if (header.dtype().type().isDoublePrecision()) {
            throw new IllegalArgumentException(header.dtype().describe() + " needs a double[], not a float[]");
        }
        return new NpyArray(header, values, null);
    }

    /**
     * Wraps (does not copy) {@code values} for a float64 or complex128 header.
     *
     * @param header the array's header
     * @param values {@code header.scalarCount()} values in the header's order. Not copied.
     * @return the array
     * @throws IllegalArgumentException for a single-precision header or a wrong length
     */
    public static NpyArray ofDoubles(NpyHeader header, double[] values) {
        if (!header.dtype().type().isDoublePrecision()) {
            throw new IllegalArgumentException(header.dtype().describe() + " needs a float[], not a double[]");
        }
        return new NpyArray(header, null, values);
    }

    /** A zero-filled array for {@code header}. */
    static NpyArray allocate(NpyHeader header) {
        int n = Math.toIntExact(header.scalarCount());
        return header.dtype().type().isDoublePrecision()
                ? new NpyArray(header, null, new double[n]) : new NpyArray(header, new float[n], null);
    }

    /**
     * The header: dtype, memory order, shape.
     *
     * @return the header
     */
    public NpyHeader header() {
        return header;
    }

    /**
     * The values of a single-precision array.
     *
     * @return the values (shared, not copied) for float32/complex64; null otherwise
     */
    public float[] floats() {
        return floats;
    }

    /**
     * The values of a double-precision array.
     *
     * @return the values (shared, not copied) for float64/complex128; null otherwise
     */
    public double[] doubles() {
        return doubles;
    }

    /** The backing array, float[] or double[], for copying with {@link System#arraycopy}. */
    Object storage() {
        return floats != null ? floats : doubles;
    }
}
