package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.projunn.BackendFactory;
import org.projunn.DType;
import org.projunn.cuda.CudaBackend;
import org.projunn.cuda.CudaBackendFactory;
import org.projunn.train.gpu.DeviceTrainer;
import org.projunn.parallel.WorkerPool;

/**
 * The device-resident trainer against the host path, its oracle: the gradients of one batch
 * against float64 Bptt, and 20 training steps (T = 5, hidden 8, batch 3, projUNN rank 1) against
 * the float32 host engine, losses step by step and W at the end. Skips without a usable GPU.
 */
@Tag("gpu")
class DeviceTrainerGpuTest {

    private static CudaBackend openCuda() {
        BackendFactory.Availability a = new CudaBackendFactory().probe();
        assumeTrue(a.usable(), "CUDA backend not usable here: " + a.detail());
        return CudaBackend.open();
    }

    private static TrainingConfig config(String task, boolean complex, String optimizer, String method) {
        return new TrainingConfig().task(task).length(5).hidden(8).complex(complex).batch(3).steps(20)
                .optimizer(TrainingConfig.OptimizerKind.parse(optimizer)).lr(1e-3).momentum(0.5)
                .method(org.projunn.Method.parse(method)).rank(1).seed(5).testSize(6).dtype(DType.FLOAT32)
                .constraint(TrainingConfig.Constraint.PROJUNN).validate();
    }

    private static RecurrentNetwork network(TrainingConfig c, Task task) {
        RecurrentNetwork net = new RecurrentNetwork(task.inputs(), c.hidden(), task.outputs(), c.complex(), c.init(),
                c.seed());
        // biases away from zero so that every path carries gradient; some modReLU units below threshold
        SplittableRandom rng = new SplittableRandom(3);
        for (Parameter p : net.parameters()) {
            if (p != net.recurrent()) {
                for (int i = 0; i < p.size(); i++) {
                    p.value()[i] += 0.3 * (rng.nextDouble() - 0.5);
                }
            }
        }
        return net;
    }

    @ParameterizedTest(name = "{0} complex={1}")
    @CsvSource({"copy,false", "copy,true", "adding,false", "adding,true"})
    void gradientsMatchFloat64Bptt(String taskName, boolean complex) {
        TrainingConfig c = config(taskName, complex, "rmsprop", "tangent");
        Task task = c.newTask();
        RecurrentNetwork gpuNet = network(c, task);
        RecurrentNetwork cpuNet = network(c, task);
        SequenceBatch batch = task.newBatch(c.batch());
        new TaskData(task, 11, c.batch(), 3).trainBatch(1, batch);
        double cpuLoss;
        try (WorkerPool pool = new WorkerPool(1)) {
            cpuLoss = Bptt.create(cpuNet, DType.FLOAT64, pool).lossAndGradient(batch);
        }
        try (DeviceTrainer gpu = new DeviceTrainer(c, gpuNet, openCuda(), true)) {
            double gpuLoss = gpu.gradients(batch);
            gpu.syncGradients();
            assertEquals(cpuLoss, gpuLoss, 1e-5 * Math.abs(cpuLoss), "loss");
        }
        for (int p = 0; p < cpuNet.parameters().size(); p++) {
            double[] want = cpuNet.parameters().get(p).grad();
            double[] got = gpuNet.parameters().get(p).grad();
            double scale = 0;
            for (double v : want) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 0, cpuNet.parameters().get(p) + " has no gradient to compare");
            for (int i = 0; i < want.length; i++) {
                assertTrue(Math.abs(want[i] - got[i]) <= 1e-4 * scale, cpuNet.parameters().get(p) + "[" + i + "]: cpu "
                        + want[i] + " gpu " + got[i] + " (scale " + scale + ")");
            }
        }
    }

    @ParameterizedTest(name = "{0} complex={1} {2} {3}")
    @CsvSource({"copy,false,rmsprop,tangent", "copy,true,rmsprop,tangent", "adding,false,adam,direct",
        "adding,true,adamw,tangent", "copy,false,sgd,direct"})
    void twentyStepsMatchTheHostEngine(String taskName, boolean complex, String optimizer, String method) {
        TrainingConfig c = config(taskName, complex, optimizer, method);
        Task task = c.newTask();
        RecurrentNetwork cpuNet = new RecurrentNetwork(task.inputs(), c.hidden(), task.outputs(), complex, c.init(),
                c.seed());
        RecurrentNetwork gpuNet = new RecurrentNetwork(task.inputs(), c.hidden(), task.outputs(), complex, c.init(),
                c.seed());
        TaskData data = new TaskData(task, c.seed(), c.batch(), c.testSize());
        SequenceBatch batch = task.newBatch(c.batch());
        List<Double> cpuLosses = new ArrayList<>();
        List<Double> gpuLosses = new ArrayList<>();
        try (TrainingEngine cpu = TrainingRun.openEngine(copyOf(c).backend("cpu"), c.schedule(), cpuNet,
                msg -> { });
             DeviceTrainer gpu = new DeviceTrainer(c, gpuNet, openCuda(), true)) {
            for (int step = 1; step <= 20; step++) {
                data.trainBatch(step, batch);
                cpuLosses.add(cpu.lossAndStep(batch));
                gpuLosses.add(gpu.lossAndStep(batch));
            }
            gpu.syncNetwork();
            // the test set's loss and accuracy (logits read back at evaluation) agree too
            for (SequenceBatch test : data.testBatches()) {
                Evaluation want = cpu.evaluate(test);
                Evaluation got = gpu.evaluate(test);
                assertEquals(want.loss(), got.loss(), 1e-4 * Math.abs(want.loss()) + 1e-6, "test loss");
                assertEquals(want.scored(), got.scored());
                assertTrue(Math.abs(want.correct() - got.correct()) <= 1, "correct " + want.correct() + " vs "
                        + got.correct() + " (one output at a near tie may flip)");
            }
        }
        for (int s = 0; s < 20; s++) {
            double want = cpuLosses.get(s);
            double got = gpuLosses.get(s);
            assertTrue(Double.isFinite(got) && Math.abs(got - want) <= 1e-4 * Math.abs(want) + 1e-6,
                    "step " + (s + 1) + ": cpu " + want + " gpu " + got);
        }
        double[] wantW = cpuNet.recurrent().value();
        double[] gotW = gpuNet.recurrent().value();
        double worst = 0;
        for (int i = 0; i < wantW.length; i++) {
            worst = Math.max(worst, Math.abs(wantW[i] - gotW[i]));
        }
        assertTrue(worst < 1e-4, "W after 20 steps differs by " + worst);
        assertTrue(gpuNet.unitarityError() < 1e-4, "GPU W unitarity " + gpuNet.unitarityError());
    }

    private static TrainingConfig copyOf(TrainingConfig c) {
        return new TrainingConfig().task(c.task()).length(c.length()).hidden(c.hidden()).complex(c.complex())
                .batch(c.batch()).steps(c.steps()).optimizer(c.optimizer()).lr(c.lr()).momentum(c.momentum())
                .method(c.method()).rank(c.rank()).seed(c.seed()).testSize(c.testSize()).dtype(c.dtype())
                .constraint(c.constraint()).threads(1);
    }
}
