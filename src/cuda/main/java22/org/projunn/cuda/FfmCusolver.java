package org.projunn.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.EnumMap;
import java.util.Map;
import jcuda.driver.CUdeviceptr;
import org.projunn.DType;

/**
 * A cuSOLVER dense handle on one stream, through FFM: {@code cusolverDnCreate},
 * {@code cusolverDnSetStream} and the SVD {@code cusolverDn[SDCZ]gesvd} with its workspace query.
 */
final class FfmCusolver implements DeviceSvd, AutoCloseable {
    private static final FunctionDescriptor BUFFER_SIZE = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT,
            ADDRESS);
    private static final FunctionDescriptor GESVD = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_BYTE, JAVA_BYTE,
            JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT,
            ADDRESS, ADDRESS);

    private final NativeLibrary lib;
    private final MemorySegment handle;
    private final MethodHandle destroy;
    private final Map<DType, MethodHandle> bufferSize = new EnumMap<>(DType.class);
    private final Map<DType, MethodHandle> gesvd = new EnumMap<>(DType.class);
    private final String description;
    private boolean closed;

    private FfmCusolver(NativeLibrary lib, MemorySegment handle, MethodHandle destroy, String description) {
        this.lib = lib;
        this.handle = handle;
        this.destroy = destroy;
        this.description = description;
    }

    /**
     * Creates a handle in the current context and binds it to {@code stream}.
     *
     * @param lib the loaded libcusolver
     * @param stream the stream handle
     * @return the handle
     * @throws IllegalStateException with cuSOLVER's status when creation fails
     * @throws UnsatisfiedLinkError when a symbol is missing
     */
    static FfmCusolver create(NativeLibrary lib, long stream) {
        MethodHandle create = lib.function("cusolverDnCreate", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        MethodHandle setStream = lib.function("cusolverDnSetStream", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        MethodHandle destroy = lib.function("cusolverDnDestroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        MemorySegment h = LibraryHandle.create(create, "cusolverDnCreate", setStream, "cusolverDnSetStream", destroy, stream,
                FfmCusolver::check);
        return new FfmCusolver(lib, h, destroy, "cuSOLVER " + version(lib) + " via FFM (" + lib.path + ")");
    }

    private static String version(NativeLibrary lib) {
        try (Arena a = Arena.ofConfined()) {
            MethodHandle v = lib.function("cusolverGetVersion", FunctionDescriptor.of(JAVA_INT, ADDRESS));
            MemorySegment out = a.allocate(JAVA_INT);
            int status = (int) v.invokeExact(out);
            return status == 0 ? String.valueOf(out.get(JAVA_INT, 0)) : "(version unknown)";
        } catch (Throwable t) {
            return "(version unknown)";
        }
    }

    @Override
    public String describe() {
        return description;
    }

    private static char letter(DType dtype) {
        return "SDCZ".charAt(dtype.ordinal());
    }

    @Override
    public int workspaceElements(DType dtype, int n) {
        MethodHandle h = bufferSize.computeIfAbsent(dtype,
                d -> lib.function("cusolverDn" + letter(d) + "gesvd_bufferSize", BUFFER_SIZE));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check((int) h.invokeExact(handle, n, n, out), "cusolverDn" + letter(dtype) + "gesvd_bufferSize");
            return out.get(JAVA_INT, 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void gesvd(DType dtype, int n, CUdeviceptr a, CUdeviceptr s, CUdeviceptr u, CUdeviceptr vt,
                      CUdeviceptr work, int lwork, CUdeviceptr rwork, CUdeviceptr info) {
        if (closed) {
            throw new IllegalStateException("cuSOLVER handle already destroyed");
        }
        MethodHandle h = gesvd.computeIfAbsent(dtype, d -> lib.function("cusolverDn" + letter(d) + "gesvd", GESVD));
        int status;
        try {
            status = (int) h.invokeExact(handle, (byte) 'A', (byte) 'A', n, n, seg(a), n, seg(s), seg(u), n, seg(vt), n,
                    seg(work), lwork, seg(rwork), seg(info));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        check(status, "cusolverDn" + letter(dtype) + "gesvd");
    }

    private static MemorySegment seg(CUdeviceptr p) {
        return MemorySegment.ofAddress(DevicePointers.address(p));
    }

    /** Turns a cusolverStatus_t into an exception naming the call. */
    static void check(int status, String call) {
        if (status != 0) {
            throw new IllegalStateException(call + " failed: " + statusName(status) + " (" + status + ")");
        }
    }

    /**
     * The name of a cusolverStatus_t.
     *
     * @param status the value
     * @return e.g. CUSOLVER_STATUS_NOT_INITIALIZED
     */
    static String statusName(int status) {
        switch (status) {
            case 0: return "CUSOLVER_STATUS_SUCCESS";
            case 1: return "CUSOLVER_STATUS_NOT_INITIALIZED";
            case 2: return "CUSOLVER_STATUS_ALLOC_FAILED";
            case 3: return "CUSOLVER_STATUS_INVALID_VALUE";
            case 4: return "CUSOLVER_STATUS_ARCH_MISMATCH";
            case 5: return "CUSOLVER_STATUS_MAPPING_ERROR";
            case 6: return "CUSOLVER_STATUS_EXECUTION_FAILED";
            case 7: return "CUSOLVER_STATUS_INTERNAL_ERROR";
            case 8: return "CUSOLVER_STATUS_MATRIX_TYPE_NOT_SUPPORTED";
            case 9: return "CUSOLVER_STATUS_NOT_SUPPORTED";
            default: return "cuSOLVER status";
        }
    }

    /** Destroys the handle. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LibraryHandle.destroy(destroy, "cusolverDnDestroy", handle, FfmCusolver::check);
    }
}
