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

    @Test
    void valuesArePureFunctionsOfTheirCounters() {
        long key = CounterRng.key(42, 7, 3);
        assertEquals(key, CounterRng.key(42, 7, 3));
        assertTrue(key != CounterRng.key(42, 8, 3) && key != CounterRng.key(42, 7, 4));
        assertEquals(CounterRng.gaussian(key, 1234), CounterRng.gaussian(key, 1234));
        double u = CounterRng.uniform(key, 0);
        assertTrue(u > 0 && u < 1);
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
