package org.projunn.cuda;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUstream;
import org.projunn.Backend;
import org.projunn.DType;
import org.projunn.InvalidInputException;
import org.projunn.ProjectorSpec;

/**
 * The CUDA backend: tensors in device memory, projUNN steps as kernels on one stream.
 *
 * <p>{@link #open()} uses device 0's primary context (shared with the CUDA runtime, so with
 * PyTorch and friends) and a stream of its own. To run on a training loop's context and stream,
 * use {@link #onContext(CUcontext, CUstream, boolean)}: every launch then goes on that stream, in
 * order with the caller's own work, and {@link #wrap} turns the caller's device buffers
 * (weights, gradients) into tensors that steps update in place, without host copies.
 *
 * <p>GEMMs go to cuBLAS and the SVD of exact re-orthonormalization to cuSOLVER where they
 * load: on Java 22+ through the foreign function API (CUDA 13 or 12 libraries, found also in
 * Python wheels; the jar's {@code META-INF/versions/22}), else cuBLAS through JCublas (CUDA 12's
 * libcublas.so.12); otherwise the project's own kernels do the products and the SVD runs on the
 * host. {@link #describe()} says which, and why not the others. Close releases every tensor and projector still open, then the stream and context.
 * Not thread-safe: use one backend per thread.
 */
public final class CudaBackend implements Backend {
    private final CudaContextHandle context;
    private final KernelModule module;
    private final Launcher launcher;
    private final CudaLibraries libraries;
    private final HostTransfer transfer;
    private final String deviceDescription;
    private final int sharedOptIn;
    private final Set<DeviceBuffer> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<CudaProjector> projectors = Collections.newSetFromMap(new IdentityHashMap<>());
    private RnnKernels rnnKernels;
    private boolean closed;

    /**
     * Opens device 0, with cuBLAS and cuSOLVER where they load.
     *
     * @return the backend; close it to release the device memory, stream and context
     * @throws IllegalStateException when the device cannot run the kernels
     * @throws jcuda.CudaException when the driver fails
     */
    public static CudaBackend open() {
        return open(0, false);
    }

    /**
     * Opens a device.
     *
     * @param ordinal the device number, 0 to the device count - 1
     * @param ownKernelsOnly true to use the project's kernels for the GEMMs and the host for the SVD
     *        even where cuBLAS and cuSOLVER load
     * @return the backend; close it to release the device memory, stream and context
     * @throws IllegalStateException when the device cannot run the kernels
     * @throws jcuda.CudaException when the driver fails (e.g. no such device)
     */
    public static CudaBackend open(int ordinal, boolean ownKernelsOnly) {
        CudaContextHandle h = CudaContextHandle.primary(ordinal);
        return start(h, ownKernelsOnly);
    }

    /**
     * Runs on the caller's context and stream. The caller keeps ownership of both and must keep
     * them alive until this backend is closed.
     *
     * @param context the caller's CUDA context; not modified (made current on this thread)
     * @param stream the caller's stream, every launch goes there; null: a new stream of ours in that context
     * @param ownKernelsOnly as in {@link #open(int, boolean)}
     * @return the backend
     * @throws org.projunn.InvalidInputException when {@code context} is null
     */
    public static CudaBackend onContext(CUcontext context, CUstream stream, boolean ownKernelsOnly) {
        if (context == null) {
            throw new InvalidInputException("context must not be null");
        }
        return start(CudaContextHandle.borrowed(context, stream), ownKernelsOnly);
    }

    private static CudaBackend start(CudaContextHandle h, boolean ownKernelsOnly) {
        try {
            return new CudaBackend(h, ownKernelsOnly);
        } catch (RuntimeException | LinkageError e) {
            Releaser.closeAfter(e, h);
            throw e;
        }
    }

