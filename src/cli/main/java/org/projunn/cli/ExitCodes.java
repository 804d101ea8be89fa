package org.projunn.cli;

/** The CLI's exit codes. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something unexpected failed (a bug, or the machine): the stack trace is printed. */
    public static final int FAILURE = 1;
    /** Bad options or bad input files: one {@code error:} line, no stack trace. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
