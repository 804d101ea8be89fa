package org.projunn.cuda;

import static jcuda.driver.JCudaDriver.cuCtxGetDevice;
import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRelease;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import jcuda.driver.JCudaDriver;

/**
 * The CUDA context and stream a backend works in. Either the device's primary context (the one
 * the CUDA runtime, and so PyTorch, uses) with a stream of our own, or a context and stream that
 * the caller owns and keeps owning: then closing releases only what was created here.
 */
final class CudaContextHandle implements AutoCloseable {
    final CUcontext context;
    final CUstream stream;
    final CUdevice device;
    private final boolean retainedPrimary;
    private final boolean ownsStream;
    private boolean closed;

    private CudaContextHandle(CUcontext context, CUstream stream, CUdevice device, boolean retainedPrimary, boolean ownsStream) {
        this.context = context;
        this.stream = stream;
        this.device = device;
        this.retainedPrimary = retainedPrimary;
        this.ownsStream = ownsStream;
    }

    /** The primary context of device {@code ordinal} and a new non-blocking stream. */
    static CudaContextHandle primary(int ordinal) {
        JCudaDriver.setExceptionsEnabled(true);
        cuInit(0);
        CUdevice device = new CUdevice();
        cuDeviceGet(device, ordinal);
        CUcontext context = new CUcontext();
        cuDevicePrimaryCtxRetain(context, device);
        try {
            cuCtxSetCurrent(context);
            CUstream stream = new CUstream();
            cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING);
            return new CudaContextHandle(context, stream, device, true, true);
        } catch (RuntimeException e) {
            cuDevicePrimaryCtxRelease(device);
            throw e;
        }
    }

    /**
     * The caller's context; work goes on the caller's {@code stream}, or on a new stream of ours
     * when it is null. Neither the context nor the caller's stream is destroyed on close.
     */
    static CudaContextHandle borrowed(CUcontext context, CUstream stream) {
        JCudaDriver.setExceptionsEnabled(true);
        cuInit(0);
        cuCtxSetCurrent(context);
        CUdevice device = new CUdevice();
        cuCtxGetDevice(device);
        if (stream != null) {
            return new CudaContextHandle(context, stream, device, false, false);
        }
        CUstream own = new CUstream();
        cuStreamCreate(own, CUstream_flags.CU_STREAM_NON_BLOCKING);
        return new CudaContextHandle(context, own, device, false, true);
    }

    /** Makes the context current on the calling thread (every entry point does this first). */
    void makeCurrent() {
        if (closed) {
            throw new IllegalStateException("the CUDA backend is closed");
        }
        cuCtxSetCurrent(context);
    }

    void synchronize() {
        cuStreamSynchronize(stream);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            cuCtxSetCurrent(context);
            if (ownsStream) {
                cuStreamDestroy(stream);
            }
        } finally {
            if (retainedPrimary) {
                cuDevicePrimaryCtxRelease(device);
            }
        }
    }
}
