package org.projunn.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The log-log plot of time against N, one series per curve, fitted slopes in the legend. */
final class TimePlot {

    /** A curve: its legend (slope included by the caller) and its points. */
    record Curve(String name, double[] n, double[] ms, boolean dashed) {
    }

    private TimePlot() {
    }

    static void write(Path png, String title, List<Curve> curves) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(1100).height(750).title(title)
                .xAxisTitle("N (matrix is N x N)").yAxisTitle("time per step (ms)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        chart.getStyler().setLegendFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        for (Curve c : curves) {
            if (c.n().length == 0) {
                continue;
            }
            XYSeries s = chart.addSeries(c.name(), c.n(), c.ms());
            s.setMarker(c.dashed() ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            if (c.dashed()) {
                s.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            }
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
