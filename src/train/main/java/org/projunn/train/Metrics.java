package org.projunn.train;

/**
 * One evaluation during training: after {@code step} steps and {@code seconds} of training, the
 * mean training loss since the previous evaluation, the test loss, the task's memoryless
 * baseline, {@code ||W^H W - I||_F}, the learning rate in use, and the test accuracy: the
 * fraction of scored (step, sequence) pairs whose largest output is the label (NaN for a
 * regression task).
 */
public record Metrics(long step, double seconds, double trainLoss, double testLoss, double baseline,
                      double unitarity, double lr, double testAccuracy) {

    public static final String CSV_HEADER = "step,seconds,train_loss,test_loss,baseline,unitarity,lr,test_accuracy";

    public String csvRow() {
        return step + "," + num(seconds) + "," + num(trainLoss) + "," + num(testLoss) + "," + num(baseline) + ","
                + num(unitarity) + "," + num(lr) + "," + num(testAccuracy);
    }

    private static String num(double v) {
        return Double.toString(v);
    }
}
