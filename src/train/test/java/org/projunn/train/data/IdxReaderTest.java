package org.projunn.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on tiny files written byte by byte: raw and gzipped, and every kind of bad file. */
class IdxReaderTest {
    @TempDir
    Path dir;

    /** 3 images of 2 x 4 pixels with every byte value distinct, including ones above 127. */
    private static byte[] pixels() {
        byte[] p = new byte[3 * 2 * 4];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 11 + 3);
        }
        return p;
    }

    @Test
    void readsRawImagesAndLabels() throws IOException {
        Path img = IdxBytes.write(dir.resolve("img"), IdxBytes.images(3, 2, 4, pixels()));
        Path lab = IdxBytes.write(dir.resolve("lab"), IdxBytes.labels(new byte[] {7, 0, 9}));
        IdxReader.Images images = IdxReader.readImages(img);
        assertEquals(3, images.count());
        assertEquals(2, images.rows());
        assertEquals(4, images.cols());
        assertArrayEquals(pixels(), images.pixels());
        // image 2, row 1, col 3 is byte 23: 23 * 11 + 3 = 256 -> 0; byte 22 is 245 (unsigned)
        assertEquals(0, images.pixel(2, 1, 3));
        assertEquals(245, images.pixel(2, 1, 2));
        assertArrayEquals(new byte[] {7, 0, 9}, IdxReader.readLabels(lab));
    }

    @Test
    void readsGzippedFilesWhateverTheirName() throws IOException {
        Path img = IdxBytes.write(dir.resolve("img.gz"), IdxBytes.gzip(IdxBytes.images(3, 2, 4, pixels())));
        Path lab = IdxBytes.write(dir.resolve("lab-no-suffix"), IdxBytes.gzip(IdxBytes.labels(new byte[] {1, 2, 3})));
        assertArrayEquals(pixels(), IdxReader.readImages(img).pixels());
        assertArrayEquals(new byte[] {1, 2, 3}, IdxReader.readLabels(lab));
    }

    @Test
    void zeroImagesIsAnEmptyFile() throws IOException {
        Path img = IdxBytes.write(dir.resolve("img"), IdxBytes.images(0, 28, 28, new byte[0]));
        assertEquals(0, IdxReader.readImages(img).count());
    }

    @Test
    void badMagicNamesTheFileAndBothNumbers() throws IOException {
        Path labelsAsImages = IdxBytes.write(dir.resolve("swapped"), IdxBytes.labels(new byte[] {1, 2}));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(labelsAsImages));
        assertTrue(e.getMessage().startsWith(labelsAsImages.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000801") && e.getMessage().contains("0x00000803"), e.getMessage());

        Path floats = IdxBytes.write(dir.resolve("floats"), IdxBytes.withHeader(new byte[8], 0x00000D01, 2));
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(floats));
        assertTrue(e.getMessage().contains("magic number 0x00000d01"), e.getMessage());
    }

    @Test
    void wrongDimensionsAreRejected() throws IOException {
        // labels header with 3 dimensions instead of 1: magic 0x0803 read as labels is a bad magic,
        // images with a label-style header (one dimension) run out of header
        Path oneDim = IdxBytes.write(dir.resolve("onedim"), IdxBytes.withHeader(new byte[0], IdxReader.IMAGES_MAGIC, 5));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(oneDim));
        assertTrue(e.getMessage().contains("header ends before the rows"), e.getMessage());

        Path zeroRows = IdxBytes.write(dir.resolve("zerorows"), IdxBytes.images(2, 0, 4, new byte[0]));
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(zeroRows));
        assertTrue(e.getMessage().contains("images of 0 x 4 pixels"), e.getMessage());

        Path negative = IdxBytes.write(dir.resolve("negative"), IdxBytes.images(-1, 28, 28, new byte[0]));
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(negative));
        assertTrue(e.getMessage().contains("image count 4294967295 is too large"), e.getMessage());

        Path huge = IdxBytes.write(dir.resolve("huge"), IdxBytes.images(60000, 28000, 28, new byte[0]));
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(huge));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void truncatedAndOverlongFilesAreRejected() throws IOException {
        byte[] full = IdxBytes.images(3, 2, 4, pixels());
        Path cut = IdxBytes.write(dir.resolve("cut"), Arrays.copyOf(full, full.length - 1));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(cut));
        assertTrue(e.getMessage().startsWith(cut.toString()) && e.getMessage().contains("truncated: 23 data bytes"),
                e.getMessage());

        Path cutGz = IdxBytes.write(dir.resolve("cut.gz"), IdxBytes.gzip(Arrays.copyOf(full, full.length - 5)));
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(cutGz));
        assertTrue(e.getMessage().contains("truncated: 19 data bytes, the header announces 24"), e.getMessage());

        Path headerOnly = IdxBytes.write(dir.resolve("short"), new byte[] {0, 0, 8});
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(headerOnly));
        assertTrue(e.getMessage().contains("shorter than the 4-byte IDX magic"), e.getMessage());

        Path longer = IdxBytes.write(dir.resolve("long"), Arrays.copyOf(IdxBytes.labels(new byte[] {1, 2}), 11));
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(longer));
        assertTrue(e.getMessage().contains("longer than its header announces (2 data bytes)"), e.getMessage());
    }

    @Test
    void missingFile() {
        Path none = dir.resolve("absent");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxReader.readLabels(none));
        assertEquals(none.toString(), e.getFile());
    }
}
