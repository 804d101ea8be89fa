package org.projunn.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.EnumMap;
import java.util.Map;
import jcuda.driver.CUdeviceptr;
import org.projunn.DType;

/**
 * A cuBLAS handle on one stream, through FFM: {@code cublasCreate_v2}, {@code cublasSetStream_v2},
 * and the strided-batched GEMMs ({@code cublas[SDCZ]gemmStridedBatched}, column-major, alpha and
 * beta in host memory: the default pointer mode).
 */
final class FfmCublas implements AutoCloseable {
    private static final FunctionDescriptor GEMM = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT,
            JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS,
            ADDRESS, JAVA_INT, JAVA_LONG, JAVA_INT);

    private final NativeLibrary lib;
    private final MemorySegment handle;
    private final MethodHandle destroy;
    private final Map<DType, MethodHandle> gemms = new EnumMap<>(DType.class);
    private final String description;
    private boolean closed;

    private FfmCublas(NativeLibrary lib, MemorySegment handle, MethodHandle destroy, String description) {
        this.lib = lib;
        this.handle = handle;
        this.destroy = destroy;
        this.description = description;
    }

    /**
     * Creates a handle in the current context and binds it to {@code stream}.
     *
     * @param lib the loaded libcublas
     * @param stream the stream handle (0: the default stream)
     * @return the handle
     * @throws IllegalStateException with cuBLAS's status when creation fails (e.g. no device)
     * @throws UnsatisfiedLinkError when a symbol is missing
     */
    static FfmCublas create(NativeLibrary lib, long stream) {
        MethodHandle create = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS), "cublasCreate_v2", "cublasCreate");
        MethodHandle setStream = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), "cublasSetStream_v2",
                "cublasSetStream");
        MethodHandle destroy = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS), "cublasDestroy_v2", "cublasDestroy");
        MemorySegment h = LibraryHandle.create(create, "cublasCreate_v2", setStream, "cublasSetStream_v2", destroy, stream,
                FfmCublas::check);
        return new FfmCublas(lib, h, destroy, "cuBLAS " + version(lib, h) + " via FFM (" + lib.path + ")");
    }

    private static String version(NativeLibrary lib, MemorySegment h) {
        try (Arena a = Arena.ofConfined()) {
            MethodHandle v = lib.function(FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), "cublasGetVersion_v2",
                    "cublasGetVersion");
            MemorySegment out = a.allocate(JAVA_INT);
            int status = (int) v.invokeExact(h, out);
            return status == 0 ? String.valueOf(out.get(JAVA_INT, 0)) : "(version unknown)";
        } catch (Throwable t) {
            return "(version unknown)";
        }
    }

    /**
     * What runs the GEMMs.
     *
     * @return e.g. "cuBLAS 130100 via FFM (libcublas.so.13)"
     */
    String description() {
        return description;
    }

    /**
     * GEMMs of one type on this handle.
     *
     * @param dtype the element type
     * @return the products
     */
    GemmOps gemm(DType dtype) {
        MethodHandle h = gemms.computeIfAbsent(dtype, d -> lib.function("cublas" + "SDCZ".charAt(d.ordinal())
                + "gemmStridedBatched", GEMM));
        return new Gemm(dtype, h);
    }

    /** Turns a cuBLAS status into an exception naming the call. */
    static void check(int status, String call) {
        if (status != 0) {
            throw new IllegalStateException(call + " failed: " + statusName(status) + " (" + status + ")");
        }
    }

    /**
     * The name of a cublasStatus_t.
     *
     * @param status the value
     * @return e.g. CUBLAS_STATUS_NOT_INITIALIZED
     */
    static String statusName(int status) {
        switch (status) {
            case 0: return "CUBLAS_STATUS_SUCCESS";
            case 1: return "CUBLAS_STATUS_NOT_INITIALIZED";
            case 3: return "CUBLAS_STATUS_ALLOC_FAILED";
            case 7: return "CUBLAS_STATUS_INVALID_VALUE";
            case 8: return "CUBLAS_STATUS_ARCH_MISMATCH";
            case 11: return "CUBLAS_STATUS_MAPPING_ERROR";
            case 13: return "CUBLAS_STATUS_EXECUTION_FAILED";
            case 14: return "CUBLAS_STATUS_INTERNAL_ERROR";
            case 15: return "CUBLAS_STATUS_NOT_SUPPORTED";
            case 16: return "CUBLAS_STATUS_LICENSE_ERROR";
            default: return "cuBLAS status";
        }
    }

    /** Destroys the handle. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LibraryHandle.destroy(destroy, "cublasDestroy_v2", handle, FfmCublas::check);
    }

    /** {@link GemmOps} on this handle for one type, the shapes coming from {@link StridedGemm}. */
    private final class Gemm extends StridedGemm {
        private final MethodHandle call;
        private final MemorySegment one;
        private final MemorySegment zero;

        Gemm(DType dtype, MethodHandle call) {
            super(dtype);
            this.call = call;
            Arena arena = Arena.ofAuto();
            switch (dtype) {
                case FLOAT32: one = arena.allocateFrom(JAVA_FLOAT, 1f); zero = arena.allocateFrom(JAVA_FLOAT, 0f); break;
                case FLOAT64: one = arena.allocateFrom(JAVA_DOUBLE, 1); zero = arena.allocateFrom(JAVA_DOUBLE, 0); break;
                case COMPLEX64: one = arena.allocateFrom(JAVA_FLOAT, 1f, 0f); zero = arena.allocateFrom(JAVA_FLOAT, 0f, 0f); break;
                default: one = arena.allocateFrom(JAVA_DOUBLE, 1, 0); zero = arena.allocateFrom(JAVA_DOUBLE, 0, 0); break;
            }
        }

        @Override
        public String describe() {
            return description;
        }

        /** One float32 product with transposes and leading dimensions: a batch of 1 of the strided call. */
        @Override
        public void general(boolean transA, boolean transB, int m, int n, int k, CUdeviceptr a, int lda, CUdeviceptr b,
                            int ldb, boolean accumulate, CUdeviceptr c, int ldc) {
            checkGeneral();
            invoke(transA ? OP_T : OP_N, transB ? OP_T : OP_N, m, n, k, a, lda, 0L, b, ldb, 0L, accumulate ? one : zero,
                    c, ldc, 0L, 1);
        }

        @Override
        void stridedBatched(int opA, int m, int nc, int kd, CUdeviceptr a, int lda, long strideA, CUdeviceptr b,
                            long strideB, CUdeviceptr c, int batch) {
            invoke(opA, OP_N, m, nc, kd, a, lda, strideA, b, kd, strideB, zero, c, m, (long) m * nc, batch);
        }

        /** {@code cublas<S|D|C|Z>gemmStridedBatched} with alpha 1, status checked. */
        private void invoke(int opA, int opB, int m, int n, int k, CUdeviceptr a, int lda, long strideA, CUdeviceptr b,
                            int ldb, long strideB, MemorySegment beta, CUdeviceptr c, int ldc, long strideC, int batch) {
            if (closed) {
                throw new IllegalStateException("cuBLAS handle already destroyed");
            }
            int status;
            try {
                status = (int) call.invokeExact(handle, opA, opB, m, n, k, one,
                        MemorySegment.ofAddress(DevicePointers.address(a)), lda, strideA,
                        MemorySegment.ofAddress(DevicePointers.address(b)), ldb, strideB, beta,
                        MemorySegment.ofAddress(DevicePointers.address(c)), ldc, strideC, batch);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
            check(status, "cublas" + "SDCZ".charAt(dtype.ordinal()) + "gemmStridedBatched");
        }

        /** The handle belongs to {@link FfmCublas}. */
        @Override
        public void close() {
        }
    }
}
