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

    private TrainingOutput() {
    }

    static TrainingResult run(TrainingConfig config, Path dir, boolean progress, PrintWriter out, PrintStream err)
            throws IOException {
        Path csvFile = dir.resolve(CSV);
        Path plotFile = dir.resolve(PLOT);
        out.println("training: " + config.describe());
        out.flush();
        TrainingResult result;
        try (TrainingRun run = new TrainingRun(config, msg -> err.println("projunn: " + msg));
             MetricsCsv csv = new MetricsCsv(csvFile, config.describe())) {
            out.println("projUNN steps on: " + run.backendName());
            out.printf(Locale.ROOT, "task: %s, %d steps per sequence, memoryless baseline %.6g%n",
                    run.task().name(), run.task().steps(), run.task().baseline());
            out.flush();
            String name = config.task() + " T=" + config.length();
            String title = plotTitle(config);
            List<Metrics> soFar = new ArrayList<>();
            TrainingRun.Listener listener;
            TrainingProgress bar = progress ? new TrainingProgress(name, config.steps(), err) : null;
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
                        // redrawn at every evaluation so that a run stopped early still has its plot
                        try {
                            LossPlot.write(plotFile, title, soFar);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        if (bar != null) {
                            bar.evaluated(m);
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
        LossPlot.write(plotFile, plotTitle(config), result.history());
        Metrics last = result.last();
        out.printf(Locale.ROOT, "final test loss %.6g = %.2f%% of the baseline %.6g; ||W^H W - I||_F = %.3e%n",
                last.testLoss(), 100 * last.testLoss() / last.baseline(), last.baseline(), last.unitarity());
        out.printf(Locale.ROOT, "%.2f steps/s (%d steps in %.1f s, test evaluations included)%n",
                result.stepsPerSecond(), result.steps(), result.seconds());
        out.println("metrics CSV: " + csvFile.toAbsolutePath().normalize());
        out.println("loss plot:   " + plotFile.toAbsolutePath().normalize());
        out.println(result.resultLine());
        out.flush();
        return result;
    }

    private static String plotTitle(TrainingConfig config) {
        return String.format(Locale.ROOT, "%s T=%d, hidden %d, %s: test loss", config.task(), config.length(),
                config.hidden(), config.constraint() == TrainingConfig.Constraint.NONE ? "unconstrained W"
                        : "projUNN-" + (config.method() == org.projunn.Method.DIRECT ? "D" : "T") + " rank " + config.rank());
    }
}
