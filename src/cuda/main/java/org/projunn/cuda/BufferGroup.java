package org.projunn.cuda;

import java.util.ArrayList;
import java.util.List;

/**
 * Device buffers allocated together, all or nothing: when one allocation fails, those already
 * made are released before the failure propagates, so a caller never holds half a set.
 */
final class BufferGroup implements AutoCloseable {
    private final List<DeviceBuffer> buffers;

    private BufferGroup(List<DeviceBuffer> buffers) {
        this.buffers = buffers;
    }

    /**
     * Allocates one buffer per size.
     *
     * @param allocator where the memory comes from
     * @param bytes the sizes; not modified
     * @param what what each buffer is for (same length as {@code bytes}); not modified
     * @return the group, every buffer allocated
     * @throws RuntimeException the allocator's failure, after releasing what was allocated
     */
    static BufferGroup allocate(BufferAllocator allocator, long[] bytes, String[] what) {
        if (bytes.length != what.length) {
            throw new IllegalArgumentException(bytes.length + " sizes but " + what.length + " names");
        }
        List<DeviceBuffer> made = new ArrayList<>(bytes.length);
        try {
            for (int i = 0; i < bytes.length; i++) {
                made.add(allocator.allocate(bytes[i], what[i]));
            }
        } catch (RuntimeException | Error e) {
            Releaser.closeAfter(e, made.toArray(new DeviceBuffer[0]));
            throw e;
        }
        return new BufferGroup(made);
    }

    /**
     * The {@code i}-th buffer, in the order of the sizes given to {@link #allocate}.
     *
     * @param i its index
     * @return the buffer (owned by this group)
     */
    DeviceBuffer get(int i) {
        return buffers.get(i);
    }

    /** Releases every buffer; the first failure is thrown after all were tried. */
    @Override
    public void close() {
        Releaser.closeAll(buffers);
    }
}
