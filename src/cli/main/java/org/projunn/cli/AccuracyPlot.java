package org.projunn.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.style.Styler;
import org.projunn.train.Metrics;

/** The PNG of test accuracy against training step, with chance (one class in ten) drawn in. */
final class AccuracyPlot {
    private static final double CHANCE = 0.1;

    private AccuracyPlot() {
    }

    static void write(Path png, String title, List<Metrics> history) throws IOException {
        double[] steps = new double[history.size()];
        double[] accuracy = new double[history.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = history.get(i).step();
            accuracy[i] = history.get(i).testAccuracy();
        }
        LinePlot plot = new LinePlot(title, "test accuracy", steps, Styler.LegendPosition.InsideSE);
        plot.styler().setYAxisMin(0.0);
        plot.styler().setYAxisMax(1.0);
        plot.points("test accuracy", accuracy)
                .reference("chance (0.1)", CHANCE)
                .write(png);
    }
}
