package org.projunn.cli;

import java.io.PrintStream;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.projunn.train.Metrics;
import org.projunn.train.TrainingRun;

/**
 * A progress bar on stderr: steps done, steps/s, ETA, the current (smoothed) training loss and the
 * last test loss (and test accuracy where the task is a classification of whole sequences).
 */
final class TrainingProgress implements TrainingRun.Listener, AutoCloseable {
    private final ProgressBar bar;
    private double smoothed = Double.NaN;
    private double lastTest = Double.NaN;
    private double lastAccuracy = Double.NaN;
    private final boolean showAccuracy;

    TrainingProgress(String name, long steps, boolean showAccuracy, PrintStream err) {
        this.showAccuracy = showAccuracy;
        this.bar = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(steps)
                .setConsumer(new ConsoleProgressBarConsumer(err, 110))
                .setUpdateIntervalMillis(500)
                .setUnit(" steps", 1)
                .showSpeed(new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
                .build();
    }

    @Override
    public void stepped(long step, double trainLoss) {
        smoothed = Double.isNaN(smoothed) ? trainLoss : 0.95 * smoothed + 0.05 * trainLoss;
        bar.stepTo(step);
        bar.setExtraMessage(showAccuracy
                ? String.format(Locale.ROOT, " loss %.4f test %.4f acc %.4f", smoothed, lastTest, lastAccuracy)
                : String.format(Locale.ROOT, " loss %.4f test %.4f", smoothed, lastTest));
    }

    @Override
    public void evaluated(Metrics metrics) {
        tested(metrics.testLoss(), metrics.testAccuracy());
    }

    /** The test loss and accuracy shown from now on. */
    void tested(double testLoss, double testAccuracy) {
        lastTest = testLoss;
        lastAccuracy = testAccuracy;
    }

    @Override
    public void close() {
        bar.close();
    }
}
