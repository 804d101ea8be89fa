package org.projunn.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The life cycle that cuBLAS and cuSOLVER handles share: create one, bind it to a stream (and
 * destroy it again when that fails, so nothing leaks), destroy it at the end. Each library
 * supplies its own functions and its own status names.
 */
final class LibraryHandle {
    /** Turns a library's status into an exception naming the call. */
    interface StatusCheck {
        void check(int status, String call);
    }

    private LibraryHandle() {
    }

    /**
     * Creates a handle with {@code create(&handle)} and binds it with {@code setStream(handle, stream)}.
     *
     * @return the handle
     * @throws IllegalStateException with the library's status when a call fails
     */
    static MemorySegment create(MethodHandle create, String createName, MethodHandle setStream,
                                String setStreamName, MethodHandle destroy, long stream, StatusCheck check) {
        MemorySegment h;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check.check((int) create.invokeExact(out), createName);
            h = out.get(ADDRESS, 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(createName + ": " + t, t);
        }
        try {
            check.check((int) setStream.invokeExact(h, MemorySegment.ofAddress(stream)), setStreamName);
        } catch (Throwable t) {
            try {
                int ignored = (int) destroy.invokeExact(h);
            } catch (Throwable suppressed) {
                t.addSuppressed(suppressed);
            }
            throw t instanceof RuntimeException r ? r : new IllegalStateException(t);
        }
        return h;
    }

    /**
     * Destroys a handle with {@code destroy(handle)}.
     *
     * @throws IllegalStateException with the library's status when the call fails
     */
    static void destroy(MethodHandle destroy, String destroyName, MemorySegment handle, StatusCheck check) {
        try {
            check.check((int) destroy.invokeExact(handle), destroyName);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
