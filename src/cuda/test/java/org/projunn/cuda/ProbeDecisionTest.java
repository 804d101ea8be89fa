package org.projunn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jcuda.CudaException;
import org.junit.jupiter.api.Test;
import org.projunn.BackendFactory.Availability;

/**
 * Runs everywhere: the probe's decision order with a scripted driver. In particular, "usable"
 * needs the driver to have loaded the kernels: a driver that cannot (no code for this GPU, a
 * corrupt image) must make the probe say no, so that auto falls back to the CPU.
 */
class ProbeDecisionTest {

    /** A driver that answers from fields and logs what was asked. */
    private static class Scripted implements CudaProbe.DriverQueries {
        final List<String> asked = new ArrayList<>();
        int devices = 1;
        int[] cc = {9, 0};
        byte[] image = {1, 2, 3};
        CudaException loadFailure;

        @Override
        public void init() {
            asked.add("init");
        }

        @Override
        public int deviceCount() {
            asked.add("count");
            return devices;
        }

        @Override
        public int[] computeCapability() {
            asked.add("cc");
            return cc;
        }

        @Override
        public String deviceName() {
            return "Test GPU";
        }

        @Override
        public long totalMemory() {
            return 80L << 30;
        }

        @Override
        public int driverVersion() {
            return 13000;
        }

        @Override
        public byte[] kernelImage() {
            asked.add("image");
            return image;
        }

        @Override
        public void loadModule(byte[] img) {
            asked.add("load");
            if (loadFailure != null) {
                throw loadFailure;
            }
        }
    }

    @Test
    void kernelsTheDriverCannotLoadMakeTheBackendUnusable() {
        Scripted d = new Scripted();
        d.loadFailure = new CudaException("CUDA_ERROR_NO_BINARY_FOR_GPU");
        Availability a = CudaProbe.decide(d, () -> "GEMM: x; SVD: y");
        assertFalse(a.usable(), "the driver refused the kernels, yet the probe said: " + a.detail());
        assertTrue(a.detail().contains("CUDA_ERROR_NO_BINARY_FOR_GPU") && a.detail().contains("Test GPU"), a.detail());
        assertEquals(List.of("init", "count", "cc", "image", "load"), d.asked);
    }

    @Test
    void usableOnlyAfterTheKernelsLoaded() {
        Scripted d = new Scripted();
        Availability a = CudaProbe.decide(d, () -> "GEMM: cuBLAS; SVD: host");
        assertTrue(a.usable(), a.detail());
        assertTrue(d.asked.contains("load"), "usable without loading the kernels: " + d.asked);
        assertTrue(a.detail().startsWith("Test GPU (compute capability 9.0, 81920 MiB), driver CUDA 13.0; GEMM: cuBLAS"),
                a.detail());
    }

    @Test
    void earlierReasonsStopBeforeTheModuleLoad() {
        Scripted none = new Scripted();
        none.devices = 0;
        assertEquals("no CUDA device", CudaProbe.decide(none, () -> "").detail());
        Scripted old = new Scripted();
        old.cc = new int[] {7, 5};
        assertTrue(CudaProbe.decide(old, () -> "").detail().contains("compute capability 7.5"));
        Scripted noImage = new Scripted();
        noImage.image = null;
        assertEquals(KernelModule.missingReason(), CudaProbe.decide(noImage, () -> "").detail());
        for (Scripted d : List.of(none, old, noImage)) {
            assertFalse(d.asked.contains("load"), d.asked.toString());
        }
    }

    @Test
    void missingDriverLibraryIsOneLine() {
        Scripted d = new Scripted() {
            @Override
            public void init() {
                throw new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file: No such file or directory");
            }
        };
        Availability a = CudaProbe.decide(d, () -> "");
        assertFalse(a.usable());
        assertEquals("no CUDA driver (libcuda.so.1 not found)", a.detail());
    }
}
