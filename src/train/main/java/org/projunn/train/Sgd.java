package org.projunn.train;

import java.util.List;
import org.projunn.InvalidInputException;

/**
 * Stochastic gradient descent with optional momentum (heavy ball or Nesterov) and L2 weight
 * decay, with PyTorch's conventions: {@code g += wd w; b = mu b + g; d = nesterov ? g + mu b : b;
 * delta = -lr d}.
 */
public final class Sgd extends Optimizer {
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final double[][] buffers;

    public Sgd(List<Parameter> parameters, LearningRate lr) {
        this(parameters, lr, 0, false, 0);
    }

    public Sgd(List<Parameter> parameters, LearningRate lr, double momentum, boolean nesterov, double weightDecay) {
        super(parameters, lr);
        checkFraction("momentum", momentum);
        checkNonNegative("weight decay", weightDecay);
        if (nesterov && momentum == 0) {
            throw new InvalidInputException("Nesterov momentum needs momentum > 0");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        this.buffers = stateLike();
    }

    @Override
    protected void computeDelta(int index, double[] value, double[] grad, double lr, long t, double[] delta) {
        double[] buf = buffers[index];
        for (int j = 0; j < grad.length; j++) {
            double g = grad[j] + weightDecay * value[j];
            if (momentum != 0) {
                buf[j] = t == 1 ? g : momentum * buf[j] + g;
                g = nesterov ? g + momentum * buf[j] : buf[j];
            }
            delta[j] = -lr * g;
        }
    }
}
