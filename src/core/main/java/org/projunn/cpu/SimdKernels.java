package org.projunn.cpu;

import java.lang.System.Logger.Level;

/**
 * Chooses the float kernels once, at start-up, the way Apache Lucene's VectorizationProvider
 * does: the Vector API ones when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the {@code ./projunn} launcher does), else none,
 * and the dense passes keep their plain loops. One log line says which, and how to get the
 * other. {@code -Dprojunn.simd=false} forces the plain loops.
 */
final class SimdKernels {
    private static final String MODULE = "jdk.incubator.vector";
    private static final FloatColumnKernels SELECTED = select();

    private SimdKernels() {
    }

    /** The Vector API kernels, or null when the plain loops run. */
    static FloatColumnKernels selected() {
        return SELECTED;
    }

    /** One line for reports: which float kernels the CPU passes use. */
    static String describe() {
        return SELECTED != null ? SELECTED.describe()
                : "plain Java loops (start the JVM with --add-modules " + MODULE + " for the Vector API kernels)";
    }

    private static FloatColumnKernels select() {
        System.Logger log = System.getLogger("org.projunn.cpu");
        if (!Boolean.parseBoolean(System.getProperty("projunn.simd", "true"))) {
            log.log(Level.INFO, "projunn CPU kernels: plain Java loops (-Dprojunn.simd=false)");
            return null;
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            log.log(Level.INFO, "projunn CPU kernels: plain Java loops; start the JVM with --add-modules "
                    + MODULE + " for the faster Vector API kernels");
            return null;
        }
        try {
            FloatColumnKernels k = (FloatColumnKernels) Class.forName("org.projunn.cpu.VectorColumnKernels")
                    .getDeclaredConstructor().newInstance();
            log.log(Level.INFO, "projunn CPU kernels: " + k.describe());
            return k;
        } catch (ReflectiveOperationException | LinkageError e) {
            log.log(Level.WARNING, "projunn CPU kernels: plain Java loops; the Vector API kernels failed to load: " + e);
            return null;
        }
    }
}
