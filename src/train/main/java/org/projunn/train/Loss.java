package org.projunn.train;

/** The loss of a sequence task, averaged over the scored time steps and the batch. */
public enum Loss {
    /** Softmax cross-entropy against class labels. */
    CROSS_ENTROPY,
    /** Mean squared error against real targets (averaged over outputs too). */
    MSE
}
