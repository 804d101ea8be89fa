package org.projunn.train;

import java.util.List;

/**
 * Adam with bias correction, and AdamW (decoupled weight decay) with PyTorch's conventions:
 * {@code m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * delta = -lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)}, plus {@code -lr wd w} for AdamW
 * (for Adam, {@code wd w} is added to g instead).
 */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final double[][] first;
    private final double[][] second;

    public Adam(List<Parameter> parameters, LearningRate lr) {
        this(parameters, lr, 0.9, 0.999, 1e-8, 0, false);
    }

    /** AdamW when {@code decoupled}, else Adam with L2 weight decay. */
    public Adam(List<Parameter> parameters, LearningRate lr, double beta1, double beta2, double eps,
                double weightDecay, boolean decoupled) {
        super(parameters, lr);
        checkFraction("Adam beta1", beta1);
        checkFraction("Adam beta2", beta2);
        checkNonNegative("Adam epsilon", eps);
        checkNonNegative("weight decay", weightDecay);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.first = stateLike();
        this.second = stateLike();
    }

    @Override
    protected void computeDelta(int index, double[] value, double[] grad, double lr, long t, double[] delta) {
        double[] m = first[index];
        double[] v = second[index];
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int j = 0; j < grad.length; j++) {
            double g = grad[j];
            if (!decoupled) {
                g += weightDecay * value[j];
            }
            m[j] = beta1 * m[j] + (1 - beta1) * g;
            v[j] = beta2 * v[j] + (1 - beta2) * g * g;
            double d = -lr * (m[j] / c1) / (Math.sqrt(v[j] / c2) + eps);
            if (decoupled) {
                d -= lr * weightDecay * value[j];
            }
            delta[j] = d;
        }
    }
}
