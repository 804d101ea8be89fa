package org.projunn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.projunn.train.Metrics;
import org.projunn.train.MetricsCsv;
import org.projunn.train.TrainingConfig;
import org.projunn.train.TrainingResult;
import org.projunn.train.TrainingRun;

/**
 * Runs a training configuration for the {@code train} and {@code demo} commands: progress bar on
 * stderr, metrics CSV and loss plot in the output folder, a summary on stdout that ends with the
 * {@code result:} line.
 */
final class TrainingOutput {
    static final String CSV = "metrics.csv";
    static final String PLOT = "test_loss.png";
    static final String ACCURACY_PLOT = "test_accuracy.png";
    private static final long PLOT_INTERVAL_NANOS = 60_000_000_000L;

    private TrainingOutput() {
    }

    static TrainingResult run(TrainingConfig config, Path dir, boolean progress, PrintWriter out, PrintStream err)
            throws IOException {
        Path csvFile = dir.resolve(CSV);
        out.println("training: " + config.describe());
        out.flush();
        TrainingResult result;
        Consumer<String> warn = msg -> err.println("projunn: " + msg);
        PlotGuard plots = new PlotGuard(warn);
        try (TrainingRun run = new TrainingRun(config, warn);
             MetricsCsv csv = new MetricsCsv(csvFile, config.describe())) {
            out.println("projUNN steps on: " + run.backendName());
            out.printf(Locale.ROOT, "task: %s, %d steps per sequence, memoryless baseline %.6g%n",
                    run.task().name(), run.task().steps(), run.task().baseline());
            out.flush();
            String name = config.task().equals("mnist") ? (config.permute() ? "permuted mnist" : "mnist")
                    : config.task() + " T=" + config.length();
            boolean byAccuracy = run.task().scoredByAccuracy();
            List<Metrics> soFar = new ArrayList<>();
            // the first redraw comes a minute in: shorter runs draw only once, after the timed run
            long[] lastPlot = {System.nanoTime()};
            TrainingRun.Listener listener;
            TrainingProgress bar = progress ? new TrainingProgress(name, config.steps(), byAccuracy, err) : null;
            try {
                listener = new TrainingRun.Listener() {
                    @Override
                    public void stepped(long step, double trainLoss) {
                        if (bar != null) {
                            bar.stepped(step, trainLoss);
                        }
                    }

                    @Override
                    public void evaluated(Metrics m) {
                        csv.write(m);
                        soFar.add(m);
                        if (bar != null) {
                            bar.evaluated(m);
                        }
                        // redrawn during the run (at most once a minute: a plot costs as much as many small
                        // steps) so that a run stopped early still has its plots
                        long now = System.nanoTime();
                        if (now - lastPlot[0] >= PLOT_INTERVAL_NANOS) {
                            lastPlot[0] = now;
                            plots.draw(() -> writePlots(config, dir, soFar, byAccuracy));
                        }
                    }
                };
                result = run.run(listener);
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
        }
        TrainingResult finished = result;
        plots.draw(() -> writePlots(config, dir, finished.history(), finished.task().scoredByAccuracy()));
        Metrics last = result.last();
        if (result.task().scoredByAccuracy()) {
            out.printf(Locale.ROOT, "final test accuracy %.4f on %d test images (test loss %.6g); ||W^H W - I||_F = %.3e%n",
                    last.testAccuracy(), result.task().fixedTestSize(), last.testLoss(), last.unitarity());
        } else {
            out.printf(Locale.ROOT, "final test loss %.6g = %.2f%% of the baseline %.6g; ||W^H W - I||_F = %.3e%n",
                    last.testLoss(), 100 * last.testLoss() / last.baseline(), last.baseline(), last.unitarity());
        }
        out.printf(Locale.ROOT, "%.2f steps/s (%d steps in %.1f s, test evaluations included)%n",
                result.stepsPerSecond(), result.steps(), result.seconds());
        out.println("metrics CSV: " + csvFile.toAbsolutePath().normalize());
        out.println("loss plot:   " + plots.where(dir.resolve(PLOT)));
        if (result.task().scoredByAccuracy()) {
            out.println("accuracy plot: " + plots.where(dir.resolve(ACCURACY_PLOT)));
        }
        out.println(result.resultLine());
        out.flush();
        return result;
    }

    private static void writePlots(TrainingConfig config, Path dir, List<Metrics> history, boolean accuracy)
            throws IOException {
        LossPlot.write(dir.resolve(PLOT), title(config, "test loss"), history);
        if (accuracy) {
            AccuracyPlot.write(dir.resolve(ACCURACY_PLOT), title(config, "test accuracy"), history);
        }
    }

    /** e.g. "copy T=1000, hidden 190, projUNN-T rank 1: test loss". */
    private static String title(TrainingConfig config, String what) {
        return String.format(Locale.ROOT, "%s, hidden %d, %s: %s", taskTitle(config), config.hidden(), wTitle(config),
                what);
    }

    private static String taskTitle(TrainingConfig config) {
        if (config.task().equals("mnist")) {
            return config.permute() ? "permuted MNIST" : "MNIST";
        }
        return config.task() + " T=" + config.length();
    }

    private static String wTitle(TrainingConfig config) {
        return config.constraint() == TrainingConfig.Constraint.NONE ? "unconstrained W"
                : "projUNN-" + (config.method() == org.projunn.Method.DIRECT ? "D" : "T") + " rank " + config.rank();
    }
}
