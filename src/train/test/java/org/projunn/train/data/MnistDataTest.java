package org.projunn.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder of four MNIST files: names (raw, .gz, dotted), count and label checks, missing pieces. */
class MnistDataTest {
    @TempDir
    Path dir;

    private void writeSplit(String images, String labels, int count, int rows, int cols, boolean gz) throws IOException {
        byte[] px = new byte[count * rows * cols];
        byte[] lab = new byte[count];
        for (int i = 0; i < count; i++) {
            lab[i] = (byte) (i % 10);
            px[i * rows * cols] = (byte) (200 + i);
        }
        byte[] img = IdxBytes.images(count, rows, cols, px);
        byte[] lb = IdxBytes.labels(lab);
        IdxBytes.write(dir.resolve(images + (gz ? ".gz" : "")), gz ? IdxBytes.gzip(img) : img);
        IdxBytes.write(dir.resolve(labels + (gz ? ".gz" : "")), gz ? IdxBytes.gzip(lb) : lb);
    }

    @Test
    void loadsRawAndGzippedSplits() throws IOException {
        writeSplit(MnistData.TRAIN_IMAGES, MnistData.TRAIN_LABELS, 12, 3, 2, false);
        writeSplit(MnistData.TEST_IMAGES, MnistData.TEST_LABELS, 5, 3, 2, true);
        MnistData data = MnistData.load(dir);
        assertEquals(12, data.train().count());
        assertEquals(5, data.test().count());
        assertEquals(3, data.test().rows());
        assertEquals(2, data.test().cols());
        assertEquals(1, data.train().label(11));
        assertEquals(204, data.test().pixel(4, 0, 0));
    }

    @Test
    void acceptsTheDottedSpelling() throws IOException {
        writeSplit("train-images.idx3-ubyte", "train-labels.idx1-ubyte", 4, 2, 2, false);
        writeSplit("t10k-images.idx3-ubyte", "t10k-labels.idx1-ubyte", 3, 2, 2, true);
        assertEquals(4, MnistData.load(dir).train().count());
    }

    @Test
    void countMismatchNamesTheLabelFile() throws IOException {
        writeSplit(MnistData.TRAIN_IMAGES, MnistData.TRAIN_LABELS, 12, 3, 2, false);
        writeSplit(MnistData.TEST_IMAGES, MnistData.TEST_LABELS, 5, 3, 2, false);
        Path labels = IdxBytes.write(dir.resolve(MnistData.TEST_LABELS), IdxBytes.labels(new byte[4]));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.load(dir));
        assertTrue(e.getMessage().startsWith(labels.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("4 labels, but") && e.getMessage().contains("has 5 images"), e.getMessage());
    }

    @Test
    void labelsMustBeDigits() throws IOException {
        writeSplit(MnistData.TRAIN_IMAGES, MnistData.TRAIN_LABELS, 3, 3, 2, false);
        writeSplit(MnistData.TEST_IMAGES, MnistData.TEST_LABELS, 3, 3, 2, false);
        IdxBytes.write(dir.resolve(MnistData.TRAIN_LABELS), IdxBytes.labels(new byte[] {0, 10, 1}));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.load(dir));
        assertTrue(e.getMessage().contains("label 10 at index 1 is not a digit"), e.getMessage());
    }

    @Test
    void splitsMustHaveTheSameImageSize() throws IOException {
        writeSplit(MnistData.TRAIN_IMAGES, MnistData.TRAIN_LABELS, 3, 3, 2, false);
        writeSplit(MnistData.TEST_IMAGES, MnistData.TEST_LABELS, 3, 2, 3, false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.load(dir));
        assertTrue(e.getMessage().contains("images of 2 x 3 pixels, but the training images"), e.getMessage());
    }

    @Test
    void missingDirectoryAndFileSayHowToGetThem() throws IOException {
        Path none = dir.resolve("nowhere");
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.load(none));
        assertTrue(e.getMessage().startsWith(none.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no such directory; get the MNIST files with: ./projunn data mnist " + none),
                e.getMessage());

        writeSplit(MnistData.TRAIN_IMAGES, MnistData.TRAIN_LABELS, 3, 3, 2, false);
        Files.delete(dir.resolve(MnistData.TRAIN_LABELS));
        e = assertThrows(IdxFormatException.class, () -> MnistData.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve(MnistData.TRAIN_LABELS).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("missing") && e.getMessage().contains("./projunn data mnist " + dir),
                e.getMessage());
    }
}
