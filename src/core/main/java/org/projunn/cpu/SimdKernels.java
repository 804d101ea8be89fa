package org.projunn.cpu;

import java.lang.System.Logger.Level;

/**
 * Chooses the float kernels once, at start-up, the way Apache Lucene's VectorizationProvider
 * does, and says which in one log line.
 *
 * <p>The Vector API kernels run whenever the module {@code jdk.incubator.vector} is in the boot
 * layer ({@code --add-modules jdk.incubator.vector}; the {@code ./projunn} launcher, the Maven
 * Surefire configuration and the JMH forks pass it). Without the module, or with
 * {@code -Dprojunn.simd=false}, the plain loops run, and one log line says how to get the
 * faster kernels.
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

    /**
     * The Vector API kernels whatever the default, or null without the module (tests compare
     * both): the selected instance when there is one, so start-up loads them once.
     */
    static FloatColumnKernels vectorKernels() {
        if (SELECTED != null) {
            return SELECTED;
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return null;
        }
        try {
            return load();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static FloatColumnKernels load() throws ReflectiveOperationException {
        return (FloatColumnKernels) Class.forName("org.projunn.cpu.VectorColumnKernels")
                .getDeclaredConstructor().newInstance();
    }

    /** One line for reports: which float kernels the CPU passes use. */
    static String describe() {
        return SELECTED != null ? SELECTED.describe()
                : "plain Java loops (--add-modules " + MODULE + " for the Vector API kernels)";
    }

    private static FloatColumnKernels select() {
        System.Logger log = System.getLogger("org.projunn.cpu");
        if (!Boolean.parseBoolean(System.getProperty("projunn.simd", "true"))) {
            log.log(Level.INFO, "projunn CPU kernels: plain Java loops (-Dprojunn.simd=false)");
            return null;
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            log.log(Level.INFO, "projunn CPU kernels: plain Java loops; pass --add-modules " + MODULE
                    + " for the Vector API kernels, several times faster");
            return null;
        }
        try {
            FloatColumnKernels k = load();
            log.log(Level.INFO, "projunn CPU kernels: " + k.describe());
            return k;
        } catch (ReflectiveOperationException | LinkageError e) {
            log.log(Level.WARNING, "projunn CPU kernels: plain Java loops; the Vector API kernels failed to load: " + e);
            return null;
        }
    }
}
