package org.projunn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A runtime that cannot draw (no XChart, no java.desktop) costs the plots, not the run. */
class PlotGuardTest {
    private final List<String> log = new ArrayList<>();
    private final PlotGuard plots = new PlotGuard(log::add);
    private int drawings;

    @Test
    void drawsAndNamesThePlot() {
        plots.draw(() -> drawings++);
        plots.draw(() -> drawings++);
        assertEquals(2, drawings);
        assertEquals(Path.of("x.png").toAbsolutePath().toString(), plots.where(Path.of("x.png")));
        assertTrue(log.isEmpty(), log.toString());
    }

    @Test
    void aMissingClassIsReportedOnceAndLaterDrawingsAreSkipped() {
        plots.draw(() -> {
            drawings++;
            throw new NoClassDefFoundError("org/knowm/xchart/XYChart");
        });
        plots.draw(() -> drawings++);
        assertEquals(1, drawings);
        assertEquals(List.of("plots not drawn: this Java runtime cannot draw them (org/knowm/xchart/XYChart missing)"),
                log);
        assertTrue(plots.where(Path.of("x.png")).startsWith("not drawn: "), plots.where(Path.of("x.png")));
    }

    @Test
    void aFailedWriteIsAnError() {
        assertThrows(UncheckedIOException.class, () -> plots.draw(() -> {
            throw new IOException("disk full");
        }));
    }
}
