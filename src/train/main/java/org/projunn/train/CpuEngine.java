package org.projunn.train;

import org.projunn.Backend;
import org.projunn.parallel.WorkerPool;

/**
 * The host training step: {@link Bptt} for the gradients, {@link Optimizer} for the update, and
 * (with the projUNN constraint) {@link ProjectedUpdate} on the backend's projector for W.
 * Owns the backend and the worker threads it is given.
 */
final class CpuEngine implements TrainingEngine {
    private final WorkerPool pool;
    private final Bptt<?> bptt;
    private final Optimizer optimizer;
    private final Backend backend;
    private final ProjectedUpdate projected;

    /** {@code backend} may be null (no constraint); on failure everything given is closed. */
    CpuEngine(TrainingConfig config, LearningRate schedule, RecurrentNetwork network, Backend backend) {
        WorkerPool p = new WorkerPool(config.threads(), "projunn-train");
        ProjectedUpdate update = null;
        try {
            this.bptt = Bptt.create(network, config.dtype(), p);
            this.optimizer = config.optimizer().create(network.parameters(), schedule, config.momentum());
            if (config.constraint() == TrainingConfig.Constraint.PROJUNN) {
                update = new ProjectedUpdate(backend, config.projectorSpec(), network.recurrent(), config.divider());
                optimizer.project(update);
            }
        } catch (RuntimeException e) {
            if (update != null) {
                update.close();
            }
            if (backend != null) {
                backend.close();
            }
            p.close();
            throw e;
        }
        this.pool = p;
        this.backend = backend;
        this.projected = update;
    }

    @Override
    public double lossAndStep(SequenceBatch batch) {
        double loss = bptt.lossAndGradient(batch);
        optimizer.step();
        return loss;
    }

    @Override
    public Evaluation evaluate(SequenceBatch batch) {
        return bptt.evaluate(batch);
    }

    @Override
    public double learningRate() {
        return optimizer.learningRate();
    }

    @Override
    public void syncNetwork() {
    }

    @Override
    public String describe() {
        return backend == null || projected == null ? "none" : backend.describe();
    }

    @Override
    public void close() {
        try {
            if (projected != null) {
                projected.close();
            }
            if (backend != null) {
                backend.close();
            }
        } finally {
            pool.close();
        }
    }
}
