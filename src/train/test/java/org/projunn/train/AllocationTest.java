package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.projunn.DType;
import org.projunn.parallel.WorkerPool;
import org.projunn.testing.Allocations;

/**
 * A forward and backward pass allocates nothing in steady state, however long the sequences, on
 * the calling thread and the worker pool's threads together.
 */
class AllocationTest {

    @Test
    void steadyStatePassAllocatesNothingPerTimeStep() {
        try (WorkerPool pool = new WorkerPool(2, "projunn-train")) {
            for (boolean complex : new boolean[] {false, true}) {
                Task task = new CopyTask(200);
                RecurrentNetwork net = new RecurrentNetwork(task.inputs(), 16, task.outputs(), complex, Init.HENAFF, 1);
                SequenceBatch batch = task.newBatch(8);
                new TaskData(task, 1, 8, 8).trainBatch(1, batch);
                Bptt<?> bptt = Bptt.create(net, DType.FLOAT32, pool);
                for (int i = 0; i < 20; i++) {
                    bptt.lossAndGradient(batch);
                }
                // the calling thread and the pool's worker: each does part of every product
                Allocations watch = new Allocations("projunn-train-");
                assertTrue(watch.threads() == 2, "watching " + watch.threads() + " threads");
                long before = watch.total();
                bptt.lossAndGradient(batch);
                long allocated = watch.total() - before;
                // 220 time steps: even 16 bytes per step would show as > 3 KB
                assertTrue(allocated < 2048, "one pass allocated " + allocated + " bytes (complex=" + complex + ")");
            }
        }
    }
}
