package org.projunn.train.gpu;

import java.util.ArrayList;
import java.util.List;
import jcuda.driver.CUdeviceptr;
import org.projunn.DType;
import org.projunn.cuda.CudaBackend;
import org.projunn.cuda.CudaTensor;
import org.projunn.cuda.Releaser;
import org.projunn.cuda.RnnKernels;
import org.projunn.train.Loss;
import org.projunn.train.SequenceBatch;

/**
 * Device buffers for one batch shape (steps, batch size, scored steps): inputs, pre-activations,
 * states, gradients, outputs, targets, per-column losses and the loss scalar. Allocated once per
 * shape and reused every step; the host converts and uploads each batch's inputs and targets.
 */
final class DeviceActivations implements AutoCloseable {
    final int steps;
    final int batch;
    final int scored;
    final int cols;
    final int count;
    final CudaTensor x;
    final CudaTensor z;
    final CudaTensor h;
    final CudaTensor g;
    final CudaTensor y;
    final CudaTensor dy;
    final CudaTensor targets;
    final CudaTensor perColumn;
    final CudaTensor loss;
    private final float[] hostInputs;
    private final float[] hostTargets;
    private final int[] hostLabels;
    private final List<CudaTensor> all = new ArrayList<>();

    DeviceActivations(CudaBackend backend, int inputs, int state, int outputs, int steps, int batch, int scored) {
        this.steps = steps;
        this.batch = batch;
        this.scored = scored;
        long c = (long) steps * batch;
        if ((c + batch) * Math.max(state, inputs) > Integer.MAX_VALUE) {
            throw new org.projunn.InvalidInputException("T x batch x state = " + c * state + " is too large");
        }
        this.cols = (int) c;
        this.count = scored * batch;
        try {
            this.x = track(backend.allocate(DType.FLOAT32, 1, inputs, cols));
            this.z = track(backend.allocate(DType.FLOAT32, 1, state, cols));
            this.h = track(backend.allocate(DType.FLOAT32, 1, state, cols + batch));
            this.g = track(backend.allocate(DType.FLOAT32, 1, state, cols));
            this.y = track(backend.allocate(DType.FLOAT32, 1, outputs, count));
            this.dy = track(backend.allocate(DType.FLOAT32, 1, outputs, count));
            this.targets = track(backend.allocate(DType.FLOAT32, 1, outputs, count));
            this.perColumn = track(backend.allocate(DType.FLOAT64, 1, count, 1));
            this.loss = track(backend.allocate(DType.FLOAT64, 1, 1, 1));
        } catch (RuntimeException e) {
            Releaser.closeAfter(e, this);
            throw e;
        }
        this.hostInputs = new float[inputs * cols];
        this.hostTargets = new float[outputs * count];
        this.hostLabels = new int[count];
    }

    private CudaTensor track(CudaTensor t) {
        all.add(t);
        return t;
    }

    boolean fits(SequenceBatch b) {
        return b.steps() == steps && b.batch() == batch && b.scoredSteps() == scored;
    }

    /** Uploads the batch's inputs and its labels (cross-entropy, as ints in the targets buffer) or targets. */
    void upload(SequenceBatch b, RnnKernels k) {
        double[] in = b.inputsArray();
        for (int i = 0; i < hostInputs.length; i++) {
            hostInputs[i] = (float) in[i];
        }
        x.copyFrom(hostInputs);
        if (b.loss() == Loss.CROSS_ENTROPY) {
            System.arraycopy(b.labels(), 0, hostLabels, 0, count);
            k.upload(targets.pointer(), hostLabels);
        } else {
            double[] t = b.targets();
            for (int i = 0; i < hostTargets.length; i++) {
                hostTargets[i] = (float) t[i];
            }
            targets.copyFrom(hostTargets);
        }
    }

    /** Column {@code col} of a state-sized buffer. */
    static CUdeviceptr column(CudaTensor t, int rows, long col) {
        return RnnKernels.at(t.pointer(), col * rows);
    }

    @Override
    public void close() {
        Releaser release = new Releaser();
        for (CudaTensor t : all) {
            release.close(t);
        }
        all.clear();
        release.rethrow();
    }
}
