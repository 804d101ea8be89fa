package org.projunn.consumer;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A project that depends on projunn-core alone: its runtime classpath holds projunn-core and
 * EJML's core, ddense and zdense jars, nothing of the GPU backend, the CLI or the plots; the
 * README's Java example runs on it. Exits non-zero (an uncaught error) when any of that fails.
 */
public final class CoreOnly {
    /** Artifacts a library user may get from projunn-core: it and the EJML modules it uses. */
    static final Set<String> ALLOWED = Set.of("projunn-core", "ejml-core", "ejml-ddense", "ejml-zdense");
    /** A class of each library that must stay out: JCuda, picocli, XChart, progressbar. */
    static final List<String> FORBIDDEN = List.of("jcuda.driver.JCudaDriver", "jcuda.jcublas.JCublas2",
            "picocli.CommandLine", "org.knowm.xchart.XYChart", "me.tongfei.progressbar.ProgressBar");

    private CoreOnly() {
    }

    public static void main(String[] args) {
        Set<String> jars = classpathArtifacts();
        System.out.println("core-only: runtime classpath jars: " + jars);
        if (!jars.equals(ALLOWED)) {
            throw new AssertionError("the classpath of a projunn-core user must be exactly " + new TreeSet<>(ALLOWED)
                    + ", got " + jars);
        }
        List<String> loadable = new ArrayList<>();
        for (String name : FORBIDDEN) {
            try {
                Class.forName(name, false, CoreOnly.class.getClassLoader());
                loadable.add(name);
            } catch (ClassNotFoundException expected) {
                // absent, as it must be
            }
        }
        if (!loadable.isEmpty()) {
            throw new AssertionError("classes a core user must not get are loadable: " + loadable);
        }
        ReadmeStep.Result r = ReadmeStep.run(48, 100, line -> System.out.println("core-only: " + line));
        ReadmeStep.check(r);
        if (!r.backend().equals("cpu")) {
            throw new AssertionError("with projunn-core alone, auto must open the CPU backend, got " + r.backend());
        }
        System.out.printf("core-only: OK: README example on %s, 100 steps, ||W^T W - I||_F = %.2e, ||W - W0||_F = %.3f%n",
                r.backend(), r.unitarityError(), r.moved());
    }

    /** Artifact names (version and extension stripped) of the jars on java.class.path, sorted. */
    static Set<String> classpathArtifacts() {
        Set<String> names = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String file = new File(entry).getName();
            if (file.endsWith(".jar")) {
                names.add(file.replaceFirst("-\\d.*\\.jar$", "").replaceFirst("\\.jar$", ""));
            }
        }
        return names;
    }
}
