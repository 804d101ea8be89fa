package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.projunn.Backend;
import org.projunn.InvalidInputException;
import org.projunn.cuda.CudaBackendFactory;
import org.projunn.train.gpu.DeviceTrainer;

/** Which engine a run picks, and the errors when the GPU was asked for but cannot train. */
class DeviceTrainerChoiceTest {

    private static TrainingConfig small(String backend) {
        return new TrainingConfig().task("copy").length(3).hidden(6).batch(2).steps(2).testSize(2).threads(1)
                .backend(backend);
    }

    @Test
    void theDeviceTrainerRefusesTheCpuBackendAndClosesIt() {
        int[] closed = {0};
        Backend cpu = (Backend) java.lang.reflect.Proxy.newProxyInstance(Backend.class.getClassLoader(),
                new Class<?>[] {Backend.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> { closed[0]++; yield null; }
                    case "name" -> "cpu";
                    default -> throw new AssertionError("unexpected call " + method.getName());
                });
        TrainingConfig c = small("cpu");
        Task task = c.newTask();
        RecurrentNetwork net = new RecurrentNetwork(task.inputs(), 6, task.outputs(), false, c.init(), 1);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new DeviceTrainer(c, net, cpu, true));
        assertTrue(e.getMessage().contains("needs the CUDA backend, got cpu"), e.getMessage());
        assertEquals(1, closed[0], "the owned backend is closed once");
    }

    @Test
    void cudaWithoutAGpuFailsNamingWhy() {
        assumeFalse(new CudaBackendFactory().probe().usable(), "a GPU is usable here");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new TrainingRun(small("cuda"), msg -> { }));
        assertTrue(e.getMessage().startsWith("backend cuda is not usable here: "), e.getMessage());
    }

    @Test
    void autoWithoutAGpuTrainsOnTheHost() {
        assumeFalse(new CudaBackendFactory().probe().usable(), "a GPU is usable here");
        StringBuilder log = new StringBuilder();
        try (TrainingRun run = new TrainingRun(small("auto"), log::append)) {
            assertEquals("cpu", run.backendName().split(" ")[0].replace(":", ""));
            assertTrue(Double.isFinite(run.run(new TrainingRun.Listener() { }).last().testLoss()));
        }
        assertTrue(log.toString().contains("backend cuda not used"), log.toString());
    }
}
