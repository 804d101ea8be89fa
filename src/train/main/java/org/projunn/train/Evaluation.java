package org.projunn.train;

/**
 * The loss of a network on some sequences and, for a classification task, how many of the
 * {@code scored} (step, sequence) outputs pick the label ({@code correct}; -1 for regression).
 */
public record Evaluation(double loss, int correct, int scored) {

    /** The fraction of scored outputs that pick the label, NaN for a regression task. */
    public double accuracy() {
        return correct < 0 ? Double.NaN : (double) correct / scored;
    }
}
