package org.projunn.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes metrics rows to a CSV file as they come, flushed per row so a long run can be watched. */
public final class MetricsCsv implements AutoCloseable {
    private final BufferedWriter writer;

    /** Creates (or replaces) the file for {@link Metrics} rows; the first line is a comment naming the settings. */
    public MetricsCsv(Path file, String settings) throws IOException {
        this(file, settings, Metrics.CSV_HEADER);
    }

    /**
     * Creates (or replaces) the file: a comment naming the settings, then {@code header}, the
     * column names of the rows to come.
     */
    public MetricsCsv(Path file, String settings, String header) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        writer.write("# " + settings);
        writer.newLine();
        writer.write(header);
        writer.newLine();
        writer.flush();
    }

    public void write(Metrics row) {
        writeRow(row.csvRow());
    }

    /** Appends one row, already formatted to the header's columns. */
    public void writeRow(String row) {
        try {
            writer.write(row);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
