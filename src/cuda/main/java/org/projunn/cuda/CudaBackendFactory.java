package org.projunn.cuda;

import org.projunn.Backend;
import org.projunn.BackendFactory;

/** Registers the CUDA backend with {@link org.projunn.Backends}, preferred over the CPU by auto. */
public final class CudaBackendFactory implements BackendFactory {
    /** Creates the factory (ServiceLoader does, through META-INF/services). */
    public CudaBackendFactory() {
    }

    /**
     * The backend's name.
     *
     * @return "cuda"
     */
    @Override
    public String name() {
        return "cuda";
    }

    /**
     * Above the CPU's 0, so that auto tries the GPU first.
     *
     * @return 10
     */
    @Override
    public int priority() {
        return 10;
    }

    /**
     * Whether the driver, a device of compute capability 8.0+ and the kernels (loaded by the
     * driver) are there, and which libraries would run. Never throws; cached per JVM.
     *
     * @return usable with the device, or not with the reason
     */
    @Override
    public Availability probe() {
        return CudaProbe.probe();
    }

    /**
     * Opens device 0 when the probe says usable.
     *
     * @return a {@link CudaBackend}
     * @throws IllegalStateException with the probe's reason when it is not usable
     */
    @Override
    public Backend open() {
        Availability a = probe();
        if (!a.usable()) {
            throw new IllegalStateException("cuda backend not usable: " + a.detail());
        }
        return CudaBackend.open();
    }
}
