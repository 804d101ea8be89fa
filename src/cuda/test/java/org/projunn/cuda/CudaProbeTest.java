package org.projunn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projunn.Backend;
import org.projunn.BackendFactory;
import org.projunn.Backends;

/** Runs everywhere: how the CUDA backend presents itself on a machine with or without a GPU. */
class CudaProbeTest {

    private static BackendFactory cudaFactory() {
        return Backends.factories().stream().filter(f -> f.name().equals("cuda")).findFirst()
                .orElseThrow(() -> new AssertionError("cuda factory not registered in META-INF/services"));
    }

    @Test
    void factoryIsRegisteredAboveTheCpu() {
        BackendFactory cuda = cudaFactory();
        assertEquals(10, cuda.priority());
        assertEquals("cuda", Backends.factories().get(0).name(), "auto must try cuda first");
    }

    @Test
    void probeAnswersQuicklyWithAReason() {
        long t0 = System.nanoTime();
        BackendFactory.Availability a = cudaFactory().probe();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.println("cuda probe (" + String.format("%.2f", seconds) + " s): usable=" + a.usable() + ", " + a.detail());
        assertTrue(a.detail() != null && !a.detail().isBlank(), "probe must say why or what");
        assertTrue(seconds < 20, "probe took " + seconds + " s");
        assertEquals(a, cudaFactory().probe(), "the probe is cached and stable");
    }

    @Test
    void withoutAUsableGpuAutoFallsBackToTheCpuWithOneLine() {
        BackendFactory.Availability a = cudaFactory().probe();
        assumeFalse(a.usable(), "a usable GPU is present: the fallback does not apply here");
        List<String> log = new ArrayList<>();
        try (Backend b = Backends.open("auto", log::add)) {
            assertEquals("cpu", b.name());
        }
        assertEquals(1, log.size(), "one line per skipped backend: " + log);
        assertTrue(log.get(0).contains("cuda") && log.get(0).contains(a.detail()), log.get(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backends.open("cuda", m -> { }));
        assertTrue(e.getMessage().contains(a.detail()), e.getMessage());
        assertFalse(a.detail().contains("Exception"), "a reason, not a stack trace: " + a.detail());
    }
}
