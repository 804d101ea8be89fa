package org.projunn.train;

import org.projunn.InvalidInputException;

/**
 * A batch of input sequences and their targets. Time step t of sequence b is column
 * {@code t * batch + b}: inputs at {@code x[(t * batch + b) * inputs + i]}. Targets exist for
 * the scored steps {@code t >= lossFrom} only, with s = t - lossFrom: class labels at
 * {@code labels[s * batch + b]} (cross-entropy) or values at
 * {@code targets[(s * batch + b) * outputs + o]} (MSE).
 */
public final class SequenceBatch {
    private final int inputs;
    private final int outputs;
    private final int steps;
    private final int batch;
    private final int lossFrom;
    private final Loss loss;
    private final double[] x;
    private final int[] labels;
    private final double[] targets;

    public SequenceBatch(int inputs, int outputs, int steps, int batch, int lossFrom, Loss loss) {
        if (inputs < 1 || outputs < 1 || steps < 1 || batch < 1) {
            throw new InvalidInputException("sequence batch needs positive sizes, got inputs=" + inputs
                    + " outputs=" + outputs + " steps=" + steps + " batch=" + batch);
        }
        if (lossFrom < 0 || lossFrom >= steps) {
            throw new InvalidInputException("first scored step must be in [0, " + steps + "), got " + lossFrom);
        }
        this.inputs = inputs;
        this.outputs = outputs;
        this.steps = steps;
        this.batch = batch;
        this.lossFrom = lossFrom;
        this.loss = loss;
        long columns = (long) steps * batch;
        if (columns * Math.max(inputs, outputs) > Integer.MAX_VALUE - 16) {
            throw new InvalidInputException("sequence batch of " + columns + " columns is too large");
        }
        this.x = new double[(int) columns * inputs];
        int scored = (steps - lossFrom) * batch;
        this.labels = loss == Loss.CROSS_ENTROPY ? new int[scored] : null;
        this.targets = loss == Loss.MSE ? new double[scored * outputs] : null;
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    /** Sequence length T. */
    public int steps() {
        return steps;
    }

    public int batch() {
        return batch;
    }

    public int lossFrom() {
        return lossFrom;
    }

    /** Number of scored time steps. */
    public int scoredSteps() {
        return steps - lossFrom;
    }

    public Loss loss() {
        return loss;
    }

    public double[] inputsArray() {
        return x;
    }

    /** Class labels (cross-entropy), null for MSE. */
    public int[] labels() {
        return labels;
    }

    /** Real targets (MSE), null for cross-entropy. */
    public double[] targets() {
        return targets;
    }
}
