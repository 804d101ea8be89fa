package org.projunn.train;

import java.util.List;
import java.util.Locale;

/** The outcome of a training run: its evaluations (the last one after the last step) and timing. */
public record TrainingResult(Task task, long steps, List<Metrics> history, double seconds) {

    public Metrics last() {
        return history.get(history.size() - 1);
    }

    public double testLoss() {
        return last().testLoss();
    }

    public double unitarity() {
        return last().unitarity();
    }

    public double stepsPerSecond() {
        return steps / seconds;
    }

    /**
     * The line scripts read:
     * {@code result: task=copy T=<T> steps=<n> test_loss=<x> baseline=<y> unitarity=<e> seconds=<s>}, and for MNIST
     * {@code result: task=mnist permuted=<true|false> steps=<n> test_accuracy=<0..1> unitarity=<e> seconds=<s>}.
     */
    public String resultLine() {
        if (task instanceof MnistTask mnist) {
            return String.format(Locale.ROOT, "result: task=mnist permuted=%b steps=%d test_accuracy=%.4f unitarity=%.3e seconds=%.1f",
                    mnist.permuted(), steps, last().testAccuracy(), unitarity(), seconds);
        }
        int length = task instanceof CopyTask copy ? copy.delay() : task.steps();
        return String.format(Locale.ROOT, "result: task=%s T=%d steps=%d test_loss=%.6g baseline=%.6g unitarity=%.3e seconds=%.1f",
                task.name(), length, steps, testLoss(), task.baseline(), unitarity(), seconds);
    }
}
