package org.projunn.train;

import java.util.SplittableRandom;

/**
 * A sequence task. Synthetic tasks draw every sequence from a seeded generator, and each
 * sequence belongs to exactly one split, decided by a hash of its content, so training and test
 * sequences can never coincide. A task on a real data set (MNIST) draws training sequences from
 * its training split and has a fixed test set ({@link #fixedTestSize}).
 */
public interface Task {

    /** Which side of the train/test partition a sequence is drawn from. */
    enum Split { TRAIN, TEST }

    String name();

    int inputs();

    int outputs();

    /** Sequence length (time steps fed to the network). */
    int steps();

    /** First scored time step. */
    int lossFrom();

    Loss loss();

    /** The loss of the best memoryless answer; solving the task means going well below it. */
    double baseline();

    /** A batch shaped for this task. */
    default SequenceBatch newBatch(int batch) {
        return new SequenceBatch(inputs(), outputs(), steps(), batch, lossFrom(), loss());
    }

    /**
     * Draws one sequence of the given split from {@code rng} into entry {@code b} of {@code out}
     * (every input and target of that entry is written).
     */
    void sample(SplittableRandom rng, Split split, SequenceBatch out, int b);

    /** A 64-bit key of the content of entry {@code b} that decides its split. */
    long contentKey(SequenceBatch batch, int b);

    /**
     * The number of sequences of a fixed test set (the test split of a real data set), evaluated
     * in full and in order; 0 (the default) when test sequences are drawn by {@link #sample}.
     */
    default int fixedTestSize() {
        return 0;
    }

    /** Writes sequence {@code i} of the fixed test set into entry {@code b} of {@code out}. */
    default void testSequence(int i, SequenceBatch out, int b) {
        throw new UnsupportedOperationException(name() + " has no fixed test set");
    }

    /** The number of training sequences of a data set (an epoch), 0 (the default) for a generator. */
    default int trainingSetSize() {
        return 0;
    }

    /**
     * Whether test accuracy is this task's measure of success (classifying whole sequences),
     * rather than the test loss against {@link #baseline}.
     */
    default boolean scoredByAccuracy() {
        return false;
    }

    /** The split a content key belongs to: one key in 16 is a test key. */
    static Split splitOf(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (h & 15) == 0 ? Split.TEST : Split.TRAIN;
    }
}
