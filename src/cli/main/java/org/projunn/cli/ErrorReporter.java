package org.projunn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.projunn.InvalidInputException;
import org.projunn.npy.NpyFormatException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into exit codes: expected ones (bad options, bad files, invalid input) become
 * one {@code error:} line and exit code 2; anything else is a bug and keeps its stack trace.
 */
final class ErrorReporter {
    private ErrorReporter() {
    }

    static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String help = cl.getCommandSpec().qualifiedName() + " --help";
        String message = String.valueOf(e.getMessage()).replaceFirst("^Error: ", "");
        cl.getErr().println("error: " + message + " (see '" + help + "')");
        cl.getErr().flush();
        return ExitCodes.USAGE;
    }

    static int executionError(Exception e, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String expected = expectedMessage(e);
        if (expected != null) {
            err.println("error: " + expected);
            err.flush();
            return ExitCodes.USAGE;
        }
        err.println("error: unexpected failure: " + e);
        e.printStackTrace(err);
        err.flush();
        return ExitCodes.FAILURE;
    }

    /** The one-line message for a failure the user can fix, or null for a bug. */
    static String expectedMessage(Throwable e) {
        if (e instanceof java.io.UncheckedIOException u) {
            return expectedMessage(u.getCause());
        }
        if (e instanceof BadInputException || e instanceof InvalidInputException || e instanceof NpyFormatException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file: " + f.getFile();
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + f.getFile();
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
        }
        if (e instanceof IOException) {
            return e.getMessage() != null ? e.getMessage() : e.toString();
        }
        return null;
    }
}
