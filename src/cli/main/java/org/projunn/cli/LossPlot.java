package org.projunn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.projunn.train.Metrics;

/** The PNG of test loss against training step, with the task's memoryless baseline drawn in. */
final class LossPlot {
    private LossPlot() {
    }

    static void write(Path png, String title, List<Metrics> history) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double[] steps = new double[history.size()];
        double[] test = new double[history.size()];
        double[] train = new double[history.size()];
        for (int i = 0; i < steps.length; i++) {
            Metrics m = history.get(i);
            steps[i] = m.step();
            test[i] = m.testLoss();
            train[i] = m.trainLoss();
        }
        double baseline = history.get(0).baseline();
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle("training step").yAxisTitle("loss").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.addSeries("test loss", steps, test).setMarker(SeriesMarkers.NONE);
        chart.addSeries("train loss (mean since last test)", steps, train).setMarker(SeriesMarkers.NONE);
        XYSeries base = chart.addSeries("memoryless baseline", new double[] {steps[0], steps[steps.length - 1]},
                new double[] {baseline, baseline});
        base.setMarker(SeriesMarkers.NONE);
        base.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                10f, new float[] {8f, 6f}, 0f));
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
