package org.projunn.train.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files of MNIST (LeCun et al.): unsigned-byte images (magic {@code 0x00000803},
 * count x rows x cols) and unsigned-byte labels (magic {@code 0x00000801}, count), big-endian
 * header, raw or gzipped (recognized by the gzip magic, whatever the file name). The data must
 * be exactly as long as the header says: a truncated file or trailing bytes are errors.
 */
public final class IdxReader {
    /** Magic of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Larger dimensions than this are taken for a corrupt header rather than allocated. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    private IdxReader() {
    }

    /** Images of unsigned bytes, {@code count x rows x cols}, row-major per image. */
    public static Images readImages(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            readMagic(in, file, IMAGES_MAGIC, "images (unsigned bytes, 3 dimensions)");
            int count = readDim(in, file, "image count");
            int rows = readDim(in, file, "rows");
            int cols = readDim(in, file, "columns");
            if (rows == 0 || cols == 0) {
                throw new IdxFormatException(file, "images of " + rows + " x " + cols + " pixels");
            }
            long size = (long) count * rows * cols;
            if (size > MAX_BYTES) {
                throw new IdxFormatException(file, count + " images of " + rows + " x " + cols + " pixels is too large");
            }
            byte[] pixels = readBody(in, file, (int) size);
            return new Images(file, count, rows, cols, pixels);
        }
    }

    /** Labels of unsigned bytes, one per image. */
    public static byte[] readLabels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            readMagic(in, file, LABELS_MAGIC, "labels (unsigned bytes, 1 dimension)");
            int count = readDim(in, file, "label count");
            return readBody(in, file, count);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
            return new DataInputStream(in);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static void readMagic(DataInputStream in, Path file, int expected, String what) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(file, "truncated: shorter than the 4-byte IDX magic number");
        }
        if (magic != expected) {
            throw new IdxFormatException(file, String.format("magic number 0x%08x, expected 0x%08x for IDX %s",
                    magic, expected, what));
        }
    }

    private static int readDim(DataInputStream in, Path file, String name) throws IOException {
        int dim;
        try {
            dim = in.readInt();
        } catch (EOFException e) {
            throw new IdxFormatException(file, "truncated: the header ends before the " + name);
        }
        if (dim < 0) {
            throw new IdxFormatException(file, name + " " + Integer.toUnsignedString(dim) + " is too large");
        }
        return dim;
    }

    private static byte[] readBody(DataInputStream in, Path file, int size) throws IOException {
        byte[] data = new byte[size];
        int done = 0;
        while (done < size) {
            int n = in.read(data, done, size - done);
            if (n < 0) {
                throw new IdxFormatException(file, "truncated: " + done + " data bytes, the header announces " + size);
            }
            done += n;
        }
        if (in.read() >= 0) {
            throw new IdxFormatException(file, "longer than its header announces (" + size + " data bytes)");
        }
        return data;
    }

    /** An IDX image file's content: pixel {@code (i, r, c)} at {@code pixels[(i * rows + r) * cols + c]}, 0..255. */
    public record Images(Path file, int count, int rows, int cols, byte[] pixels) {
        /** Pixel value 0..255. */
        public int pixel(int image, int row, int col) {
            return pixels[(image * rows + row) * cols + col] & 0xff;
        }

        public int pixelsPerImage() {
            return rows * cols;
        }
    }
}
