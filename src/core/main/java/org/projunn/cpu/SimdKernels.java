package org.projunn.cpu;

import java.lang.System.Logger.Level;

/**
 * Chooses the float kernels once, at start-up, the way Apache Lucene's VectorizationProvider
 * does, and says which in one log line.
 *
 * <p>The Vector API kernels are opt-in ({@code -Dprojunn.simd=true}, with
 * {@code --add-modules jdk.incubator.vector}, which the {@code ./projunn} launcher adds): they are
 * faster here, but C2 does not intrinsify all of their operations on this project's JDKs (17 and
 * 25), so the API's Java fallbacks allocate vectors on every step (about 350 KB per step at
 * N = 512 on JDK 17, 200 KB on JDK 25; JFR shows the fallbacks of fma, float-to-double convert
 * and loads). The default is the allocation-free plain loops until that is fixed.
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

    /** The Vector API kernels whatever the default, or null without the module (tests compare both). */
    static FloatColumnKernels vectorKernels() {
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
                : "plain Java loops (-Dprojunn.simd=true and --add-modules " + MODULE + " for the Vector API kernels)";
    }

    private static FloatColumnKernels select() {
        System.Logger log = System.getLogger("org.projunn.cpu");
        if (!Boolean.parseBoolean(System.getProperty("projunn.simd", "false"))) {
            log.log(Level.DEBUG, "projunn CPU kernels: plain Java loops (-Dprojunn.simd=true for the Vector API ones)");
            return null;
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            log.log(Level.INFO, "projunn CPU kernels: plain Java loops; -Dprojunn.simd=true needs --add-modules "
                    + MODULE);
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
