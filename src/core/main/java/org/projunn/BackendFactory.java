package org.projunn;

/**
 * Makes one kind of {@link Backend}. Factories are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.projunn.BackendFactory}); {@link Backends} picks among them.
 */
public interface BackendFactory {

    /**
     * The name of the backends this factory makes.
     *
     * @return "cpu", "cuda", ... (the same as {@link Backend#name()})
     */
    String name();

    /**
     * Higher is preferred by {@code auto}: the CPU is 0, a GPU more.
     *
     * @return the priority
     */
    int priority();

    /**
     * Whether this backend can run here, and if not, why not; cheap and side-effect free.
     *
     * @return usable with a description of what was found, or not usable with the reason
     */
    Availability probe();

    /**
     * Opens the backend.
     *
     * @return a new backend; the caller closes it
     * @throws IllegalStateException (or a {@link LinkageError} for missing native libraries) with a
     *         clear message when it cannot open
     */
    Backend open();

    /**
     * Whether a backend can run on this machine, with the reason when it cannot.
     *
     * @param usable whether {@link BackendFactory#open()} is expected to succeed
     * @param detail what was found when usable (e.g. the device), else why it is not usable
     */
    record Availability(boolean usable, String detail) {
        /**
         * A usable backend.
         *
         * @param detail what was found, e.g. the device name
         * @return the availability
         */
        public static Availability yes(String detail) {
            return new Availability(true, detail);
        }

        /**
         * A backend that cannot run here.
         *
         * @param reason why, in one line (shown by {@code auto} when it skips the backend)
         * @return the availability
         */
        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
