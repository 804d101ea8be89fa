package org.projunn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.projunn.Backend;
import org.projunn.DType;
import org.projunn.cpu.CpuBackend;

/**
 * Runs a {@link ReportPlan} in-process and writes {@code report.md} (tables, goal checks, machine),
 * {@code results.csv} and {@code time-vs-n.png} (log-log, fitted slopes) to a directory.
 */
public final class BenchReport {
    /** Slopes are fitted from this N up (below it fixed per-step costs dominate). */
    public static final int SLOPE_FROM_N = 256;

    /**
     * One measured case; floorMs (memory) and computeFloorMs are NaN where the operation has no
     * such floor; torchMs is the PyTorch time of the same step, NaN where not timed.
     */
    public record Row(BenchCase c, Timing.Sample sample, double floorMs, double computeFloorMs, double torchMs) {
        double ms() {
            return sample.medianMs();
        }

        /** The larger of the memory and compute floors (NaN when neither applies). */
        double floor() {
            if (Double.isNaN(floorMs)) {
                return computeFloorMs;
            }
            return Double.isNaN(computeFloorMs) ? floorMs : Math.max(floorMs, computeFloorMs);
        }
    }

    private final ReportPlan plan;
    private final Consumer<String> log;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private BandwidthProbe.Result bandwidth;
    private ComputeProbe.Result compute;
    private TorchBaseline torch;
    private String cpuDescription = "not opened";

