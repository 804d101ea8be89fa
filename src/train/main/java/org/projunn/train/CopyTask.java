package org.projunn.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.projunn.InvalidInputException;

/**
 * The copy-memory task (Hochreiter and Schmidhuber 1997; Arjovsky et al. 2016): 10 symbols from
 * 8 classes, T - 1 blanks, a marker, then 10 blanks during which the network must output the 10
 * symbols; T + 20 steps in all. Inputs are one-hot over 10 codes (0 blank, 1-8 symbols, 9 marker),
 * outputs are 9 classes (blank and the symbols), scored at every step by cross-entropy.
 * Answering blank and then uniformly at random scores {@code 10 ln 8 / (T + 20)}.
 */
public final class CopyTask implements Task {
    public static final int SYMBOLS = 10;
    public static final int CLASSES = 8;
    private static final int BLANK = 0;
    private static final int MARKER = 9;

    private final int delay;

    public CopyTask(int delay) {
        if (delay < 1) {
            throw new InvalidInputException("copy task delay T must be >= 1, got " + delay);
        }
        this.delay = delay;
    }

    /** T, the number of blanks between the symbols and the marker, plus one. */
    public int delay() {
        return delay;
    }

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public int inputs() {
        return 10;
    }

    @Override
    public int outputs() {
        return 9;
    }

    @Override
    public int steps() {
        return delay + 20;
    }

    @Override
    public int lossFrom() {
        return 0;
    }

    @Override
    public Loss loss() {
        return Loss.CROSS_ENTROPY;
    }

    @Override
    public double baseline() {
        return SYMBOLS * Math.log(CLASSES) / (delay + 20);
    }

    @Override
    public void sample(SplittableRandom rng, Split split, SequenceBatch out, int b) {
        int[] symbols = new int[SYMBOLS];
        long key;
        do {
            key = 0;
            for (int i = 0; i < SYMBOLS; i++) {
                symbols[i] = 1 + rng.nextInt(CLASSES);
                key = key * 8 + symbols[i] - 1;
            }
        } while (Task.splitOf(key) != split);
        int batch = out.batch();
        int steps = steps();
        double[] x = out.inputsArray();
        int[] labels = out.labels();
        for (int t = 0; t < steps; t++) {
            int col = t * batch + b;
            Arrays.fill(x, col * 10, col * 10 + 10, 0);
            int code = t < SYMBOLS ? symbols[t] : t == delay + SYMBOLS - 1 ? MARKER : BLANK;
            x[col * 10 + code] = 1;
            labels[col] = t >= delay + SYMBOLS ? symbols[t - delay - SYMBOLS] : BLANK;
        }
    }

    @Override
    public long contentKey(SequenceBatch batch, int b) {
        long key = 0;
        double[] x = batch.inputsArray();
        for (int t = 0; t < SYMBOLS; t++) {
            int col = t * batch.batch() + b;
            int code = 0;
            for (int i = 1; i <= CLASSES; i++) {
                if (x[col * 10 + i] == 1) {
                    code = i;
                }
            }
            key = key * 8 + code - 1;
        }
        return key;
    }
}
