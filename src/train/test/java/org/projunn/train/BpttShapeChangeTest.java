package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.projunn.DType;
import org.projunn.parallel.WorkerPool;

/**
 * One Bptt alternating between batch shapes (a training batch and a short last test batch) gives
 * bit for bit what a fresh Bptt gives for each: kept buffers carry nothing from one shape to the
 * next (the initial hidden state stays zero).
 */
class BpttShapeChangeTest {

    @ParameterizedTest(name = "{0} complex={1}")
    @CsvSource({"FLOAT64,false", "FLOAT64,true", "FLOAT32,false", "FLOAT32,true"})
    void alternatingShapesMatchFreshRuns(DType dtype, boolean complex) {
        Task task = new CopyTask(3);
        RecurrentNetwork net = new RecurrentNetwork(task.inputs(), 6, task.outputs(), complex, Init.RANDOM, 7);
        TaskData data = new TaskData(task, 11, 5, 5);
        SequenceBatch large = task.newBatch(8);
        SequenceBatch small = task.newBatch(3);
        data.trainBatch(1, large);
        data.trainBatch(2, small);
        List<double[]> first;
        List<double[]> smallShared;
        List<double[]> again;
        List<double[]> smallFresh;
        try (WorkerPool pool = new WorkerPool(2)) {
            Bptt<?> shared = Bptt.create(net, dtype, pool);
            first = run(shared, large, net);
            smallShared = run(shared, small, net);
            again = run(shared, large, net);
            smallFresh = run(Bptt.create(net, dtype, pool), small, net);
        }
        assertTrue(Double.isFinite(first.get(0)[0]) && first.get(0)[0] > 0, "loss " + first.get(0)[0]);
        assertSame(first, again, "the large batch after the small one");
        assertSame(smallFresh, smallShared, "the small batch after the large one");
    }

    /** The loss, then every parameter's gradient. */
    private static List<double[]> run(Bptt<?> bptt, SequenceBatch batch, RecurrentNetwork net) {
        List<double[]> out = new ArrayList<>();
        out.add(new double[] {bptt.lossAndGradient(batch)});
        for (Parameter p : net.parameters()) {
            out.add(p.grad().clone());
        }
        return out;
    }

    private static void assertSame(List<double[]> want, List<double[]> got, String what) {
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i), got.get(i), 0, what + ", part " + i);
        }
    }
}
