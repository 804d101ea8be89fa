package org.projunn;

/**
 * Thrown for bad input (shapes, ranks, dtypes, NaN/Inf). It is always raised before anything is
 * written, so the caller's matrices are left exactly as they were.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with the given message.
     *
     * @param message what is wrong, naming the input (e.g. {@code delta contains NaN or Inf})
     */
    public InvalidInputException(String message) {
        super(message);
    }
}
