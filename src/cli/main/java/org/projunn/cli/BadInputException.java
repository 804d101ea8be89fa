package org.projunn.cli;

/** Input the user can fix (mismatched files, missing options): reported as one line, exit code 2. */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
