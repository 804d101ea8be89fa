package org.projunn.train.gpu;

import jcuda.driver.CUdeviceptr;
import org.projunn.cuda.RnnKernels;
import org.projunn.train.LearningRate;
import org.projunn.train.TrainingConfig;
import org.projunn.train.TrainingConfig.OptimizerKind;

/**
 * The host optimizers' settings (the constants of {@link OptimizerKind}, as
 * {@link OptimizerKind#create} uses them, and the configured momentum) for the elementwise
 * optimizer kernel, and the step count and schedule.
 */
final class DeviceOptimizer {
    private final int kind;
    private final double p1;
    private final double p2;
    private final double eps;
    private final double weightDecay;
    private final int flag;
    private final LearningRate schedule;
    private long steps;
    // the current step's values, set by begin()
    private double lr;
    private double c1;
    private double c2;

    DeviceOptimizer(TrainingConfig config, LearningRate schedule) {
        this.schedule = schedule;
        switch (config.optimizer()) {
            case RMSPROP -> {
                kind = RnnKernels.RMSPROP;
                p1 = OptimizerKind.RMSPROP_DECAY;
                p2 = config.momentum();
                eps = OptimizerKind.EPS;
                weightDecay = 0;
                flag = 0;
            }
            case ADAM, ADAMW -> {
                kind = RnnKernels.ADAM;
                p1 = OptimizerKind.ADAM_BETA1;
                p2 = OptimizerKind.ADAM_BETA2;
                eps = OptimizerKind.EPS;
                boolean decoupled = config.optimizer() == OptimizerKind.ADAMW;
                weightDecay = decoupled ? OptimizerKind.ADAMW_WEIGHT_DECAY : 0;
                flag = decoupled ? 1 : 0;
            }
            default -> { kind = RnnKernels.SGD; p1 = config.momentum(); p2 = 0; eps = 0; weightDecay = 0; flag = 0; }
        }
    }

    double learningRate() {
        return schedule.at(steps);
    }

    /** Starts a step: its learning rate, step number and bias corrections. */
    void begin() {
        lr = schedule.at(steps);
        steps++;
        c1 = kind == RnnKernels.ADAM ? 1 - Math.pow(p1, steps) : 1;
        c2 = kind == RnnKernels.ADAM ? 1 - Math.pow(p2, steps) : 1;
    }

    /** value += update (toDelta false), or delta = update * deltaScale. */
    void apply(RnnKernels k, CUdeviceptr value, CUdeviceptr grad, CUdeviceptr s1, CUdeviceptr s2, CUdeviceptr delta,
               int n, boolean toDelta, double deltaScale) {
        k.optimizer(value, grad, s1, s2, delta, n, kind, lr, p1, p2, eps, weightDecay, c1, c2, flag,
                steps == 1 ? 1 : 0, toDelta ? 1 : 0, deltaScale);
    }
}
