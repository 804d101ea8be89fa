package org.projunn.consumer;

import java.util.ArrayList;
import java.util.List;
import org.projunn.BackendFactory;
import org.projunn.Backends;

/**
 * A project that depends on projunn-core and projunn-cuda: ServiceLoader finds the CUDA backend;
 * where it cannot run (no GPU, driver or kernels), {@code Backends.open("auto", ...)} says why and
 * the README's example runs on the CPU; where it can, it runs on the GPU. Exits non-zero (an
 * uncaught error) when the backend chosen does not match what the CUDA probe reported.
 */
public final class CoreCuda {
    private CoreCuda() {
    }

    public static void main(String[] args) {
        System.out.println("core-cuda: runtime classpath jars: " + CoreOnly.classpathArtifacts());
        BackendFactory cuda = null;
        for (BackendFactory f : Backends.factories()) {
            if (f.name().equals("cuda")) {
                cuda = f;
            }
        }
        if (cuda == null) {
            throw new AssertionError("projunn-cuda is on the classpath but ServiceLoader did not find its BackendFactory");
        }
        BackendFactory.Availability probe = cuda.probe();
        System.out.println("core-cuda: cuda probe: " + (probe.usable() ? "usable: " : "not usable: ") + probe.detail());

        List<String> log = new ArrayList<>();
        ReadmeStep.Result r = ReadmeStep.run(48, 100, line -> {
            log.add(line);
            System.out.println("core-cuda: " + line);
        });
        ReadmeStep.check(r);
        String expected = probe.usable() ? "cuda" : "cpu";
        if (!r.backend().equals(expected)) {
            throw new AssertionError("auto opened " + r.backend() + " but the cuda probe said "
                    + (probe.usable() ? "usable" : "not usable") + " (" + probe.detail() + ")");
        }
        if (!probe.usable() && log.stream().noneMatch(l -> l.startsWith("backend cuda not used: ") && l.length() > 23)) {
            throw new AssertionError("auto fell back to the CPU without saying why cuda was not used: " + log);
        }
        System.out.printf("core-cuda: OK: README example on %s%s, 100 steps, ||W^T W - I||_F = %.2e, ||W - W0||_F = %.3f%n",
                r.backend(), probe.usable() ? "" : " (CPU fallback: " + probe.detail() + ")",
                r.unitarityError(), r.moved());
    }
}
