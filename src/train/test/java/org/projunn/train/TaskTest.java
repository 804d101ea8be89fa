package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.projunn.parallel.WorkerPool;

/** Task generators: layout, baselines computed by the loss code, reproducibility, disjoint splits. */
class TaskTest {
    private static WorkerPool pool;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(1);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void copySequenceLayout() {
        int delay = 7;
        CopyTask task = new CopyTask(delay);
        SequenceBatch b = task.newBatch(3);
        new TaskData(task, 1, 3, 3).trainBatch(5, b);
        double[] x = b.inputsArray();
        int[] labels = b.labels();
        for (int e = 0; e < 3; e++) {
            for (int t = 0; t < delay + 20; t++) {
                int col = t * 3 + e;
                int code = -1;
                for (int i = 0; i < 10; i++) {
                    if (x[col * 10 + i] == 1) {
                        assertEquals(-1, code, "one-hot");
                        code = i;
                    }
                }
                if (t < 10) {
                    assertTrue(code >= 1 && code <= 8);
                    assertEquals(code, labels[(t + delay + 10) * 3 + e], "recalled symbol");
                } else {
                    assertEquals(t == delay + 9 ? 9 : 0, code, "step " + t);
                }
                if (t < delay + 10) {
                    assertEquals(0, labels[col]);
                }
            }
        }
    }

    @Test
    void copyBaselineIsWhatTheLossCodeGivesTheMemorylessAnswer() {
        // blank with certainty until the recall, then uniform over the 8 symbols
        int delay = 13;
        CopyTask task = new CopyTask(delay);
        int batch = 4;
        SequenceBatch b = task.newBatch(batch);
        new TaskData(task, 2, batch, batch).trainBatch(1, b);
        RnnMath64 k = new RnnMath64(pool);
        int cols = task.steps() * batch;
        double[][] logits = k.matrix(cols, 9);
        for (int t = 0; t < task.steps(); t++) {
            for (int e = 0; e < batch; e++) {
                double[] y = logits[t * batch + e];
                if (t < delay + 10) {
                    y[0] = 100;
                } else {
                    y[0] = -100;
                }
            }
        }
        double loss = k.crossEntropy(logits, 0, cols, b.labels(), 1, null) / cols;
        assertEquals(10 * Math.log(8) / (delay + 20), loss, 1e-12);
        assertEquals(task.baseline(), loss, 1e-12);
    }

    @Test
    void addingBaselineIsTheVarianceOfTheSum() {
        AddingTask task = new AddingTask(20);
        int batch = 500;
        TaskData data = new TaskData(task, 3, batch, batch);
        RnnMath64 k = new RnnMath64(pool);
        double[][] ones = k.matrix(batch, 1);
        for (double[] c : ones) {
            c[0] = 1;
        }
        SequenceBatch b = task.newBatch(batch);
        double sum = 0;
        int rounds = 20;
        for (int r = 0; r < rounds; r++) {
            data.trainBatch(r, b);
            sum += k.squaredError(ones, 0, batch, b.targets(), 1, null) / batch;
            // exactly two markers, one per half, and the target is their values' sum
            for (int e = 0; e < batch; e++) {
                double target = 0;
                int markers = 0;
                for (int t = 0; t < 20; t++) {
                    int col = t * batch + e;
                    if (b.inputsArray()[col * 2 + 1] == 1) {
                        markers++;
                        target += b.inputsArray()[col * 2];
                        assertEquals(markers == 1, t < 10);
                    }
                }
                assertEquals(2, markers);
                assertEquals(target, b.targets()[e], 1e-15);
            }
        }
        // 10000 samples: the standard error of the mean squared error is about 0.0016
        assertEquals(task.baseline(), sum / rounds, 0.01);
        assertEquals(1.0 / 6, task.baseline(), 1e-15);
    }

    @Test
    void sameSeedSameData() {
        CopyTask task = new CopyTask(5);
        SequenceBatch a = task.newBatch(8);
        SequenceBatch b = task.newBatch(8);
        new TaskData(task, 42, 8, 8).trainBatch(3, a);
        new TaskData(task, 42, 8, 8).trainBatch(3, b);
        assertEquals(java.util.Arrays.toString(a.labels()), java.util.Arrays.toString(b.labels()));
        new TaskData(task, 42, 8, 8).trainBatch(4, b);
        assertNotEquals(java.util.Arrays.toString(a.labels()), java.util.Arrays.toString(b.labels()));
    }

    @Test
    void trainAndTestSetsAreDisjoint() {
        for (Task task : new Task[] {new CopyTask(4), new AddingTask(6)}) {
            int batch = 64;
            TaskData data = new TaskData(task, 7, batch, 1024);
            Set<Long> test = new HashSet<>();
            for (SequenceBatch b : data.testBatches()) {
                for (int e = 0; e < batch; e++) {
                    long key = task.contentKey(b, e);
                    assertEquals(Task.Split.TEST, Task.splitOf(key));
                    test.add(key);
                }
            }
            assertTrue(test.size() > 900, "test set has " + test.size() + " distinct sequences");
            SequenceBatch b = task.newBatch(batch);
            for (int step = 1; step <= 300; step++) {
                data.trainBatch(step, b);
                for (int e = 0; e < batch; e++) {
                    long key = task.contentKey(b, e);
                    assertEquals(Task.Split.TRAIN, Task.splitOf(key));
                    assertFalse(test.contains(key), task.name() + ": a training sequence is in the test set");
                }
            }
        }
    }

    @Test
    void splitsPartitionTheKeys() {
        SplittableRandom rng = new SplittableRandom(1);
        int tests = 0;
        for (int i = 0; i < 100_000; i++) {
            if (Task.splitOf(rng.nextLong()) == Task.Split.TEST) {
                tests++;
            }
        }
        assertEquals(100_000 / 16.0, tests, 400);
    }
}
