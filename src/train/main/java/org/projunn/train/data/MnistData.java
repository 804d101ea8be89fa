package org.projunn.train.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The four MNIST files of a folder, read and checked: {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte},
 * each raw or gzipped ({@code .gz}); the spelling with a dot before {@code idx} is accepted too.
 * Every split has as many labels as images, labels are 0..9, and both splits have the same
 * image size.
 */
public final class MnistData {
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    public static final int CLASSES = 10;

    private final Split train;
    private final Split test;

    private MnistData(Split train, Split test) {
        this.train = train;
        this.test = test;
    }

    /** Reads and checks the four files in {@code dir}; a missing folder or file says how to get them. */
    public static MnistData load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IdxFormatException(dir, "no such directory; " + howToGet(dir));
        }
        Split train = Split.read("train", find(dir, TRAIN_IMAGES), find(dir, TRAIN_LABELS));
        Split test = Split.read("test", find(dir, TEST_IMAGES), find(dir, TEST_LABELS));
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw new IdxFormatException(test.images().file(), "images of " + test.rows() + " x " + test.cols()
                    + " pixels, but the training images " + train.images().file() + " are " + train.rows() + " x "
                    + train.cols());
        }
        return new MnistData(train, test);
    }

    /** The sentence that tells how to fetch the files into {@code dir}. */
    public static String howToGet(Path dir) {
        return "get the MNIST files with: ./projunn data mnist " + dir;
    }

    public Split train() {
        return train;
    }

    public Split test() {
        return test;
    }

    /** The existing file for {@code name} in {@code dir}: raw or .gz, with '-idx' or '.idx'. */
    static Path find(Path dir, String name) {
        String dotted = name.replace("-idx", ".idx");
        for (String candidate : List.of(name, name + ".gz", dotted, dotted + ".gz")) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IdxFormatException(dir.resolve(name), "missing (nor " + name + ".gz); " + howToGet(dir));
    }

    /** Images with their labels. */
    public record Split(String name, IdxReader.Images images, byte[] labels) {
        static Split read(String name, Path imageFile, Path labelFile) throws IOException {
            IdxReader.Images images = IdxReader.readImages(imageFile);
            byte[] labels = IdxReader.readLabels(labelFile);
            if (labels.length != images.count()) {
                throw new IdxFormatException(labelFile, labels.length + " labels, but " + imageFile + " has "
                        + images.count() + " images");
            }
            for (int i = 0; i < labels.length; i++) {
                if ((labels[i] & 0xff) >= CLASSES) {
                    throw new IdxFormatException(labelFile, "label " + (labels[i] & 0xff) + " at index " + i
                            + " is not a digit 0..9");
                }
            }
            return new Split(name, images, labels);
        }

        public int count() {
            return images.count();
        }

        public int rows() {
            return images.rows();
        }

        public int cols() {
            return images.cols();
        }

        /** The digit of image {@code i}. */
        public int label(int i) {
            return labels[i];
        }

        /** Pixel value 0..255. */
        public int pixel(int image, int row, int col) {
            return images.pixel(image, row, col);
        }
    }
}
