package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ||A^H A - I||_F} against its definition, and of one matrix among several stored in a row. */
class UnitarityErrorTest {

    @ParameterizedTest(name = "complex={0}")
    @ValueSource(booleans = {false, true})
    void scaledUnitaryMatrixHasTheExpectedErrorAtItsOffset(boolean complex) {
        int n = 5;
        int size = n * n * (complex ? 2 : 1);
        double[] stack = new double[3 * size];
        for (int m = 0; m < 3; m++) {
            double[] u = new double[size];
            Init.parse("random").fill(u, n, complex, new SplittableRandom(m));
            // scale c: (cU)^H (cU) - I = (c^2 - 1) I, so the error is |c^2 - 1| sqrt(n)
            double c = 1 + m;
            for (int i = 0; i < size; i++) {
                stack[m * size + i] = c * u[i];
            }
        }
        for (int m = 0; m < 3; m++) {
            double expected = Math.abs((1 + m) * (1 + m) - 1) * Math.sqrt(n);
            double got = RecurrentNetwork.unitarityError(stack, m * size, n, complex);
            assertEquals(expected, got, 1e-12 * (1 + expected), "matrix " + m);
        }
        assertTrue(RecurrentNetwork.unitarityError(stack, n, complex) < 1e-13, "offset 0 is the unitary one");
    }
}
