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
            Process p = new ProcessBuilder(python, "-c", "import torch; print(torch.__version__)")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return new TorchBaseline(null, null, python + " cannot import torch: " + lastLine(out));
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
     * The median ms of one step in torch, or NaN with {@code why} told when the run failed.
     *
     * @param method "direct" or "tangent"
     * @param dtype "float32" or "complex64"
     */
    public double medianMs(String method, String dtype, int n, int k, int threads, java.util.function.Consumer<String> why) {
        return medianMs(method, dtype, n, k, 1, threads, why);
    }

    /** {@link #medianMs(String, String, int, int, int, java.util.function.Consumer)} for a batch of B x N x N. */
    public double medianMs(String method, String dtype, int n, int k, int batch, int threads,
                           java.util.function.Consumer<String> why) {
        if (reason != null) {
            return Double.NaN;
        }
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--device", "cpu", "--dtype", dtype,
                "--method", method, "--n", String.valueOf(n), "--k", String.valueOf(k),
                "--threads", String.valueOf(threads), "--batch", String.valueOf(batch)));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            // torch's OpenMP threads spin while they wait; on cores shared with other work that
            // costs it several times its time (bench/pytorch/README.md), so they wait passively
            // unless the caller chose otherwise
            pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                why.accept("torch " + dtype + " N=" + n + " B=" + batch + " k=" + k + ": timed out");
                return Double.NaN;
            }
            Matcher m = MEDIAN.matcher(out);
            double ms = Double.NaN;
            while (m.find()) {
                ms = Double.parseDouble(m.group(1));
            }
            if (p.exitValue() != 0 || Double.isNaN(ms)) {
                why.accept("torch " + dtype + " N=" + n + " B=" + batch + " k=" + k + " failed (exit " + p.exitValue() + "): "
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

    private static String lastLine(String s) {
        String t = s.strip();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
    }
}
