package org.projunn.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;

import java.util.function.Consumer;
import jcuda.CudaException;
import jcuda.driver.CUdeviceptr;

/**
 * A range of device memory: allocated here (freed on close) or the caller's (never freed).
 * The owner is told on close so that the backend can free whatever is still open when it closes.
 */
final class DeviceBuffer implements AutoCloseable {
    private final CUdeviceptr pointer;
    private final long bytes;
    private final boolean owned;
    private final Consumer<DeviceBuffer> onClose;
    private boolean closed;

    private DeviceBuffer(CUdeviceptr pointer, long bytes, boolean owned, Consumer<DeviceBuffer> onClose) {
        this.pointer = pointer;
        this.bytes = bytes;
        this.owned = owned;
        this.onClose = onClose;
    }

    /** Allocates {@code bytes} (at least 1); out of memory becomes a message with the sizes. */
    static DeviceBuffer allocate(long bytes, String what, Consumer<DeviceBuffer> onClose) {
        CUdeviceptr p = new CUdeviceptr();
        try {
            cuMemAlloc(p, Math.max(bytes, 1));
        } catch (CudaException e) {
            long[] free = new long[1];
            long[] total = new long[1];
            String sizes = "";
            try {
                cuMemGetInfo(free, total);
                sizes = " (free " + (free[0] >> 20) + " MiB of " + (total[0] >> 20) + " MiB)";
            } catch (CudaException ignored) {
                // the allocation error is the one worth reporting
            }
            throw new IllegalStateException("could not allocate " + mib(bytes) + " of GPU memory for " + what
                    + sizes + ": " + e.getMessage(), e);
        }
        return new DeviceBuffer(p, bytes, true, onClose);
    }

    /** The caller's memory: used in place, never freed here. */
    static DeviceBuffer wrap(CUdeviceptr pointer, long bytes) {
        return new DeviceBuffer(pointer, bytes, false, b -> { });
    }

    CUdeviceptr pointer() {
        if (closed) {
            throw new IllegalStateException("device buffer already closed");
        }
        return pointer;
    }

    /** The address {@code byteOffset} bytes into the buffer. */
    CUdeviceptr at(long byteOffset) {
        return pointer().withByteOffset(byteOffset);
    }

    long bytes() {
        return bytes;
    }

    boolean owned() {
        return owned;
    }

    boolean isClosed() {
        return closed;
    }

    private static String mib(long bytes) {
        return bytes >= (1 << 20) ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (owned) {
                cuMemFree(pointer);
            }
        } finally {
            onClose.accept(this);
        }
    }
}
