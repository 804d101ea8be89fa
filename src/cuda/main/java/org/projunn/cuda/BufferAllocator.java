package org.projunn.cuda;

/** Where device buffers come from: the backend (which frees whatever is still open on close). */
@FunctionalInterface
interface BufferAllocator {
    /**
     * Allocates device memory.
     *
     * @param bytes the size in bytes (at least 1 is allocated)
     * @param what what the memory is for, named in the out-of-memory message
     * @return a new buffer the caller owns and must close
     * @throws IllegalStateException when the device has not enough memory
     */
    DeviceBuffer allocate(long bytes, String what);
}
