package org.projunn.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Synthetic MNIST-style data for the command tests: one split's IDX image and label files. */
final class IdxFiles {
    private IdxFiles() {
    }

    /**
     * Writes {@code split-images-idx3-ubyte} and {@code split-labels-idx1-ubyte} into {@code dir}.
     *
     * @param pixels labels.length square images of side x side, row-major, one after another
     * @param labels one per image
     */
    static void writeSplit(Path dir, String split, byte[] pixels, byte[] labels, int side) throws IOException {
        int count = labels.length;
        Files.write(dir.resolve(split + "-images-idx3-ubyte"), idx(0x803, pixels, count, side, side));
        Files.write(dir.resolve(split + "-labels-idx1-ubyte"), idx(0x801, labels, count));
    }

    private static byte[] idx(int magic, byte[] body, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(body).array();
    }
}
