package org.projunn.cuda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Runs everywhere: the GPU tests' comparison and skip rules. */
class GpuTestSupportTest {

    @Test
    void nanAnywhereFailsTheComparison() {
        double[] expected = {0, 0, 0};
        for (int at = 0; at < 3; at++) {
            double[] actual = {0.5e-9, 0, 0};
            actual[at] = Double.NaN;
            int where = at;
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> GpuTestSupport.assertClose(expected, actual, 1e-6, "nan at " + where));
            assertTrue(e.getMessage().contains("NaN at " + at), e.getMessage());
        }
        assertThrows(AssertionFailedError.class,
                () -> GpuTestSupport.assertClose(expected, new double[] {0, 2e-6, 0}, 1e-6, "too far"));
        assertDoesNotThrow(() -> GpuTestSupport.assertClose(expected, new double[] {1e-6, -1e-6, 0}, 1e-6, "close"));
    }

    @Test
    void aRequiredGpuTurnsTheSkipIntoAFailure() {
        assertThrows(TestAbortedException.class, () -> GpuTestSupport.skipUnless(false, "no GPU", false));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> GpuTestSupport.skipUnless(false, "no GPU", true));
        assertTrue(e.getMessage().contains("no GPU") && e.getMessage().contains("PJ_REQUIRE_GPU"), e.getMessage());
        assertDoesNotThrow(() -> GpuTestSupport.skipUnless(true, "runs", true));
    }

    @Test
    void flagIsReadFromTheSystemProperty() {
        String old = System.getProperty("projunn.requireGpu");
        try {
            System.setProperty("projunn.requireGpu", "true");
            assertTrue(GpuTestSupport.gpuRequired());
        } finally {
            if (old == null) {
                System.clearProperty("projunn.requireGpu");
            } else {
                System.setProperty("projunn.requireGpu", old);
            }
        }
    }
}
