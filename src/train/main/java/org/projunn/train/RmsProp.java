package org.projunn.train;

import java.util.List;

/**
 * RMSprop with PyTorch's conventions: {@code v = a v + (1 - a) g^2}; centered:
 * {@code m = a m + (1 - a) g}, denominator {@code sqrt(v - m^2) + eps}, else {@code sqrt(v) + eps};
 * {@code delta = -lr g / denominator} (or through a momentum buffer when momentum > 0).
 */
public final class RmsProp extends Optimizer {
    private final double alpha;
    private final double eps;
    private final boolean centered;
    private final double momentum;
    private final double[][] square;
    private final double[][] mean;
    private final double[][] buffers;

    public RmsProp(List<Parameter> parameters, LearningRate lr) {
        this(parameters, lr, 0.99, 1e-8, false, 0);
    }

    public RmsProp(List<Parameter> parameters, LearningRate lr, double alpha, double eps, boolean centered,
                   double momentum) {
        super(parameters, lr);
        checkFraction("RMSprop alpha", alpha);
        checkNonNegative("RMSprop epsilon", eps);
        checkFraction("momentum", momentum);
        this.alpha = alpha;
        this.eps = eps;
        this.centered = centered;
        this.momentum = momentum;
        this.square = stateLike();
        this.mean = centered ? stateLike() : null;
        this.buffers = momentum > 0 ? stateLike() : null;
    }

    @Override
    protected void computeDelta(int index, double[] value, double[] grad, double lr, long t, double[] delta) {
        double[] v = square[index];
        double[] m = centered ? mean[index] : null;
        double[] b = buffers != null ? buffers[index] : null;
        for (int j = 0; j < grad.length; j++) {
            double g = grad[j];
            v[j] = alpha * v[j] + (1 - alpha) * g * g;
            double var = v[j];
            if (m != null) {
                m[j] = alpha * m[j] + (1 - alpha) * g;
                var -= m[j] * m[j];
            }
            double step = g / (Math.sqrt(Math.max(var, 0)) + eps);
            if (b != null) {
                b[j] = momentum * b[j] + step;
                step = b[j];
            }
            delta[j] = -lr * step;
        }
    }
}