    private CudaBackend(CudaContextHandle context, boolean ownKernelsOnly) {
        this.context = context;
        int major = attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
        int minor = attribute(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
        if (major < CudaProbe.MIN_MAJOR) {
            throw new IllegalStateException(CudaProbe.deviceName(context.device) + " has compute capability "
                    + major + "." + minor + "; the kernels need " + CudaProbe.MIN_MAJOR + ".0 or newer");
        }
        this.sharedOptIn = attribute(CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN);
        int[] driver = new int[1];
        cuDriverGetVersion(driver);
        this.deviceDescription = CudaProbe.deviceName(context.device) + " (sm_" + major + minor + "), driver CUDA "
                + driver[0] / 1000 + "." + driver[0] % 1000 / 10;
        this.module = new KernelModule();
        CudaLibraries libs = null;
        try {
            libs = ownKernelsOnly ? CudaLibraries.none("own kernels requested") : CudaLibraries.load(context.stream);
            this.launcher = new Launcher(module, context.stream);
            this.transfer = new HostTransfer(context.stream);
        } catch (RuntimeException | LinkageError e) {
            Releaser.closeAfter(e, libs, module);
            throw e;
        }
        this.libraries = libs;
    }

    private int attribute(int attribute) {
        int[] v = new int[1];
        cuDeviceGetAttribute(v, attribute, context.device);
        return v[0];
    }

    /**
     * The backend's name, as {@code Backends.open} takes it.
     *
     * @return "cuda"
     */
    @Override
    public String name() {
        return "cuda";
    }

    /**
     * The device and the libraries in use, with the reasons for those not used.
     *
     * @return e.g. "cuda: NVIDIA H100 (sm_90), driver CUDA 13.0; GEMM: cuBLAS ... via FFM (...); SVD: cuSOLVER ... via FFM (...)"
     */
    @Override
    public String describe() {
        return "cuda: " + deviceDescription + "; GEMM: " + libraries.gemmStatus() + "; SVD: " + libraries.svdStatus();
    }

    /**
     * Whether the dense products run on the project's kernels instead of cuBLAS.
     *
     * @return true when neither cuBLAS path started (or own kernels were asked for)
     */
    public boolean usesOwnKernels() {
        return libraries.ownKernels();
    }

    /**
     * Allocates a zero-filled tensor in device memory.
     *
     * @param dtype the element type
     * @param batch the number of matrices, at least 1
     * @param rows rows of each, at least 1
     * @param cols columns of each, at least 1
     * @return the tensor; close it (or this backend) to free the memory
     * @throws org.projunn.InvalidInputException when the shape is invalid
     * @throws IllegalStateException when the device is out of memory or the backend is closed
     */
    @Override
    public CudaTensor allocate(DType dtype, int batch, int rows, int cols) {
        checkOpen();
        if (dtype == null || batch < 1 || rows < 1 || cols < 1
                || (long) batch * rows * cols * dtype.scalarsPerElement() > Integer.MAX_VALUE - 16) {
            return new CudaTensor(this, dtype, batch, rows, cols, null); // the Tensor constructor says why
        }
        context.makeCurrent();
        long bytes = (long) batch * rows * cols * dtype.bytesPerElement();
        DeviceBuffer b = allocateBuffer(bytes, dtype.name().toLowerCase(java.util.Locale.ROOT) + " tensor");
        try {
            jcuda.driver.JCudaDriver.cuMemsetD8Async(b.pointer(), (byte) 0, bytes, context.stream);
            return new CudaTensor(this, dtype, batch, rows, cols, b);
        } catch (RuntimeException e) {
            Releaser.closeAfter(e, b);
            throw e;
        }
    }

    /**
     * The caller's device memory as a tensor: steps update it in place; closing the tensor
     * leaves the memory alone.
     *
     * @param pointer device memory in this backend's context, at least batch x rows x cols
     *        elements, column-major, complex interleaved, batch entries contiguous; modified by
     *        the steps that take the tensor
     * @param dtype the element type
     * @param batch the number of matrices, at least 1
     * @param rows rows of each, at least 1
     * @param cols columns of each, at least 1
     * @return the tensor
     * @throws org.projunn.InvalidInputException when {@code pointer} is null or the shape is invalid
     */
    public CudaTensor wrap(CUdeviceptr pointer, DType dtype, int batch, int rows, int cols) {
        checkOpen();
        if (pointer == null) {
            throw new InvalidInputException("device pointer must not be null");
        }
        if (dtype == null || batch < 1 || rows < 1 || cols < 1) {
            return new CudaTensor(this, dtype, batch, rows, cols, null);
        }
        long bytes = (long) batch * rows * cols * dtype.bytesPerElement();
        return new CudaTensor(this, dtype, batch, rows, cols, DeviceBuffer.wrap(pointer, bytes));
    }

    /**
     * A projector that steps batches of N x N unitary matrices on this device; its workspace
     * (O(batch N k) bytes) is allocated here, all or nothing.
     *
     * @param spec method, rank, sampler and re-orthonormalization; not modified
     * @param dtype the element type of the matrices
     * @param batch the number of matrices per step, at least 1
     * @param n their order N, at least 1
     * @return the projector; close it (or this backend) to free its memory
     * @throws org.projunn.InvalidInputException when the shape or rank is invalid or too large for the kernels
     * @throws IllegalStateException when the device is out of memory or the backend is closed
     */
    @Override
    public CudaProjector newProjector(ProjectorSpec spec, DType dtype, int batch, int n) {
        checkOpen();
        CudaProjector p = new CudaProjector(this, spec, dtype, batch, n);
        projectors.add(p);
        return p;
    }

    /**
     * The RNN training kernels on this backend's stream (loaded on first use from the second
     * fatbin), for device-resident training loops.
     *
     * @return the kernels; they belong to this backend and are closed with it
     * @throws IllegalStateException when the backend is closed or the RNN fatbin is missing
     */
    public RnnKernels rnnKernels() {
        checkOpen();
        if (rnnKernels == null) {
            context.makeCurrent();
            rnnKernels = new RnnKernels(this, sharedOptIn, gemm(DType.FLOAT32));
        }
        return rnnKernels;
    }

    /**
     * Waits until everything queued on the backend's stream has run.
     *
     * @throws IllegalStateException when the backend is closed
     */
    public void synchronize() {
        checkOpen();
        context.makeCurrent();
        context.synchronize();
    }

    // ---- for the package ----
    CudaContextHandle context() {
        return context;
    }

    KernelLaunches kernels(DType dtype) {
        return new KernelLaunches(launcher, dtype, sharedOptIn);
    }

    GemmOps gemm(DType dtype) {
        return libraries.gemm(dtype, kernels(dtype));
    }

    CudaLibraries libraries() {
        return libraries;
    }

    DeviceBuffer allocateBuffer(long bytes, String what) {
        checkOpen();
        DeviceBuffer b = DeviceBuffer.allocate(bytes, what, buffers::remove);
        buffers.add(b);
        return b;
    }

    void release(DeviceBuffer b) {
        if (!closed) {
            context.makeCurrent();
        }
        b.close();
    }

    void projectorClosed(CudaProjector p) {
        projectors.remove(p);
    }

    void upload(CUdeviceptr dst, double[] src) {
        checkOpen();
        context.makeCurrent();
        transfer.upload(dst, src);
    }

    void upload(CUdeviceptr dst, float[] src) {
        checkOpen();
        context.makeCurrent();
        transfer.upload(dst, src);
    }

    void upload(CUdeviceptr dst, int[] src) {
        checkOpen();
        context.makeCurrent();
        transfer.upload(dst, src);
    }

    void download(CUdeviceptr src, double[] dst) {
        checkOpen();
        context.makeCurrent();
        transfer.download(src, dst);
    }

    void download(CUdeviceptr src, float[] dst) {
        checkOpen();
        context.makeCurrent();
        transfer.download(src, dst);
    }

    void download(CUdeviceptr src, int[] dst) {
        checkOpen();
        context.makeCurrent();
        transfer.download(src, dst);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the CUDA backend is closed");
        }
    }

    /**
     * Frees every projector and tensor still open, then the libraries, kernels, stream and
     * context (a borrowed context and stream are left to their owner). Closing twice is harmless.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        Releaser release = new Releaser();
        release.close(context::makeCurrent);
        release.close(context::synchronize);
        for (CudaProjector p : new ArrayList<>(projectors)) {
            release.close(p);
        }
        release.close(rnnKernels);
        for (DeviceBuffer b : new ArrayList<>(buffers)) {
            release.close(b);
        }
        release.close(transfer);
        release.close(libraries);
        release.close(module);
        closed = true;
        release.close(context);
        release.rethrow();
    }
}
