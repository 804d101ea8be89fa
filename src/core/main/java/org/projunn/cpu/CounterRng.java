package org.projunn.cpu;

/**
 * A counter-based random generator: every value is a pure function of (seed, stream, index),
 * so the CPU and a GPU kernel draw exactly the same numbers in any order and any thread count.
 * {@code kernels/} implements the same functions.
 *
 * <p>uniform(key, i): the top 53 bits of {@code mix(key + (i + 1) * GOLDEN)} mapped to (0, 1].
 * gaussian(key, i): Box-Muller on uniform(key, 2i) and uniform(key, 2i + 1), cosine branch.
 */
public final class CounterRng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private CounterRng() {
    }

    /**
     * SplitMix64's finalizer: a bijective 64-bit mixer.
     *
     * @param z any value
     * @return the mixed value
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The key of one random stream: {@code mix(mix(mix(seed) + step) + entry)}.
     *
     * @param seed the sampler's seed
     * @param step the projector's step count
     * @param entry the batch entry
     * @return the stream's key
     */
    public static long key(long seed, long step, long entry) {
        return mix(mix(mix(seed) + step) + entry);
    }

    /**
     * A uniform double in (0, 1] (exactly 1 only for the top 53-bit value, where bits + 1/2
     * rounds up): the top 53 bits of
     * {@code mix(key + (index + 1) * 0x9E3779B97F4A7C15)}, plus one half, times 2^-53.
     *
     * @param key the stream, from {@link #key}
     * @param index position in the stream, &gt;= 0
     * @return the value
     */
    public static double uniform(long key, long index) {
        long bits = mix(key + (index + 1) * GOLDEN) >>> 11;
        return (bits + 0.5) * 0x1.0p-53;
    }

    /**
     * A standard normal value: Box-Muller, {@code sqrt(-2 ln u1) cos(2 pi u2)} with
     * {@code u1 = uniform(key, 2 index)}, {@code u2 = uniform(key, 2 index + 1)}.
     *
     * @param key the stream, from {@link #key}
     * @param index position in the stream, &gt;= 0
     * @return the value
     */
    public static double gaussian(long key, long index) {
        double u1 = uniform(key, 2 * index);
        double u2 = uniform(key, 2 * index + 1);
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}
