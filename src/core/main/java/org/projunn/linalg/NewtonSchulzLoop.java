package org.projunn.linalg;

/**
 * The control of Newton-Schulz re-orthonormalization apart from its arithmetic: how many
 * rounds, when to stop, and which of two iterate slots holds the result. Slot 0 holds the
 * starting matrix; the arithmetic writes each new iterate into the other slot. A round whose
 * error does not fall is discarded: the better iterate is kept. The host
 * ({@link HostReorthonormalizer}) and the CUDA backend run the same loop.
 */
public final class NewtonSchulzLoop {
    /** The most rounds. */
    public static final int MAX_ROUNDS = 30;

    /** One round of X &lt;- X (3I - X^H X) / 2 between two slots. */
    public interface Round {
        /**
         * Writes the next iterate of the matrix in slot {@code from} into slot {@code to}.
         *
         * @param from the slot (0 or 1) holding the current iterate; not modified
         * @param to the other slot; modified: receives the next iterate
         * @return ||X^H X - I||_F of the new iterate
         */
        double next(int from, int to);
    }

    private NewtonSchulzLoop() {
    }

    /**
     * Runs rounds while the error falls, at most {@link #MAX_ROUNDS}, until it reaches
     * 1e-15 sqrt(n).
     *
     * @param startError ||X^H X - I||_F of the matrix in slot 0
     * @param n the matrices' order (sets the stopping threshold)
     * @param round the arithmetic; called at most {@link #MAX_ROUNDS} times
     * @return the slot holding the iterate with the smallest error
     */
    public static int run(double startError, int n, Round round) {
        int cur = 0;
        double err = startError;
        for (int it = 0; it < MAX_ROUNDS && err > 1e-15 * Math.sqrt(n); it++) {
            int next = 1 - cur;
            double e = round.next(cur, next);
            if (!(e < err)) {
                break; // converged to rounding, or diverging: keep the better iterate
            }
            cur = next;
            err = e;
        }
        return cur;
    }
}
