package org.projunn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {
    private static final Pattern CONTRACT = Pattern.compile("median_ms=([0-9.]+) floor_ms=([0-9.]+)");

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            int rc = new CommandLine(new BenchCommand()).execute(args);
            assertEquals(0, rc);
        } finally {
            System.setOut(old);
        }
        return buf.toString();
    }

    @Test
    void stepEndsWithTheContractLine() {
        for (String[] args : new String[][] {
            {"step", "--method", "direct", "--n", "64", "--k", "2", "--dtype", "float32", "--reps", "3"},
            {"step", "--method", "tangent", "--n", "32", "--dtype", "complex64", "--given-ab", "--reps", "2"},
            {"step", "--method", "tangent", "--n", "16", "--batch", "4", "--reps", "2"}}) {
            String out = run(args).strip();
            String last = out.substring(out.lastIndexOf('\n') + 1);
            Matcher m = CONTRACT.matcher(last);
            assertTrue(m.matches(), last);
            assertTrue(Double.parseDouble(m.group(1)) > 0);
            assertTrue(Double.parseDouble(m.group(2)) > 0);
        }
    }

    @Test
    void anUnusableBackendIsSkippedWithItsReason() {
        CommandLine cli = new CommandLine(new BenchCommand());
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true));
        try {
            int rc = cli.execute("step", "--method", "direct", "--n", "64", "--backend", "nosuchbackend");
            assertEquals(BenchCommand.SKIPPED, rc);
        } finally {
            System.setErr(old);
        }
        assertTrue(err.toString().contains("backend nosuchbackend skipped"), err.toString());
    }

    @Test
    void badInputIsRejectedWithItsNameAndExitCode2() {
        // through Main, as ./projunn runs it: bad input is exit 2 with one "error: ..." line
        CommandLine cli = Main.newCommandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err));
        cli.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
        int rc = cli.execute("bench", "step", "--method", "direct", "--n", "64", "--dtype", "float16");
        assertEquals(2, rc, err.toString());
        assertTrue(err.toString().startsWith("error: ") && err.toString().contains("float16"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        err.getBuffer().setLength(0);
        rc = cli.execute("bench", "step", "--method", "direct", "--n", "64", "--batch", "0");
        assertEquals(2, rc, err.toString());
        assertTrue(err.toString().contains("--batch"), err.toString());
    }
}
