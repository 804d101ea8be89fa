package org.projunn.train.conv;

import java.util.Locale;
import org.projunn.InvalidInputException;
import org.projunn.Method;
import org.projunn.train.TrainingConfig.Constraint;
import org.projunn.train.TrainingConfig.OptimizerKind;

/**
 * Settings of a {@code conv-mnist} run: the network ({@link ConvNet}), how its frequency matrices
 * are stepped (projUNN batch per layer, or unconstrained), the optimizer and the schedule.
 */
public record ConvMnistConfig(int channels, int layers, Constraint constraint, Method method, int rank,
                              String sampler, OptimizerKind optimizer, double lr, double momentum, double divider,
                              long steps, int batch, long seed, long evalEvery, int testSize, int threads,
                              String backend) {

    public ConvMnistConfig {
        if (constraint == null || method == null || optimizer == null || sampler == null || backend == null) {
            throw new InvalidInputException("conv-mnist settings must not be null");
        }
        if (rank < 1 || 2L * rank > channels) {
            throw new InvalidInputException("rank must be between 1 and channels / 2 = " + channels / 2 + ", got "
                    + rank);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new InvalidInputException("learning rate must be a positive number, got " + lr);
        }
        if (!(divider > 0) || Double.isInfinite(divider)) {
            throw new InvalidInputException("divider must be a positive number, got " + divider);
        }
        if (steps < 1 || batch < 1 || threads < 1 || testSize < 1 || evalEvery < 0) {
            throw new InvalidInputException("steps, batch, threads and test size must be >= 1 and eval-every >= 0; got "
                    + steps + ", " + batch + ", " + threads + ", " + testSize + ", " + evalEvery);
        }
    }

    /** Steps between test evaluations: the given one, or steps / 50 (at least 1). */
    public long evalInterval() {
        return evalEvery > 0 ? evalEvery : Math.max(1, steps / 50);
    }

    public String describe() {
        String how = constraint == Constraint.NONE ? "unconstrained"
                : "projUNN-" + (method == Method.DIRECT ? "D" : "T") + " rank " + rank + " divider " + divider;
        return String.format(Locale.ROOT, "conv-mnist channels=%d layers=%d %s optimizer=%s lr=%g batch=%d steps=%d "
                        + "seed=%d threads=%d", channels, layers, how, optimizer.name().toLowerCase(Locale.ROOT), lr,
                batch, steps, seed, threads);
    }
}
