package org.projunn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        try (TrainingRun run = new TrainingRun(config, msg -> err.println("projunn: " + msg));
             MetricsCsv csv = new MetricsCsv(csvFile, config.describe())) {
            out.println("projUNN steps on: " + run.backendName());
            out.printf(Locale.ROOT, "task: %s, %d steps per sequence, memoryless baseline %.6g%n",
                    run.task().name(), run.task().steps(), run.task().baseline());
            out.flush();
            String name = config.task().equals("mnist") ? (config.permute() ? "permuted mnist" : "mnist")
                    : config.task() + " T=" + config.length();
            boolean byAccuracy = run.task().scoredByAccuracy();
            List<Metrics> soFar = new ArrayList<>();
            long[] lastPlot = {System.nanoTime() - PLOT_INTERVAL_NANOS};
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
                            writePlots(config, dir, soFar, byAccuracy);
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
        writePlots(config, dir, result.history(), result.task().scoredByAccuracy());
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
        out.println("loss plot:   " + dir.resolve(PLOT).toAbsolutePath().normalize());
        if (result.task().scoredByAccuracy()) {
            out.println("accuracy plot: " + dir.resolve(ACCURACY_PLOT).toAbsolutePath().normalize());
        }
        out.println(result.resultLine());
        out.flush();
        return result;
    }

    private static void writePlots(TrainingConfig config, Path dir, List<Metrics> history, boolean accuracy) {
        try {
            LossPlot.write(dir.resolve(PLOT), plotTitle(config), history);
            if (accuracy) {
                AccuracyPlot.write(dir.resolve(ACCURACY_PLOT), accuracyTitle(config), history);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plotTitle(TrainingConfig config) {
        return String.format(Locale.ROOT, "%s, hidden %d, %s: test loss", taskTitle(config), config.hidden(), wTitle(config));
    }

    private static String accuracyTitle(TrainingConfig config) {
        return String.format(Locale.ROOT, "%s, hidden %d, %s: test accuracy", taskTitle(config), config.hidden(),
                wTitle(config));
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
