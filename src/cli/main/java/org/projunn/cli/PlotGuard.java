package org.projunn.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Draws a training run's plots where this Java runtime can. The trimmed runtime carried to the
 * GPU machines has neither java.desktop nor XChart: there the first drawing fails with
 * {@link NoClassDefFoundError}, which is reported once, and the run goes on without plots instead
 * of dying before its summary and {@code result:} line.
 */
final class PlotGuard {
    /** One drawing: writes one or more PNG files. */
    @FunctionalInterface
    interface Drawing {
        void draw() throws IOException;
    }

    private final Consumer<String> log;
    private String unavailable;

    /** @param log where the one line saying why plots are not drawn goes */
    PlotGuard(Consumer<String> log) {
        this.log = log;
    }

    /**
     * Runs {@code drawing} unless an earlier one found that plots cannot be drawn here.
     *
     * @throws UncheckedIOException when a PNG cannot be written
     */
    void draw(Drawing drawing) {
        if (unavailable != null) {
            return;
        }
        try {
            drawing.draw();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoClassDefFoundError e) {
            unavailable = "this Java runtime cannot draw them (" + e.getMessage() + " missing)";
            log.accept("plots not drawn: " + unavailable);
        }
    }

    /** The plot's absolute path for the summary, or why it was not drawn. */
    String where(Path png) {
        return unavailable == null ? png.toAbsolutePath().normalize().toString() : "not drawn: " + unavailable;
    }
}
