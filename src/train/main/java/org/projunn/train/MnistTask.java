package org.projunn.train;

import java.util.SplittableRandom;
import org.projunn.InvalidInputException;
import org.projunn.train.data.MnistData;

/**
 * Pixel-by-pixel MNIST (Le et al. 2015): an image is a sequence of its rows x cols pixels
 * (784 for MNIST), one input per step with value pixel / 255, read row by row or, permuted, in an
 * order fixed by the seed; the class (10 outputs) is scored at the last step by cross-entropy.
 * Training batches draw images of the training split uniformly with replacement; the test set
 * is the test split (or its first images), evaluated in full. The memoryless baseline is the
 * entropy of the training labels (about ln 10): the loss of answering the class frequencies.
 */
public final class MnistTask implements Task {
    private final byte[] trainPixels;
    private final byte[] trainLabels;
    private final byte[] testPixels;
    private final byte[] testLabels;
    private final int trainCount;
    private final int testCount;
    private final int length;
    private final boolean permuted;
    private final int[] order;
    private final double baseline;

    /**
     * @param trainSize images taken from the start of the training split (0: all)
     * @param testSize  images taken from the start of the test split (0: all)
     * @param permuted  feed the pixels in a fixed random order drawn from {@code seed}
     */
    public MnistTask(MnistData data, boolean permuted, long seed, int trainSize, int testSize) {
        this.trainCount = subset("training", trainSize, data.train().count());
        this.testCount = subset("test", testSize, data.test().count());
        this.length = data.train().rows() * data.train().cols();
        this.trainPixels = data.train().images().pixels();
        this.trainLabels = data.train().labels();
        this.testPixels = data.test().images().pixels();
        this.testLabels = data.test().labels();
        this.permuted = permuted;
        this.order = permuted ? permutation(length, seed) : identity(length);
        this.baseline = labelEntropy(trainLabels, trainCount);
    }

    private static int subset(String split, int requested, int available) {
        if (requested < 0) {
            throw new InvalidInputException(split + " subset size must be >= 0 (0: all), got " + requested);
        }
        if (requested > available) {
            throw new InvalidInputException(split + " subset of " + requested + " images, but the " + split
                    + " split has " + available);
        }
        int n = requested == 0 ? available : requested;
        if (n == 0) {
            throw new InvalidInputException("the " + split + " split has no images");
        }
        return n;
    }

    /** A Fisher-Yates shuffle of 0..n-1 from its own stream of the seed. */
    static int[] permutation(int n, long seed) {
        int[] p = identity(n);
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5EED_9E43_0DE1_0784L);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    private static double labelEntropy(byte[] labels, int count) {
        int[] freq = new int[MnistData.CLASSES];
        for (int i = 0; i < count; i++) {
            freq[labels[i]]++;
        }
        double h = 0;
        for (int f : freq) {
            if (f > 0) {
                double p = (double) f / count;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    @Override
    public String name() {
        return "mnist";
    }

    public boolean permuted() {
        return permuted;
    }

    /** Step t reads pixel {@code order()[t]} (row-major index). */
    public int[] order() {
        return order.clone();
    }

    @Override
    public int trainingSetSize() {
        return trainCount;
    }

    @Override
    public int inputs() {
        return 1;
    }

    @Override
    public int outputs() {
        return MnistData.CLASSES;
    }

    @Override
    public int steps() {
        return length;
    }

    @Override
    public int lossFrom() {
        return length - 1;
    }

    @Override
    public Loss loss() {
        return Loss.CROSS_ENTROPY;
    }

    @Override
    public double baseline() {
        return baseline;
    }

    @Override
    public boolean scoredByAccuracy() {
        return true;
    }

    @Override
    public int fixedTestSize() {
        return testCount;
    }

    @Override
    public void sample(SplittableRandom rng, Split split, SequenceBatch out, int b) {
        if (split == Split.TRAIN) {
            write(trainPixels, trainLabels, rng.nextInt(trainCount), out, b);
        } else {
            write(testPixels, testLabels, rng.nextInt(testCount), out, b);
        }
    }

    @Override
    public void testSequence(int i, SequenceBatch out, int b) {
        if (i < 0 || i >= testCount) {
            throw new InvalidInputException("test image " + i + " outside 0.." + (testCount - 1));
        }
        write(testPixels, testLabels, i, out, b);
    }

    private void write(byte[] pixels, byte[] labels, int image, SequenceBatch out, int b) {
        int batch = out.batch();
        double[] x = out.inputsArray();
        int base = image * length;
        for (int t = 0; t < length; t++) {
            x[t * batch + b] = (pixels[base + order[t]] & 0xff) / 255.0;
        }
        out.labels()[b] = labels[image];
    }

    /** Splits come from the data set's files; the key is a hash of the pixels, kept for the interface. */
    @Override
    public long contentKey(SequenceBatch batch, int b) {
        long key = 0;
        double[] x = batch.inputsArray();
        for (int t = 0; t < length; t++) {
            key = key * 31 + Math.round(x[t * batch.batch() + b] * 255);
        }
        return key;
    }
}
