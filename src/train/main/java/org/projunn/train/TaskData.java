package org.projunn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.projunn.InvalidInputException;

/**
 * The data of one training run, reproducible from a seed: a fresh training batch per step
 * (its own random stream for each step) and a fixed test set drawn once. Training sequences
 * come from the train side of the task's content partition, test sequences from the other;
 * a task with a fixed test set of its own (a real data set) is tested on all of it, in order,
 * the last batch holding the remainder.
 */
public final class TaskData {
    private static final long TEST_STREAM = 0x7E57_5E7L;

    private final Task task;
    private final long seed;
    private final int batch;
    private final List<SequenceBatch> test;

    /**
     * @param testSize number of test sequences, rounded up to whole batches (not used when the
     *                 task has a fixed test set)
     */
    public TaskData(Task task, long seed, int batch, int testSize) {
        if (batch < 1) {
            throw new InvalidInputException("batch size must be >= 1, got " + batch);
        }
        if (testSize < 1) {
            throw new InvalidInputException("test set size must be >= 1, got " + testSize);
        }
        this.task = task;
        this.seed = seed;
        this.batch = batch;
        this.test = task.fixedTestSize() > 0 ? fixedTest(task, batch) : drawnTest(task, seed, batch, testSize);
    }

    private static List<SequenceBatch> drawnTest(Task task, long seed, int batch, int testSize) {
        SplittableRandom rng = new SplittableRandom(mix(seed, TEST_STREAM));
        List<SequenceBatch> list = new ArrayList<>();
        for (int done = 0; done < testSize; done += batch) {
            SequenceBatch tb = task.newBatch(batch);
            for (int b = 0; b < batch; b++) {
                task.sample(rng, Task.Split.TEST, tb, b);
            }
            list.add(tb);
        }
        return List.copyOf(list);
    }

    private static List<SequenceBatch> fixedTest(Task task, int batch) {
        int size = task.fixedTestSize();
        List<SequenceBatch> list = new ArrayList<>();
        for (int first = 0; first < size; first += batch) {
            SequenceBatch tb = task.newBatch(Math.min(batch, size - first));
            for (int b = 0; b < tb.batch(); b++) {
                task.testSequence(first + b, tb, b);
            }
            list.add(tb);
        }
        return List.copyOf(list);
    }

    public Task task() {
        return task;
    }

    public int batchSize() {
        return batch;
    }

    /** The fixed test set, in batches. */
    public List<SequenceBatch> testBatches() {
        return test;
    }

    /** Fills {@code out} with the training batch of step {@code step} (the same for the same seed). */
    public void trainBatch(long step, SequenceBatch out) {
        SplittableRandom rng = new SplittableRandom(mix(seed, step));
        for (int b = 0; b < out.batch(); b++) {
            task.sample(rng, Task.Split.TRAIN, out, b);
        }
    }

    private static long mix(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
