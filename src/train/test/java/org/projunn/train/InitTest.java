package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every initialization of W is orthogonal (unitary); the structured ones have their structure. */
class InitTest {

    @ParameterizedTest(name = "{0} n={1} complex={2}")
    @CsvSource({"identity,9,false", "henaff,10,false", "henaff,9,true", "random,17,false", "random,12,true",
            "cayley,11,false", "cayley,8,true"})
    void orthogonal(String name, int n, boolean complex) {
        Init init = Init.parse(name);
        double[] w = new double[n * n * (complex ? 2 : 1)];
        init.fill(w, n, complex, new SplittableRandom(4));
        assertTrue(RecurrentNetwork.unitarityError(w, n, complex) < 1e-13);
    }

    @ParameterizedTest
    @CsvSource({"henaff", "cayley"})
    void blockRotations(String name) {
        int n = 8;
        double[] w = new double[n * n];
        Init.parse(name).fill(w, n, false, new SplittableRandom(5));
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                if (i / 2 != j / 2) {
                    assertEquals(0, w[i + j * n]);
                }
            }
        }
        for (int b = 0; b < n; b += 2) {
            double c = w[b + b * n];
            double s = w[b + 1 + b * n];
            assertEquals(c, w[b + 1 + (b + 1) * n]);
            assertEquals(-s, w[b + (b + 1) * n]);
            if (name.equals("cayley")) {
                // the Cayley transforms of those skew blocks are rotations by angles in [-pi/2, 0]
                assertTrue(c >= -1e-15 && s <= 1e-15, "c=" + c + " s=" + s);
            }
        }
    }
}
