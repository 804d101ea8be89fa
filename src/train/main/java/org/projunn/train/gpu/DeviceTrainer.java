package org.projunn.train.gpu;

import jcuda.driver.CUdeviceptr;
import org.projunn.Backend;
import org.projunn.DType;
import org.projunn.InvalidInputException;
import org.projunn.StepReport;
import org.projunn.cuda.CudaBackend;
import org.projunn.cuda.CudaProjector;
import org.projunn.cuda.CudaTensor;
import org.projunn.cuda.Releaser;
import org.projunn.cuda.RnnKernels;
import org.projunn.train.Evaluation;
import org.projunn.train.LearningRate;
import org.projunn.train.Loss;
import org.projunn.train.RecurrentNetwork;
import org.projunn.train.SequenceBatch;
import org.projunn.train.TrainingConfig;
import org.projunn.train.TrainingEngine;

/**
 * The training step of a {@link RecurrentNetwork} entirely in device memory (float32): the input
 * term of all T steps as one GEMM, the recurrence forward in one persistent kernel, the read-out
 * and loss, the gradient back through the read-out (GEMM), the recurrence backward in one kernel,
 * the weight gradients as GEMMs over all steps, the optimizer as one elementwise kernel, and the
 * projUNN step of W in place through the CUDA backend's projector. Per step the host uploads the
 * batch and reads back one double (the loss); parameters come back only on {@link #syncNetwork()}.
 * The same model and step as the host path (Bptt + Optimizer + ProjectedUpdate), which is its
 * oracle in the tests. Not thread-safe.
 */
public final class DeviceTrainer implements TrainingEngine {
    private final CudaBackend backend;
    private final boolean ownsBackend;
    private final RnnKernels k;
    private final RecurrentNetwork net;
    private final int n;
    private final int m;
    private final int in;
    private final int out;
    private final int units;
    private final boolean complex;
    private final DeviceParameters params;
    private final DeviceOptimizer optimizer;
    private final CudaProjector projector;
    private final CudaTensor delta;
    private final CudaTensor wReal;
    private final CudaTensor wRealGrad;
    private final double divider;
    private DeviceActivations train;
    private DeviceActivations other;
    private StepReport lastReport;

    /** Whether this trainer can run on {@code backend} (the CUDA backend). */
    public static boolean runsOn(Backend backend) {
        return backend instanceof CudaBackend;
    }

    /**
     * A trainer of {@code network} with {@code config}'s optimizer, learning rate, projUNN settings
     * (or none) on {@code backend}, which must be a {@link CudaBackend}; with {@code ownsBackend} it
     * is closed with the trainer (also when this constructor fails). The network's current values
     * are the starting point.
     */
    public DeviceTrainer(TrainingConfig config, RecurrentNetwork network, Backend backend, boolean ownsBackend) {
        this(config, config.schedule(), network, backend, ownsBackend);
    }

    /**
     * As {@link #DeviceTrainer(TrainingConfig, RecurrentNetwork, Backend, boolean)} with the
     * learning-rate schedule given (e.g. {@code config.schedule(task)}, decay counted in epochs).
     */
    public DeviceTrainer(TrainingConfig config, LearningRate schedule, RecurrentNetwork network, Backend backend,
                         boolean ownsBackend) {
        if (!runsOn(backend)) {
            if (ownsBackend && backend != null) {
                backend.close();
            }
            throw new InvalidInputException("the device trainer needs the CUDA backend, got "
                    + (backend == null ? "none" : backend.name()));
        }
        this.backend = (CudaBackend) backend;
        this.ownsBackend = ownsBackend;
        this.net = network;
        this.n = network.hidden();
        this.m = network.stateSize();
        this.in = network.inputs();
        this.out = network.outputs();
        this.complex = network.isComplex();
        this.units = complex ? n : 0;
        this.divider = config.divider();
        DeviceParameters p = null;
        CudaProjector proj = null;
        CudaTensor d = null;
        CudaTensor wr = null;
        CudaTensor wrg = null;
        try {
            this.k = this.backend.rnnKernels();
            p = new DeviceParameters(this.backend, network);
            if (complex) {
                wr = this.backend.allocate(DType.FLOAT32, 1, m, m);
                wrg = this.backend.allocate(DType.FLOAT32, 1, m, m);
            }
            if (config.constraint() == TrainingConfig.Constraint.PROJUNN) {
                DType wType = complex ? DType.COMPLEX64 : DType.FLOAT32;
                proj = this.backend.newProjector(config.projectorSpec(), wType, 1, n);
                d = this.backend.allocate(wType, 1, n, n);
            }
        } catch (RuntimeException | LinkageError e) {
            Releaser.closeAfter(e, proj, d, wr, wrg, p, ownsBackend ? backend : null);
            throw e;
        }
        this.params = p;
        this.projector = proj;
        this.delta = d;
        this.wReal = wr;
        this.wRealGrad = wrg;
        this.optimizer = new DeviceOptimizer(config, schedule);
    }

