package org.projunn.train;

/**
 * One evaluation during training: after {@code step} steps and {@code seconds} of training, the
 * mean training loss since the previous evaluation, the test loss, the task's memoryless
 * baseline, {@code ||W^H W - I||_F} and the learning rate in use.
 */
public record Metrics(long step, double seconds, double trainLoss, double testLoss, double baseline,
                      double unitarity, double lr) {

    public static final String CSV_HEADER = "step,seconds,train_loss,test_loss,baseline,unitarity,lr";

    public String csvRow() {
        return step + "," + num(seconds) + "," + num(trainLoss) + "," + num(testLoss) + "," + num(baseline) + ","
                + num(unitarity) + "," + num(lr);
    }

    private static String num(double v) {
        return Double.toString(v);
    }
}
