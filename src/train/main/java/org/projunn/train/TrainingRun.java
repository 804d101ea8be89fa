package org.projunn.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.projunn.Backend;
import org.projunn.Backends;
import org.projunn.InvalidInputException;
import org.projunn.train.gpu.DeviceTrainer;

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
    private final TrainingEngine engine;

    public TrainingRun(TrainingConfig config, Consumer<String> log) {
        this.config = config.validate();
        this.task = config.newTask();
        this.data = new TaskData(task, config.seed(), config.batch(), config.testSize());
        this.network = new RecurrentNetwork(task.inputs(), config.hidden(), task.outputs(), config.complex(),
                config.init(), config.seed());
        this.engine = openEngine(config, config.schedule(task), network, log);
    }

    /**
     * The device-resident trainer when the backend ({@code --backend}, "auto" included) opens as
     * CUDA and the precision is float32; the host step otherwise. Without the projUNN constraint
     * a host run needs no backend, so "auto" and "cpu" open none.
     */
    static TrainingEngine openEngine(TrainingConfig config, LearningRate schedule, RecurrentNetwork network,
                                     Consumer<String> log) {
        String wanted = config.backend().trim().toLowerCase(java.util.Locale.ROOT);
        boolean needBackend = config.constraint() == TrainingConfig.Constraint.PROJUNN
                || !(wanted.equals("cpu") || wanted.equals("auto") && config.dtype() != org.projunn.DType.FLOAT32);
        Backend opened;
        try {
            opened = needBackend ? Backends.open(wanted, log) : null;
        } catch (IllegalStateException e) {
            // the named backend cannot run here (no GPU, no driver): the user's choice, not a bug
            throw new InvalidInputException(e.getMessage());
        }
        if (opened != null && DeviceTrainer.runsOn(opened)) {
            if (config.dtype() == org.projunn.DType.FLOAT32) {
                try {
                    return new DeviceTrainer(config, schedule, network, opened, true);  // closes the backend if it fails
                } catch (RuntimeException | LinkageError e) {
                    if (wanted.equals("cuda")) {
                        throw new InvalidInputException("cannot train on the GPU: " + e.getMessage());
                    }
                    log.accept("GPU training not used: " + e.getMessage());
                    opened = config.constraint() == TrainingConfig.Constraint.PROJUNN ? Backends.open("cpu", log) : null;
                    return new CpuEngine(config, schedule, network, opened);
                }
            }
            if (wanted.equals("cuda")) {
                opened.close();
                throw new InvalidInputException("training on the GPU runs in float32, not "
                        + config.dtype().name().toLowerCase(java.util.Locale.ROOT)
                        + ": use --dtype float32, or --backend cpu for float64");
            }
        }
        if (opened != null && config.constraint() != TrainingConfig.Constraint.PROJUNN) {
            opened.close();
            opened = null;
        }
        return new CpuEngine(config, schedule, network, opened);
    }

    public TrainingConfig config() {
        return config;
    }

    public Task task() {
        return task;
    }

    /** The network; on the GPU its host arrays are current after {@link #run} and each evaluation. */
    public RecurrentNetwork network() {
        return network;
    }

    /** Where the steps run: "cpu", the CUDA backend with the device trainer, or "none" on the CPU without the constraint. */
    public String backendName() {
        return engine.describe();
    }

    /** Mean loss over the test set. */
    public double testLoss() {
        return evaluate().loss();
    }

    /** Loss and accuracy over the whole test set (batches weighted by their number of scored outputs). */
    public Evaluation evaluate() {
        double lossSum = 0;
        int correct = 0;
        int total = 0;
        boolean classified = true;
        for (SequenceBatch b : data.testBatches()) {
            Evaluation e = engine.evaluate(b);
            lossSum += e.loss() * e.scored();
            classified &= e.correct() >= 0;
            correct += e.correct();
            total += e.scored();
        }
        return new Evaluation(lossSum / total, classified ? correct : -1, total);
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
            double lr = engine.learningRate();
            double loss = engine.lossAndStep(batch);
            lossSum += loss;
            lossCount++;
            listener.stepped(step, loss);
            if (step % evalEvery == 0 || step == config.steps()) {
                Evaluation test = evaluate();
                engine.syncNetwork();
                double seconds = (System.nanoTime() - start) / 1e9;
                Metrics m = new Metrics(step, seconds, lossSum / lossCount, test.loss(), task.baseline(),
                        network.unitarityError(), lr, test.accuracy());
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
        engine.close();
    }
}
