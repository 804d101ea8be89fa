package org.projunn.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.knowm.xchart.style.Styler;
import org.projunn.train.MetricsCsv;
import org.projunn.train.conv.ConvMetrics;
import org.projunn.train.conv.ConvMnistConfig;
import org.projunn.train.conv.ConvMnistRun;
import org.projunn.train.data.MnistData;

/**
 * Runs {@code train conv-mnist}: progress bar on stderr, metrics.csv and the plot (test loss, train
 * loss, test error) in the output folder, a summary on stdout ending with the {@code result:} line.
 */
final class ConvMnistOutput {
    private ConvMnistOutput() {
    }

    static ConvMnistRun.Result run(ConvMnistConfig config, MnistData data, Path dir, boolean progress, PrintWriter out,
                                   PrintStream err) throws IOException {
        Path csvFile = dir.resolve(TrainingOutput.CSV);
        Path plotFile = dir.resolve(TrainingOutput.PLOT);
        out.println("training: " + config.describe());
        out.flush();
        ConvMnistRun.Result result;
        Consumer<String> warn = msg -> err.println("projunn: " + msg);
        PlotGuard plots = new PlotGuard(warn);
        try (ConvMnistRun run = new ConvMnistRun(config, data, warn)) {
            Files.createDirectories(dir);
            out.println("projUNN steps on: " + run.backendName());
            out.printf(Locale.ROOT, "data: %d training and %d test images of %d x %d pixels%n", data.train().count(),
                    data.test().count(), data.train().rows(), data.train().cols());
            out.flush();
            String title = String.format(Locale.ROOT, "conv-mnist, %d channels x %d layers, %s", config.channels(),
                    config.layers(), config.constraint() == org.projunn.train.TrainingConfig.Constraint.NONE
                            ? "unconstrained" : "projUNN-" + (config.method() == org.projunn.Method.DIRECT ? "D" : "T")
                            + " rank " + config.rank());
            List<ConvMetrics> soFar = new ArrayList<>();
            TrainingProgress bar = progress ? new TrainingProgress("conv-mnist", config.steps(), true, err) : null;
            try (MetricsCsv csv = new MetricsCsv(csvFile, config.describe(), ConvMetrics.CSV_HEADER)) {
                result = run.run(new ConvMnistRun.Listener() {
                    @Override
                    public void stepped(long step, double trainLoss) {
                        if (bar != null) {
                            bar.stepped(step, trainLoss);
                        }
                    }

                    @Override
                    public void evaluated(ConvMetrics m) {
                        soFar.add(m);
                        csv.writeRow(m.csvRow());
                        // redrawn at every evaluation so that a run stopped early keeps its plot
                        plots.draw(() -> plot(plotFile, title, soFar));
                        if (bar != null) {
                            bar.tested(m.testLoss(), m.testAccuracy());
                        }
                    }
                });
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
        }
        ConvMetrics last = result.last();
        out.printf(Locale.ROOT, "final test loss %.4f, test accuracy %.4f; max ||U^H U - I||_F over frequencies = %.3e%n",
                last.testLoss(), last.testAccuracy(), last.unitarity());
        out.printf(Locale.ROOT, "%.2f steps/s (%d steps in %.1f s, test evaluations included)%n",
                result.steps() / result.seconds(), result.steps(), result.seconds());
        out.println("metrics CSV: " + csvFile.toAbsolutePath().normalize());
        out.println("loss plot:   " + plots.where(plotFile));
        out.println(result.resultLine());
        out.flush();
        return result;
    }

    static void plot(Path png, String title, List<ConvMetrics> history) throws IOException {
        int n = history.size();
        double[] steps = new double[n];
        double[] test = new double[n];
        double[] train = new double[n];
        double[] error = new double[n];
        for (int i = 0; i < n; i++) {
            ConvMetrics m = history.get(i);
            steps[i] = m.step();
            test[i] = m.testLoss();
            train[i] = m.trainLoss();
            error[i] = 1 - m.testAccuracy();
        }
        // linear: the test error can reach 0 on easy data
        new LinePlot(title, "cross-entropy / error rate", steps, Styler.LegendPosition.InsideNE)
                .line("test loss", test)
                .line("train loss (mean since last test)", train)
                .line("test error (1 - accuracy)", error)
                .write(png);
    }
}
