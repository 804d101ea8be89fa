package org.projunn.cuda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.projunn.cuda.GpuTestSupport.requireGpu;

import jcuda.CudaException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.projunn.BackendFactory.Availability;

/** The probe's module load against the real driver: the jar's kernels load, a corrupt image does not. */
@Tag("gpu")
class CudaProbeGpuTest {

    @Test
    void realDriverLoadsTheKernelsAndRefusesACorruptImage() {
        requireGpu();
        CudaProbe.JCudaDriverQueries driver = new CudaProbe.JCudaDriverQueries();
        driver.init();
        assertDoesNotThrow(() -> driver.loadModule(KernelModule.readImage()));
        byte[] corrupt = KernelModule.readImage().clone();
        for (int i = 0; i < corrupt.length; i += 7) {
            corrupt[i] ^= (byte) 0x5a;
        }
        assertThrows(CudaException.class, () -> driver.loadModule(corrupt));

        Availability a = CudaProbe.decide(new CudaProbe.JCudaDriverQueries() {
            @Override
            public byte[] kernelImage() {
                return corrupt;
            }
        }, () -> "");
        assertFalse(a.usable(), a.detail());
        assertTrue(a.detail().contains("cannot load the kernels"), a.detail());
    }
}
