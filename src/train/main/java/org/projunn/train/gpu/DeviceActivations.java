package org.projunn.train.gpu;

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
    private final TensorGroup tensors;

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
        this.tensors = new TensorGroup(backend);
        try {
            this.x = tensors.allocate(DType.FLOAT32, inputs, cols);
            this.z = tensors.allocate(DType.FLOAT32, state, cols);
            this.h = tensors.allocate(DType.FLOAT32, state, cols + batch);
            this.g = tensors.allocate(DType.FLOAT32, state, cols);
            this.y = tensors.allocate(DType.FLOAT32, outputs, count);
            this.dy = tensors.allocate(DType.FLOAT32, outputs, count);
            this.targets = tensors.allocate(DType.FLOAT32, outputs, count);
            this.perColumn = tensors.allocate(DType.FLOAT64, count, 1);
            this.loss = tensors.allocate(DType.FLOAT64, 1, 1);
        } catch (RuntimeException e) {
            Releaser.closeAfter(e, tensors);
            throw e;
        }
        this.hostInputs = new float[inputs * cols];
        this.hostTargets = new float[outputs * count];
        this.hostLabels = new int[count];
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
        tensors.close();
    }
}
