package org.projunn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.projunn.Backend;
import org.projunn.Backends;
import org.projunn.ProjectorSpec;
import org.projunn.SamplerSpec;
import org.projunn.parallel.WorkerPool;

/**
 * A recurrent network, its data, optimizer and (with the projUNN constraint) the projector of
 * its recurrent matrix, built from a {@link TrainingConfig}; {@link #run} trains it. Holds the
 * backend and the worker threads: close it when done.
 */
public final class TrainingRun implements AutoCloseable {

    /** Callbacks from the training loop (on its thread). */
    public interface Listener {
        /** After each step, with that step's training loss. */
        default void stepped(long step, double trainLoss) {
        }

        /** After each evaluation on the test set. */
        default void evaluated(Metrics metrics) {
        }
    }

    private final TrainingConfig config;
    private final Task task;
    private final TaskData data;
    private final RecurrentNetwork network;
    private final WorkerPool pool;
    private final Bptt<?> bptt;
    private final Backend backend;
    private final ProjectedUpdate projected;
    private final Optimizer optimizer;

    public TrainingRun(TrainingConfig config, Consumer<String> log) {
        this.config = config.validate();
        this.task = config.newTask();
        this.data = new TaskData(task, config.seed(), config.batch(), config.testSize());
        this.network = new RecurrentNetwork(task.inputs(), config.hidden(), task.outputs(), config.complex(),
                config.init(), config.seed());
        this.optimizer = newOptimizer(config, network.parameters());
        this.pool = new WorkerPool(config.threads());
        Backend opened = null;
        ProjectedUpdate update = null;
        try {
            this.bptt = Bptt.create(network, config.dtype(), pool);
            if (config.constraint() == TrainingConfig.Constraint.PROJUNN) {
                opened = Backends.open(config.backend(), log);
                ProjectorSpec spec = ProjectorSpec.of(config.method(), config.rank())
                        .withSampler(SamplerSpec.sketch(config.seed()))
                        .withReorthonormalization(config.reorthEvery(), org.projunn.Reorthonormalization.NEWTON_SCHULZ);
                if (SamplerSpec.Kind.parse(config.sampler()) == SamplerSpec.Kind.COLUMN) {
                    spec = spec.withSampler(SamplerSpec.column(config.seed()));
                }
                update = new ProjectedUpdate(opened, spec, network.recurrent(), config.divider());
                optimizer.project(update);
            }
        } catch (RuntimeException e) {
            if (update != null) {
                update.close();
            }
            if (opened != null) {
                opened.close();
            }
            pool.close();
            throw e;
        }
        this.backend = opened;
        this.projected = update;
    }

    static Optimizer newOptimizer(TrainingConfig config, List<Parameter> parameters) {
        LearningRate lr = config.schedule();
        return switch (config.optimizer()) {
            case RMSPROP -> new RmsProp(parameters, lr, 0.99, 1e-8, false, config.momentum());
            case ADAM -> new Adam(parameters, lr);
            case ADAMW -> new Adam(parameters, lr, 0.9, 0.999, 1e-8, 0.01, true);
            case SGD -> new Sgd(parameters, lr, config.momentum(), false, 0);
        };
    }

    public TrainingConfig config() {
        return config;
    }

    public Task task() {
        return task;
    }

    public RecurrentNetwork network() {
        return network;
    }

    /** Where projUNN steps run ("cpu", "cuda"), or "none" without the constraint. */
    public String backendName() {
        return backend == null ? "none" : backend.describe();
    }

    /** Mean loss over the test set. */
    public double testLoss() {
        double sum = 0;
        for (SequenceBatch b : data.testBatches()) {
            sum += bptt.loss(b);
        }
        return sum / data.testBatches().size();
    }

    /** Trains for the configured number of steps, evaluating every {@code evalEvery} steps and at the end. */
    public TrainingResult run(Listener listener) {
        List<Metrics> history = new ArrayList<>();
        SequenceBatch batch = task.newBatch(config.batch());
        long start = System.nanoTime();
        double lossSum = 0;
        int lossCount = 0;
        long evalEvery = config.evalEvery();
        for (long step = 1; step <= config.steps(); step++) {
            data.trainBatch(step, batch);
            double loss = bptt.lossAndGradient(batch);
            double lr = optimizer.learningRate();
            optimizer.step();
            lossSum += loss;
            lossCount++;
            listener.stepped(step, loss);
            if (step % evalEvery == 0 || step == config.steps()) {
                double test = testLoss();
                double seconds = (System.nanoTime() - start) / 1e9;
                Metrics m = new Metrics(step, seconds, lossSum / lossCount, test, task.baseline(),
                        network.unitarityError(), lr);
                history.add(m);
                listener.evaluated(m);
                lossSum = 0;
                lossCount = 0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainingResult(task, config.steps(), List.copyOf(history), seconds);
    }

    @Override
    public void close() {
        if (projected != null) {
            projected.close();
        }
        if (backend != null) {
            backend.close();
        }
        pool.close();
    }
}
