package org.projunn.cuda;

import org.projunn.Backend;
import org.projunn.BackendFactory;

/** Registers the CUDA backend with {@link org.projunn.Backends}, preferred over the CPU by auto. */
public final class CudaBackendFactory implements BackendFactory {
    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public int priority() {
        return 10;
    }

    /** Driver, device and kernels present? Never throws; cached per JVM. */
    @Override
    public Availability probe() {
        return CudaProbe.probe();
    }

    @Override
    public Backend open() {
        Availability a = probe();
        if (!a.usable()) {
            throw new IllegalStateException("cuda backend not usable: " + a.detail());
        }
        return CudaBackend.open();
    }
}
