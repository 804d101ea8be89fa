package org.projunn.cuda;

import static jcuda.driver.JCudaDriver.cuLaunchKernel;

import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUstream;

/** Launches kernels of a {@link KernelModule} on one stream; arguments are boxed Java values. */
final class Launcher {
    static final int THREADS = 256;
    /** Largest grid y or z dimension. */
    static final int MAX_GRID_YZ = 65535;

    private final KernelModule module;
    private final CUstream stream;

    Launcher(KernelModule module, CUstream stream) {
        this.module = module;
        this.stream = stream;
    }

    /**
     * Launches {@code name} on a {@code gx x gy x gz} grid of {@link #THREADS}-thread blocks.
     * Arguments: device pointers, Integer (int), Long (long long), Double.
     */
    void launch(String name, int gx, int gy, int gz, int sharedBytes, Object... args) {
        if (gx < 1 || gy < 1 || gz < 1) {
            return;
        }
        module.allowDynamicShared(name, sharedBytes);
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = param(args[i]);
        }
        cuLaunchKernel(module.function(name), gx, gy, gz, THREADS, 1, 1, sharedBytes, stream,
                Pointer.to(params), null);
    }

    private static Pointer param(Object arg) {
        if (arg instanceof NativePointerObject p) {
            return Pointer.to(p);
        }
        if (arg instanceof Integer v) {
            return Pointer.to(new int[] {v});
        }
        if (arg instanceof Long v) {
            return Pointer.to(new long[] {v});
        }
        if (arg instanceof Double v) {
            return Pointer.to(new double[] {v});
        }
        throw new IllegalArgumentException("unsupported kernel argument " + arg);
    }
}
