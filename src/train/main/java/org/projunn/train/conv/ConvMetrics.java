package org.projunn.train.conv;

/**
 * One evaluation of a conv-mnist run: after {@code step} steps and {@code seconds} of training, the
 * mean training loss since the previous evaluation, test loss and accuracy, the worst
 * {@code ||U^H U - I||_F} over all frequency matrices, and the learning rate.
 */
public record ConvMetrics(long step, double seconds, double trainLoss, double testLoss, double testAccuracy,
                          double unitarity, double lr) {

    public static final String CSV_HEADER = "step,seconds,train_loss,test_loss,test_accuracy,unitarity,lr";

    public String csvRow() {
        return step + "," + seconds + "," + trainLoss + "," + testLoss + "," + testAccuracy + "," + unitarity + "," + lr;
    }
}
