package org.projunn.train.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** IDX files built byte by byte for the tests (big-endian header, as the format defines). */
final class IdxBytes {
    private IdxBytes() {
    }

    static byte[] images(int count, int rows, int cols, byte[] pixels) {
        return withHeader(pixels, IdxReader.IMAGES_MAGIC, count, rows, cols);
    }

    static byte[] labels(byte[] labels) {
        return withHeader(labels, IdxReader.LABELS_MAGIC, labels.length);
    }

    static byte[] withHeader(byte[] body, int magic, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body.length); // big-endian by default
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(body);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        return file;
    }
}