    @Override
    public double lossAndStep(SequenceBatch batch) {
        queueGradients(batch);
        update();
        return readLoss(train);  // the step's only read-back besides the projector's flags
    }

    /**
     * Forward and backward only: the batch's loss, with every parameter's gradient left in device
     * memory ({@link #syncGradients()} copies them to the network's grad() arrays).
     */
    public double gradients(SequenceBatch batch) {
        queueGradients(batch);
        return readLoss(train);
    }

    /** Queues forward and backward of the batch on the stream (the batch upload waits for its copy). */
    private void queueGradients(SequenceBatch batch) {
        DeviceActivations a = activationsFor(batch, true);
        forward(batch, a);
        backward(batch, a);
    }

    /** The loss read back, and for cross-entropy the logits too (test results, at evaluation time only). */
    @Override
    public Evaluation evaluate(SequenceBatch batch) {
        DeviceActivations a = activationsFor(batch, false);
        forward(batch, a);
        double loss = readLoss(a);
        if (batch.loss() != Loss.CROSS_ENTROPY) {
            return new Evaluation(loss, -1, a.count);
        }
        float[] y = a.y.toFloatArray();
        int[] labels = batch.labels();
        int correct = 0;
        for (int j = 0; j < a.count; j++) {
            int best = 0;
            for (int o = 1; o < out; o++) {
                if (y[j * out + o] > y[j * out + best]) {
                    best = o;
                }
            }
            if (best == labels[j]) {
                correct++;
            }
        }
        return new Evaluation(loss, correct, a.count);
    }

    @Override
    public double learningRate() {
        return optimizer.learningRate();
    }

    /** The projector's report on the last projUNN step (null before the first or without the constraint). */
    public StepReport lastReport() {
        return lastReport;
    }

    @Override
    public void syncNetwork() {
        params.download();
    }

    /** Copies the last computed gradients into the network's grad() arrays (float32 widened). */
    public void syncGradients() {
        params.downloadGradients();
    }

    @Override
    public String describe() {
        return backend.describe() + "; training on the GPU (device-resident, float32; products: "
                + k.gemmDescription() + ")";
    }

    private DeviceActivations activationsFor(SequenceBatch b, boolean training) {
        if (b.inputs() != in || b.outputs() != out) {
            throw new InvalidInputException("batch has " + b.inputs() + " inputs and " + b.outputs()
                    + " outputs, the network " + in + " and " + out);
        }
        // the training batch keeps its buffers; test batches of another shape share a second set
        DeviceActivations a = training ? train : (train != null && train.fits(b) ? train : other);
        if (a != null && a.fits(b)) {
            return a;
        }
        if (a != null) {
            // forgotten before the new set is allocated: a failed allocation must not leave the
            // trainer holding freed buffers
            if (training) {
                train = null;
            } else {
                other = null;
            }
            a.close();
        }
        a = new DeviceActivations(backend, in, m, out, b.steps(), b.batch(), b.scoredSteps());
        if (training) {
            train = a;
        } else {
            other = a;
        }
        return a;
    }

    private CUdeviceptr recurrentReal() {
        return complex ? wReal.pointer() : params.w.pointer();
    }

    private CUdeviceptr plainAt(long offset) {
        return RnnKernels.at(params.plain.pointer(), offset);
    }

    private CUdeviceptr gradAt(long offset) {
        return RnnKernels.at(params.plainGrad.pointer(), offset);
    }

