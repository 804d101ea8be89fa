package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.projunn.testing.FiniteAssertions.assertClose;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.projunn.DType;
import org.projunn.parallel.WorkerPool;

/** Backpropagation through time against central finite differences, in float64; NaN fails. */
class GradientCheckTest {
    private static WorkerPool pool;

    @BeforeAll
    static void start() {
        pool = new WorkerPool(2);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @ParameterizedTest(name = "{0} complex={1}")
    @CsvSource({"copy,false", "copy,true", "adding,false", "adding,true"})
    void analyticGradientMatchesFiniteDifferences(String taskName, boolean complex) {
        Task task = taskName.equals("copy") ? new CopyTask(3) : new AddingTask(9);
        RecurrentNetwork net = new RecurrentNetwork(task.inputs(), 6, task.outputs(), complex, Init.RANDOM, 7);
        // move biases away from zero so that every path carries gradient
        SplittableRandom rng = new SplittableRandom(3);
        for (Parameter p : net.parameters()) {
            if (p != net.recurrent()) {
                for (int i = 0; i < p.size(); i++) {
                    p.value()[i] += 0.3 * (rng.nextDouble() - 0.5);
                }
            }
        }
        if (complex) {
            // some units below the modReLU threshold, most above
            double[] beta = net.modReluBias().value();
            for (int i = 0; i < beta.length; i++) {
                beta[i] = 0.2 * (rng.nextDouble() - 0.3);
            }
        }
        SequenceBatch batch = task.newBatch(5);
        new TaskData(task, 11, 5, 5).trainBatch(1, batch);
        Bptt<?> bptt = Bptt.create(net, DType.FLOAT64, pool);
        double loss = bptt.lossAndGradient(batch);
        assertTrue(Double.isFinite(loss) && loss > 0, "loss " + loss);
        // fourth-order central differences: truncation error ~h^4 |f^(5)| / 30, negligible at
        // h = 1e-5; rounding error ~1.5 eps |f| / h, about 1e-10 here (loss ~ 1; measured at most
        // 1.5e-10 over all entries). A larger h crosses ReLU kinks (h = 1e-4 gave 5e-5 errors on
        // the real copy task). Tolerance: 1e-9 + 1e-8 |g|, under 10x the measured error.
        double h = 1e-5;
        int checked = 0;
        for (Parameter p : net.parameters()) {
            double[] grad = p.grad().clone();
            double[] value = p.value();
            for (int i = 0; i < value.length; i++) {
                double saved = value[i];
                value[i] = saved + h;
                double up = bptt.loss(batch);
                value[i] = saved - h;
                double down = bptt.loss(batch);
                value[i] = saved + 2 * h;
                double up2 = bptt.loss(batch);
                value[i] = saved - 2 * h;
                double down2 = bptt.loss(batch);
                value[i] = saved;
                double numeric = (8 * (up - down) - (up2 - down2)) / (12 * h);
                int at = i;
                assertClose(numeric, grad[i], 1e-9 + 1e-8 * Math.abs(numeric), () -> p.name() + "[" + at + "]");
                checked++;
            }
        }
        assertTrue(checked > 50, "checked " + checked);
    }
}
