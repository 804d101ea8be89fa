package org.projunn.train.gpu;

import java.util.ArrayList;
import java.util.List;
import org.projunn.DType;
import org.projunn.cuda.CudaBackend;
import org.projunn.cuda.CudaTensor;
import org.projunn.cuda.Releaser;

/** Device tensors allocated one by one and freed together: every one is freed, on error paths too. */
final class TensorGroup implements AutoCloseable {
    private final CudaBackend backend;
    private final List<CudaTensor> all = new ArrayList<>();

    TensorGroup(CudaBackend backend) {
        this.backend = backend;
    }

    /** A rows x cols tensor (batch 1) owned by this group. */
    CudaTensor allocate(DType dtype, int rows, int cols) {
        CudaTensor t = backend.allocate(dtype, 1, rows, cols);
        all.add(t);
        return t;
    }

    @Override
    public void close() {
        Releaser.closeAndClear(all);
    }
}
