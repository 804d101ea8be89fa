package org.projunn.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.style.Styler;
import org.projunn.train.Metrics;

/** The PNG of test loss against training step, with the task's memoryless baseline drawn in. */
final class LossPlot {
    private LossPlot() {
    }

    static void write(Path png, String title, List<Metrics> history) throws IOException {
        double[] steps = new double[history.size()];
        double[] test = new double[history.size()];
        double[] train = new double[history.size()];
        for (int i = 0; i < steps.length; i++) {
            Metrics m = history.get(i);
            steps[i] = m.step();
            test[i] = m.testLoss();
            train[i] = m.trainLoss();
        }
        LinePlot plot = new LinePlot(title, "loss", steps, Styler.LegendPosition.InsideNE);
        plot.styler().setYAxisLogarithmic(true);
        plot.line("test loss", test)
                .line("train loss (mean since last test)", train)
                .reference("memoryless baseline", history.get(0).baseline())
                .write(png);
    }
}
