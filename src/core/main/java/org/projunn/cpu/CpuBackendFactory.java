package org.projunn.cpu;

import org.projunn.Backend;
import org.projunn.BackendFactory;

/** Registers the CPU backend with {@link org.projunn.Backends}. */
public final class CpuBackendFactory implements BackendFactory {
    /** Made by {@link java.util.ServiceLoader}. */
    public CpuBackendFactory() {
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability probe() {
        return Availability.yes(Runtime.getRuntime().availableProcessors() + " cores");
    }

    @Override
    public Backend open() {
        return new CpuBackend();
    }
}
