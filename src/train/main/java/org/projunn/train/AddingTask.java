package org.projunn.train;

import java.util.SplittableRandom;
import org.projunn.InvalidInputException;

/**
 * The adding problem (Hochreiter and Schmidhuber 1997; Arjovsky et al. 2016): T steps of two
 * inputs, a value uniform in [0, 1] and a marker that is 1 at exactly two steps, one in each
 * half; the target, scored at the last step by squared error, is the sum of the two marked
 * values. Always answering 1 scores the variance of that sum, 1/6 (about 0.167).
 */
public final class AddingTask implements Task {
    private final int length;

    public AddingTask(int length) {
        if (length < 2) {
            throw new InvalidInputException("adding problem length T must be >= 2, got " + length);
        }
        this.length = length;
    }

    @Override
    public String name() {
        return "adding";
    }

    @Override
    public int inputs() {
        return 2;
    }

    @Override
    public int outputs() {
        return 1;
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
        return Loss.MSE;
    }

    @Override
    public double baseline() {
        return 1.0 / 6.0;
    }

    @Override
    public void sample(SplittableRandom rng, Split split, SequenceBatch out, int b) {
        int batch = out.batch();
        double[] x = out.inputsArray();
        do {
            int half = length / 2;
            int first = rng.nextInt(half);
            int second = half + rng.nextInt(length - half);
            for (int t = 0; t < length; t++) {
                int col = t * batch + b;
                x[col * 2] = rng.nextDouble();
                x[col * 2 + 1] = t == first || t == second ? 1 : 0;
            }
            out.targets()[b] = x[(first * batch + b) * 2] + x[(second * batch + b) * 2];
        } while (Task.splitOf(contentKey(out, b)) != split);
    }

    @Override
    public long contentKey(SequenceBatch batch, int b) {
        long key = 0;
        double[] x = batch.inputsArray();
        for (int t = 0; t < length; t++) {
            int col = t * batch.batch() + b;
            key = key * 31 + Double.doubleToLongBits(x[col * 2]);
            key = key * 31 + (x[col * 2 + 1] != 0 ? 1 : 0);
        }
        return key;
    }
}
