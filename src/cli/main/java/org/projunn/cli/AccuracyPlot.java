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

/** The PNG of test accuracy against training step, with chance (one class in ten) drawn in. */
final class AccuracyPlot {
    private static final double CHANCE = 0.1;

    private AccuracyPlot() {
    }

    static void write(Path png, String title, List<Metrics> history) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double[] steps = new double[history.size()];
        double[] accuracy = new double[history.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = history.get(i).step();
            accuracy[i] = history.get(i).testAccuracy();
        }
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle("training step").yAxisTitle("test accuracy").build();
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        chart.addSeries("test accuracy", steps, accuracy).setMarker(SeriesMarkers.CIRCLE);
        XYSeries chance = chart.addSeries("chance (0.1)", new double[] {steps[0], steps[steps.length - 1]},
                new double[] {CHANCE, CHANCE});
        chance.setMarker(SeriesMarkers.NONE);
        chance.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                10f, new float[] {8f, 6f}, 0f));
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