    private void forward(SequenceBatch b, DeviceActivations a) {
        a.upload(b, k);
        int batch = a.batch;
        CUdeviceptr w = recurrentReal();
        if (complex) {
            k.realify(params.w.pointer(), w, n);
        }
        CUdeviceptr beta = complex ? plainAt(params.betaAt) : plainAt(params.cAt);  // unread for ReLU
        // input term of every step at once, then the recurrence
        k.gemm(false, false, m, a.cols, in, plainAt(params.vAt), m, a.x.pointer(), in, false, a.z.pointer(), m);
        k.addBias(a.z.pointer(), plainAt(params.cAt), m, a.cols);
        k.forward(w, a.z.pointer(), a.h.pointer(), beta, m, batch, a.steps, units);
        // read-out of the scored steps and the loss
        CUdeviceptr scoredStates = DeviceActivations.column(a.h, m, (long) (b.lossFrom() + 1) * batch);
        k.gemm(false, false, out, a.count, m, plainAt(params.uAt), out, scoredStates, m, false, a.y.pointer(), out);
        k.addBias(a.y.pointer(), plainAt(params.dAt), out, a.count);
        if (b.loss() == Loss.CROSS_ENTROPY) {
            k.crossEntropy(a.y.pointer(), a.targets.pointer(), a.dy.pointer(), a.perColumn.pointer(),
                    a.loss.pointer(), out, a.count, 1.0 / a.count);
        } else {
            double total = (double) a.count * out;
            k.squaredError(a.y.pointer(), a.targets.pointer(), a.dy.pointer(), a.perColumn.pointer(),
                    a.loss.pointer(), out, a.count, 1.0 / total);
        }
    }

    private void backward(SequenceBatch b, DeviceActivations a) {
        int batch = a.batch;
        long lossCol = (long) b.lossFrom() * batch;
        CUdeviceptr scoredStates = DeviceActivations.column(a.h, m, lossCol + batch);
        // dL/dh_t from the read-out for the scored steps, nothing before
        k.zero(a.g.pointer(), lossCol * m);
        k.gemm(true, false, m, a.count, out, plainAt(params.uAt), out, a.dy.pointer(), out, false,
                DeviceActivations.column(a.g, m, lossCol), m);
        CUdeviceptr beta = complex ? plainAt(params.betaAt) : plainAt(params.cAt);
        CUdeviceptr dBeta = complex ? gradAt(params.betaAt) : gradAt(params.cAt);  // untouched for ReLU
        k.backward(recurrentReal(), a.z.pointer(), a.g.pointer(), beta, dBeta, m, batch, a.steps, units);
        // g holds dL/dz_t for every step: the weight gradients as products over all steps
        CUdeviceptr gwReal = complex ? wRealGrad.pointer() : params.wGrad.pointer();
        k.gemm(false, true, m, m, a.cols, a.g.pointer(), m, a.h.pointer(), m, false, gwReal, m);
        if (complex) {
            k.fold(gwReal, params.wGrad.pointer(), n);
        }
        k.gemm(false, true, m, in, a.cols, a.g.pointer(), m, a.x.pointer(), in, false, gradAt(params.vAt), m);
        k.rowSums(a.g.pointer(), gradAt(params.cAt), m, a.cols);
        k.gemm(false, true, out, m, a.count, a.dy.pointer(), out, scoredStates, m, false, gradAt(params.uAt), out);
        k.rowSums(a.dy.pointer(), gradAt(params.dAt), out, a.count);
    }

    /** The optimizer on every parameter; W through projUNN (delta / divider) when constrained. */
    private void update() {
        optimizer.begin();
        DeviceParameters p = params;
        optimizer.apply(k, p.plain.pointer(), p.plainGrad.pointer(), p.plainState1.pointer(),
                p.plainState2.pointer(), p.plain.pointer(), p.plainFloats, false, 1);
        if (projector == null) {
            optimizer.apply(k, p.w.pointer(), p.wGrad.pointer(), p.wState1.pointer(), p.wState2.pointer(),
                    p.w.pointer(), p.wFloats, false, 1);
            return;
        }
        optimizer.apply(k, p.w.pointer(), p.wGrad.pointer(), p.wState1.pointer(), p.wState2.pointer(),
                delta.pointer(), p.wFloats, true, 1.0 / divider);
        lastReport = projector.step(p.w, delta);
    }

    private double readLoss(DeviceActivations a) {
        return a.loss.toDoubleArray()[0];
    }

    @Override
    public void close() {
        Releaser release = new Releaser();
        for (AutoCloseable c : new AutoCloseable[] {train, other, projector, delta, wReal, wRealGrad, params}) {
            release.close(c);
        }
        if (ownsBackend) {
            release.close(backend);
        }
        release.rethrow();
    }
}
