package org.projunn.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The counter-based generator is a contract shared with the CUDA kernels: these pinned values
 * (SplitMix64 finalizer, key and Box-Muller as documented) must never change silently.
 */
class CounterRngTest {

    @Test
    void mixIsSplitMix64Finalizer() {
        // SplitMix64 seeded with 0 yields mix(0x9E3779B97F4A7C15) first: 0xE220A8397B1DCDAF
        assertEquals(0xE220A8397B1DCDAFL, CounterRng.mix(0x9E3779B97F4A7C15L));
        assertEquals(0L, CounterRng.mix(0L));
    }

    /**
     * The values native-tests/projunn_native_tests.cu pins for the CUDA generator (testRng):
     * key(42, 3, 5), uniform bits and Box-Muller values at indices 0, 1, 7, 1000.
     */
    @Test
    void keysAndValuesArePinned() {
        long key = CounterRng.key(42, 3, 5);
        assertEquals(Long.parseUnsignedLong("11863824763805149517"), key);
        long[] index = {0, 1, 7, 1000};
        long[] uniformBits = {4605721240943334892L, 4604950117824663768L, 4606459722774373064L, 4596195267943053314L};
        double[] gaussian = {0.008092666375614187, 1.4016367774774707, -0.23687392605684376, 1.3184539147065923};
        for (int i = 0; i < index.length; i++) {
            assertEquals(uniformBits[i], Double.doubleToRawLongBits(CounterRng.uniform(key, index[i])), "uniform " + index[i]);
            // Math.log/cos may differ from libm by an ulp: the CUDA side allows 1e-14 too
            double g = CounterRng.gaussian(key, index[i]);
            assertTrue(Math.abs(g - gaussian[i]) <= 1e-14 * Math.max(1, Math.abs(gaussian[i])),
                    "gaussian " + index[i] + ": " + g + ", pinned " + gaussian[i]);
        }
        // the key depends on every counter
        assertTrue(key != CounterRng.key(42, 4, 5) && key != CounterRng.key(42, 3, 6) && key != CounterRng.key(43, 3, 5));
    }

    @Test
    void uniformNeverReturnsZero() {
        // the smallest 53-bit value maps to 2^-54, so log(u1) in Box-Muller stays finite. (At the
        // top, bits + 0.5 rounds to 2^53 for bits = 2^53 - 1, so uniform can return exactly 1.0:
        // harmless for Box-Muller, and changing it would change the contract shared with CUDA.)
        // mix(0) = 0: key -GOLDEN at index 0 hashes to 0, the smallest value
        assertEquals(0, CounterRng.mix(0));
        assertEquals(0x1.0p-54, CounterRng.uniform(-0x9E3779B97F4A7C15L, 0));
        long key = CounterRng.key(1, 2, 3);
        for (int i = 0; i < 10_000; i++) {
            double u = CounterRng.uniform(key, i);
            assertTrue(u > 0 && u <= 1, "uniform " + i + " = " + u);
            assertTrue(Double.isFinite(CounterRng.gaussian(key, i)));
        }
    }

    @Test
    void gaussianHasZeroMeanAndUnitVariance() {
        long key = CounterRng.key(1, 0, 0);
        int count = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < count; i++) {
            double g = CounterRng.gaussian(key, i);
            sum += g;
            sumSq += g * g;
        }
        double mean = sum / count;
        double var = sumSq / count - mean * mean;
        assertEquals(0, mean, 5 * Math.sqrt(1.0 / count));
        assertEquals(1, var, 5 * Math.sqrt(2.0 / count));
    }
}
