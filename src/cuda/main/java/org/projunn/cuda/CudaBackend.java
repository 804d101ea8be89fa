package org.projunn.cuda;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
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

    /** Device 0, cuBLAS/cuSOLVER where they load. */
    public static CudaBackend open() {
        return open(0, false);
    }

    /** Device {@code ordinal}; {@code ownKernelsOnly} skips cuBLAS and cuSOLVER even where they load. */
    public static CudaBackend open(int ordinal, boolean ownKernelsOnly) {
        CudaContextHandle h = CudaContextHandle.primary(ordinal);
        return start(h, ownKernelsOnly);
    }

    /**
     * Runs on the caller's {@code context} and {@code stream} (null: a new stream of ours in that
     * context). The caller keeps ownership of both and must keep them alive until this backend
     * is closed.
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
            h.close();
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
            if (libs != null) {
                libs.close();
            }
            module.close();
            throw e;
        }
        this.libraries = libs;
    }

    private int attribute(int attribute) {
        int[] v = new int[1];
        cuDeviceGetAttribute(v, attribute, context.device);
        return v[0];
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public String describe() {
        return "cuda: " + deviceDescription + "; GEMM: " + libraries.gemmStatus() + "; SVD: " + libraries.svdStatus();
    }

    /** Whether the dense products run on the project's kernels instead of cuBLAS. */
    public boolean usesOwnKernels() {
        return libraries.ownKernels();
    }

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
            b.close();
            throw e;
        }
    }

    /**
     * The caller's device memory at {@code pointer} as a tensor (column-major, complex
     * interleaved, batch entries contiguous): steps update it in place; closing the tensor
     * leaves the memory alone. It must live in this backend's context.
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

    @Override
    public CudaProjector newProjector(ProjectorSpec spec, DType dtype, int batch, int n) {
        checkOpen();
        CudaProjector p = new CudaProjector(this, spec, dtype, batch, n);
        projectors.add(p);
        return p;
    }

    /**
     * The RNN training kernels on this backend's stream (loaded on first use from the second
     * fatbin), for device-resident training loops; closed with the backend.
     */
    public RnnKernels rnnKernels() {
        checkOpen();
        if (rnnKernels == null) {
            context.makeCurrent();
            rnnKernels = new RnnKernels(this, sharedOptIn, gemm(DType.FLOAT32));
        }
        return rnnKernels;
    }

    /** Waits until everything queued on the backend's stream has run. */
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

    /** Frees every projector and tensor still open, then the libraries, kernels, stream, context. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        List<Runnable> steps = new ArrayList<>();
        steps.add(context::makeCurrent);
        steps.add(context::synchronize);
        for (CudaProjector p : new ArrayList<>(projectors)) {
            steps.add(p::close);
        }
        if (rnnKernels != null) {
            steps.add(rnnKernels::close);
        }
        for (DeviceBuffer b : new ArrayList<>(buffers)) {
            steps.add(b::close);
        }
        steps.add(transfer::close);
        steps.add(libraries::close);
        steps.add(module::close);
        RuntimeException first = null;
        for (Runnable r : steps) {
            try {
                r.run();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        closed = true;
        try {
            context.close();
        } catch (RuntimeException e) {
            if (first == null) {
                first = e;
            } else {
                first.addSuppressed(e);
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
