package org.projunn.cuda;

import static jcuda.driver.JCudaDriver.cuMemAllocHost;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;

/**
 * Copies between Java arrays and device memory through one reusable pinned staging buffer, on
 * the backend's stream (so copies are ordered with its kernels whatever kind of stream it is)
 * and synchronously: on return the data has arrived.
 */
final class HostTransfer implements AutoCloseable {
    private static final int CHUNK = 8 << 20;

    private final CUstream stream;
    private Pointer pinned;
    private ByteBuffer buffer;

    HostTransfer(CUstream stream) {
        this.stream = stream;
    }

    private ByteBuffer staging() {
        if (pinned == null) {
            Pointer p = new Pointer();
            cuMemAllocHost(p, CHUNK);
            pinned = p;
            buffer = p.getByteBuffer(0, CHUNK).order(ByteOrder.nativeOrder());
        }
        buffer.clear();
        return buffer;
    }

    void upload(CUdeviceptr dst, double[] src) {
        for (int off = 0; off < src.length; off += CHUNK / 8) {
            int len = Math.min(CHUNK / 8, src.length - off);
            staging().asDoubleBuffer().put(src, off, len);
            send(dst.withByteOffset(8L * off), 8L * len);
        }
    }

    void upload(CUdeviceptr dst, float[] src) {
        for (int off = 0; off < src.length; off += CHUNK / 4) {
            int len = Math.min(CHUNK / 4, src.length - off);
            staging().asFloatBuffer().put(src, off, len);
            send(dst.withByteOffset(4L * off), 4L * len);
        }
    }

    void upload(CUdeviceptr dst, int[] src) {
        for (int off = 0; off < src.length; off += CHUNK / 4) {
            int len = Math.min(CHUNK / 4, src.length - off);
            staging().asIntBuffer().put(src, off, len);
            send(dst.withByteOffset(4L * off), 4L * len);
        }
    }

    void download(CUdeviceptr src, double[] dst) {
        for (int off = 0; off < dst.length; off += CHUNK / 8) {
            int len = Math.min(CHUNK / 8, dst.length - off);
            receive(src.withByteOffset(8L * off), 8L * len).asDoubleBuffer().get(dst, off, len);
        }
    }

    void download(CUdeviceptr src, float[] dst) {
        for (int off = 0; off < dst.length; off += CHUNK / 4) {
            int len = Math.min(CHUNK / 4, dst.length - off);
            receive(src.withByteOffset(4L * off), 4L * len).asFloatBuffer().get(dst, off, len);
        }
    }

    void download(CUdeviceptr src, int[] dst) {
        for (int off = 0; off < dst.length; off += CHUNK / 4) {
            int len = Math.min(CHUNK / 4, dst.length - off);
            receive(src.withByteOffset(4L * off), 4L * len).asIntBuffer().get(dst, off, len);
        }
    }

    private void send(CUdeviceptr dst, long bytes) {
        cuMemcpyHtoDAsync(dst, pinned, bytes, stream);
        cuStreamSynchronize(stream);
    }

    private ByteBuffer receive(CUdeviceptr src, long bytes) {
        ByteBuffer b = staging();
        cuMemcpyDtoHAsync(pinned, src, bytes, stream);
        cuStreamSynchronize(stream);
        return b;
    }

    @Override
    public void close() {
        if (pinned != null) {
            Pointer p = pinned;
            pinned = null;
            buffer = null;
            cuMemFreeHost(p);
        }
    }
}