    public BenchReport(ReportPlan plan, Consumer<String> log) {
        this.plan = plan;
        this.log = log;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Runs everything and writes the three files; returns the path of report.md. */
    public Path run(Path outDir, String command) throws IOException {
        long start = System.nanoTime();
        MachineInfo machine = MachineInfo.detect();
        Map<String, Backend> backends = new LinkedHashMap<>();
        try (CpuBackend cpu = new CpuBackend()) {
            backends.put("cpu", cpu);
            cpuDescription = cpu.describe();
            log.accept("bandwidth probe on " + cpu.threads() + " threads ...");
            bandwidth = BandwidthProbe.measure(cpu.threads());
            log.accept(String.format(Locale.ROOT, "  copy %.2f GB/s, triad %.2f GB/s",
                    bandwidth.copyGBs(), bandwidth.triadGBs()));
            log.accept("compute probe on " + cpu.threads() + " threads ...");
            compute = ComputeProbe.measure(cpu.threads());
            log.accept(String.format(Locale.ROOT, "  %.1f GFLOP/s double FMA (%s)", compute.gflops(), compute.how()));
            torch = TorchBaseline.detect();
            if (torch.unavailableReason() != null) {
                notes.add("column x PyTorch left out: " + torch.unavailableReason());
                log.accept("PyTorch comparison left out: " + torch.unavailableReason());
            }
            log.accept("JIT warm-up ...");
            warmUp(cpu);
            List<BenchCase> all = new ArrayList<>(plan.projunn());
            all.addAll(plan.exact());
            int total = all.size();
            int done = 0;
            for (BenchCase c : all) {
                done++;
                if (!backends.containsKey(c.backend())) {
                    backends.put(c.backend(), BackendChoice.openOrSkip(c.backend(), msg -> {
                        log.accept(msg);
                        notes.add(msg);
                    }));
                }
                Backend b = backends.get(c.backend());
                if (b == null) {
                    continue;
                }
                boolean exact = c.op().kind() == Operation.Kind.EXACT;
                measure(c, b, done, total,
                        exact ? new Timing.Policy(0.5, 1, 200, plan.quick() ? 0.3 : 1.5) : plan.policy());
            }
            for (DType d : new DType[] {DType.FLOAT32, DType.COMPLEX64}) {
                int[] extra = plan.fastestExactOnlyAt().getOrDefault(d, new int[0]);
                Row fastest = fastestExactAtLargest(d);
                if (fastest == null) {
                    continue;
                }
                for (int n : extra) {
                    BenchCase c = new BenchCase(fastest.c().op(), n, 0, d, "cpu");
                    notes.add("at N = " + n + " (" + name(d) + ") only the fastest exact baseline at N = "
                            + fastest.c().n() + " (" + fastest.c().op().id() + ") is timed");
                    measure(c, cpu, ++done, total + extra.length, Timing.Policy.single());
                }
            }
            for (Map.Entry<String, Backend> e : backends.entrySet()) {
                if (e.getValue() != null && e.getValue() != cpu) {
                    e.getValue().close();
                }
            }
        }
        double minutes = (System.nanoTime() - start) * 1e-9 / 60;
        Files.createDirectories(outDir);
        writeCsv(outDir.resolve("results.csv"));
        Path png = outDir.resolve("time-vs-n.png");
        List<TimePlot.Curve> curves = curves();
        String plotNote;
        try {
            TimePlot.write(png, "projUNN step time vs N (k = 1), " + machine.cpuModel() + ", "
                    + machine.availableProcessors() + " cores", curves);
            plotNote = "![time vs N](time-vs-n.png)";
        } catch (NoClassDefFoundError | IOException e) {
            plotNote = "(plot not written: " + e + ")";
            log.accept("plot not written: " + e);
        }
        Path md = outDir.resolve("report.md");
        Files.writeString(md, markdown(machine, command, minutes, plotNote, curves));
        log.accept(String.format(Locale.ROOT, "wrote %s, %s, %s in %.1f min", md, png,
                outDir.resolve("results.csv"), minutes));
        return md;
    }

    /**
     * Runs steps of both dtypes at ranks 1 and 4 before the first timed case: until C2 has
     * compiled them, the Vector API kernels run orders of magnitude slower (boxed vectors), and
     * on a loaded machine the per-case warm-up is not always long enough for that.
     */
    private void warmUp(Backend cpu) {
        long each = (long) ((plan.quick() ? 0.3 : 1.5) * 1e9);
        for (DType d : new DType[] {DType.FLOAT32, DType.COMPLEX64}) {
            for (int k : new int[] {1, 4}) {
                try (Workload w = Workload.open(Operation.STEP_DIRECT, 256, k, d, cpu)) {
                    long end = System.nanoTime() + each;
                    while (System.nanoTime() < end) {
                        w.run();
                    }
                }
            }
        }
    }

    private void measure(BenchCase c, Backend backend, int index, int total, Timing.Policy policy) {
        try (Workload w = Workload.open(c.op(), c.n(), c.k(), c.dtype(), c.batch(), backend)) {
            Timing.Sample s = Timing.measure(w::run, policy);
            double floor = w.floorBytes() > 0 && c.backend().equals("cpu")
                    ? w.floorBytes() / bandwidth.triadBytesPerSecond() * 1e3 : Double.NaN;
            long fmas = c.batch() * c.op().fmas(c.n(), c.k(), c.dtype().isComplex());
            double computeFloor = fmas > 0 && c.backend().equals("cpu") ? fmas / compute.fmaPerSecond() * 1e3 : Double.NaN;
            double torchMs = Double.NaN;
            if (torch != null && torch.unavailableReason() == null && c.backend().equals("cpu")
                    && c.op().kind() == Operation.Kind.STEP && c.op() != Operation.STEP_DIRECT_AB
                    && c.op() != Operation.STEP_TANGENT_AB && (c.n() >= SLOPE_FROM_N || c.batch() > 1)) {
                torchMs = torch.medianMs(c.op().method() == org.projunn.Method.DIRECT ? "direct" : "tangent",
                        name(c.dtype()), c.n(), c.k(), c.batch(), compute.threads(), msg -> {
                            notes.add(msg);
                            log.accept(msg);
                        });
            }
            Row row = new Row(c, s, floor, computeFloor, torchMs);
            rows.add(row);
            log.accept(String.format(Locale.ROOT, "[%d/%d] %-48s %10.4f ms (%d reps)%s%s", index, total, c.label(),
                    s.medianMs(), s.reps(), Double.isNaN(row.floor()) ? "" : String.format(Locale.ROOT,
                            "  x%.2f floor", s.medianMs() / row.floor()),
                    Double.isNaN(torchMs) ? "" : String.format(Locale.ROOT, "  torch %.4f ms (x%.2f)", torchMs,
                            torchMs / s.medianMs())));
        } catch (RuntimeException e) {
            String msg = c.label() + " skipped: " + e.getMessage();
            notes.add(msg);
            log.accept(msg);
        }
    }

    private Row fastestExactAtLargest(DType d) {
        int largest = rows.stream().filter(r -> r.c().op().kind() == Operation.Kind.EXACT && r.c().dtype() == d
                        && r.c().batch() == 1)
                .mapToInt(r -> r.c().n()).max().orElse(-1);
        return rows.stream().filter(r -> r.c().op().kind() == Operation.Kind.EXACT && r.c().dtype() == d
                && r.c().n() == largest).min(java.util.Comparator.comparingDouble(Row::ms)).orElse(null);
    }

    private static String name(DType d) {
        return d.name().toLowerCase(Locale.ROOT);
    }

    private Double plainMs(int n, DType d) {
        return rows.stream().filter(r -> r.c().op() == Operation.PLAIN && r.c().n() == n && r.c().dtype() == d
                        && r.c().batch() == 1)
                .map(Row::ms).findFirst().orElse(null);
    }

    private Row bestExact(int n, DType d) {
        return rows.stream().filter(r -> r.c().op().kind() == Operation.Kind.EXACT && r.c().n() == n
                && r.c().dtype() == d && r.c().batch() == 1).min(java.util.Comparator.comparingDouble(Row::ms)).orElse(null);
    }

    /** Points (N, ms) of one operation at k (0 = any), dtype, backend, sorted by N. */
    private double[][] series(Operation op, int k, DType d, String backend) {
        List<Row> pts = rows.stream().filter(r -> r.c().op() == op && r.c().dtype() == d && r.c().batch() == 1
                && r.c().backend().equals(backend) && (k == 0 || r.c().k() == k))
                .sorted(java.util.Comparator.comparingInt(r -> r.c().n())).toList();
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i).c().n();
            out[1][i] = pts.get(i).ms();
        }
        return out;
    }

    private double[][] bestExactSeries(DType d) {
        List<double[]> pts = new ArrayList<>();
        for (int n : ReportPlan.ALL_N) {
            Row r = bestExact(n, d);
            if (r != null) {
                pts.add(new double[] {n, r.ms()});
            }
        }
        double[][] out = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            out[0][i] = pts.get(i)[0];
            out[1][i] = pts.get(i)[1];
        }
        return out;
    }

    static double slopeFrom(double[][] s, int fromN) {
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < s[0].length; i++) {
            if (s[0][i] >= fromN) {
                keep.add(new double[] {s[0][i], s[1][i]});
            }
        }
        return Slope.fit(keep.stream().mapToDouble(p -> p[0]).toArray(), keep.stream().mapToDouble(p -> p[1]).toArray());
    }

    private List<TimePlot.Curve> curves() {
        List<TimePlot.Curve> out = new ArrayList<>();
        List<String> backendNames = rows.stream().map(r -> r.c().backend()).distinct().toList();
        for (String b : backendNames) {
            for (DType d : new DType[] {DType.FLOAT32, DType.COMPLEX64}) {
                for (Operation op : new Operation[] {Operation.STEP_DIRECT, Operation.STEP_TANGENT,
                    Operation.STEP_DIRECT_AB}) {
                    addCurve(out, op.id() + " " + name(d) + (b.equals("cpu") ? "" : " [" + b + "]"),
                            series(op, 1, d, b), false);
                }
            }
        }
        for (DType d : new DType[] {DType.FLOAT32, DType.COMPLEX64}) {
            addCurve(out, "plain A += Delta " + name(d), series(Operation.PLAIN, 0, d, "cpu"), false);
            addCurve(out, "fastest exact O(N^3) " + name(d), bestExactSeries(d), false);
        }
        if (bandwidth != null) {
            double[] ns = java.util.Arrays.stream(ReportPlan.ALL_N).asDoubleStream().toArray();
            double[] floor = new double[ns.length];
            for (int i = 0; i < ns.length; i++) {
                floor[i] = Operation.STEP_DIRECT.floorBytes((int) ns[i], 4) / bandwidth.triadBytesPerSecond() * 1e3;
            }
            out.add(new TimePlot.Curve("memory floor, full step float32 (slope 2)", ns, floor, true));
        }
        return out;
    }

    private static void addCurve(List<TimePlot.Curve> out, String name, double[][] s, boolean dashed) {
        if (s[0].length == 0) {
            return;
        }
        double slope = slopeFrom(s, SLOPE_FROM_N);
        String label = Double.isNaN(slope) ? name : String.format(Locale.ROOT, "%s (slope %.2f)", name, slope);
        out.add(new TimePlot.Curve(label, s[0], s[1], dashed));
    }

    private void writeCsv(Path csv) throws IOException {
        StringBuilder sb = new StringBuilder(
                "operation,dtype,backend,n,k,median_ms,min_ms,reps,floor_ms,compute_floor_ms,torch_ms,batch\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%.6f,%.6f,%d,%s,%s,%s,%d%n", r.c().op().id(), name(r.c().dtype()),
                    r.c().backend(), r.c().n(), r.c().k(), r.ms(), r.sample().minMs(), r.sample().reps(),
                    csv(r.floorMs()), csv(r.computeFloorMs()), csv(r.torchMs()), r.c().batch()));
        }
        Files.writeString(csv, sb.toString());
    }

    private static String csv(double x) {
        return Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.6f", x);
    }

    private static String fmt(double ms) {
        if (Double.isNaN(ms)) {
            return "—";
        }
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0f", ms);
        }
        if (ms >= 1) {
            return String.format(Locale.ROOT, "%.2f", ms);
        }
        return String.format(Locale.ROOT, "%.4f", ms);
    }

    private static String ratio(double x) {
        return Double.isNaN(x) || Double.isInfinite(x) ? "—" : String.format(Locale.ROOT, "%.2f", x);
    }

    private String markdown(MachineInfo machine, String command, double minutes, String plotNote,
                            List<TimePlot.Curve> curves) {
        StringBuilder sb = new StringBuilder();
        sb.append("# projUNN benchmark report\n\n");
        sb.append("Produced by `").append(command).append("` on ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(String.format(Locale.ROOT, " (%.1f minutes).%n%n", minutes));
        sb.append("## Machine\n\n").append(machine.markdown());
        sb.append(String.format(Locale.ROOT, "- memory bandwidth (%d threads, %d MiB arrays): copy %.2f GB/s, "
                + "triad %.2f GB/s (STREAM byte counting)%n%n", bandwidth.threads(), bandwidth.arrayBytes() >> 20,
                bandwidth.copyGBs(), bandwidth.triadGBs()));
        sb.append(String.format(Locale.ROOT, "- compute (%d threads): %.1f GFLOP/s double-precision FMA (%s)%n",
                compute.threads(), compute.gflops(), compute.how()));
        sb.append("- CPU backend: ").append(cpuDescription).append("\n");
        sb.append("- PyTorch: ").append(torch == null || torch.unavailableReason() != null
                ? "not run (" + (torch == null ? "not checked" : torch.unavailableReason()) + ")"
                : "the same sketch + step in plain torch, " + torch.describe(compute.threads())
                        + ", run as a subprocess between the cases, on the same cores").append("\n\n");
        sb.append("Times are medians of in-process runs after warm-up, on one N x N matrix (batch 1), "
                + "float32 storage with double arithmetic. The memory floor is the bytes of ALGORITHMS.md "
                + "section 5 (full step: Delta read twice, A read twice and written once = 5 N^2 elements; "
                + "a, b given: 3 N^2; plain step: 3 N^2) divided by the measured **triad** bandwidth. The compute floor is the FMAs of the O(N^2 k) passes "
                + "(Operation.fmas: 7k N^2 for sketch + projUNN-T, 8k N^2 for sketch + projUNN-D, four times that "
                + "for complex) divided by the measured FMA throughput; `x floor` is the time over the larger of "
                + "the two floors. `x PyTorch`: the PyTorch time of the same step divided by this time (above 1: "
                + "projunn is faster). "
                + "Matrices up to N = 1024 (float32) fit in the last-level cache, so ratios below 1 are possible "
                + "there. `x plain`: time / plain step `A += Delta` at the same N and dtype. `O(N^3) / this`: "
                + "fastest exact baseline timed at that N divided by this time.\n\n");
        sb.append("## Goals\n\n").append(goals()).append('\n');
        sb.append("## Plot\n\n").append(plotNote).append("\n\nSlopes are least-squares fits of log(time) "
                + "against log(N) for N >= " + SLOPE_FROM_N + ":\n\n");
        for (TimePlot.Curve c : curves) {
            sb.append("- ").append(c.name()).append('\n');
        }
        sb.append('\n');
        table(sb, "Full steps", r -> r.c().op().kind() == Operation.Kind.STEP);
        table(sb, "Parts of a step (CPU)", r -> r.c().op().kind() == Operation.Kind.PART);
        table(sb, "Plain gradient step", r -> r.c().op() == Operation.PLAIN);
        table(sb, "Exact O(N^3) alternatives (EJML float32)", r -> r.c().op().kind() == Operation.Kind.EXACT);
        sb.append("Exact baselines: polar factor by full SVD (complex: SVD of the real 2N x 2N embedding, "
                + "EJML has no complex SVD); Cayley retraction `(I - W/2)^-1 (I + W/2) A`, `W = (Delta A^H - A Delta^H)/2` "
                + "(LU solve); `A expm((A^H Delta - Delta^H A)/2)` by Pade scaling and squaring on EJML products "
                + "(EJML has no expm). EJML runs its real products and SVD on all threads; its LU and its complex "
                + "products are single-threaded.\n\n");
        if (!notes.isEmpty()) {
            sb.append("## Notes\n\n");
            notes.stream().distinct().forEach(n -> sb.append("- ").append(n).append('\n'));
            sb.append('\n');
        }
        return sb.toString();
    }

    private void table(StringBuilder sb, String title, java.util.function.Predicate<Row> which) {
        List<Row> sel = rows.stream().filter(which).toList();
        if (sel.isEmpty()) {
            return;
        }
        sb.append("## ").append(title).append("\n\n");
        sb.append("| operation | dtype | backend | N | k | median ms | reps | memory floor ms | compute floor ms "
                + "| x floor | x plain | O(N^3) / this | x PyTorch |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : sel) {
            BenchCase c = r.c();
            Double plain = c.batch() == 1 ? plainMs(c.n(), c.dtype()) : null;
            Row best = c.batch() == 1 ? bestExact(c.n(), c.dtype()) : null;
            boolean isExact = c.op().kind() == Operation.Kind.EXACT;
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d | %s | %s | %s | %s | %s | %s |%n",
                    c.op().id(), name(c.dtype()), c.backend(), c.sizeLabel(), c.op().usesRank() ? String.valueOf(c.k()) : "—",
                    fmt(r.ms()), r.sample().reps(), fmt(r.floorMs()), fmt(r.computeFloorMs()), ratio(r.ms() / r.floor()),
                    plain == null ? "—" : ratio(r.ms() / plain),
                    best == null || isExact ? "—" : ratio(best.ms() / r.ms()), ratio(r.torchMs() / r.ms())));
        }
        sb.append('\n');
    }

    /** Goals of the CPU step at ranks above 1 and against PyTorch (float32 and complex64). */
    private void rankGoals(StringBuilder sb) {
        for (Row r : rows) {
            BenchCase c = r.c();
            if (c.op().kind() != Operation.Kind.STEP || !c.backend().equals("cpu")) {
                continue;
            }
            if (c.batch() > 1) {
                if (c.k() == 1 && c.dtype() == DType.FLOAT32 && !Double.isNaN(r.floorMs())) {
                    double x = r.ms() / r.floorMs();
                    sb.append(String.format(Locale.ROOT, "| batched step <= 2x memory floor | %s N=%d B=%d | %.2f | %s |%n",
                            c.op().id(), c.n(), c.batch(), x, x <= 2 ? "yes" : "**no**"));
                }
                continue;
            }
            if (c.k() == 4 && c.dtype() == DType.FLOAT32 && c.n() == 1024) {
                Row one = find(c.op(), c.n(), 1, c.dtype());
                if (one != null) {
                    double x = r.ms() / one.ms();
                    double floor = r.floor();
                    String why = x > 1.5 && floor > 1.5 * one.ms() ? String.format(Locale.ROOT,
                            " (needs %s ms, below the %s ms floor)", fmt(1.5 * one.ms()), fmt(floor)) : "";
                    sb.append(String.format(Locale.ROOT, "| k=4 <= 1.5x k=1 | %s N=%d | %.2f | %s%s |%n",
                            c.op().id(), c.n(), x, x <= 1.5 ? "yes" : "**no**", why));
                }
            }
            if (c.k() == 16 && c.dtype() == DType.FLOAT32 && c.n() == 1024 && !Double.isNaN(r.computeFloorMs())) {
                double x = r.ms() / r.computeFloorMs();
                sb.append(String.format(Locale.ROOT, "| k=16 <= 2x compute floor | %s N=%d | %.2f | %s |%n",
                        c.op().id(), c.n(), x, x <= 2 ? "yes" : "**no**"));
            }
            if (!Double.isNaN(r.torchMs()) && c.n() >= SLOPE_FROM_N) {
                double x = r.torchMs() / r.ms();
                // where a third of torch's time is below the larger floor, no implementation of
                // this arithmetic on this machine can meet the goal: say so next to the verdict
                double floor = r.floor();
                String why = x < 3 && floor > r.torchMs() / 3 ? String.format(Locale.ROOT,
                        " (needs %s ms, below the %s ms floor)", fmt(r.torchMs() / 3), fmt(floor)) : "";
                sb.append(String.format(Locale.ROOT, "| >= 3x faster than PyTorch | %s %s N=%d k=%d | %.2fx | %s%s |%n",
                        c.op().id(), name(c.dtype()), c.n(), c.k(), x, x >= 3 ? "yes" : "**no**", why));
            }
        }
    }

    private Row find(Operation op, int n, int k, DType d) {
        return rows.stream().filter(r -> r.c().op() == op && r.c().n() == n && r.c().k() == k && r.c().dtype() == d
                && r.c().batch() == 1 && r.c().backend().equals("cpu")).findFirst().orElse(null);
    }

    private String goals() {
        StringBuilder sb = new StringBuilder();
        sb.append("| goal | case | value | met |\n|---|---|---:|---|\n");
        Operation[] full = {Operation.STEP_DIRECT, Operation.STEP_TANGENT};
        for (Row r : rows) {
            BenchCase c = r.c();
            if ((c.op() == full[0] || c.op() == full[1]) && c.k() == 1 && c.dtype() == DType.FLOAT32
                    && c.n() >= 1024 && c.batch() == 1 && !Double.isNaN(r.floorMs())) {
                double x = r.ms() / r.floorMs();
                sb.append(String.format(Locale.ROOT, "| full step <= 2x memory floor | %s N=%d | %.2f | %s |%n",
                        c.op().id(), c.n(), x, x <= 2 ? "yes" : "**no**"));
            }
        }
        List<String> backendNames = rows.stream().map(r -> r.c().backend()).distinct().toList();
        for (String b : backendNames) {
            for (DType d : new DType[] {DType.FLOAT32, DType.COMPLEX64}) {
                for (Operation op : full) {
                    double[][] s = series(op, 1, d, b);
                    double slope = slopeFrom(s, SLOPE_FROM_N);
                    if (!Double.isNaN(slope)) {
                        sb.append(String.format(Locale.ROOT, "| slope in [1.8, 2.2] (N >= %d) | %s %s [%s] | %.2f | %s |%n",
                                SLOPE_FROM_N, op.id(), name(d), b, slope, slope >= 1.8 && slope <= 2.2 ? "yes" : "**no**"));
                    }
                }
            }
        }
        rankGoals(sb);
        Map<String, Double> real = new HashMap<>();
        for (Row r : rows) {
            BenchCase c = r.c();
            if ((c.op() == full[0] || c.op() == full[1]) && c.k() == 1 && c.batch() == 1) {
                Row best = bestExact(c.n(), c.dtype());
                if (c.n() == 2048 && best != null) {
                    double x = best.ms() / r.ms();
                    sb.append(String.format(Locale.ROOT, "| >= 10x faster than fastest exact at N=2048 | %s %s [%s] vs %s | %.0fx | %s |%n",
                            c.op().id(), name(c.dtype()), c.backend(), best.c().op().id(), x, x >= 10 ? "yes" : "**no**"));
                }
                if (c.dtype() == DType.FLOAT32) {
                    real.put(c.op().id() + c.backend() + c.n(), r.ms());
                }
            }
        }
        for (Row r : rows) {
            BenchCase c = r.c();
            Double re = real.get(c.op().id() + c.backend() + c.n());
            if ((c.op() == full[0] || c.op() == full[1]) && c.k() == 1 && c.dtype() == DType.COMPLEX64
                    && c.batch() == 1 && re != null && c.n() >= SLOPE_FROM_N) {
                double x = r.ms() / re;
                sb.append(String.format(Locale.ROOT, "| complex <= ~4x real | %s N=%d [%s] | %.2f | %s |%n",
                        c.op().id(), c.n(), c.backend(), x, x <= 4 ? "yes" : x <= 4.5 ? "about" : "**no**"));
            }
        }
        return sb.toString();
    }
}
