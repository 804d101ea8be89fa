package org.projunn;

/**
 * Makes one kind of {@link Backend}. Factories are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.projunn.BackendFactory}); {@link Backends} picks among them.
 */
public interface BackendFactory {

    /** "cpu", "cuda", ... */
    String name();

    /** Higher is preferred by {@code auto}: the CPU is 0, a GPU more. */
    int priority();

    /** Whether this backend can run here, and if not, why not; cheap and side-effect free. */
    Availability probe();

    /** Opens the backend; throws with a clear message when it cannot. */
    Backend open();

    /** Whether a backend can run on this machine, with the reason when it cannot. */
    record Availability(boolean usable, String detail) {
        public static Availability yes(String detail) {
            return new Availability(true, detail);
        }

        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
