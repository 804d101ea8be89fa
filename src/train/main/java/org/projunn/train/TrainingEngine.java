package org.projunn.train;

/**
 * Where a {@link TrainingRun}'s steps run: {@link CpuEngine} (Bptt, the host optimizers and the
 * backend's projector) or the device-resident {@code org.projunn.train.gpu.DeviceTrainer}. Both
 * train the same {@link RecurrentNetwork} with the same step; the network's host arrays are
 * current after {@link #syncNetwork()}.
 */
public interface TrainingEngine extends AutoCloseable {

    /** One training step on the batch (gradients, optimizer, projUNN on W); returns the batch's mean loss. */
    double lossAndStep(SequenceBatch batch);

    /** Mean loss of the batch and (cross-entropy) how many outputs pick the label, without changing anything. */
    Evaluation evaluate(SequenceBatch batch);

    /** The learning rate the next step will use. */
    double learningRate();

    /** Brings the network's host parameter arrays up to date (a no-op on the CPU). */
    void syncNetwork();

    /** Where the steps run, for the run's summary. */
    String describe();

    @Override
    void close();
}
