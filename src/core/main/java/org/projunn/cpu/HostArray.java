package org.projunn.cpu;

/**
 * Reads and writes runs of a float[] or double[] as doubles, so that the dense passes do all
 * their arithmetic in double whatever the storage precision. One virtual call moves a whole
 * run (a column chunk), which keeps the abstraction off the inner loops.
 */
abstract class HostArray {

    /** Copies {@code count} scalars starting at {@code from} into {@code dst[0..count)}. */
    abstract void load(int from, double[] dst, int count);

    /** Copies {@code count} scalars starting at {@code from} into {@code dst[offset..offset+count)}. */
    abstract void load(int from, double[] dst, int offset, int count);

    /** Copies {@code src[0..count)} into the storage starting at {@code to} (rounding for floats). */
    void store(int to, double[] src, int count) {
        store(to, src, 0, count);
    }

    /** Copies {@code src[offset..offset+count)} into the storage starting at {@code to}. */
    abstract void store(int to, double[] src, int offset, int count);

    /** Whether every scalar in [from, from + count) is finite. */
    abstract boolean allFinite(int from, int count);

    /**
     * The float storage, for passes that convert in registers instead of through a scratch
     * copy (the copies cost about as much as the arithmetic); null for double storage.
     */
    float[] floatArray() {
        return null;
    }

    static HostArray of(float[] data) {
        return new Floats(data);
    }

    static HostArray of(double[] data) {
        return new Doubles(data);
    }

    private static final class Floats extends HostArray {
        private final float[] data;

        Floats(float[] data) {
            this.data = data;
        }

        @Override
        float[] floatArray() {
            return data;
        }

        @Override
        void load(int from, double[] dst, int count) {
            for (int i = 0; i < count; i++) {
                dst[i] = data[from + i];
            }
        }

        @Override
        void load(int from, double[] dst, int offset, int count) {
            for (int i = 0; i < count; i++) {
                dst[offset + i] = data[from + i];
            }
        }

        @Override
        void store(int to, double[] src, int offset, int count) {
            for (int i = 0; i < count; i++) {
                data[to + i] = (float) src[offset + i];
            }
        }

        @Override
        boolean allFinite(int from, int count) {
            for (int i = from; i < from + count; i++) {
                if (!Float.isFinite(data[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Doubles extends HostArray {
        private final double[] data;

        Doubles(double[] data) {
            this.data = data;
        }

        @Override
        void load(int from, double[] dst, int count) {
            System.arraycopy(data, from, dst, 0, count);
        }

        @Override
        void load(int from, double[] dst, int offset, int count) {
            System.arraycopy(data, from, dst, offset, count);
        }

        @Override
        void store(int to, double[] src, int offset, int count) {
            System.arraycopy(src, offset, data, to, count);
        }

        @Override
        boolean allFinite(int from, int count) {
            for (int i = from; i < from + count; i++) {
                if (!Double.isFinite(data[i])) {
                    return false;
                }
            }
            return true;
        }
    }
}
