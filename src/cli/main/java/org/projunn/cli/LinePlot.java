package org.projunn.cli;

import java.awt.BasicStroke;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG line chart of metrics against training step: the one chart set-up of the train commands'
 * plots. Needs XChart and java.desktop at run time; where they are missing (the GPU machines'
 * trimmed runtime) constructing one throws {@link NoClassDefFoundError}.
 */
final class LinePlot {
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 6f}, 0f);

    private final XYChart chart;
    private final double[] steps;

    /**
     * @param steps the x values (training steps) of every series; at least one
     */
    LinePlot(String title, String yTitle, double[] steps, Styler.LegendPosition legend) {
        System.setProperty("java.awt.headless", "true");
        this.steps = steps;
        this.chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle("training step")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(legend);
    }

    XYStyler styler() {
        return chart.getStyler();
    }

    /** A series drawn as a line without markers. */
    LinePlot line(String name, double[] y) {
        chart.addSeries(name, steps, y).setMarker(SeriesMarkers.NONE);
        return this;
    }

    /** A series drawn with a circle at each point. */
    LinePlot points(String name, double[] y) {
        chart.addSeries(name, steps, y).setMarker(SeriesMarkers.CIRCLE);
        return this;
    }

    /** A dashed horizontal line at {@code y} across the steps (a baseline, chance). */
    LinePlot reference(String name, double y) {
        XYSeries s = chart.addSeries(name, new double[] {steps[0], steps[steps.length - 1]}, new double[] {y, y});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(DASHED);
        return this;
    }

    /** Writes the PNG, creating its folder. */
    void write(Path png) throws IOException {
        Path parent = png.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
