package org.projunn.train.gpu;

import java.util.List;
import java.util.function.Function;
import org.projunn.DType;
import org.projunn.cuda.CudaBackend;
import org.projunn.cuda.CudaTensor;
import org.projunn.cuda.Releaser;
import org.projunn.train.Parameter;
import org.projunn.train.RecurrentNetwork;

/**
 * A {@link RecurrentNetwork}'s parameters in float32 device memory, with their gradients and two
 * optimizer-state buffers of the same layout. W lives alone (float32 N x N, or complex64 N x N
 * interleaved, the layout the projector steps on); every other parameter (V, c, beta, U, d in
 * that order) lives in one flat buffer so that one launch updates them all.
 */
final class DeviceParameters implements AutoCloseable {
    final RecurrentNetwork net;
    final CudaTensor w;
    final CudaTensor wGrad;
    final CudaTensor wState1;
    final CudaTensor wState2;
    final CudaTensor plain;
    final CudaTensor plainGrad;
    final CudaTensor plainState1;
    final CudaTensor plainState2;
    final int wFloats;
    final int plainFloats;
    final long vAt;
    final long cAt;
    final long betaAt;
    final long uAt;
    final long dAt;
    private final List<Parameter> plainList;
    private final TensorGroup tensors;

    DeviceParameters(CudaBackend backend, RecurrentNetwork net) {
        this.net = net;
        int n = net.hidden();
        boolean complex = net.isComplex();
        this.wFloats = (complex ? 2 : 1) * n * n;
        this.plainList = net.parameters().subList(1, net.parameters().size());
        long at = 0;
        long[] offsets = new long[plainList.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = at;
            at += plainList.get(i).size();
        }
        this.plainFloats = Math.toIntExact(at);
        int i = 0;
        this.vAt = offsets[i++];
        this.cAt = offsets[i++];
        this.betaAt = complex ? offsets[i++] : -1;
        this.uAt = offsets[i++];
        this.dAt = offsets[i];
        this.tensors = new TensorGroup(backend);
        try {
            this.w = tensors.allocate(complex ? DType.COMPLEX64 : DType.FLOAT32, n, n);
            this.wGrad = tensors.allocate(DType.FLOAT32, wFloats, 1);
            this.wState1 = tensors.allocate(DType.FLOAT32, wFloats, 1);
            this.wState2 = tensors.allocate(DType.FLOAT32, wFloats, 1);
            this.plain = tensors.allocate(DType.FLOAT32, plainFloats, 1);
            this.plainGrad = tensors.allocate(DType.FLOAT32, plainFloats, 1);
            this.plainState1 = tensors.allocate(DType.FLOAT32, plainFloats, 1);
            this.plainState2 = tensors.allocate(DType.FLOAT32, plainFloats, 1);
            upload();
        } catch (RuntimeException e) {
            Releaser.closeAfter(e, tensors);
            throw e;
        }
    }

    /** Copies the network's host values (float64, rounded to float32) to the device. */
    void upload() {
        w.copyFrom(net.recurrent().value());
        double[] flat = new double[plainFloats];
        int at = 0;
        for (Parameter p : plainList) {
            System.arraycopy(p.value(), 0, flat, at, p.size());
            at += p.size();
        }
        plain.copyFrom(flat);
    }

    /** Copies the device values back into the network's host arrays (widened to float64). */
    void download() {
        unpack(w.toDoubleArray(), plain.toDoubleArray(), Parameter::value);
    }

    /** The gradients of every parameter into the network's grad() arrays (for tests and inspection). */
    void downloadGradients() {
        unpack(wGrad.toDoubleArray(), plainGrad.toDoubleArray(), Parameter::grad);
    }

    /** Spreads W's values and the flat buffer of the others over the parameters' arrays chosen by {@code into}. */
    private void unpack(double[] recurrent, double[] flat, Function<Parameter, double[]> into) {
        System.arraycopy(recurrent, 0, into.apply(net.recurrent()), 0, recurrent.length);
        int at = 0;
        for (Parameter p : plainList) {
            System.arraycopy(flat, at, into.apply(p), 0, p.size());
            at += p.size();
        }
    }

    @Override
    public void close() {
        tensors.close();
    }
}
