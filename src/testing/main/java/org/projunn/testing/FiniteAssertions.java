package org.projunn.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Supplier;

/**
 * Comparisons that fail on NaN and Inf. JUnit's {@code assertEquals(double, double, delta)} and
 * {@code assertArrayEquals(double[], double[])} count NaN as equal to NaN, so two results broken
 * the same way would pass; every comparison here first requires both sides to be finite.
 */
public final class FiniteAssertions {
    private FiniteAssertions() {
    }

    /** Every value finite. */
    public static void assertAllFinite(double[] actual, String what) {
        for (int i = 0; i < actual.length; i++) {
            if (!Double.isFinite(actual[i])) {
                fail(what + ": element " + i + " is " + actual[i]);
            }
        }
    }

    /** Both arrays finite and bitwise equal (e.g. a result that must not depend on the thread count). */
    public static void assertAllFiniteAndEqual(double[] expected, double[] actual, String what) {
        assertSameLength(expected, actual, what);
        assertAllFinite(expected, what + " (expected)");
        assertAllFinite(actual, what);
        for (int i = 0; i < actual.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                fail(what + ": element " + i + " differs: expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }

    /** |expected - actual| <= tolerance, both finite. */
    public static void assertClose(double expected, double actual, double tolerance, String what) {
        assertClose(expected, actual, tolerance, () -> what);
    }

    /** |expected - actual| <= tolerance, both finite; the message is built only on failure. */
    public static void assertClose(double expected, double actual, double tolerance, Supplier<String> what) {
        if (!Double.isFinite(expected) || !Double.isFinite(actual) || !(Math.abs(expected - actual) <= tolerance)) {
            fail(what.get() + ": expected " + expected + " +- " + tolerance + ", got " + actual);
        }
    }

    /** Elementwise |expected - actual| <= tolerance, all finite; reports the worst element. */
    public static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertSameLength(expected, actual, what);
        assertAllFinite(expected, what + " (expected)");
        assertAllFinite(actual, what);
        int worst = -1;
        double worstDiff = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (d > worstDiff) {
                worstDiff = d;
                worst = i;
            }
        }
        if (!(worstDiff <= tolerance)) {
            fail(String.format("%s: element %d differs by %.3e > %.1e (expected %s, got %s)",
                    what, worst, worstDiff, tolerance, expected[worst], actual[worst]));
        }
    }

    /** ||actual - expected||_F / ||expected||_F <= tolerance, both finite; returns the error. */
    public static double assertRelativeError(CMat expected, CMat actual, double tolerance, String what) {
        assertAllFinite(expected.d, what + " (expected)");
        assertAllFinite(actual.d, what);
        double error = actual.relativeError(expected);
        if (!(error <= tolerance)) {
            fail(String.format("%s: relative error %.3e > %.1e", what, error, tolerance));
        }
        return error;
    }

    private static void assertSameLength(double[] expected, double[] actual, String what) {
        if (expected.length != actual.length) {
            fail(what + ": length " + actual.length + ", expected " + expected.length);
        }
    }
}
