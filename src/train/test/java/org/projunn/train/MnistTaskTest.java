package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.projunn.InvalidInputException;
import org.projunn.train.data.IdxBytes;
import org.projunn.train.data.MnistData;
import org.projunn.parallel.WorkerPool;

/**
 * Pixel-by-pixel MNIST on tiny IDX files: the sequence of an image, the seeded permutation, the
 * label at the last step, the baseline, subsets, the fixed test set and the accuracy count.
 */
class MnistTaskTest {
    private static final int ROWS = 3;
    private static final int COLS = 4;
    private static final int PIXELS = ROWS * COLS;

    @TempDir
    Path dir;
    private MnistData data;

    /** Image i has pixel p = (17 i + 5 p) mod 256 and label i mod 10 (train) or (i + 3) mod 10 (test). */
    private static byte[] pixels(int count) {
        byte[] px = new byte[count * PIXELS];
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < PIXELS; p++) {
                px[i * PIXELS + p] = (byte) (17 * i + 5 * p);
            }
        }
        return px;
    }

    private static byte[] labels(int count, int shift) {
        byte[] l = new byte[count];
        for (int i = 0; i < count; i++) {
            l[i] = (byte) ((i + shift) % 10);
        }
        return l;
    }

    @BeforeEach
    void files() throws IOException {
        IdxBytes.write(dir.resolve(MnistData.TRAIN_IMAGES), IdxBytes.images(20, ROWS, COLS, pixels(20)));
        IdxBytes.write(dir.resolve(MnistData.TRAIN_LABELS), IdxBytes.labels(labels(20, 0)));
        IdxBytes.write(dir.resolve(MnistData.TEST_IMAGES), IdxBytes.images(7, ROWS, COLS, pixels(7)));
        IdxBytes.write(dir.resolve(MnistData.TEST_LABELS), IdxBytes.labels(labels(7, 3)));
        data = MnistData.load(dir);
    }

    @Test
    void shapeAndBaseline() {
        MnistTask task = new MnistTask(data, false, 1, 0, 0);
        assertEquals(PIXELS, task.steps());
        assertEquals(1, task.inputs());
        assertEquals(10, task.outputs());
        assertEquals(PIXELS - 1, task.lossFrom());
        assertEquals(Loss.CROSS_ENTROPY, task.loss());
        assertEquals(20, task.trainingSetSize());
        assertEquals(7, task.fixedTestSize());
        assertTrue(task.scoredByAccuracy());
        // 20 labels, two of each digit: uniform, entropy ln 10
        assertEquals(Math.log(10), task.baseline(), 1e-15);
        // the first 5: digits 0..4 once each, entropy ln 5
        assertEquals(Math.log(5), new MnistTask(data, false, 1, 5, 0).baseline(), 1e-15);
    }

    @Test
    void testSequenceIsTheImageRowByRowScaledTo01() {
        MnistTask task = new MnistTask(data, false, 1, 0, 0);
        SequenceBatch b = task.newBatch(3);
        task.testSequence(6, b, 1);
        double[] x = b.inputsArray();
        for (int t = 0; t < PIXELS; t++) {
            int expected = (17 * 6 + 5 * t) & 0xff;
            assertEquals(expected / 255.0, x[t * 3 + 1], 0, "step " + t);
        }
        assertEquals((6 + 3) % 10, b.labels()[1]);
    }

    @Test
    void permutationIsFixedBySeedAndAppliedToEveryImage() {
        MnistTask a = new MnistTask(data, true, 7, 0, 0);
        MnistTask same = new MnistTask(data, true, 7, 0, 0);
        MnistTask other = new MnistTask(data, true, 8, 0, 0);
        int[] order = a.order();
        assertArrayEquals(order, same.order());
        assertFalse(Arrays.equals(order, other.order()), "another seed, another order");
        assertFalse(Arrays.equals(order, new MnistTask(data, false, 7, 0, 0).order()), "permuted differs from identity");
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < PIXELS; i++) {
            assertEquals(i, sorted[i], "a permutation of the pixels");
        }
        SequenceBatch b = a.newBatch(1);
        a.testSequence(4, b, 0);
        for (int t = 0; t < PIXELS; t++) {
            assertEquals(((17 * 4 + 5 * order[t]) & 0xff) / 255.0, b.inputsArray()[t], 0, "step " + t);
        }
    }

    @Test
    void trainingDrawsComeFromTheTrainingSubset() {
        MnistTask task = new MnistTask(data, false, 1, 6, 0);
        SequenceBatch b = task.newBatch(64);
        SplittableRandom rng = new SplittableRandom(3);
        boolean[] seen = new boolean[20];
        for (int e = 0; e < 64; e++) {
            task.sample(rng, Task.Split.TRAIN, b, e);
            // pixel 0 of image i is 17 i: recover i and check its label
            int image = (int) Math.round(b.inputsArray()[e] * 255) / 17;
            assertTrue(image < 6, "image " + image + " outside the subset of 6");
            assertEquals(image % 10, b.labels()[e]);
            seen[image] = true;
        }
        for (int i = 0; i < 6; i++) {
            assertTrue(seen[i], "image " + i + " drawn in 64 draws");
        }
    }

    @Test
    void fixedTestSetInOrderWithAShortLastBatch() {
        MnistTask task = new MnistTask(data, false, 1, 0, 0);
        TaskData td = new TaskData(task, 1, 3, 512);
        List<SequenceBatch> test = td.testBatches();
        assertEquals(3, test.size(), "7 images in batches of 3");
        assertEquals(List.of(3, 3, 1), test.stream().map(SequenceBatch::batch).toList());
        int image = 0;
        for (SequenceBatch b : test) {
            for (int e = 0; e < b.batch(); e++, image++) {
                assertEquals((image + 3) % 10, b.labels()[e]);
                assertEquals(((17 * image) & 0xff) / 255.0, b.inputsArray()[e], 0);
            }
        }
        assertEquals(2, new TaskData(new MnistTask(data, false, 1, 0, 4), 1, 3, 512).testBatches().size());
    }

    @Test
    void badSubsets() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new MnistTask(data, false, 1, 21, 0));
        assertTrue(e.getMessage().contains("training subset of 21 images, but the training split has 20"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> new MnistTask(data, false, 1, 0, -1));
        assertTrue(e.getMessage().contains("test subset size must be >= 0"), e.getMessage());
    }

    @Test
    void accuracyCountsTheLargestOutput() {
        // read-out weights zero and bias favouring class 4: every answer is 4, so the accuracy is the share of 4s
        MnistTask task = new MnistTask(data, false, 1, 0, 0);
        RecurrentNetwork net = new RecurrentNetwork(1, 8, 10, false, Init.RANDOM, 1);
        Arrays.fill(net.readout().value(), 0);
        Arrays.fill(net.readoutBias().value(), 0);
        net.readoutBias().value()[4] = 3;
        try (WorkerPool pool = new WorkerPool(1)) {
            Bptt<?> bptt = Bptt.create(net, org.projunn.DType.FLOAT64, pool);
            SequenceBatch b = task.newBatch(7);
            for (int i = 0; i < 7; i++) {
                task.testSequence(i, b, i);
            }
            Evaluation ev = bptt.evaluate(b);
            // test labels (i + 3) mod 10 for i < 7: 3,4,5,6,7,8,9 -> one 4
            assertEquals(1, ev.correct());
            assertEquals(7, ev.scored());
            assertEquals(1.0 / 7, ev.accuracy(), 0);
            // softmax of (3, 0 x 9): loss of a 4 is -ln(e^3 / (e^3 + 9)), of any other label -ln(1 / (e^3 + 9))
            double z = Math.exp(3) + 9;
            double expected = (-(3 - Math.log(z)) + 6 * Math.log(z)) / 7;
            assertEquals(expected, ev.loss(), 1e-12);
            assertEquals(ev.loss(), bptt.loss(b), 0);
        }
    }
}
