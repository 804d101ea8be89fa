package org.projunn.cuda;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs everywhere nvcc is: the build compiled the kernels into the jar's resources, and every
 * entry point the host code launches exists in the fatbin under its extern "C" name (so a
 * renamed kernel fails here, not on the first GPU that runs it).
 */
class KernelResourceTest {

    private static boolean nvccAvailable() {
        for (String nvcc : new String[] {"nvcc", "/usr/local/cuda/bin/nvcc"}) {
            try {
                Process p = new ProcessBuilder(nvcc, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return true;
                }
            } catch (java.io.IOException e) {
                // not at this path
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    @Test
    void fatbinIsBuiltAndHoldsEveryEntryPoint() {
        assumeTrue(nvccAvailable(), "nvcc not found: the build skips the kernels");
        assertTrue(KernelModule.present(), KernelModule.missingReason());
        byte[] image = KernelModule.readImage();
        assertNotNull(image);
        assertTrue(image.length > 100_000, "fatbin of " + image.length + " bytes");
        String text = new String(image, StandardCharsets.ISO_8859_1);
        List<String> missing = new ArrayList<>();
        for (String name : KernelLaunches.entryPoints()) {
            if (!text.contains(name + '\0')) {
                missing.add(name);
            }
        }
        assertTrue(missing.isEmpty(), "entry points missing from the fatbin: " + missing);
    }
}
