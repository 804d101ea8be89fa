package org.projunn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.projunn.DType;
import org.projunn.parallel.WorkerPool;

/** A forward and backward pass allocates nothing in steady state, however long the sequences. */
class AllocationTest {

    @Test
    void steadyStatePassAllocatesNothingPerTimeStep() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        try (WorkerPool pool = new WorkerPool(2)) {
            for (boolean complex : new boolean[] {false, true}) {
                Task task = new CopyTask(200);
                RecurrentNetwork net = new RecurrentNetwork(task.inputs(), 16, task.outputs(), complex, Init.HENAFF, 1);
                SequenceBatch batch = task.newBatch(8);
                new TaskData(task, 1, 8, 8).trainBatch(1, batch);
                Bptt<?> bptt = Bptt.create(net, DType.FLOAT32, pool);
                for (int i = 0; i < 20; i++) {
                    bptt.lossAndGradient(batch);
                }
                long before = mx.getThreadAllocatedBytes(id);
                bptt.lossAndGradient(batch);
                long allocated = mx.getThreadAllocatedBytes(id) - before;
                // 220 time steps: even 16 bytes per step would show as > 3 KB
                assertTrue(allocated < 2048, "one pass allocated " + allocated + " bytes (complex=" + complex + ")");
            }
        }
    }
}
