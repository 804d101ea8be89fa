package org.projunn.train;

import org.projunn.InvalidInputException;

/** A learning-rate schedule: the rate for step {@code t} (counted from 0). */
@FunctionalInterface
public interface LearningRate {

    double at(long step);

    static LearningRate constant(double lr) {
        checkRate(lr);
        return t -> lr;
    }

    /** {@code lr * gamma^(floor(t / every))}: the rate drops by {@code gamma} every {@code every} steps. */
    static LearningRate stepDecay(double lr, long every, double gamma) {
        checkRate(lr);
        if (every < 1) {
            throw new InvalidInputException("decay interval must be >= 1 step, got " + every);
        }
        checkGamma(gamma);
        return t -> lr * Math.pow(gamma, (double) (t / every));
    }

    /** {@code lr * gamma^t}: multiplied by {@code gamma} after every step. */
    static LearningRate exponential(double lr, double gamma) {
        checkRate(lr);
        checkGamma(gamma);
        return t -> lr * Math.pow(gamma, (double) t);
    }

    private static void checkRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new InvalidInputException("learning rate must be a positive number, got " + lr);
        }
    }

    private static void checkGamma(double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new InvalidInputException("decay factor must be in (0, 1], got " + gamma);
        }
    }
}
