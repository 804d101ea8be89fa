package org.projunn.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PyTorch comparison: the same sketch + projUNN step in plain torch
 * ({@code bench/pytorch/step_bench.py}), run as a subprocess on the same number of threads, in
 * the same report run. Usable when python3 with torch and the script are present; otherwise
 * {@link #unavailableReason()} says why and the report leaves the column out.
 */
public final class TorchBaseline {
    private static final Pattern MEDIAN = Pattern.compile("median_ms=([0-9.eE+-]+)");
    private static final long TIMEOUT_S = 300;

    private final String python;
    private final Path script;
    private final String reason;

    private TorchBaseline(String python, Path script, String reason) {
        this.python = python;
        this.script = script;
        this.reason = reason;
    }

    /**
     * Finds the script under the project root ({@code -Dprojunn.root}, set by the launcher, else
     * the working directory) and checks that {@code python3} imports torch.
     */
    public static TorchBaseline detect() {
        Path root = Path.of(System.getProperty("projunn.root", "."));
        Path script = root.resolve("bench/pytorch/step_bench.py");
        if (!Files.isRegularFile(script)) {
            return new TorchBaseline(null, null, "no " + script + " here");
        }
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        try {
            Run r = run(new ProcessBuilder(python, "-c", "import torch; print(torch.__version__)"), 60);
            if (!r.finished() || r.exit() != 0) {
                return new TorchBaseline(null, null, python + " cannot import torch: "
                        + (r.finished() ? lastLine(r.output()) : "no answer within 60 s"));
            }
            return new TorchBaseline(python, script, null);
        } catch (IOException e) {
            return new TorchBaseline(null, null, "no python3 here (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TorchBaseline(null, null, "interrupted while checking python3");
        }
    }

    /** Null when usable, else why not. */
    public String unavailableReason() {
        return reason;
    }

    /**
     * The median ms of one step in torch on a batch of B x N x N, or NaN with {@code why} told
     * when the run failed.
     *
     * @param method "direct" or "tangent"
     * @param dtype "float32" or "complex64"
     */
    public double medianMs(String method, String dtype, int n, int k, int batch, int threads,
                           java.util.function.Consumer<String> why) {
        if (reason != null) {
            return Double.NaN;
        }
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--device", "cpu", "--dtype", dtype,
                "--method", method, "--n", String.valueOf(n), "--k", String.valueOf(k),
                "--threads", String.valueOf(threads), "--batch", String.valueOf(batch)));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            // torch's OpenMP threads spin while they wait; on cores shared with other work that
            // costs it several times its time (bench/pytorch/README.md), so they wait passively
            // unless the caller chose otherwise
            pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
            Run r = run(pb, TIMEOUT_S);
            if (!r.finished()) {
                why.accept("torch " + dtype + " N=" + n + " B=" + batch + " k=" + k + ": timed out");
                return Double.NaN;
            }
            String out = r.output();
            Matcher m = MEDIAN.matcher(out);
            double ms = Double.NaN;
            while (m.find()) {
                ms = Double.parseDouble(m.group(1));
            }
            if (r.exit() != 0 || Double.isNaN(ms)) {
                why.accept("torch " + dtype + " N=" + n + " B=" + batch + " k=" + k + " failed (exit " + r.exit() + "): "
                        + lastLine(out));
                return Double.NaN;
            }
            return ms;
        } catch (IOException e) {
            why.accept("torch run failed: " + e.getMessage());
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** How it was run, for the report. */
    public String describe(int threads) {
        return String.format(Locale.ROOT, "`OMP_WAIT_POLICY=%s %s %s --device cpu --threads %d --method M --dtype D "
                + "--n N --k K [--batch B]`", System.getenv().getOrDefault("OMP_WAIT_POLICY", "PASSIVE"), "python3",
                "bench/pytorch/step_bench.py", threads);
    }

    /** A child process's exit status and output (stdout and stderr together), or that it ran past its limit. */
    private record Run(boolean finished, int exit, String output) {
    }

    /**
     * Runs {@code pb} with its output going to a temporary file rather than a pipe, so that the
     * time limit holds even while the child prints nothing; past the limit it is killed.
     */
    private static Run run(ProcessBuilder pb, long seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("projunn-torch", ".log");
        try {
            Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    return new Run(false, -1, "");
                }
            } finally {
                if (p.isAlive()) {
                    p.destroyForcibly();
                }
            }
            return new Run(true, p.exitValue(), new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String lastLine(String s) {
        String t = s.strip();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
    }
}
