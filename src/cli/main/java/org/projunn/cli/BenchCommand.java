package org.projunn.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.projunn.DType;
import org.projunn.InvalidInputException;
import org.projunn.Method;
import org.projunn.bench.BackendChoice;
import org.projunn.bench.BenchReport;
import org.projunn.bench.ReportPlan;
import org.projunn.bench.StepTimer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code projunn bench step|report}: in-process timings (the JMH suite in bench/ is the rigorous one). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time projUNN steps in-process.",
        subcommands = {BenchCommand.Step.class, BenchCommand.Report.class})
public final class BenchCommand implements Callable<Integer> {
    /** Exit code of {@code bench step} when the backend is not usable here (no GPU). */
    static final int SKIPPED = 3;

    @Override
    public Integer call() {
        new picocli.CommandLine(this).usage(System.out);
        return 0;
    }

    /** The scripting contract: the last line is {@code median_ms=<x> floor_ms=<y>}. */
    @Command(name = "step", mixinStandardHelpOptions = true,
            description = {"Time one step after warm-up; the last line is median_ms=<x> floor_ms=<y>.",
                "Exit code 3: the backend is not usable here (the reason is printed); nothing was timed."})
    static final class Step implements Callable<Integer> {
        @Option(names = "--method", required = true, description = "direct or tangent")
        String method;

        @Option(names = "--n", required = true, description = "matrix size N")
        int n;

        @Option(names = "--k", defaultValue = "1", description = "rank k (default ${DEFAULT-VALUE})")
        int k;

        @Option(names = "--dtype", defaultValue = "float32", description = "float32 or complex64 (default ${DEFAULT-VALUE})")
        String dtype;

        @Option(names = "--given-ab", description = "time stepFactored with a, b given (no sampler)")
        boolean givenAb;

        @Option(names = "--batch", defaultValue = "1",
                description = "independent N x N matrices stepped together (default ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--reps", defaultValue = "20", description = "timed repetitions (default ${DEFAULT-VALUE})")
        int reps;

        @Option(names = "--backend", defaultValue = "cpu", description = "cpu or cuda (default ${DEFAULT-VALUE})")
        String backend;

        @Override
        public Integer call() {
            if (reps < 1) {
                throw new InvalidInputException("--reps must be >= 1, got " + reps);
            }
            if (batch < 1) {
                throw new InvalidInputException("--batch must be >= 1, got " + batch);
            }
            Method m = Method.parse(method);
            DType d = parseDtype(dtype);
            StringBuilder why = new StringBuilder();
            org.projunn.Backend opened = BackendChoice.openOrSkip(backend, why::append);
            if (opened == null) {
                System.err.println(why);
                return SKIPPED;
            }
            StepTimer.Result r;
            try (opened) {
                r = StepTimer.time(m, n, k, d, batch, givenAb, reps, opened);
            }
            System.out.println(r.benchCase().label() + ": " + r.sample().reps() + " reps, min "
                    + String.format(Locale.ROOT, "%.4f", r.sample().minMs()) + " ms; floor from " + r.bandwidth());
            System.out.println(r.contractLine());
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Run the benchmark subset and write report.md, results.csv and time-vs-n.png.")
    static final class Report implements Callable<Integer> {
        @Option(names = "--quick", description = "smoke test: N <= 512, short timings (about a minute)")
        boolean quick;

        @Option(names = "--goals", description = "only the CPU step's goal cases: N = 256..1024, k = 1, 4, 16, "
                + "with the compute floor and PyTorch (a few minutes)")
        boolean goals;

        @Option(names = "--out", defaultValue = "bench/results", description = "output directory (default ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--max-n", defaultValue = "4096", description = "largest N (default ${DEFAULT-VALUE})")
        int maxN;

        @Option(names = "--backends", defaultValue = "cpu,cuda", split = ",",
                description = "backends for the steps; unusable ones are skipped with a note (default ${DEFAULT-VALUE})")
        List<String> backends;

        @Override
        public Integer call() throws Exception {
            ReportPlan plan = goals ? ReportPlan.goals(backends)
                    : quick ? ReportPlan.quick(backends) : ReportPlan.standard(maxN, backends);
            StringBuilder cmd = new StringBuilder("./projunn bench report");
            if (goals) {
                cmd.append(" --goals");
            }
            if (quick) {
                cmd.append(" --quick");
            }
            if (maxN != 4096) {
                cmd.append(" --max-n ").append(maxN);
            }
            if (!backends.equals(List.of("cpu", "cuda"))) {
                cmd.append(" --backends ").append(String.join(",", backends));
            }
            if (!out.equals(Path.of("bench/results"))) {
                cmd.append(" --out ").append(out);
            }
            Path md = new BenchReport(plan, System.err::println).run(out, cmd.toString());
            System.out.println(md);
            return 0;
        }
    }

    static DType parseDtype(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "float32" -> DType.FLOAT32;
            case "complex64" -> DType.COMPLEX64;
            default -> throw new InvalidInputException("unknown dtype '" + text + "': expected "
                    + Arrays.asList("float32", "complex64"));
        };
    }
}
